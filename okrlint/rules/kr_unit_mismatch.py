"""A key result whose baseline and target are written in different units.

## What it does
Flags a key result whose starting value and target carry units of different
kinds: a score and a percentage (`从45分提升到55%`), a count and a share, money
and a percentage. Units of one kind convert and pass (`从2小时缩短到30分钟`,
`from 2s to 800ms`), and so do counters (`10家门店` / `20个门店`). A unit written
on only one side is read as shared (`从45提升到55分`).

## Why is this bad?
"From 45 points to 55 %" cannot be compared: nobody can say whether it is a
step up, and at review time progress cannot be measured against either number.
Usually one of the two is a typo or the metric changed between drafts.

## Example
Bad:
```
KR1:NPS从45分提升到55%
KR1: Raise NPS from 45 points to 55%
```
Good:
```
KR1:NPS从45分提升到55分
KR1: Raise NPS from 45 to 55
```

## Options
None.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import KeyResult, Problem
from okrlint.text import Quantity

CODE = "OKR209"
NAME = "kr-unit-mismatch"
SCOPE = "key_result"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}

_KINDS: dict[str, str] = {}
for _kind, _units in {
    "percent": ("%", "pp", "‰", "bp", "成"),
    "time": ("ms", "s", "min", "h", "day", "week", "month", "year", "毫秒", "秒", "秒钟", "分钟", "小时", "个小时",
             "天", "周", "星期", "个月", "年", "季度", "工作日", "个工作日", "人天", "人日"),
    "money": ("$", "¥", "€", "£", "元", "美元", "块", "块钱"),
    "score": ("分", "pt", "星", "级"),
    "multiple": ("x", "倍"),
}.items():
    for _u in _units:
        _KINDS[_u] = _kind


# Seconds per time unit, so "from 2 hours to 30 minutes" compares as 7200 s -> 1800 s.
_SECONDS: dict[str, float] = {
    "ms": 0.001, "毫秒": 0.001, "s": 1, "秒": 1, "秒钟": 1, "min": 60, "分钟": 60, "h": 3600, "小时": 3600,
    "个小时": 3600, "day": 86400, "天": 86400, "工作日": 86400, "个工作日": 86400, "week": 604800, "周": 604800,
    "星期": 604800, "month": 2592000, "个月": 2592000, "季度": 7776000, "year": 31536000, "年": 31536000,
}


def comparable(baseline: Quantity, target: Quantity) -> tuple[float, float]:
    """Baseline and target values on one scale (time units converted to seconds)."""
    b, t = baseline.value, target.value
    if baseline.unit in _SECONDS and target.unit in _SECONDS and baseline.unit != target.unit:
        return b * _SECONDS[baseline.unit], t * _SECONDS[target.unit]
    return b, t


def unit_kind(unit: str | None) -> str | None:
    if unit is None:
        return None
    return _KINDS.get(unit, "count")


def written_unit(q: Quantity) -> str | None:
    """The unit as written next to this number (facts share one side's unit with the other)."""
    if q.start < 0:
        return q.unit  # a structured field: its unit is what the field or `unit:` says
    return q.written_unit


def mismatch(baseline: Quantity, target: Quantity) -> tuple[str, str] | None:
    b, t = written_unit(baseline), written_unit(target)
    kb, kt = unit_kind(b), unit_kind(t)
    if kb is None or kt is None or kb == kt:
        return None
    if {kb, kt} == {"time", "score"} and "分" in (b, t):
        return None  # "3分" is also written for three minutes
    return b or "", t or ""


def check(kr: KeyResult, ctx: Context) -> Iterator[Problem]:
    facts = ctx.facts(kr)
    if facts.baseline is None or facts.target is None:
        return
    got = mismatch(facts.baseline, facts.target)
    if got is not None:
        yield Problem("mismatch", {"baseline": facts.baseline.text, "target": facts.target.text,
                                   "baseline_unit": got[0], "target_unit": got[1]})
