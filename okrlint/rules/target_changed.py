"""A key result's target or baseline changed since the start of the cycle without a recorded reason.

## What it does
With a git revision (`okrlint review --since REV`, or the option `since`), reads
every file as it was at `REV` and compares each key result's `target` and
`baseline` (structured fields, else the numbers in its text) with today's,
reporting old and new values.

A change recorded in a `changes:` log is not flagged: an entry added since `REV`
with a `date` and a `reason`, either in the key result's own `changes:` list or in
the document's `changes:` list naming it with `kr:` (`O1.KR2`, `O1/KR2`, or `KR2`
in a one-objective file). An entry may say which `field` it covers (`target`,
`baseline`); without one it covers both. An entry lacking a date or reason is
reported (`record-incomplete`).

Key results are matched by objective id, then by explicit `id`, by identical
title, or by position. Files that did not exist at `REV` are new and skipped.

## Why is this bad?
The article makes OKRs flexible — "季度复盘时可以调整" — but "灵活不是随意,而是根据反馈
优化". Quietly lowering a target before grading turns a 0.5 into a 1.0 and hides
exactly what the review should learn from.

## Example
Bad (target lowered since the cycle began, no record):
```yaml
- {title: 返修原因识别准确率达到85%, target: 85}       # was 90 at REV
- {title: Repeat-repair cause accuracy reaches 85%, target: 85}
```
Good:
```yaml
- title: 返修原因识别准确率达到85%
  target: 85
  changes:
    - {date: 2026-02-15, field: target, from: 90, to: 85, reason: 二月复盘:返修样本不足500例}
    - {date: 2026-02-15, field: target, reason: "Feb check-in: fewer than 500 repair cases"}
```

## Options
`since` (default none): the git revision to compare with; `okrlint review --since` sets it.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Node, Problem

CODE = "OKR606"
NAME = "target-changed"
SCOPE = "repository"
SEVERITY = "warning"
ENABLED = False
OPTIONS_SCHEMA: dict[str, object] = {
    "type": "object", "additionalProperties": False,
    "properties": {"since": {"type": "string", "minLength": 1}},
}


def check(documents: list[Document], ctx: Context) -> Iterator[tuple[Document, Node, Problem]]:
    rev = ctx.options.get("since")
    if not rev:
        return
    from okrlint.engine.facts import node_facts
    from okrlint.review.since import covers, document_at, entries_for, is_complete, match_key_results

    for doc in documents:
        if doc.path in ("-", ""):
            continue
        old = document_at(doc, str(rev))
        if old is None:
            continue
        year = doc.period.end.year if doc.period else None
        old_year = old.period.end.year if old.period else None
        for obj, kr, old_obj, old_kr in match_key_results(old, doc):
            new_f, old_f = node_facts(kr, year), node_facts(old_kr, old_year)
            fresh = [e for e in entries_for(doc, obj, kr) if e not in entries_for(old, old_obj, old_kr)]
            for field in ("target", "baseline"):
                nq, oq = getattr(new_f, field), getattr(old_f, field)
                if nq is None or oq is None:
                    continue
                if nq.value == oq.value and (nq.unit == oq.unit or not nq.unit or not oq.unit):
                    continue
                mine = [e for e in fresh if covers(e, field)]
                if any(is_complete(e) for e in mine):
                    continue
                args = {"field": field, "field_zh": "目标值" if field == "target" else "基线值", "old": oq.text, "new": nq.text, "rev": rev, "text": kr.title}
                yield doc, kr, Problem("record-incomplete" if mine else "changed", args,
                                       kr.field_span(field), kr.node_path)
