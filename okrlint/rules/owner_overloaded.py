"""One person owns more key results than they can focus on.

## What it does
Counts the key results each owner holds across all the files checked (owners are
compared ignoring case, surrounding spaces and a leading `@`) and flags the owner
once, on the first key result over the limit `max` (default 5), naming how many
they hold.

Owners are matched by name: a role written in several teams' files ("数据分析师")
counts as one person — give people's names, or raise `max`.

## Why is this bad?
The article keeps 3–5 key results per objective because more means "没有重点,精力分散";
the same holds for a person. In its step 3 the five-person middle office gives
each KR to one specialist, and the project manager coordinates rather than owning all four.

## Example
Bad: `张三` owns seven key results across `team-hub.okr.yaml` and `team-field.okr.yaml`.
Bad: `@alice` owns six key results.

Good: each specialist owns one or two key results; the project manager owns the objective:
```yaml
objectives:
  - title: 建立数据驱动的服务运营体系
    owner: 项目经理
    key_results:
      - {title: 高价值客户触达率达到100%, owner: 客户运营专员}
      - {title: Repeat-repair cause identification accuracy reaches 90%, owner: Quality specialist}
```

## Options
`max` (default 5): the most key results one owner may hold.
"""
from __future__ import annotations

from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, KeyResult, Node, Problem

CODE = "OKR506"
NAME = "owner-overloaded"
SCOPE = "repository"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {
    "type": "object", "additionalProperties": False,
    "properties": {"max": {"type": "integer", "minimum": 1}},
}


def owner_key(owner: str | None) -> str:
    return (owner or "").strip().lstrip("@").strip().casefold()


def check(documents: list[Document], ctx: Context) -> Iterator[tuple[Document, Node, Problem]]:
    limit = int(ctx.options.get("max", 5))
    held: dict[str, list[tuple[Document, KeyResult]]] = {}
    names: dict[str, str] = {}
    for doc in documents:
        for _, kr in doc.key_results():
            k = owner_key(kr.owner)
            if k:
                held.setdefault(k, []).append((doc, kr))
                names.setdefault(k, (kr.owner or "").strip())
    for k, items in held.items():
        if len(items) > limit:
            doc, kr = items[limit]
            files = sorted({d.path for d, _ in items})
            yield doc, kr, Problem("overloaded", {"owner": names[k], "count": len(items), "max": limit,
                                                  "files": ", ".join(files)}, kr.field_span("owner"))
