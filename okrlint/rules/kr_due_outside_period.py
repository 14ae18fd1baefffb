"""A key result whose deadline falls outside the document's period.

## What it does
Compares the deadline of each key result — its `due:` field, or a date or
quarter in its text (`Q4前`, `2026年3月31日前`, `by end of Q2`) — with the
document's period (`period: 2026-Q1`) and flags one that ends after the period
or before it starts. A deadline written without a year is read in the period's
year; when the period spans two calendar years, either reading inside it passes.

## Why is this bad?
OKRs are set, tracked and graded per period. A key result due after the
quarter cannot be scored at the quarter's review, and one due before the
quarter starts belongs to the last cycle. Either the date is a typo or the
key result belongs to another period's OKRs.

## Example
Bad (in a `period: 2026-Q1` document):
```
KR1:Q4前返修率从12%降至5%
KR1: Cut the repeat-repair rate from 12% to 5% by end of Q4
```
Good:
```
KR1:3月底前返修率从12%降至8%
KR1: Cut the repeat-repair rate from 12% to 8% by March 31
```

## Options
None.
"""
from __future__ import annotations

import datetime as _dt
from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import KeyResult, Problem
from okrlint.regex_cache import compiled
from okrlint.text import analyze

CODE = "OKR302"
NAME = "kr-due-outside-period"
SCOPE = "key_result"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}

# Links carry dates that are not deadlines: ".../okr/2025-12-01", "[plan](https://x/2025/q3)".
_URL = compiled(r"(?i:https?://|www\.)[^\s)\]>]+")
_YEAR = compiled(r"(?<!\d)(?:19|20)\d{2}(?!\d)|FY ?\d{2}|'\d{2}")


def _dates(kr: KeyResult, ctx: Context) -> list[_dt.date]:
    """The deadline read in each candidate year (one date when the year is written or the period is one year)."""
    facts = ctx.facts(kr)
    dl = facts.deadline
    if dl is None or dl.date is None:
        return []
    if dl.start >= 0 and any(m.start() <= dl.start < m.end() for m in _URL.finditer(kr.title)):
        return []
    doc = ctx.doc
    assert doc is not None and doc.period is not None
    due = kr.fields.get("due") if kr.fields else None
    if isinstance(due, _dt.date) or _YEAR.search(dl.text):
        return [dl.date]
    dates = [dl.date]
    start_year = doc.period.start.year
    if start_year != doc.period.end.year:
        source = str(due) if due is not None else kr.title
        other = analyze(source, start_year).deadline
        if other is not None and other.date is not None:
            dates.append(other.date)
    return dates


def check(kr: KeyResult, ctx: Context) -> Iterator[Problem]:
    doc = ctx.doc
    if doc is None or doc.period is None:
        return
    dates = _dates(kr, ctx)
    if not dates:
        return
    start, end = doc.period.start, doc.period.end
    if any(start <= d <= end for d in dates):
        return
    d = dates[0]
    args = {"due": d.isoformat(), "period": doc.period.raw, "start": start.isoformat(), "end": end.isoformat()}
    span = kr.field_span("due") if kr.fields and "due" in kr.fields else None
    yield Problem("after-period" if d > end else "before-period", args, span=span)
