"""A declared score is far from what baseline, target and actual give.

## What it does
When a key result has a declared `score:` and okrlint can also compute one from
`actual` against `target` (and `baseline`) — see `okrlint review` — it reports,
as information, a difference larger than `tolerance` (default 0.15).

A declared score may rightly include judgement (the article grades KR2 0.85 for
85 % against a 90 % target, where the arithmetic says 0.94 — within the
tolerance); a large gap is usually a typo or a stale `actual`.

Runs in `okrlint review` (add it to `okrlint check` with `extend-select`).

## Why is this bad?
Two different numbers for the same result make the review argue about
arithmetic instead of about what was learned.

## Example
Bad:
```yaml
- {title: NPS从45分提升到55分, actual: 47, score: 0.9}          # computed 0.2
- {title: Raise retention from 65% to 75%, actual: 74%, score: 0.3}   # computed 0.9
```
Good:
```yaml
- {title: NPS从45分提升到55分, actual: 52, score: 0.7}
- {title: Raise retention from 65% to 75%, actual: 74%, score: 0.9}
```

## Options
`tolerance` (default 0.15): the largest accepted difference between declared and computed score.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Problem

CODE = "OKR602"
NAME = "score-mismatch"
SCOPE = "document"
SEVERITY = "info"
ENABLED = False
OPTIONS_SCHEMA: dict[str, object] = {
    "type": "object", "additionalProperties": False,
    "properties": {"tolerance": {"type": "number", "minimum": 0, "maximum": 1}},
}


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    from okrlint.review.grading import graded, fmt_score

    tolerance = float(ctx.options.get("tolerance", 0.15))
    for node, _, g in graded(doc, ctx.facts):
        if g.declared is None or g.computed is None:
            continue
        if abs(g.declared - g.computed) > tolerance + 1e-9:
            yield Problem("mismatch", {"declared": fmt_score(g.declared), "computed": fmt_score(g.computed), "text": node.title,
                                       "actual": _num(g.actual), "target": _num(g.target)},
                          node.field_span("score"), node.node_path)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
