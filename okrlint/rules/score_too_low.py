"""An aspirational key result graded below 0.4: too aggressive, or an execution problem to analyse.

## What it does
Flags an aspirational key result (the default `type`) whose grade — declared
`score:`, or computed from `actual`, `target` and `baseline` — is below `max`
(default 0.4). Committed key results and KPIs are handled by `committed-missed`.
Runs in `okrlint review` (mid-quarter actuals are low by nature, so
`okrlint check` leaves it off).

## Why is this bad?
The article: "如果你完成了40%以下 → 目标太激进或执行有问题" and "完成度0.3-0.4 →
分析原因". A low grade is not a verdict on the person; it is a question the
review must answer (外部环境变了? 资源不够?) before next quarter's targets are set.

## Example
Bad (review time):
```yaml
- {title: NPS从45分提升到55分, actual: 47}                       # 0.2
- {title: Raise retention from 65% to 75%, actual: 66%}          # 0.1
```
Good:
```yaml
- {title: NPS从45分提升到55分, actual: 52}                       # 0.7
- {title: Raise retention from 65% to 75%, actual: 71.5%}        # 0.65
```

## Options
`max` (default 0.4): grades below this are flagged.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Problem

CODE = "OKR604"
NAME = "score-too-low"
SCOPE = "document"
SEVERITY = "warning"
ENABLED = False
OPTIONS_SCHEMA: dict[str, object] = {
    "type": "object", "additionalProperties": False,
    "properties": {"max": {"type": "number", "minimum": 0, "maximum": 1}},
}


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    from okrlint.review.grading import graded, fmt_score

    limit = float(ctx.options.get("max", 0.4))
    for node, _, g in graded(doc, ctx.facts):
        if g.kind != "key_result" or g.type != "aspirational" or g.score is None:
            continue
        if g.score < limit - 1e-9:
            yield Problem("kr-low", {"score": fmt_score(g.score), "text": node.title, "max": limit},
                          node.field_span("score" if g.source == "declared" else "actual"), node.node_path)
