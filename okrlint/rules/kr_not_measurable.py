"""A key result with no number and no verifiable criterion: nobody can tell whether it was met.

## What it does
Flags a key result (or one clause of it) that describes a wish for a better
state without anything to check it against: no number, no placeholder for one
(`from X to Y`, `TBD`), no structured `target`/`baseline`/`metric` field, and
no absolute criterion (`零`, `全部`, `100%`, `zero`, `all`, `every`, `weekly`),
while it uses words of vague improvement (`提升`, `优化`, `实时可视化`,
`improve`, `better`, `visibility`).

To stay precise it leaves alone a plain deliverable (`上线新系统`,
`launch the onboarding flow`): whether it shipped can be checked, and
`kr-is-task` says what is wrong with it.

## Why is this bad?
A key result answers "how do we know we got there?". "Improve documentation"
is a direction, not a result: at the quarterly review there is nothing to
score, so the grade becomes an opinion.

## Example
Bad:
```
KR4:建立售后数据看板,核心指标(NPS/FTR/留存率)实时可视化
KR: Improve documentation
```
Good:
```
KR4:核心指标(NPS/FTR/留存率)数据延迟从T+1缩短到15分钟以内
KR: Cut "how do I…" support tickets from 120 to 40 a month with new docs
KR: Zero P1 incidents caused by configuration drift
```

## Options
None. The word lists are `vague_words`, `kr_vague_words` and `kr_criteria` in
rules/vocabulary.
"""
from __future__ import annotations

import functools
import re
from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import KeyResult, Problem
from okrlint.packs import vocabulary
from okrlint.regex_cache import compiled, longest_first
from okrlint.rules._common import Folded, branches, foldable
from okrlint.rules.kr_is_task import clauses, starts_with_task, strip_lead, stripped_lead
from okrlint.text import analyze

CODE = "OKR203"
NAME = "kr-not-measurable"
SCOPE = "key_result"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}

# A redacted or not-yet-set number: "from X to Y", "by N%", "TBD", "xx%", "[target]".
_PLACEHOLDER = compiled(
    r"(?<![A-Za-z])(?:[XYZN]|XX+|xx+|TBD|TBC|tbd|tbc|N/A)(?![A-Za-z])|[?？]{1,3}%|_{2,}|\[(?:target|baseline|目标|基线)\]"
    r"|[Xx×]+%|待定"
)
_DIGIT = compiled(r"\d")


def _words_rx(key: str, extra_key: str) -> Folded:
    zh = set(vocabulary("zh").get(key, [])) | set(vocabulary("zh").get(extra_key, []))
    en = set(vocabulary("en").get(key, [])) | set(vocabulary("en").get(extra_key, []))
    zh_words = longest_first(zh)
    en_words = longest_first(en)
    zh_alt = "|".join(re.escape(w) for w in zh_words) or "(?!)"
    en_alt = "|".join(re.escape(w) for w in en_words) or "(?!)"
    folded = None
    if foldable(zh_words + en_words) and "" not in zh and "" not in en:
        items = [(w, "", None) for w in zh_words] + [(w, r"(?![\w-])", r"[\w-]") for w in en_words]
        folded = branches(items) or "(?!)"
    return Folded(folded, rf"(?:{zh_alt})|(?<![\w-])(?:{en_alt})(?![\w-])")


@functools.cache
def _vague() -> Folded:
    return _words_rx("vague_words", "kr_vague_words")


@functools.cache
def _criteria() -> Folded:
    return _words_rx("kr_criteria", "kr_criteria")


def unmeasurable_clause(text: str) -> str | None:
    """The first clause that wishes for something without a way to check it, else None."""
    return _unmeasurable(strip_lead(text))


def _unmeasurable(body: str) -> str | None:
    if not body or _DIGIT.search(body) or _PLACEHOLDER.search(body) or _criteria().search(body):
        return None
    facts = analyze(body[:2000])
    if facts.numbers or facts.relative is not None:
        return None  # "double signups", "翻倍"
    for part in clauses(body):
        if starts_with_task(part, normalized=True):
            continue  # a deliverable can be checked (done or not); kr-is-task speaks about it
        if _vague().search(part) or analyze(part).direction in ("up", "down"):
            return part
    return None


def check(kr: KeyResult, ctx: Context) -> Iterator[Problem]:
    fields = kr.fields
    if fields and any(fields.get(k) is not None for k in ("target", "baseline", "actual")):
        return
    part = _unmeasurable(ctx.memo(stripped_lead, kr.title)[0])
    if part is not None:
        yield Problem("not-measurable", {"text": kr.title, "clause": part})
