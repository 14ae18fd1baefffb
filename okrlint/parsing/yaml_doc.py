"""YAML and JSON OKR documents, read from libyaml's node tree so that every value keeps its position.

Nodes are composed, never constructed as a whole: unknown tags are refused per
scalar, aliases are walked with a budget (an alias bomb ends in a finding), and
duplicate keys are seen before a dict would silently drop them.
"""
from __future__ import annotations

from typing import Any, Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from okrlint.model import Document, Kpi, KeyResult, Node as OkrNode, Objective, Problem, Span
from okrlint.parsing.compose import (MAX_DEPTH, NULL_TAG, STR_TAG, TooDeep, compose_text, construct_scalar,
                                     syntax_problem)

DOCUMENT_KEYS = frozenset(
    {"period", "team", "owner", "level", "title", "description", "review", "objectives", "kpis", "changes", "links", "id"}
)
OBJECTIVE_KEYS = frozenset({"id", "title", "owner", "aligns_to", "key_results", "description", "notes", "links"})
KR_KEYS = frozenset(
    {"id", "title", "metric", "baseline", "target", "unit", "due", "owner", "type", "actual", "score",
     "description", "notes", "links", "changes"}
)
KPI_KEYS = frozenset({"id", "title", "metric", "baseline", "target", "unit", "due", "owner", "binding", "actual",
                      "score", "notes", "description"})

MAX_NODES = 200_000  # bounds alias expansion ("billion laughs")

# The tags SafeLoader understands; anything else (!!python/object, local !tags) is refused.
SAFE_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in (
    "str", "int", "float", "bool", "null", "timestamp", "binary", "seq", "map", "set", "omap", "pairs", "merge",
    "value"))


class _TooLarge(Exception):
    pass


_KEY, _ITEM, _VALUE = 0, 1, 2  # what a child of a collection is, for its path


def _span(node: Node) -> Span:
    s, e = node.start_mark, node.end_mark
    return Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1)


class _Reader:
    def __init__(self, doc: Document, loader: Any) -> None:
        self.doc = doc
        self.loader = loader
        self.budget = MAX_NODES

    # -- helpers -------------------------------------------------------------------------------
    def problem(self, rule: str, message_id: str, node: Node | None, path: str, severity: str | None = None,
                **args: Any) -> None:
        self.doc.parse_problems.append(
            (rule, Problem(message_id, args, _span(node) if node is not None else None, path, severity))  # type: ignore[arg-type]
        )

    def refuse(self, node: Node, path: str) -> None:
        """Report a node with a tag SafeLoader would not build (callers test ``node.tag in SAFE_TAGS``
        themselves, saving a call per node; nothing is constructed)."""
        self.problem("parse-error", "unsafe-tag", node, path, "error", tag=node.tag)

    def scalar(self, node: ScalarNode) -> Any:
        """A safe-tagged scalar's value; str and null, most of a file, skip the constructor's bookkeeping."""
        tag = node.tag
        if tag == STR_TAG:
            return node.value
        if tag == NULL_TAG:
            return None
        try:
            return construct_scalar(self.loader, node)
        except Exception:  # noqa: BLE001 - "2026-02-30", "!!int abc", a 5000-digit int: keep the text
            return str(node.value)

    def value(self, node: Node, path: str, depth: int = 0) -> Any:
        """Construct a plain value (bounded; unsafe tags refused)."""
        self.budget -= 1
        if self.budget < 0:
            raise _TooLarge()
        if depth > MAX_DEPTH:  # only alias cycles get here: the composer bounds nesting
            raise _TooLarge()
        if node.tag not in SAFE_TAGS:
            self.refuse(node, path)
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            return [self.child(item, path, i, depth + 1, _ITEM) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            out: dict[Any, Any] = {}
            for k, v in node.value:
                key = self.child(k, path, None, depth + 1, _KEY)
                if isinstance(key, (list, dict)):
                    key = str(key)
                out[key] = self.child(v, path, key, depth + 1, _VALUE)
            return out
        return None

    def child(self, node: Node, path: str, sub: Any, depth: int, kind: int) -> Any:
        """``value`` of a sequence item (``path[sub]``), a mapping key (``path``) or value (``path.sub``).

        A safe scalar, the common case, is read here, so that its path is never formatted.
        """
        if type(node) is ScalarNode and node.tag in SAFE_TAGS:
            self.budget -= 1
            if self.budget < 0 or depth > MAX_DEPTH:
                raise _TooLarge()
            return self.scalar(node)
        if kind == _KEY:
            return self.value(node, path, depth)
        return self.value(node, f"{path}[{sub}]" if kind == _ITEM else f"{path}.{sub}", depth)

    def pairs(self, node: MappingNode, path: str, allowed: frozenset[str]) -> Iterator[tuple[str, Node, Node]]:
        seen: set[str] = set()
        for k, v in node.value:
            self.budget -= 1
            if self.budget < 0:
                raise _TooLarge()
            if not isinstance(k, ScalarNode):
                self.problem("invalid-structure", "non-string-key", k, path, "error")
                continue
            key = str(k.value)
            if key in seen:
                self.problem("duplicate-key", "duplicate-key", k, path, key=key)
            seen.add(key)
            if key not in allowed:
                self.problem("unknown-key", "unknown-key", k, path, key=key,
                             known=", ".join(sorted(allowed)))
                continue
            yield key, k, v

    def text(self, node: Node, path: str, field: str) -> str | None:
        if node.tag not in SAFE_TAGS:
            self.refuse(node, path)
            return None
        if isinstance(node, ScalarNode):
            return self.safe_text(node)
        self.problem("invalid-structure", "expected-text", node, path, "error", field=field)
        return None

    def safe_text(self, node: ScalarNode) -> str | None:
        """``text`` of a scalar whose tag is known to be safe (counted as ``value`` counts it)."""
        self.budget -= 1
        if self.budget < 0:
            raise _TooLarge()
        if node.tag == STR_TAG:  # scalar()'s first case, without the call
            return node.value
        val = self.scalar(node)
        if val is None or isinstance(val, (dict, list)):
            return None
        return str(val)

    def seq(self, node: Node, path: str, field: str) -> list[Node]:
        if node.tag not in SAFE_TAGS:
            self.refuse(node, path)
            return []
        if isinstance(node, SequenceNode):
            return list(node.value)
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            return []
        self.problem("invalid-structure", "expected-list", node, path, "error", field=field)
        return []

    # -- structure -----------------------------------------------------------------------------
    def document(self, root: Node) -> None:
        doc = self.doc
        if isinstance(root, ScalarNode) and root.tag == "tag:yaml.org,2002:null":
            return
        if not isinstance(root, MappingNode):
            self.problem("invalid-structure", "expected-mapping", root, "", "error", field="document")
            return
        for key, knode, v in self.pairs(root, "", DOCUMENT_KEYS):
            if key == "objectives":
                doc.objectives_span = _span(knode)
                for i, item in enumerate(self.seq(v, "objectives", key)):
                    obj = self.objective(item, i)
                    if obj is not None:
                        doc.objectives.append(obj)
            elif key == "kpis":
                for i, item in enumerate(self.seq(v, "kpis", key)):
                    kpi = self.item(item, f"kpis[{i}]", i, Kpi, KPI_KEYS)
                    if kpi is not None:
                        doc.kpis.append(kpi)
            elif key == "period":
                doc.period_raw = self.text(v, "period", key)
                doc.period_span = _span(v)
            elif key in ("team", "owner"):
                setattr(doc, key, self.text(v, key, key))
            elif key == "review":
                doc.review = self.value(v, "review")
                doc.review_span = _span(knode)
            elif key == "changes":
                val = self.value(v, "changes")
                doc.changes = val if isinstance(val, list) else []
            else:
                doc.meta[key] = self.value(v, key)

    def item(self, node: Node, path: str, index: int, cls: type[OkrNode], allowed: frozenset[str]) -> Any:
        if node.tag not in SAFE_TAGS:
            self.refuse(node, path)
            return None
        if isinstance(node, ScalarNode):
            if node.tag == STR_TAG:  # most KRs: safe_text, without its two calls
                self.budget -= 1
                if self.budget < 0:
                    raise _TooLarge()
                s, e = node.start_mark, node.end_mark  # _span(node), inlined
                return cls(node.value, Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1), path, index)
            title = self.safe_text(node)
            if title is None:
                self.problem("invalid-structure", "empty-item", node, path, "error")
                return None
            return cls(title, _span(node), path, index)
        if not isinstance(node, MappingNode):
            self.problem("invalid-structure", "expected-mapping", node, path, "error", field=path)
            return None
        # The span is the title's, or failing a title the mapping's: built once it is known which.
        obj = cls("", None, path, index)  # type: ignore[arg-type]
        title_seen = False
        field_spans = obj.field_spans
        fields = obj.fields
        for key, knode, v in self.pairs(node, path, allowed):
            s, e = v.start_mark, v.end_mark  # _span(v), inlined: a field of every item
            span = field_spans[key] = Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1)
            if key == "key_results":
                assert isinstance(obj, Objective)
                obj.key_results_span = _span(knode)
                for i, kr in enumerate(self.seq(v, f"{path}.key_results", key)):
                    got = self.item(kr, f"{path}.key_results[{i}]", i, KeyResult, KR_KEYS)
                    if got is not None:
                        if got.id is None:
                            got.id = f"KR{i + 1}"
                        obj.key_results.append(got)
            elif key in ("title", "id", "owner", "aligns_to"):
                tag = v.tag
                if tag == STR_TAG and type(v) is ScalarNode:  # safe_text's common case, inlined
                    self.budget -= 1
                    if self.budget < 0:
                        raise _TooLarge()
                    val = v.value
                elif type(v) is ScalarNode and tag in SAFE_TAGS:  # the path is only for problems
                    val = self.safe_text(v)
                else:
                    val = self.text(v, f"{path}.{key}", key)
                if key == "title":
                    title_seen = val is not None
                    obj.title = val or ""
                    obj.span = span
                elif key == "aligns_to":
                    obj.aligns_to = val  # type: ignore[attr-defined]
                else:
                    setattr(obj, key, val)
                fields[key] = val
            else:
                fields[key] = self.child(v, path, key, 0, _VALUE)
        if obj.span is None:
            obj.span = _span(node)
        if not title_seen:
            self.problem("invalid-structure", "missing-title", node, path, "error")
        return obj

    def objective(self, node: Node, index: int) -> Objective | None:
        obj = self.item(node, f"objectives[{index}]", index, Objective, OBJECTIVE_KEYS)
        if obj is not None and obj.id is None:
            obj.id = f"O{index + 1}"
        return obj


def parse_yaml(text: str, path: str, fmt: str = "yaml") -> Document:
    doc = Document(path, fmt, text)  # type: ignore[arg-type]  # positional: path, format, text
    try:
        loader, root = compose_text(text)
    except TooDeep as exc:
        doc.parse_problems.append(("parse-error", Problem(
            "too-deep", {}, Span.at(exc.mark.line + 1, exc.mark.column + 1, 1), "", "error")))
        return doc
    except yaml.MarkedYAMLError as exc:
        doc.parse_problems.append(("parse-error", syntax_problem(exc, 1)))
        return doc
    except yaml.YAMLError as exc:
        doc.parse_problems.append(("parse-error", Problem("yaml-syntax", {"reason": str(exc).splitlines()[0]},
                                                          Span.at(1, 1), "", "error")))
        return doc
    except (RecursionError, MemoryError):  # belt and braces: the composer does not recurse
        doc.parse_problems.append(("parse-error", Problem("too-deep", {}, Span.at(1, 1), "", "error")))
        return doc
    try:
        if root is None:
            return doc
        reader = _Reader(doc, loader)
        try:
            reader.document(root)
        except (_TooLarge, RecursionError):
            doc.objectives.clear()
            doc.kpis.clear()
            doc.parse_problems.append(
                ("parse-error", Problem("too-large", {"limit": MAX_NODES}, Span.at(1, 1), "", "error"))
            )
    finally:
        loader.dispose()
    return doc
