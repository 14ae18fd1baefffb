"""An objective with too few or too many key results (the article's mistake 3).

## What it does
Counts each objective's key results and flags fewer than `min` (default 3) or
more than `max` (default 5).

## Why is this bad?
One or two key results measure a single dimension, and the team optimises it at
the cost of everything else ("顾此失彼"). Seven or eight mean there is no focus.
Three to five key results measure an objective from enough sides to keep each
other honest while still fitting in everyone's head.

## Example
Bad:
```
O:提升服务质量
KR1:FTR达到95%
```
Good:
```
O:打造一次修好的服务能力
KR1:FTR从88%提升到95%
KR2:技师诊断准确率达到90%
KR3:返修率从12%降至5%
```

## Options
- `min` (integer, default 3): fewest key results an objective should have.
- `max` (integer, default 5): most key results an objective should have.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Objective, Problem

CODE = "OKR201"
NAME = "kr-count"
SCOPE = "objective"
SEVERITY = "error"
OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"min": {"type": "integer", "minimum": 0}, "max": {"type": "integer", "minimum": 1}},
}


def check(obj: Objective, ctx: Context) -> Iterator[Problem]:
    low, high = int(ctx.options.get("min", 3)), int(ctx.options.get("max", 5))
    n = len(obj.key_results)
    if n == 0:
        yield Problem("none", {"min": low, "max": high})
    elif n < low:
        yield Problem("too-few", {"count": n, "min": low, "max": high})
    elif n > high:
        yield Problem("too-many", {"count": n, "min": low, "max": high})
