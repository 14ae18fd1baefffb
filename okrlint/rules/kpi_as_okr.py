"""A KPI renamed OKR: a business-as-usual objective measured by plain totals (the article's mistake 1).

## What it does
Flags an objective that restates routine business targets (`完成业绩目标`,
`hit revenue targets`, `meet quota`) when most of its key results are plain
totals with no starting point or change (`收入达到1000万`, `毛利率达到45%`,
`成本控制在500万以内`).

## Why is this bad?
KPIs guard the floor: they must reach 100 % and may bind to pay. OKRs push for
a breakthrough and are expected to land at 0.6–0.7. Calling a KPI list an OKR
gets neither: people sandbag the targets, and nothing new is attempted. Keep
the KPIs (in a `kpis:` section) and write the OKR about the change that would
move them.

## Example
Bad:
```
O:完成业绩目标
KR1:收入达到1000万
KR2:毛利率达到45%
KR3:成本控制在500万以内
```
Good:
```
O:打造数字化服务平台,实现运营效率倍增
KR1:客户自助服务率从10%提升到40%
KR2:人工咨询量减少30%
KR3:运营成本降低20%
```
English: `O: Hit revenue targets` / `KR1: Revenue reaches $10M` is flagged;
`O: Make self-service the way customers get help` / `KR1: Raise self-service
rate from 10% to 40%` passes.

## Options
- `min_share` (number, default 0.6): share of key results that must be plain
  totals for the objective to be flagged.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Objective, Problem
from okrlint.rules._common import find_any_lang

CODE = "OKR102"
NAME = "kpi-as-okr"
SCOPE = "objective"
SEVERITY = "error"
OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"min_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}},
}


def check(obj: Objective, ctx: Context) -> Iterator[Problem]:
    hit = find_any_lang("bau_objectives", obj.title)
    if hit is None or not obj.key_results:
        return
    totals = 0
    for kr in obj.key_results:
        f = ctx.facts(kr)
        if f.baseline is None and f.relative is None and f.target is not None:
            totals += 1
    share = float(ctx.options.get("min_share", 0.6))
    if totals >= 2 and totals >= share * len(obj.key_results):
        yield Problem("kpi-renamed", {"text": obj.title, "phrase": hit.group(), "totals": totals,
                                      "count": len(obj.key_results)})
