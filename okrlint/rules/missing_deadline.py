"""Neither the document's period nor the key result gives a time bound (CRAFT: Time-bound).

## What it does
Flags key results in a document with no `period` (front matter, `period:` key or
a period in the first heading such as `# 2026 Q1 OKR`) that give no deadline of
their own (`Q4前`, `2026年3月31日前`, `by end of Q2`, `due: 2026-03-31`).

## Why is this bad?
Without a deadline there is no urgency, and without urgency nothing moves.
Team OKRs usually run for a quarter; say which one, once, in the document.

## Example
Bad:
```
KR:FTR提升到95%
KR: Raise FTR to 95%
```
Good:
```
KR:Q4前FTR提升到95%
KR: Raise FTR to 95% by end of Q4
```
or a `period: 2026-Q4` for the whole document.

## Options
None.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import KeyResult, Problem

CODE = "OKR301"
NAME = "missing-deadline"
SCOPE = "key_result"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}


def check(kr: KeyResult, ctx: Context) -> Iterator[Problem]:
    doc = ctx.doc
    if doc is None or doc.period is not None or doc.period_raw:
        return
    if ctx.facts(kr).deadline is not None:
        return
    if ctx.parent is not None and ctx.facts(ctx.parent).deadline is not None:
        return  # "Q1: …" on the objective bounds its key results
    yield Problem("no-deadline", {"text": kr.title})
