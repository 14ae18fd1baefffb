"""The objective is a to-do, not an aspiration (the article's checklist: "不是任务,是愿景").

## What it does
Flags an objective that opens with a task verb — `完成业绩目标`, `完成CRM系统迁移`,
`召开年度客户大会`, `Complete the migration`, `Launch v2.0`, `Hire 3 engineers`
(also after 按时/如期/顺利/successfully) — or that is a deliverable ending in one
(`新版App上线`), unless the same objective also says what the work is for
(`完成数字化转型,实现运营效率倍增`, `Launch a docs site that newcomers love`).
The word lists are `objective_task_verbs`, `objective_task_prefixes`,
`objective_task_endings` and `objective_aspiration_words` in `rules/vocabulary/`.

To avoid reporting one line twice, it stays silent where `kpi-as-okr` (OKR102,
a KPI list renamed OKR, which already says the objective is routine work) or
`objective-is-metric` (OKR101, a number as objective) fires on the same
objective, even when those rules are switched off.

## Why is this bad?
A task is done or not done; it cannot be 70 % achieved, and finishing it says
nothing about whether anything got better. The article's checklist asks of
every objective: is it inspiring — a vision, not a task? Put the work into the
plan (or a key result's how), and make the objective the change the work should
bring about.

## Example
Bad:
```
O:完成CRM系统迁移
Objective: Complete the migration to the new billing system
```
Good:
```
O:打造数字化服务平台,实现运营效率倍增
Objective: Make billing something customers never have to call us about
```

## Options
None.
"""
from __future__ import annotations

import functools
import re
from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Objective, Problem
from okrlint.packs import vocabulary
from okrlint.regex_cache import compiled, longest_first
from okrlint.rules import kpi_as_okr, objective_is_metric
from okrlint.rules._common import branches, fold, foldable
from okrlint.rules.objective_vague import MAX_TITLE, clean_title

CODE = "OKR104"
NAME = "objective-is-task"
SCOPE = "objective"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}

_LEAD = compiled(r"[\s,，、;；:：.。!！\-–—>*#]*")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in longest_first(words))


@functools.cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str]]:
    """(opening task verb, deliverable ending, aspiration or escape word) for one language."""
    verbs, prefixes, endings, escapes = _words(lang)
    if lang == "en":
        verb = compiled(rf"(?:(?:{_alt(prefixes)})\s+)?(?P<verb>(?:{_alt(verbs)})(?:s|es|d|ed|ing)?)(?![A-Za-z-])",
                          re.IGNORECASE)
        escape = compiled(rf"(?<![A-Za-z-])(?:{_alt(escapes)})(?![A-Za-z-])", re.IGNORECASE)
        return verb, None, escape
    nouns = vocabulary(lang).get("objective_task_noun_suffixes", [])
    verb = compiled(rf"(?:(?:{_alt(prefixes)})\s*)?(?P<verb>{_alt(verbs)})(?!{_alt(nouns)})")
    ending = compiled(rf"(?P<verb>{_alt(endings)})[\s。.!！]*$")
    return verb, ending, compiled(_alt(escapes))


def _words(lang: str) -> tuple[list[str], list[str], list[str], list[str]]:
    voc = vocabulary(lang)
    verbs, prefixes = voc.get("objective_task_verbs", []), voc.get("objective_task_prefixes", [])
    endings = voc.get("objective_task_endings", [])
    escapes = voc.get("objective_aspiration_words", []) + voc.get("objective_task_escapes", [])
    return verbs, prefixes, endings, escapes


@functools.cache
def _en_firsts() -> tuple[frozenset[str], frozenset[str]] | None:
    """What the English (verb, escape) patterns can start with, on folded text (see _common.fold): without
    it they cannot match, and need not be compiled. None if the words do not fold."""
    verbs, prefixes, _, escapes = _words("en")
    if not foldable(verbs + prefixes + escapes) or not all(verbs + prefixes + escapes) or not escapes:
        return None
    starts = frozenset(w[0].lower() for w in verbs + prefixes)
    return starts, frozenset(w[0].lower() for w in escapes)


@functools.cache
def _en_folded() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The English (verb, escape) patterns for folded text (only when _en_firsts() is not None)."""
    verbs, prefixes, _, escapes = _words("en")
    low = [longest_first((w.lower() for w in words)) for words in (prefixes, verbs)]
    verb = compiled(rf"(?:(?:{_alt(low[0])})\s+)?(?P<verb>(?:{_alt(low[1])})(?:s|es|d|ed|ing)?)(?![a-z-])")
    escape = compiled(branches(((w, "", "[a-z-]") for w in longest_first(escapes)), "(?![a-z-])"))
    return verb, escape


def task_verb(title: str) -> str | None:
    """The task verb that makes ``title`` a to-do, or None when it reads as an aspiration.

    Both languages are tried: mixed lines ("完成 Kubernetes 迁移") are common.
    """
    return _task_verb(clean_title(title))


def _task_verb(cleaned: str) -> str | None:
    text = cleaned[_LEAD.match(cleaned).end():]  # type: ignore[union-attr]  # _LEAD always matches
    verb_rx, ending_rx, escape_rx = _patterns("zh")
    if escape_rx.search(text):
        return None
    m = verb_rx.match(text) or ending_rx.search(text)  # type: ignore[union-attr]
    found = m.group("verb") if m is not None else None
    firsts = _en_firsts()
    low = fold(text) if firsts is not None else None
    if firsts is None or low is None:
        verb_rx, _, escape_rx = _patterns("en")
        if escape_rx.search(text):
            return None
        m = verb_rx.match(text)
    else:
        starts, escape_start = firsts
        if not escape_start.isdisjoint(low) and _en_folded()[1].search(low):
            return None
        m = _en_folded()[0].match(low) if low[:1] in starts else None
    if m is not None and found is None:
        found = text[m.start("verb"):m.end("verb")]  # as written, not as folded
    return found


def check(obj: Objective, ctx: Context) -> Iterator[Problem]:
    title = obj.title
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE:
        return
    verb = _task_verb(ctx.memo(clean_title, title))
    if verb is None:
        return
    # One finding per line: these rules already say what is wrong with this objective.
    if any(True for _ in kpi_as_okr.check(obj, ctx)) or any(True for _ in objective_is_metric.check(obj, ctx)):
        return
    yield Problem("task", {"text": title.strip(), "verb": verb})
