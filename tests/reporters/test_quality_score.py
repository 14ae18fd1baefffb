"""The quality score: the documented formula, and the article's good OKRs above its bad ones."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from okrlint.api import make_engine, run
from okrlint.engine.config import Config
from okrlint.model import Finding
from okrlint.parsing import parse_text
from okrlint.score import COSTS, score_document, score_run

GOOD = ("customer-experience", "mistake-1-fixed", "mistake-2-fixed", "craft-good", "first-time-fix")
BAD = ("mistake-1-kpi-renamed", "mistake-2-objective-as-kr", "mistake-3-too-few", "mistake-3-too-many", "craft-bad")

DOC = "---\nperiod: 2026-Q1\n---\nO1:提升服务体验\nKR1:NPS从45提升到55\nKR2:FTR从88%提升到95%\nKR3:留存率从65%提升到75%\n" \
      "O2:打造一次修好的能力\nKR1:复修率从12%降低到5%\nKR2:诊断准确率从80%提升到90%\nKR3:返修率从8%降低到4%\n"


def _f(path: str, node_path: str, severity: str, rule: str = "kr-count") -> Finding:
    return Finding(rule, "OKR201", severity, "m", path, 1, 1, 1, 2, node_path, "", "id")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def example_scores() -> dict[str, int]:
    result = run(make_engine(Config(root=ROOT)), [str(EXAMPLES)])
    return {Path(d.document.path).resolve().relative_to(EXAMPLES).as_posix(): d.score
            for d in score_run(result.documents, result.findings).documents}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_good_examples_score_above_bad_ones(example_scores: dict[str, int], lang: str) -> None:
    ext = {"first-time-fix": ".okr.yaml"}
    good = {n: example_scores[f"{lang}/{n}{ext.get(n, '.okr.md')}"] for n in GOOD}
    bad = {n: example_scores[f"{lang}/{n}.okr.md"] for n in BAD}
    assert min(good.values()) > max(bad.values()), (good, bad)
    assert all(s == 100 for s in good.values())  # the ✅ examples have no findings at all


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_fix_scores_above_its_mistake(example_scores: dict[str, int], lang: str) -> None:
    for fixed, broken in (("mistake-1-fixed", "mistake-1-kpi-renamed"), ("mistake-2-fixed", "mistake-2-objective-as-kr"),
                          ("craft-good", "craft-bad")):
        assert example_scores[f"{lang}/{fixed}.okr.md"] > example_scores[f"{lang}/{broken}.okr.md"]


# (findings as (node_path, severity), objective scores, document score)
FORMULA = [
    ([], [100, 100], 100),
    ([("objectives[0]", "error")], [75, 100], 88),  # mean 87.5 rounds half to even
    ([("objectives[0].key_results[1]", "warning"), ("objectives[0]", "info")], [88, 100], 94),
    ([("objectives[1].key_results[0]", "error")] * 5, [100, 0], 50),  # an objective never goes below 0
    ([("", "warning"), ("kpis[0]", "warning")], [100, 100], 80),  # document-level findings cost the document
    ([("objectives[9]", "error")], [100, 100], 75),  # an unknown objective index counts as document-level
]


@pytest.mark.parametrize(("found", "objectives", "document"), FORMULA)
def test_formula(found: list[tuple[str, str]], objectives: list[int], document: int) -> None:
    doc = parse_text(DOC, "a.okr.md")
    ds = score_document(doc, [_f("a.okr.md", p, s) for p, s in found])
    assert [o.score for o in ds.objectives] == objectives
    assert ds.score == document


def test_costs_are_severity_weighted() -> None:
    assert COSTS == {"error": 25, "warning": 10, "info": 2}


def test_findings_of_other_files_do_not_count() -> None:
    doc = parse_text(DOC, "a.okr.md")
    assert score_document(doc, [_f("b.okr.md", "objectives[0]", "error")]).score == 100


def test_unreadable_document_scores_zero_and_run_is_the_mean() -> None:
    good = parse_text(DOC, "a.okr.md")
    broken = parse_text("objectives: [\n", "b.okr.yaml")
    rs = score_run([good, broken], [_f("b.okr.yaml", "", "error", rule="parse-error")])
    assert [d.score for d in rs.documents] == [100, 0]
    assert rs.score == 50


def test_document_without_objectives() -> None:
    doc = parse_text("# notes\n", "n.okr.md")
    assert score_document(doc, [_f("n.okr.md", "", "warning")]).score == 90


def test_empty_run_has_no_score() -> None:
    assert score_run([], []).score is None


def test_worst_objectives_lowest_first() -> None:
    doc = parse_text(DOC, "a.okr.md")
    rs = score_run([doc], [_f("a.okr.md", "objectives[0]", "warning"), _f("a.okr.md", "objectives[1]", "error")])
    assert [(o.objective.node_path, o.score) for _, o in rs.worst_objectives()] == [("objectives[1]", 75),
                                                                                  ("objectives[0]", 90)]


def test_scores_of_only_the_files_with_findings_keep_the_run_score() -> None:
    result = run(make_engine(Config(root=ROOT)), [str(EXAMPLES)])
    full = score_run(result.documents, result.findings)
    lean = score_run(result.documents, result.findings, clean=False)
    flagged = {f.file for f in result.findings}
    assert lean.score == full.score
    assert [d.document.path for d in lean.documents] == [d.path for d in result.documents if d.path in flagged]
    assert all(d.score == 100 for d in full.documents if d.document.path not in flagged)
    assert 0 < len(lean.documents) < len(full.documents)
