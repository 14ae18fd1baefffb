"""Quality scores from 0 to 100 for every objective, document and run, derived only from findings.

The formula (also in docs/scoring.md) -- nothing else goes into a score:

1. Every finding costs points by its severity (after configuration, so a rule
   turned down to ``info`` costs less): ``error`` 25, ``warning`` 10, ``info`` 2
   (``COSTS``).
2. An **objective** scores ``100 - (cost of the findings on the objective and on
   its key results)``, never below 0. A finding belongs to an objective when its
   ``node_path`` starts with ``objectives[i]``.
3. A **document** scores ``mean(objective scores) - (cost of its other findings)``
   (findings on the document itself, its KPIs, its review, ...), never below 0.
   A document without objectives scores ``100 - (cost of all its findings)``. A
   document okrlint could not read (a ``parse-error`` finding) scores 0: nothing
   in it could be judged.
4. A **run** scores the mean of its documents' scores (each file counts once);
   a run without documents has no score (``None``).

Document and run scores are rounded to the nearest integer (halves to even);
objective scores are integers already. A clean OKR set scores 100. Findings
that cost points are kept next to each score (``Charge``) so a report can show
what to fix first.
"""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from okrlint.model import Document, Finding, Objective
from okrlint.record import Record
from okrlint.regex_cache import compiled

COSTS: dict[str, int] = {"error": 25, "warning": 10, "info": 2}
UNREADABLE_RULES: frozenset[str] = frozenset({"parse-error"})

_OBJECTIVE = compiled(r"^objectives\[(\d+)\]")


class Charge(Record):
    __slots__ = ("finding", "cost")
    finding: Finding
    cost: int

    def __init__(self, finding: Finding, cost: int) -> None:
        self.finding = finding
        self.cost = cost


class ObjectiveScore(Record):
    __slots__ = ("objective", "score", "charges")
    objective: Objective
    score: int
    charges: list[Charge]

    def __init__(self, objective: Objective, score: int, charges: list[Charge] | None = None) -> None:
        self.objective = objective
        self.score = score
        self.charges = [] if charges is None else charges

    @property
    def lost(self) -> int:
        return sum(c.cost for c in self.charges)


class DocumentScore(Record):
    __slots__ = ("document", "score", "objectives", "charges", "unreadable")
    document: Document
    score: int
    objectives: list[ObjectiveScore]
    charges: list[Charge]  # findings outside any objective
    unreadable: bool

    def __init__(self, document: Document, score: int, objectives: list[ObjectiveScore] | None = None,
                 charges: list[Charge] | None = None, unreadable: bool = False) -> None:
        self.document = document
        self.score = score
        self.objectives = [] if objectives is None else objectives
        self.charges = [] if charges is None else charges
        self.unreadable = unreadable


class RunScore(Record):
    __slots__ = ("score", "documents")
    score: int | None
    documents: list[DocumentScore]

    def __init__(self, score: int | None, documents: list[DocumentScore] | None = None) -> None:
        self.score = score
        self.documents = [] if documents is None else documents

    def worst_objectives(self, limit: int | None = None) -> list[tuple[DocumentScore, ObjectiveScore]]:
        """Objectives that lost points, lowest score first (ties: file, then position)."""
        pairs = [(d, o) for d in self.documents for o in d.objectives if o.charges]
        pairs.sort(key=lambda p: (p[1].score, p[0].document.path, p[1].objective.index))
        return pairs[:limit] if limit is not None else pairs

    def by_path(self) -> dict[str, DocumentScore]:
        return {d.document.path: d for d in self.documents}


def cost(finding: Finding) -> int:
    return COSTS.get(finding.severity, 0)


def objective_index(node_path: str) -> int | None:
    m = _OBJECTIVE.match(node_path or "")
    return int(m.group(1)) if m else None


def _clamp(value: float) -> int:
    return max(0, min(100, round(value)))


def score_document(doc: Document, findings: Iterable[Finding]) -> DocumentScore:
    mine = [f for f in findings if f.file == doc.path]  # callers may pass a whole run's findings
    per_objective: dict[int, list[Charge]] = {o.index: [] for o in doc.objectives}
    loose: list[Charge] = []
    for f in mine:
        charge = Charge(f, cost(f))
        idx = objective_index(f.node_path)
        if idx is not None and idx in per_objective:
            per_objective[idx].append(charge)
        else:
            loose.append(charge)
    objectives = [ObjectiveScore(o, _clamp(100 - sum(c.cost for c in per_objective[o.index])),
                                 per_objective[o.index]) for o in doc.objectives]
    loose_cost = sum(c.cost for c in loose)
    unreadable = any(f.rule in UNREADABLE_RULES for f in mine)
    if unreadable:
        score = 0
    elif objectives:
        score = _clamp(sum(o.score for o in objectives) / len(objectives) - loose_cost)
    else:
        score = _clamp(100 - loose_cost)
    return DocumentScore(doc, score, objectives, loose, unreadable)


def score_run(documents: Sequence[Document], findings: Sequence[Finding], clean: bool = True) -> RunScore:
    """Scores of a run; ``clean=False`` leaves out the documents without findings (each scores 100,
    and still counts in the run's score): a report that lists only what lost points needs no more."""
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.file, []).append(f)
    docs = [score_document(d, by_file.get(d.path, ())) for d in documents if clean or d.path in by_file]
    n = len(documents)
    total = _clamp((sum(d.score for d in docs) + 100 * (n - len(docs))) / n) if n else None
    return RunScore(total, docs)


def score_result(result: Any) -> RunScore:
    """The scores of an ``api.Result`` (findings and documents of one run)."""
    return score_run(result.documents, result.findings)
