"""The alignment graph: which objective each ``aligns_to`` points to, across all files of a run.

A reference is ``file#ID`` (the file relative to the referring file's directory),
``#ID`` (the same file), ``file`` (the whole document) or a bare ``ID`` that must be
unique among the objectives of the run. A ``file`` part naming a file that exists on
disk but was not given to the run is read on demand, so that linting one team file
does not report its company parent as missing.
"""
from __future__ import annotations

import os
from typing import Literal

from okrlint.model import Document, Objective
from okrlint.record import Record

Status = Literal["ok", "no-file", "no-objective", "unknown-id", "ambiguous-id"]
MAX_PARENT_FILE = 1_000_000  # bytes; a parent file read on demand is small


class Ref(Record):
    """One resolved (or not) ``aligns_to`` of an objective."""

    __slots__ = ("doc", "objective", "raw", "status", "target_doc", "target", "candidates")
    doc: Document
    objective: Objective
    raw: str
    status: Status
    target_doc: Document | None
    target: Objective | None  # None with status "ok": the whole document
    candidates: list[str]  # for ambiguous ids

    def __init__(self, doc: Document, objective: Objective, raw: str, status: Status,
                 target_doc: Document | None = None, target: Objective | None = None,
                 candidates: list[str] | None = None) -> None:
        self.doc = doc
        self.objective = objective
        self.raw = raw
        self.status = status
        self.target_doc = target_doc
        self.target = target
        self.candidates = [] if candidates is None else candidates


def key(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def is_company(doc: Document) -> bool:
    """A document is company level when it says ``level: company`` or is named company.okr.*."""
    level = doc.meta.get("level")
    if isinstance(level, str) and level.strip().lower() in ("company", "公司"):
        return True
    return os.path.basename(doc.path).lower().startswith("company.okr.")


class Graph:
    """Objectives of all documents and their parents."""

    def __init__(self, documents: list[Document]) -> None:
        self.documents = list(documents)
        self.by_path: dict[str, Document] = {key(d.path): d for d in self.documents if d.path not in ("-", "")}
        self.extra: dict[str, Document | None] = {}  # parent files read on demand
        self.refs: list[Ref] = []
        self.parent: dict[int, tuple[Document, Objective]] = {}  # id(objective) -> parent
        self.doc_parent: dict[int, Document] = {}  # id(objective) -> aligned to a whole document
        self.owner_doc: dict[int, Document] = {}
        by_id: dict[str, list[tuple[Document, Objective]]] = {}
        for d in self.documents:
            for o in d.objectives:
                self.owner_doc[id(o)] = d
                if o.id:
                    by_id.setdefault(o.id, []).append((d, o))
        self.by_id = by_id
        for d in self.documents:
            for o in d.objectives:
                if o.aligns_to is not None and o.aligns_to.strip():
                    ref = self._resolve(d, o, o.aligns_to.strip())
                    self.refs.append(ref)
                    if ref.status == "ok":
                        if ref.target is not None and ref.target_doc is not None:
                            self.parent[id(o)] = (ref.target_doc, ref.target)
                        elif ref.target_doc is not None:
                            self.doc_parent[id(o)] = ref.target_doc

    def _load(self, path: str) -> Document | None:
        k = key(path)
        if k in self.by_path:
            return self.by_path[k]
        if k not in self.extra:
            self.extra[k] = None
            try:
                if os.path.isfile(path) and os.path.getsize(path) <= MAX_PARENT_FILE:
                    from okrlint.parsing import parse_bytes

                    with open(path, "rb") as fh:
                        self.extra[k] = parse_bytes(fh.read(), path)
            except OSError:
                pass
        return self.extra[k]

    def _resolve(self, doc: Document, obj: Objective, raw: str) -> Ref:
        file_part, sep, oid = raw.partition("#")
        file_part, oid = file_part.strip(), oid.strip()
        if not sep:
            # "company.okr.yaml" (a file) or "CO-2" (an id): a path-like value is a file
            if "/" in file_part or "\\" in file_part or ".okr." in file_part.lower() or \
                    file_part.lower().endswith((".yaml", ".yml", ".json", ".md", ".txt")):
                target_doc = self._load(os.path.join(os.path.dirname(doc.path), file_part))
                return Ref(doc, obj, raw, "ok" if target_doc is not None else "no-file", target_doc)
            hits = self.by_id.get(file_part, [])
            if len(hits) == 1:
                return Ref(doc, obj, raw, "ok", hits[0][0], hits[0][1])
            if not hits:
                return Ref(doc, obj, raw, "unknown-id")
            return Ref(doc, obj, raw, "ambiguous-id", candidates=[f"{d.path}#{o.id}" for d, o in hits])
        target_doc = doc if not file_part else self._load(os.path.join(os.path.dirname(doc.path), file_part))
        if target_doc is None:
            return Ref(doc, obj, raw, "no-file")
        if not oid:
            return Ref(doc, obj, raw, "ok", target_doc)
        for o in target_doc.objectives:
            if o.id == oid:
                return Ref(doc, obj, raw, "ok", target_doc, o)
        return Ref(doc, obj, raw, "no-objective", target_doc)

    def parent_of(self, obj: Objective) -> tuple[Document, Objective] | None:
        return self.parent.get(id(obj))

    def cycles(self) -> list[list[tuple[Document, Objective]]]:
        """Each cycle once, starting at its member that sorts first (file, line)."""
        seen: set[int] = set()
        out: list[list[tuple[Document, Objective]]] = []
        for d in self.documents:
            for o in d.objectives:
                chain: list[tuple[Document, Objective]] = []
                pos: dict[int, int] = {}
                cur: tuple[Document, Objective] | None = (d, o)
                while cur is not None and id(cur[1]) not in seen and id(cur[1]) not in pos:
                    pos[id(cur[1])] = len(chain)
                    chain.append(cur)
                    cur = self.parent.get(id(cur[1]))
                if cur is not None and id(cur[1]) in pos:
                    cycle = chain[pos[id(cur[1])]:]
                    first = min(range(len(cycle)), key=lambda i: (cycle[i][0].path, cycle[i][1].span.line))
                    out.append(cycle[first:] + cycle[:first])
                seen.update(id(x[1]) for x in chain)
        return out


_last: tuple[tuple[int, ...], list[Document], Graph] | None = None


def graph_for(documents: list[Document]) -> Graph:
    """The graph of these documents, built once per run.

    Both alignment rules and the tree ask for it with the same documents; building
    it resolves every ``aligns_to`` and may read parent files from disk, so it is
    kept for the last set of documents (held alive, so the ids cannot be reused).
    """
    global _last
    ids = tuple(map(id, documents))
    if _last is not None and _last[0] == ids:
        return _last[2]
    graph = Graph(documents)
    _last = (ids, list(documents), graph)
    return graph


def forget() -> None:
    """Drop the kept graph, when nothing after the repository rules will ask for it (~5 MB at 20,000 files)."""
    global _last
    _last = None
