"""A key result whose target barely moves from where it starts (CRAFT: Ambitious).

## What it does
Takes the baseline and the target of a key result and flags a change that is
small on both of two measures:

* relative to the starting value (`NPS从45分提升到47分` is +4 %), and
* for percentages, as a share of the remaining headroom — the way to 100 %
  when going up, to 0 % when going down (`FTR从88%提升到89%` closes 1 of the
  12 points left, 8 %).

Both must be below their thresholds, so `99.9% → 99.95%` uptime (half the
remaining downtime) passes, and so do `88% → 95%` and `45 → 55`. Key results
that keep a level (`维持`, `maintain`) or state a limit are not checked.

## Why is this bad?
A one-point gain needs no breakthrough: business as usual gets there, so the
key result will score 1.0 and teach nothing. OKRs are for stretch goals —
the article's sweet spot is 60–70 % completion of an ambitious target; levels
that must simply hold belong in KPIs.

## Example
Bad:
```
KR:FTR从88%提升到89%
KR: Increase NPS from 45 to 47
```
Good:
```
KR:FTR从88%提升到95%
KR: Increase NPS from 45 to 55
```

## Options
- `min_relative_gain` (number, default 0.05): smallest change as a share of the
  baseline (0.05 = 5 %) that counts as ambitious.
- `min_headroom_share` (number, default 0.25): for percentages, smallest share
  of the remaining way to 100 % (or to 0 % going down) that counts as ambitious.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import KeyResult, Problem
from okrlint.rules.kr_metric_polarity import movement
from okrlint.rules.kr_unit_mismatch import comparable, mismatch

CODE = "OKR205"
NAME = "kr-unambitious"
SCOPE = "key_result"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "min_relative_gain": {"type": "number", "minimum": 0},
        "min_headroom_share": {"type": "number", "minimum": 0, "maximum": 1},
    },
}


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def check(kr: KeyResult, ctx: Context) -> Iterator[Problem]:
    facts = ctx.facts(kr)
    b, t = facts.baseline, facts.target
    if b is None or t is None or facts.direction == "keep" or facts.limit is not None:
        return
    bv, tv = comparable(b, t)
    if bv <= 0:
        return
    gain = abs(tv - bv)
    min_rel = float(ctx.options.get("min_relative_gain", 0.05))
    if gain / bv >= min_rel:
        return  # the common case, tested first: each test here only ends the check
    move = movement(facts)
    if move is None or mismatch(b, t) is not None:
        return
    if facts.direction in ("up", "down") and facts.direction != move:
        return  # the verb disagrees with the numbers: kr-direction-mismatch speaks about it
    min_head = float(ctx.options.get("min_headroom_share", 0.25))
    if (b.unit or t.unit) == "%":
        room = (100.0 - bv) if move == "up" else bv
        if room <= 0 or gain / room >= min_head:
            return
    unit = (t.unit or b.unit or "")
    unit = "" if unit in ("x", "倍") else unit
    yield Problem("small-gain", {"metric": facts.metric or "", "baseline": b.text, "target": t.text,
                                 "gain": f"{_fmt(gain)}{'pp' if unit == '%' else unit}",
                                 "share": f"{gain / bv:.0%}"})
