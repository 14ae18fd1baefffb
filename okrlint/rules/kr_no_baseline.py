"""A key result on a tracked metric states a target but not where it starts.

## What it does
Flags a key result that sets a target level for a metric the team already
tracks (`FTR达到95%`, `NPS reaches 55`) without saying the current value. A
relative change (`降低20%`, `reduce churn by 30%`) counts as having one, and so
does a baseline for the same metric given elsewhere in the document (by another
key result or a `baseline:` field).

To keep false alarms rare, only metrics listed as `tracked_metrics` in the
vocabulary (NPS, FTR, retention, churn, revenue, …) are checked: a new
capability (`返修原因识别准确率达到90%`) often has no baseline yet, and a 100 %
or zero target needs none.

## Why is this bad?
"FTR达到95%" could be a leap from 70 % or a step from 94 %: nobody can judge
whether it is ambitious or realistic, and at review time nobody can tell
progress from drift.

## Example
Bad:
```
KR1:FTR达到95%
KR1: NPS reaches 55
```
Good:
```
KR1:FTR从88%提升到95%
KR1: Increase NPS from 45 to 55
```

## Options
None.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import KeyResult, Problem
from okrlint.rules._common import find_any_lang

CODE = "OKR202"
NAME = "kr-no-baseline"
SCOPE = "key_result"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}


def _metric_key(metric: str | None) -> str | None:
    if not metric:
        return None
    hit = find_any_lang("tracked_metrics", metric)
    return hit.group().lower() if hit else None


def check(kr: KeyResult, ctx: Context) -> Iterator[Problem]:
    facts = ctx.facts(kr)
    target = facts.target
    if target is None or facts.baseline is not None or facts.relative is not None:
        return
    if target.unit == "%" and target.value in (0, 100):
        return
    if target.value == 0 or facts.limit is not None:
        return  # "零事故", "控制在…以内": a ceiling or an absolute, not a level to climb to
    # Per document, each metric is looked up once: the same few metrics recur in its key results.
    metric = ctx.memo(_metric_key, facts.metric) if facts.metric else None
    if metric is None:
        return
    doc = ctx.doc
    if doc is not None:
        for o in doc.objectives:
            for other in o.key_results:
                if other is kr:
                    continue
                of = ctx.facts(other)
                if of.baseline is not None and of.metric and ctx.memo(_metric_key, of.metric) == metric:
                    return
    yield Problem("no-baseline", {"text": kr.title, "target": target.text, "metric": facts.metric})
