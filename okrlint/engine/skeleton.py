"""What ``okrlint check`` keeps of a file once its own rules have run.

A run of 20,000 files kept every parsed Document (~8 KB each, with the fields as written, the
source text and the KPIs) and every finding's message arguments until it ended: ~400 MiB. After
the per-file rules, only three things still read a file: the repository rules (alignment, ids,
owners), the quality score, and the reports. A *skeleton* is a Document with just what those read:

* the document's path, format, language, period text, team, owner and its ``level`` and ``id``;
* its inline suppressions (they apply to the repository rules' findings too);
* each objective and key result with its position, node path, index, id, owner and ``aligns_to``,
  and the positions of its ``id``, ``owner`` and ``aligns_to`` fields; objectives keep their title,
  key results only where ``duplicate-id`` quotes it (an id repeated within the objective);
* a sparse copy of the text: every line keeps its number, but only the lines a finding can quote
  (lines with findings, objectives, the id/owner/aligns_to lines, the document's ``id:`` line)
  keep their text.

Findings keep of their message arguments (``args``) only the flagged ``text``, which the SARIF and
GitLab fingerprints hash; the others are in the rendered message already and only the HTML report
shows them.

The command uses skeletons only when nothing else needs the whole Document: not for the HTML
report, not with a plugin or pack rule of repository scope (it may read anything), not when
``target-changed`` compares with a revision (it reads every key result's fields). The Python API
always returns whole Documents.
"""
from __future__ import annotations

from collections import Counter
from typing import AbstractSet, Any, Iterable

from okrlint.model import Document, Finding, KeyResult, Node, Objective
from okrlint.rules.duplicate_id import document_id_line

_FIELDS = ("id", "owner", "aligns_to")  # the fields repository rules point at


def wanted(engine: Any, report_format: str) -> bool:
    """Whether a ``check`` run with this engine and report format can keep skeletons."""
    if report_format == "html":
        return False
    for act in engine.by_scope.get("repository", []):
        if act.rule.origin != "builtin":
            return False
        if act.rule.name == "target-changed" and act.options.get("since"):
            return False
    return True


def _spans(node: Node, empty: dict[str, Any]) -> dict[str, Any]:
    spans = node.field_spans
    if not spans:  # plain-text items have none
        return empty
    return {k: v for k, v in spans.items() if k in _FIELDS} or empty


_NO_IDS: frozenset[str] = frozenset()


def _repeated_ids(o: Objective) -> AbstractSet[str]:
    """Key result ids used more than once in ``o`` (what duplicate-id reports)."""
    ids = [kr.id for kr in o.key_results if kr.id]
    if len(set(ids)) == len(ids):  # the common case: no id repeats, no Counter needed
        return _NO_IDS
    return {kr_id for kr_id, n in Counter(ids).items() if n > 1}


def _key_result(kr: KeyResult, repeated: AbstractSet[str], empty: dict[str, Any]) -> KeyResult:
    # Only duplicate-id quotes a key result's title, and only when its id repeats in its objective.
    # (Positional: title, span, node_path, index, id, owner, fields, field_spans.)
    return KeyResult(kr.title if kr.id in repeated else "", kr.span, kr.node_path, kr.index, kr.id, kr.owner,
                     empty, _spans(kr, empty))


def _objective(o: Objective, repeated: AbstractSet[str], empty: dict[str, Any]) -> Objective:
    # (Positional: title, span, node_path, index, id, owner, fields, field_spans, aligns_to, key_results.)
    return Objective(o.title, o.span, o.node_path, o.index, o.id, o.owner, empty, _spans(o, empty), o.aligns_to,
                     [_key_result(kr, repeated, empty) for kr in o.key_results])


def _quotable(doc: Document, findings: Iterable[Finding], repeats: list[AbstractSet[str]]) -> set[int]:
    """Lines a finding may quote: the file's own findings' and suppressions', and where a repository rule
    can point (an objective and its id/owner/aligns_to; a key result's id/owner, or the key result
    itself when that field has no line of its own and the rule can fire on it)."""
    keep = {f.line for f in findings}
    if doc.suppressions:  # unused-suppression may come later
        keep.update(s.line for s in doc.suppressions)
    for o, repeated in zip(doc.objectives, repeats):
        keep.add(o.span.line)
        _field_lines(o.field_spans, keep)
        for kr in o.key_results:
            spans = kr.field_spans
            _field_lines(spans, keep)
            if (kr.id in repeated and "id" not in spans) or (kr.owner and "owner" not in spans):
                keep.add(kr.span.line)
    return keep


def _field_lines(spans: dict[str, Any], keep: set[int]) -> None:
    """Add the lines of the id/owner/aligns_to fields among ``spans``."""
    if spans:  # plain-text items have none
        for k in _FIELDS:
            if k in spans:
                keep.add(spans[k].line)


def _sparse(text: str, keep: set[int]) -> str:
    lines = text.split("\n")
    out = [""] * len(lines)
    for n in keep:  # a few lines of many: fill those in
        if 0 < n <= len(lines):
            out[n - 1] = lines[n - 1]
    return "\n".join(out)


def skeleton(doc: Document, findings: Iterable[Finding]) -> Document:
    """The skeleton of ``doc`` (see the module docstring); ``findings`` are the file's own."""
    repeats = [_repeated_ids(o) for o in doc.objectives]
    keep = _quotable(doc, findings, repeats)
    id_line = document_id_line(doc.text) if "id" in doc.meta else None
    if id_line is not None:
        keep.add(id_line)
    # One empty mapping for every node's unused fields: a skeleton is only read, and a pickle
    # keeps one object once (~60 bytes a node, 10 MB at 20,000 files).
    empty: dict[str, Any] = {}
    none: list[Any] = []  # likewise for the lists a skeleton leaves empty
    meta = ({k: doc.meta[k] for k in ("level", "id") if k in doc.meta} or empty) if doc.meta else empty
    return Document(path=doc.path, format=doc.format, text=_sparse(doc.text, keep), language=doc.language,
                    period_raw=doc.period_raw, team=doc.team, owner=doc.owner,
                    objectives=[_objective(o, r, empty) for o, r in zip(doc.objectives, repeats)],
                    kpis=none, changes=none,
                    meta=meta, parse_problems=none, suppressions=doc.suppressions or none, encoding=doc.encoding)


def slim(findings: list[Finding]) -> list[Finding]:
    """The findings of one file with only the ``text`` of their message arguments (the message is
    rendered already); findings with the same text share one mapping (it is only read)."""
    shared: dict[Any, dict[str, Any]] = {}
    for f in findings:
        text = f.args.get("text")
        f.args = shared.setdefault(text, {} if text is None else {"text": text})
    return findings


def share_strings(docs: Iterable[Document], per_doc: Iterable[list[Finding]],
                  pool: dict[str | None, str | None] | None = None) -> None:
    """One copy of the strings that repeat from file to file (node paths such as
    ``objectives[0].key_results[2]``, ids, owners, rule names, help URLs): each file's result is
    unpickled apart, with copies of its own (~25 MB at 20,000 files). ``pool``: the strings kept
    so far, to share them as results come in."""
    get = ({} if pool is None else pool).setdefault
    for doc in docs:
        doc.period_raw = get(doc.period_raw, doc.period_raw)
        for o in doc.objectives:
            nodes: list[Node] = [o, *o.key_results]
            for n in nodes:
                n.node_path, n.id, n.owner = get(n.node_path, n.node_path), get(n.id, n.id), get(n.owner, n.owner)
    for fs in per_doc:
        for f in fs:
            f.rule, f.code, f.severity = get(f.rule, f.rule), get(f.code, f.code), get(f.severity, f.severity)
            f.message_id, f.help = get(f.message_id, f.message_id), get(f.help, f.help)
            f.node_path = get(f.node_path, f.node_path)
