"""Two key results of one objective that target the same metric.

## What it does
Compares the metric each key result of an objective measures (the words before
its numbers, or a `metric:` field) and flags every key result after the first
that measures the same one, or repeats another key result word for word. Key
results scoped differently are kept apart: a parenthetical or the words after
the target differ (`NPS从40提升到50(企业客户)` / `NPS从30提升到40(个人客户)`).

The finding stands on the repeated key result.

## Why is this bad?
Key results measure an objective from several sides so they keep each other
honest (FTR *and* diagnosis accuracy *and* repeat repairs). Two key results on
one metric count it twice, leave a side unmeasured, and usually contradict each
other (`FTR从88%提升到99%` next to `FTR从88%提升到89%`).

## Example
Bad:
```
O:提升服务质量
KR1:FTR从88%提升到99%
KR2:FTR从88%提升到89%

Objective: Improve service quality
- KR1: Raise FTR from 88% to 95%
- KR2: FTR reaches 97% by end of Q4
```
Good:
```
O:打造一次修好的服务能力
KR1:FTR从88%提升到95%
KR2:技师诊断准确率达到90%
KR3:返修率从12%降至5%
```

## Options
None.
"""
from __future__ import annotations

from typing import Any, Iterator

from okrlint.engine.context import Context
from okrlint.model import Objective, Problem
from okrlint.regex_cache import compiled
from okrlint.rules.kr_is_task import stripped_lead
from okrlint.text import Facts

CODE = "OKR210"
NAME = "kr-duplicate"
SCOPE = "objective"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}

_PAREN = compiled(r"[(（]([^()（）]{0,80})[)）]")
_NOISE = compiled(r"[\s\W_]+")
# The same for ASCII text, in one C pass: _NOISE keeps exactly [A-Za-z0-9] of ASCII; lowered on the way.
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_ASCII_NOISE = bytes(c for c in range(128) if not chr(c).isalnum())
_LEADING_ARTICLE = compiled(r"^(?i:the|our|a|an)[ ]+")
_ARTICLE_STARTS = frozenset("tToOaA")  # what _LEADING_ARTICLE can start with (no other letter folds to these)
# Words after the target that only say when, not for whom: they do not make a different scope.
_TIME_TAIL = compiled(r"(?i:by|before|until|in|end|of|q[1-4]|h[12]|前|底|内|之前|月|年|季度|\d|[-/.])+")


def _squash(text: str) -> str:
    """``_NOISE.sub("", text).lower()``: the word characters (but ``_``), lowered."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_LOWER, _ASCII_NOISE).decode("ascii")
    return _NOISE.sub("", text).lower()


def _key(metric: str | None) -> str | None:
    if not metric:
        return None
    m = metric.strip()
    if m[:1] in _ARTICLE_STARTS:
        m = _LEADING_ARTICLE.sub("", m)
    key = _squash(m)
    return key or None


def _scope(title: str, facts: Facts) -> tuple[str, str]:
    """What sets a key result's population apart: its parentheticals and the words after its target."""
    paren = "|".join(sorted(_squash(p) for p in _PAREN.findall(title))) if _has_paren(title) else ""
    tail = ""
    t = facts.target
    if t is not None and t.end > 0:
        rest = title[t.end:]
        if _has_paren(rest):
            rest = _PAREN.sub("", rest)
        if facts.deadline is not None and facts.deadline.start >= t.end:
            rest = rest.replace(facts.deadline.text, "")
        rest = _squash(rest)
        tail = "" if _TIME_TAIL.fullmatch(rest or "0") else rest
    return paren, tail


def _has_paren(text: str) -> bool:
    """Cheaper than the regex, and most key results have no parenthesis."""
    return "(" in text or "（" in text


def check(obj: Objective, ctx: Context) -> Iterator[Problem]:
    # Key results measuring one metric, by metric key: [index, title, facts, scope or None until needed].
    # The scope is worked out only when a later key result shares the key (rare outside duplicates).
    seen_metric: dict[str, list[list[Any]]] = {}
    seen_text: dict[str, int] = {}
    for i, kr in enumerate(obj.key_results):
        facts = ctx.facts(kr)
        text_key = _squash(ctx.memo(stripped_lead, kr.title)[0])
        if text_key and text_key in seen_text:
            first = seen_text[text_key]
            yield Problem("same-text", {"other": first + 1, "text": kr.title}, span=kr.span, node_path=kr.node_path)
            continue
        if text_key:
            seen_text[text_key] = i
        key = _key(facts.metric)
        if key is None:
            continue
        earlier = seen_metric.get(key)
        if earlier is None:
            seen_metric[key] = [[i, kr.title, facts, None]]
            continue
        scope = _scope(kr.title, facts)
        for entry in earlier:
            if entry[3] is None:
                entry[3] = _scope(entry[1], entry[2])
            if entry[3] == scope:
                yield Problem("same-metric", {"other": entry[0] + 1, "metric": facts.metric, "text": kr.title},
                              span=kr.span, node_path=kr.node_path)
                break
        else:
            earlier.append([i, kr.title, facts, scope])
