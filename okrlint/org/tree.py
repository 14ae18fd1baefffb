"""The cascade as a tree: company documents, their objectives, the team objectives aligned to them, KRs.

``build_tree(documents)`` returns plain dicts (the JSON output, and what the HTML
report draws); ``render_text`` draws them with box characters. Every objective
appears exactly once: under its parent when its ``aligns_to`` resolves, else under
its own document. Objectives caught in an alignment cycle are shown under their
own document with ``"cycle": true``.
"""
from __future__ import annotations

from typing import Any

from okrlint.model import Document, Objective
from okrlint.org.graph import graph_for, is_company
from okrlint.review.report import team_name


def build_tree(documents: list[Document]) -> dict[str, Any]:
    graph = graph_for(documents)
    children: dict[int, list[tuple[Document, Objective]]] = {}
    doc_children: dict[int, list[tuple[Document, Objective]]] = {}
    for d in documents:
        for o in d.objectives:
            parent = graph.parent_of(o)
            if parent is not None:
                children.setdefault(id(parent[1]), []).append((d, o))
            elif id(o) in graph.doc_parent:
                doc_children.setdefault(id(graph.doc_parent[id(o)]), []).append((d, o))
    placed: set[int] = set()

    def objective(d: Document, o: Objective, home: Document | None) -> dict[str, Any]:
        placed.add(id(o))
        node: dict[str, Any] = {
            "kind": "objective", "id": o.id, "title": o.title, "owner": o.owner, "file": d.path,
            "line": o.span.line, "team": team_name(d), "aligns_to": o.aligns_to,
            "key_results": [{"kind": "key_result", "id": kr.id, "title": kr.title, "owner": kr.owner,
                             "line": kr.span.line} for kr in o.key_results],
            "children": [],
        }
        if home is not None and d is not home:
            node["foreign"] = True  # shown under another document's objective
        node["children"] = [objective(cd, co, d) for cd, co in children.get(id(o), []) if id(co) not in placed]
        return node

    order = sorted(documents, key=lambda d: (not is_company(d), d.path))
    roots: list[dict[str, Any]] = []
    for d in order:
        objs = [objective(d, o, d) for o in d.objectives
                if graph.parent_of(o) is None and id(o) not in graph.doc_parent and id(o) not in placed]
        objs += [objective(cd, co, d) for cd, co in doc_children.get(id(d), []) if id(co) not in placed]
        roots.append({"kind": "document", "file": d.path, "team": team_name(d), "owner": d.owner,
                      "level": "company" if is_company(d) else (str(d.meta.get("level")) if d.meta.get("level") else None),
                      "objectives": objs})
    for d in order:  # cycles: nothing above them reached them
        leftover = [o for o in d.objectives if id(o) not in placed]
        if leftover:
            root = next(r for r in roots if r["file"] == d.path)
            for o in leftover:
                node = objective(d, o, d)
                node["cycle"] = True
                root["objectives"].append(node)
    # a team document whose objectives all hang under the company is not repeated as a root
    roots = [r for r in roots if r["objectives"] or r["level"] == "company"]
    return {"documents": roots}


def _owner(owner: str | None) -> str:
    return f" — {owner}" if owner else ""


def render_text(tree: dict[str, Any]) -> str:
    lines: list[str] = []

    def walk(node: dict[str, Any], prefix: str, last: bool) -> None:
        branch = "└── " if last else "├── "
        team = f"[{node['team']}] " if node.get("foreign") else ""
        mark = " (alignment cycle)" if node.get("cycle") else ""
        where = f"  ({node['file']}:{node['line']})" if node.get("foreign") else ""
        lines.append(f"{prefix}{branch}{team}{node['id']} {node['title']}{_owner(node['owner'])}{mark}{where}")
        inner = prefix + ("    " if last else "│   ")
        items: list[tuple[str, dict[str, Any]]] = [("kr", kr) for kr in node["key_results"]]
        items += [("obj", c) for c in node["children"]]
        for i, (kind, item) in enumerate(items):
            end = i == len(items) - 1
            if kind == "kr":
                lines.append(f"{inner}{'└── ' if end else '├── '}{item['id']} {item['title']}{_owner(item['owner'])}")
            else:
                walk(item, inner, end)

    for doc in tree["documents"]:
        level = f" [{doc['level']}]" if doc.get("level") else ""
        lines.append(f"{doc['team']}{level}{_owner(doc['owner'])}  ({doc['file']})")
        for i, obj in enumerate(doc["objectives"]):
            walk(obj, "", i == len(doc["objectives"]) - 1)
        lines.append("")
    from okrlint.reporters.safe import neutralise

    # titles and owners come from the files: neutralised before they reach a terminal
    return neutralise("\n".join(lines).rstrip("\n")) + "\n" if lines else ""
