"""An aspirational key result was fully met, or an objective averages above 0.9: the target was probably too easy.

## What it does
Two checks, following the article's grading guidance:

* a key result (aspirational, the default `type`) graded at `kr_min` or more
  (default 1.0: the target was reached in full) — message `kr-met`;
* an objective whose aspirational key results average more than `average_max`
  (default 0.9) — message `objective-high`.

Why not every KR at ≥ 0.9? The article says both "100%完成了OKR → 目标定得太保守"
and "完成度>0.9 → 目标可能定得太保守", and in its step 5 it praises KR1 at 0.95
("优秀") while flagging only KR3 at 1.0 ("目标可能定得太保守"), with the objective
at 0.875. Read consistently, reaching the target in full is the sign of a
conservative KR, and "> 0.9" applies to the completion of the OKR as a whole
(the objective's average). So the article's example gives exactly one finding, on KR3.
Set `kr_min: 0.9` for the stricter reading.

Committed key results and KPIs are expected to reach 1.0 and are never flagged.
Runs in `okrlint review`.

## Why is this bad?
OKRs are meant to stretch: "如果你100%完成了OKR → 目标定得太保守". A fully met
aspirational KR did not push the team to do anything new; next quarter's should
ask for more.

## Example
Bad (review time):
```yaml
- {title: 完成全国10个重点门店的服务流程诊断, actual: 10, score: 1.0}
- {title: Complete service-process diagnosis at 10 key stores, actual: 10, score: 1.0}
```
Good: a stretch target graded in the 0.6–0.7 band, or `type: committed` for
something that simply must be done:
```yaml
- {title: 完成全国20个重点门店的服务流程诊断, actual: 13, score: 0.65}
- {title: Complete service-process diagnosis at 10 key stores, type: committed, score: 1.0}
```

## Options
`kr_min` (default 1.0): a key result graded at least this is flagged.
`average_max` (default 0.9): an objective averaging more than this is flagged.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Problem

CODE = "OKR603"
NAME = "score-too-high"
SCOPE = "document"
SEVERITY = "warning"
ENABLED = False
OPTIONS_SCHEMA: dict[str, object] = {
    "type": "object", "additionalProperties": False,
    "properties": {"kr_min": {"type": "number", "minimum": 0, "maximum": 1},
                   "average_max": {"type": "number", "minimum": 0, "maximum": 1}},
}


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    from okrlint.review.grading import average, grade, fmt_score

    kr_min = float(ctx.options.get("kr_min", 1.0))
    average_max = float(ctx.options.get("average_max", 0.9))
    for obj in doc.objectives:
        scores: list[float | None] = []
        for kr in obj.key_results:
            g = grade(kr, ctx.facts)
            if g.type != "aspirational" or g.score is None:
                continue
            scores.append(g.score)
            if g.score >= kr_min - 1e-9:
                yield Problem("kr-met", {"score": fmt_score(g.score), "text": kr.title},
                              kr.field_span("score" if g.source == "declared" else "actual"), kr.node_path)
        avg = average(scores)
        if len(scores) >= 2 and avg is not None and avg > average_max + 1e-9:
            yield Problem("objective-high", {"average": fmt_score(avg), "text": obj.title, "max": average_max},
                          obj.span, obj.node_path)
