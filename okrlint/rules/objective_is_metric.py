"""The objective is a number, not a direction (the article's mistake 2: "O写成了KR").

## What it does
Flags an objective whose text is a measurable result: a change from one value
to another (`NPS从45分提升到55分`, `increase NPS from 45 to 55`), a relative
change (`降低成本20%`, `cut costs by 20%`) or a target level (`FTR达到95%`,
`reach 95% FTR`).

## Why is this bad?
An objective says where the team wants to go and why it matters; key results
say how you will know you got there. A number in the objective's place leaves
the team with a target but no direction, and crowds out the key results that
should measure it.

## Example
Bad:
```
O:NPS从45分提升到55分
O: Increase NPS from 45 to 55
```
Good:
```
O:打造让客户惊喜的服务体验
KR1:NPS从45分提升到55分
O: Build a service experience customers rave about
KR1: Increase NPS from 45 to 55
```

## Options
None.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Objective, Problem

CODE = "OKR101"
NAME = "objective-is-metric"
SCOPE = "objective"
SEVERITY = "error"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}


def check(obj: Objective, ctx: Context) -> Iterator[Problem]:
    facts = ctx.facts(obj)
    if not facts.numbers:
        return  # "实现运营效率倍增", "doubles efficiency": an aspiration in words, not a metric
    if facts.baseline is not None and facts.target is not None:
        yield Problem("change-as-objective", {"text": obj.title})
    elif (facts.relative is not None and facts.relative in facts.numbers) or facts.target is not None:
        yield Problem("target-as-objective", {"text": obj.title})
