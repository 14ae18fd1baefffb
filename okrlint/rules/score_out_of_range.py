"""A declared `score:` is not a grade between 0 and 1.

## What it does
Flags a key result's or KPI's `score:` that is not a number from 0 to 1: `95`
(graded out of 100), `1.2`, `-0.1`, or words (`good`, `优秀`). `0.95`, `"0.95"`
and `"95%"` are fine.

This rule runs in `okrlint check` (a wrong score is a typo to fix whenever it is
written); the other review rules run in `okrlint review`.

## Why is this bad?
The article grades every KR 0–1 with 0.6–0.7 as the sweet spot. A score on
another scale breaks the objective's average and every comparison across teams.

## Example
Bad:
```yaml
key_results:
  - {title: 返修原因识别准确率达到90%, actual: 85%, score: 85}
  - {title: Repeat-repair cause identification accuracy reaches 90%, score: good}
```
Good:
```yaml
key_results:
  - {title: 返修原因识别准确率达到90%, actual: 85%, score: 0.85}
  - {title: Repeat-repair cause identification accuracy reaches 90%, score: 0.85}
```

## Options
None.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Problem

CODE = "OKR601"
NAME = "score-out-of-range"
SCOPE = "document"
SEVERITY = "error"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    scored = [kr for o in doc.objectives for kr in o.key_results if "score" in kr.fields]
    scored += [kpi for kpi in doc.kpis if "score" in kpi.fields]
    if not scored:
        return  # the common case: no scores yet, and no import (two internal AttributeErrors a call)
    from okrlint.review.grading import parse_score

    for node in scored:
        if node.fields["score"] is None:
            continue
        value, valid = parse_score(node.fields["score"])
        if valid:
            continue
        mid = "out-of-range" if value is not None else "not-a-number"
        yield Problem(mid, {"value": node.fields["score"], "text": node.title}, node.field_span("score"),
                      node.node_path)
