"""A team objective aligns to nothing although the repository has a company level (off by default).

## What it does
When the files checked include a company-level document — one that says
`level: company` (or `level: 公司`), or a file named `company.okr.yaml` /
`company.okr.md` / `company.okr.json` — every objective of the other documents
should name the company objective it serves with `aligns_to:`. Without a company
level the rule stays silent: there is nothing to align to.

Enable it with `extend-select: [objective-unaligned]` once the company OKRs are
in the repository.

## Why is this bad?
The article's cascade goes from the company strategy ("今年要在服务上超越特斯拉")
to the middle office's objective to one owner per key result. A team objective
with no parent may be fine work, but nobody can tell which part of the strategy
it moves.

## Example
Bad:
```yaml
# team-hub.okr.yaml, next to company.okr.yaml
objectives:
  - title: 建立数据驱动的服务运营体系
```
Good:
```yaml
objectives:
  - title: 建立数据驱动的服务运营体系
    aligns_to: company.okr.yaml#O1
  - title: Make fixing it right the first time our signature
    aligns_to: company.okr.yaml#O2
```

## Options
None.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Node, Problem

CODE = "OKR503"
NAME = "objective-unaligned"
SCOPE = "repository"
SEVERITY = "warning"
ENABLED = False
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}


def check(documents: list[Document], ctx: Context) -> Iterator[tuple[Document, Node, Problem]]:
    from okrlint.org.graph import is_company

    company = [d for d in documents if is_company(d)]
    if not company:
        return
    names = ", ".join(d.path for d in company)
    for doc in documents:
        if is_company(doc):
            continue
        for obj in doc.objectives:
            if not (obj.aligns_to or "").strip():
                yield doc, obj, Problem("unaligned", {"text": obj.title, "company": names})
