"""An objective's `aligns_to` points to no file or no objective.

## What it does
Resolves every `aligns_to:` over all the files given to okrlint and flags the ones
that point to nothing: `company.okr.yaml#O2` where the file does not exist or has
no objective `O2`, or a bare id (`CO-2`) that no objective has — or that several
objectives have, so the reference is ambiguous.

References: `file#ID` (the file relative to the referring file's directory),
`#ID` (an objective in the same file), `file` (the whole document), or a bare `ID`
unique across the files checked. A parent file that exists on disk but was not
named on the command line is read too.

## Why is this bad?
Cascading only works when each team objective visibly supports a company
objective. A broken link (a renamed file, a renumbered objective) silently cuts a
team off from the strategy it claims to serve.

## Example
Bad:
```yaml
objectives:
  - title: 建立数据驱动的服务运营体系
    aligns_to: company.okr.yaml#O9      # company.okr.yaml has O1 and O2 only
  - title: Build a data-driven service operations system
    aligns_to: CO-7                     # no objective has id CO-7
```
Good:
```yaml
objectives:
  - title: 建立数据驱动的服务运营体系
    aligns_to: company.okr.yaml#O2
```

## Options
None.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Node, Problem

CODE = "OKR501"
NAME = "alignment-target-missing"
SCOPE = "repository"
SEVERITY = "error"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}


def check(documents: list[Document], ctx: Context) -> Iterator[tuple[Document, Node, Problem]]:
    from okrlint.org.graph import graph_for

    for ref in graph_for(documents).refs:
        if ref.status == "ok":
            continue
        args = {"ref": ref.raw, "text": ref.objective.title,
                "file": ref.target_doc.path if ref.target_doc is not None else ref.raw.partition("#")[0],
                "candidates": ", ".join(ref.candidates)}
        yield ref.doc, ref.objective, Problem(ref.status, args, ref.objective.field_span("aligns_to"))
