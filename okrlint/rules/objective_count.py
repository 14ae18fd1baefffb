"""More objectives than a focused team can hold (or none at all).

## What it does
Counts the objectives of each owner in a document and flags more than `max`
(default 5), on the first objective beyond the limit. An objective's owner is
its `owner:` field, else the document's `owner:`; objectives with no owner
anywhere count together as the document's. A company file that lists the
objectives of several owners is therefore counted owner by owner.

A document with fewer than `min` objectives (default 1: none at all) is
flagged once on line 1, unless the file could not be parsed (that is already
reported).

## Why is this bad?
OKRs exist to say what matters most this cycle. Seven objectives for one team
are a to-do list: effort is spread thin, and each objective gets too little
attention to move. Three to five objectives, each with three to five key
results, is what a team can keep in mind week after week.

## Example
Bad (one team, seven objectives):
```
O1:打造一次修好的服务能力
O2:打造让客户惊喜的服务体验
…
O7:建立数据驱动的服务运营体系
Objective 1: Make fixing it right the first time our signature
…
Objective 7: Build a data-driven service operations system
```
Good: keep the three to five that matter most this quarter and move the rest to
the next cycle or to the KPI list.

## Options
- `min` (integer, default 1): fewest objectives a document should have.
- `max` (integer, default 5): most objectives one owner should have.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Objective, Problem, Span

CODE = "OKR105"
NAME = "objective-count"
SCOPE = "document"
SEVERITY = "warning"
OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"min": {"type": "integer", "minimum": 0}, "max": {"type": "integer", "minimum": 1}},
}


def _owner(obj: Objective, doc: Document) -> str | None:
    owner = obj.owner if isinstance(obj.owner, str) and obj.owner.strip() else doc.owner
    return owner.strip() if isinstance(owner, str) and owner.strip() else None


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    low, high = int(ctx.options.get("min", 1)), int(ctx.options.get("max", 5))
    objectives = doc.objectives
    if len(objectives) < low:
        if any(rule == "parse-error" for rule, _ in doc.parse_problems):
            return  # an unreadable file has no objectives; parse-error says why
        yield Problem("too-few", {"count": len(objectives), "min": low, "max": high},
                      span=doc.objectives_span or Span.at(1, 1), node_path="")
        return
    groups: dict[str | None, list[Objective]] = {}
    for obj in objectives:
        groups.setdefault(_owner(obj, doc), []).append(obj)
    for owner, objs in groups.items():
        if len(objs) > high:
            extra = objs[high]
            args = {"count": len(objs), "max": high, "owner": owner or ""}
            yield Problem("too-many-owner" if owner and len(groups) > 1 else "too-many", args,
                          span=extra.span, node_path=extra.node_path)
