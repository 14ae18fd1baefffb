"""Grading one key result 0–1: declared scores, computed ones (direction-aware, clamped), averages."""
from __future__ import annotations

import pytest

from okrlint.engine.facts import node_facts
from okrlint.model import KeyResult, Kpi, Span
from okrlint.review.grading import average, fmt_score, grade, parse_score


def kr(title: str, cls: type = KeyResult, **fields: object) -> KeyResult:
    return cls(title=title, span=Span.at(1, 1), node_path="objectives[0].key_results[0]", index=0, fields=dict(fields))


@pytest.mark.parametrize("value,expected", [
    (0.95, (0.95, True)), ("0.7", (0.7, True)), ("95%", (0.95, True)), (0, (0.0, True)), (1, (1.0, True)),
    (None, (None, True)), (95, (95.0, False)), (1.2, (1.2, False)), (-0.1, (-0.1, False)),
    ("优秀", (None, False)), ("good", (None, False)), (True, (None, False)),
])
def test_parse_score(value: object, expected: tuple) -> None:  # type: ignore[type-arg]
    assert parse_score(value) == expected


@pytest.mark.parametrize("title,fields,score", [
    # with a baseline: the share of the way travelled, in either direction
    ("NPS从45分提升到55分", {"actual": 52}, 0.7),
    ("Increase NPS from 45 to 55", {"actual": 52}, 0.7),
    ("返修率从12%降至5%", {"actual": "8%"}, 0.5714),
    ("Cut the repeat-repair rate from 12% to 5%", {"actual": "8%"}, 0.5714),
    ("客户留存率从65%提升到75%", {"actual": "60%"}, 0.0),          # went backwards: clamped
    ("Raise retention from 65% to 75%", {"actual": "80%"}, 1.0),  # overshoot: clamped
    # without a baseline: actual / target, or target / actual for a ceiling
    ("返修原因识别准确率达到90%", {"actual": "85%"}, 0.9444),
    ("Technician diagnosis accuracy reaches 90%", {"actual": "45%"}, 0.5),
    ("成本控制在500万以内", {"actual": "625万"}, 0.8),
    ("Keep costs under $5M", {"actual": "$4M"}, 1.0),
    ("安全事故率", {"target": 0, "actual": 1}, 0.0),
    ("Safety incidents", {"target": 0, "actual": 0}, 1.0),
    ("FTR≥88%", {"actual": "90%"}, 1.0),
    # structured fields win over the text
    ("提升客户满意度", {"baseline": 45, "target": 55, "actual": 50}, 0.5),
])
def test_computed(title: str, fields: dict, score: float) -> None:  # type: ignore[type-arg]
    g = grade(kr(title, **fields), node_facts)
    assert g.computed == pytest.approx(score, abs=1e-4)
    assert g.source == "computed" and g.score == g.computed


@pytest.mark.parametrize("title,fields", [
    ("NPS从45分提升到55分", {}),                                 # no actual
    ("完成10个门店诊断", {"actual": 10}),                          # no target
    ("Revenue reaches $10M", {"actual": "80%"}),                  # different units
])
def test_not_computed(title: str, fields: dict) -> None:  # type: ignore[type-arg]
    g = grade(kr(title, **fields), node_facts)
    assert g.computed is None and g.score is None and g.source == "none"


def test_declared_wins_and_invalid_declared_falls_back() -> None:
    g = grade(kr("NPS从45分提升到55分", actual=52, score=0.6), node_facts)
    assert (g.score, g.source, g.computed) == (0.6, "declared", 0.7)
    g = grade(kr("NPS从45分提升到55分", actual=52, score=70), node_facts)
    assert (g.score, g.source, g.declared_valid) == (0.7, "computed", False)


def test_types() -> None:
    assert grade(kr("x"), node_facts).type == "aspirational"
    assert grade(kr("x", type="committed"), node_facts).type == "committed"
    assert grade(kr("x", type="承诺型"), node_facts).type == "committed"
    assert grade(kr("安全事故率", Kpi), node_facts).type == "committed"


def test_average_and_format() -> None:
    assert average([0.95, 0.85, 1.0, 0.7]) == 0.875
    assert average([None, 0.5, None]) == 0.5 and average([None]) is None
    assert [fmt_score(v) for v in (1.0, 0.95, 0.875, 0.0, None)] == ["1.0", "0.95", "0.875", "0.0", "-"]
