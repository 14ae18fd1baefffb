"""A key result whose verb and numbers disagree: "raise" from 45 to 40, "reduce" from 5 % to 8 %.

## What it does
Compares the direction verb of a key result (`提升`, `降低`, `increase`,
`reduce`, …) with its baseline and target, and flags a verb that says up while
the numbers go down, or the reverse.

One loose usage is left alone: Chinese often writes `提升` for "improve", so an
up-verb with numbers going down on a lower-is-better metric
(`响应时间从5分钟提升到2分钟`) is read as "improve", not as a mistake.

## Why is this bad?
Either the verb or a number is wrong, and the team cannot know which: is the
target 40, or should NPS rise? At review time the score depends on who reads it.

## Example
Bad:
```
KR1:NPS从45提升到40
KR1: Reduce the complaint rate from 5% to 8%
```
Good:
```
KR1:NPS从45提升到55
KR1: Reduce the complaint rate from 5% to 2%
```

## Options
None.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import KeyResult, Problem
from okrlint.rules.kr_metric_polarity import movement, polarity

CODE = "OKR207"
NAME = "kr-direction-mismatch"
SCOPE = "key_result"
SEVERITY = "error"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}


def check(kr: KeyResult, ctx: Context) -> Iterator[Problem]:
    facts = ctx.facts(kr)
    b, t = facts.baseline, facts.target
    verb = facts.direction
    if b is None or t is None or verb not in ("up", "down"):
        return
    move = movement(facts)
    if move is None or move == verb:
        return
    if verb == "up" and polarity(facts.metric) == "lower":
        return  # "提升响应时间": 提升 used for "improve"
    args = {"verb": facts.direction_word or "", "baseline": b.text, "target": t.text, "text": kr.title}
    yield Problem("says-up-goes-down" if verb == "up" else "says-down-goes-up", args)
