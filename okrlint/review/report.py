"""The review of a set of documents as plain dataclasses (and ``to_dict()`` for JSON/HTML).

Averages: an objective's is the mean of its graded key results (the article's
``(0.95 + 0.85 + 1.0 + 0.7) / 4 = 0.875``); a document's, a team's and the run's
are the means of their objectives' averages, so every objective weighs the same
however many key results it has. KPIs are graded but kept out of the averages:
they are the floor, checked by ``committed-missed``. Ungraded key results (no
score, nothing to compute from) are listed and left out of every mean.

The HTML report can draw score bars from ``Grade.score`` with the band
``SWEET_SPOT`` (0.6–0.7) marked.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable

from okrlint.model import Document, Node
from okrlint.review.grading import SWEET_SPOT, Grade, average, grade
from okrlint.text import Facts


@dataclass(slots=True)
class ObjectiveReview:
    id: str | None
    title: str
    owner: str | None
    node_path: str
    line: int
    key_results: list[Grade] = field(default_factory=list)
    average: float | None = None


@dataclass(slots=True)
class DocumentReview:
    path: str
    team: str
    language: str
    objectives: list[ObjectiveReview] = field(default_factory=list)
    kpis: list[Grade] = field(default_factory=list)
    average: float | None = None


@dataclass(slots=True)
class Review:
    documents: list[DocumentReview] = field(default_factory=list)
    teams: dict[str, float | None] = field(default_factory=dict)
    average: float | None = None
    sweet_spot: tuple[float, float] = SWEET_SPOT

    def to_dict(self) -> dict[str, Any]:
        return {
            "sweet_spot": list(self.sweet_spot),
            "average": self.average,
            "teams": dict(self.teams),
            "documents": [{
                "path": d.path, "team": d.team, "language": d.language, "average": d.average,
                "objectives": [{
                    "id": o.id, "title": o.title, "owner": o.owner, "node_path": o.node_path, "line": o.line,
                    "average": o.average, "key_results": [g.to_dict() for g in o.key_results],
                } for o in d.objectives],
                "kpis": [g.to_dict() for g in d.kpis],
            } for d in self.documents],
        }


def team_name(doc: Document) -> str:
    if doc.team:
        return doc.team
    base = os.path.basename(doc.path)
    return base.split(".", 1)[0] or base


def review_documents(documents: list[Document], facts_of: Callable[[Node], Facts] | None = None) -> Review:
    facts_of = facts_of or _facts_function(documents)
    rev = Review()
    team_objs: dict[str, list[float | None]] = {}
    all_objs: list[float | None] = []
    for doc in documents:
        dr = DocumentReview(doc.path, team_name(doc), doc.language)
        for obj in doc.objectives:
            orv = ObjectiveReview(obj.id, obj.title, obj.owner, obj.node_path, obj.span.line,
                                  [grade(kr, facts_of) for kr in obj.key_results])
            orv.average = average([g.score for g in orv.key_results])
            dr.objectives.append(orv)
        dr.kpis = [grade(k, facts_of) for k in doc.kpis]
        dr.average = average([o.average for o in dr.objectives])
        team_objs.setdefault(dr.team, []).extend(o.average for o in dr.objectives)
        all_objs.extend(o.average for o in dr.objectives)
        rev.documents.append(dr)
    rev.teams = {t: average(v) for t, v in team_objs.items()}
    rev.average = average(all_objs)
    return rev


def _facts_function(documents: list[Document]) -> Callable[[Node], Facts]:
    """Facts per node, cached, with each document's year (as the engine's context does)."""
    from okrlint.engine.facts import node_facts

    years: dict[int, int | None] = {}
    for d in documents:
        year = d.period.end.year if d.period else None
        for n in [*d.objectives, *(kr for _, kr in d.key_results()), *d.kpis]:
            years[id(n)] = year
    cache: dict[int, Facts] = {}

    def facts_of(node: Node) -> Facts:
        got = cache.get(id(node))
        if got is None:
            got = cache[id(node)] = node_facts(node, years.get(id(node)))
        return got

    return facts_of
