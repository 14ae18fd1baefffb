"""Two objectives, two key results or two documents share one id.

## What it does
Flags an id used twice where ids must be unique, because `aligns_to:`, the review
and `changes:` entries refer to things by id:

* two objectives of one document (`id: O1` written twice, or an explicit `O2` on
  the first objective next to the positional `O2` of the second);
* two key results of one objective (`KR2` written on two KRs);
* two documents of the run with the same document-level `id:`.

Objective ids may repeat across files (every file has an `O1`): refer to them as
`file#O1`.

## Why is this bad?
A reference to a duplicated id points to two things at once: alignment, grading
history and change logs get attached to the wrong objective.

## Example
Bad:
```yaml
objectives:
  - {id: O1, title: 建立数据驱动的服务运营体系}
  - {id: O1, title: Make fixing it right the first time our signature}
```
Good:
```yaml
objectives:
  - {id: O1, title: 建立数据驱动的服务运营体系}
  - {id: O2, title: Make fixing it right the first time our signature}
```

## Options
None.
"""
from __future__ import annotations

import re
from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Node, Problem, Span
from okrlint.regex_cache import compiled

CODE = "OKR504"
NAME = "duplicate-id"
SCOPE = "repository"
SEVERITY = "error"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}


def check(documents: list[Document], ctx: Context) -> Iterator[tuple[Document, Node, Problem]]:
    for doc in documents:
        seen: dict[str, Node] = {}
        for obj in doc.objectives:
            if obj.id and obj.id in seen:
                yield doc, obj, Problem("objective", {"id": obj.id, "line": seen[obj.id].span.line, "text": obj.title},
                                        obj.field_span("id"))
            elif obj.id:
                seen[obj.id] = obj
            krs: dict[str, Node] = {}
            for kr in obj.key_results:
                if kr.id and kr.id in krs:
                    yield doc, kr, Problem("key-result", {"id": kr.id, "line": krs[kr.id].span.line,
                                                          "objective": obj.id or "", "text": kr.title},
                                           kr.field_span("id"))
                elif kr.id:
                    krs[kr.id] = kr
    first: dict[str, Document] = {}
    for doc in documents:
        did = doc.meta.get("id")
        if did is None or isinstance(did, (dict, list)):
            continue
        did = str(did)
        if did in first:
            yield doc, doc, Problem("document", {"id": did, "file": first[did].path}, _id_line(doc), "")  # type: ignore[misc]
        else:
            first[did] = doc


_DOC_ID = compiled(r"^[\"']?id[\"']?[ \t]*:", re.MULTILINE)


def document_id_line(text: str) -> int | None:
    """The line of the top-level ``id:`` (the model keeps no span for document-level extras)."""
    m = _DOC_ID.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _id_line(doc: Document) -> Span:
    line = document_id_line(doc.text)
    return Span.at(line, 1, 2) if line is not None else Span.at(1, 1)
