"""A key result whose target is out of reach (CRAFT: Realistic).

## What it does
Flags a target that cannot or will almost surely not be reached:

* a share above 100 % (`覆盖率达到120%`, `retention reaches 105%`) — growth by
  more than 100 % (`revenue up 150%`) is fine;
* a target beyond the benchmark the team configured for the metric
  (`benchmarks: {FTR: 97%}` in `.okrlint.yaml`; below it for a metric written
  with a down verb or listed as lower-is-better);
* a near-perfect target from an already high starting level, in one period:
  going up from at least `high_baseline` % to at least `near_perfect` % while
  gaining at least `min_gap` points (`FTR从88%提升到99%`). Reliability "nines"
  (`99.9% → 99.95%`) gain less than `min_gap` and pass.

## Why is this bad?
Realistic means "a jump that can be reached", not "safe". The article: the
industry's best first-time-fix rate is 95–97 %; from 95 % to 99 % the
difficulty grows exponentially and 99 % may take three to five years. A target
everyone knows is impossible stops guiding work and makes the score meaningless.

## Example
Bad:
```
KR:FTR从88%提升到99%
KR: Raise FTR from 88% to 99%
```
Good:
```
KR:FTR从88%提升到95%
KR: Raise FTR from 88% to 95%
```

## Options
- `high_baseline` (number, default 80): a percentage baseline at or above
  this is already high.
- `near_perfect` (number, default 98): a percentage target at or above this is
  near perfect.
- `min_gap` (number, default 3): smallest gain, in percentage points, that the
  near-perfect check considers.
Benchmarks come from the top-level config key `benchmarks` (metric -> value).
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from okrlint.engine.context import Context
from okrlint.model import KeyResult, Problem
from okrlint.regex_cache import compiled
from okrlint.rules.kr_metric_polarity import movement, polarity
from okrlint.text import Facts, Quantity

CODE = "OKR206"
NAME = "kr-unrealistic"
SCOPE = "key_result"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "high_baseline": {"type": "number", "minimum": 0, "maximum": 100},
        "near_perfect": {"type": "number", "minimum": 0, "maximum": 100},
        "min_gap": {"type": "number", "minimum": 0},
    },
}

# Metrics that are shares of a whole: a level above 100 % is impossible.
_SHARE = compiled(
    r"率|占比|比例|份额|覆盖|渗透|满意度|(?<![A-Za-z])(?i:rate|ratio|share|coverage|percentage|accuracy|retention"
    r"|availability|uptime|adoption|penetration|satisfaction|compliance|FTR|FCR|CSAT)(?![A-Za-z])"
)


def _benchmark(ctx: Context, metric: str | None, text: str) -> tuple[str, Quantity] | None:
    bench = ctx.config.get("benchmarks") if ctx.config is not None else None
    if not isinstance(bench, dict) or not bench:
        return None
    from okrlint.engine.facts import to_quantity

    hay = metric or text
    for key, value in bench.items():
        k = str(key).strip()
        if not k:
            continue
        rx = compiled(rf"(?<![A-Za-z0-9]){re.escape(k)}(?![A-Za-z0-9])", re.IGNORECASE)
        if rx.search(hay):
            q = to_quantity(value)
            if q is not None:
                return k, q
    return None


def _problem(facts: Facts, kr: KeyResult, ctx: Context) -> Problem | None:
    t, b = facts.target, facts.baseline
    if t is None or t.comparator == "~":
        return None
    if t.unit == "%" and t.value > 100 and facts.relative is None and _SHARE.search(facts.metric or kr.title):
        return Problem("over-100", {"target": t.text, "metric": facts.metric or ""})
    config = ctx.config
    bench = config.get("benchmarks") if config is not None else None
    got = _benchmark(ctx, facts.metric, kr.title) if isinstance(bench, dict) and bench else None
    if got is not None:
        key, bq = got
        if bq.unit is None or t.unit is None or bq.unit == t.unit:
            lower = facts.direction == "down" or movement(facts) == "down" or polarity(facts.metric) == "lower"
            if (t.value < bq.value) if lower else (t.value > bq.value):
                return Problem("beyond-benchmark", {"target": t.text, "metric": key, "benchmark": str(ctx.config.get("benchmarks")[key])})
            return None  # a configured benchmark replaces the generic guess
    if b is None or t.unit != "%" or (b.unit or "%") != "%" or movement(facts) != "up":
        return None
    opts: dict[str, Any] = ctx.options
    if (b.value >= float(opts.get("high_baseline", 80)) and t.value >= float(opts.get("near_perfect", 98))
            and t.value - b.value >= float(opts.get("min_gap", 3)) and t.value <= 100):
        room = 100.0 - b.value
        share = (t.value - b.value) / room if room > 0 else 1.0
        return Problem("near-perfect", {"baseline": b.text, "target": t.text, "share": f"{share:.0%}",
                                        "metric": facts.metric or ""})
    return None


def check(kr: KeyResult, ctx: Context) -> Iterator[Problem]:
    facts = ctx.facts(kr)
    if facts.target is None:
        return  # nothing to judge
    problem = _problem(facts, kr, ctx)
    if problem is not None:
        yield problem
