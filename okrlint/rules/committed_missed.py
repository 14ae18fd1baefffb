"""A committed key result or a KPI of the floor was not fully achieved.

## What it does
Flags a key result with `type: committed`, and any entry of `kpis:`, whose grade
(declared `score:`, or computed from `actual` against `target`) is below 1.0.
Runs in `okrlint review`.

## Why is this bad?
The article keeps two kinds of goals apart: KPIs (and committed KRs) are the
floor that "必须100%" — 安全事故率 0起, 合规率 100%, FTR ≥ 88% — while
aspirational OKRs aim for 0.6–0.7. Missing a committed goal is not a stretch
that fell short; it needs a plan to recover now.

## Example
Bad (review time):
```yaml
kpis:
  - {title: 安全事故率, target: 0, actual: 1}
  - {title: Compliance rate, target: 100%, actual: 97%}
```
Good:
```yaml
kpis:
  - {title: 安全事故率, target: 0, actual: 0}
  - {title: Compliance rate, target: 100%, actual: 100%}
```

## Options
None.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Problem

CODE = "OKR605"
NAME = "committed-missed"
SCOPE = "document"
SEVERITY = "warning"
ENABLED = False
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    from okrlint.review.grading import graded, fmt_score

    for node, _, g in graded(doc, ctx.facts):
        if g.type != "committed" or g.score is None or g.score >= 1.0 - 1e-9:
            continue
        yield Problem("kpi-missed" if g.kind == "kpi" else "kr-missed",
                      {"score": fmt_score(g.score), "text": node.title, "actual": _num(g.actual), "target": _num(g.target)},
                      node.field_span("score" if g.source == "declared" else "actual"), node.node_path)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
