"""Objectives align to each other in a circle.

## What it does
Follows `aligns_to:` from objective to parent across all files and flags a chain
that comes back to where it started (`A → B → A`, or an objective aligned to
itself). Each cycle is reported once, on its member that comes first by file and line.

## Why is this bad?
Alignment is a cascade from the company's strategy down to teams. In a circle no
objective leads up to the strategy, and the tree (`okrlint tree`) has no top.

## Example
Bad:
```yaml
# team-a.okr.yaml
objectives:
  - {id: A1, title: 建立数据驱动的服务运营体系, aligns_to: team-b.okr.yaml#B1}
# team-b.okr.yaml
objectives:
  - {id: B1, title: Make fixing it right the first time our signature, aligns_to: team-a.okr.yaml#A1}
```
Good: both point up to the company objective they serve (`company.okr.yaml#O2`).

## Options
None.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Node, Problem

CODE = "OKR502"
NAME = "alignment-cycle"
SCOPE = "repository"
SEVERITY = "error"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}


def check(documents: list[Document], ctx: Context) -> Iterator[tuple[Document, Node, Problem]]:
    from okrlint.org.graph import graph_for

    for cycle in graph_for(documents).cycles():
        doc, obj = cycle[0]
        chain = " → ".join(f"{d.path}#{o.id}" for d, o in cycle + cycle[:1])
        mid = "self" if len(cycle) == 1 else "cycle"
        yield doc, obj, Problem(mid, {"chain": chain, "text": obj.title, "length": len(cycle)},
                                obj.field_span("aligns_to"))
