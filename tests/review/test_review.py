"""`okrlint review`: the article's step 5, the company fixture's averages and findings, score-out-of-range."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES
from okrlint.api import make_engine, read_paths, run
from okrlint.engine.config import Config
from okrlint.engine.runner import Options
from okrlint.review.report import review_documents

FIXTURES = Path(__file__).parent.parent / "org" / "fixtures"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_article_step_5(lang: str) -> None:
    path = EXAMPLES / lang / "after-sales-q1.okr.yaml"
    engine = make_engine(Config(), Options(select=["OKR6"]))
    result = run(engine, [str(path)])
    rev = review_documents(result.documents)
    (obj,) = rev.documents[0].objectives
    assert [g.score for g in obj.key_results] == [0.95, 0.85, 1.0, 0.7]
    assert obj.average == 0.875 and rev.documents[0].average == 0.875 and rev.average == 0.875
    # KR3 (1.0, fully met) is "probably too conservative"; KR1 at 0.95 is "优秀", not flagged
    assert [(f.rule, f.line, f.node_path, f.message_id) for f in result.findings] == [
        ("score-too-high", 22, "objectives[0].key_results[2]", "kr-met")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_article_step_5_cli_json(cli, lang: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("review", "--format", "json", str(EXAMPLES / lang / "after-sales-q1.okr.yaml"))
    assert code == 0, err  # warnings only
    data = json.loads(out)
    obj = data["review"]["documents"][0]["objectives"][0]
    assert [k["score"] for k in obj["key_results"]] == [0.95, 0.85, 1.0, 0.7] and obj["average"] == 0.875
    assert data["review"]["sweet_spot"] == [0.6, 0.7]
    assert [(f["rule"], f["node_path"]) for f in data["findings"]] == [("score-too-high", "objectives[0].key_results[2]")]


def test_article_step_5_text(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("review", str(EXAMPLES / "zh" / "after-sales-q1.okr.yaml"))
    assert code == 0
    assert "0.875" in out and "OKR603" in out and out.count("OKR6") == 1


COMPANY_FINDINGS = {
    ("team-field.okr.yaml", 15, "objectives[0].key_results[2]", "committed-missed", "kr-missed"),
    ("team-hub.okr.yaml", 15, "objectives[0].key_results[2]", "score-too-high", "kr-met"),
    ("team-quality.okr.yaml", 13, "objectives[0].key_results[0]", "score-too-low", "kr-low"),
    ("team-quality.okr.yaml", 15, "objectives[0].key_results[2]", "score-mismatch", "mismatch"),
    ("team-quality.okr.yaml", 15, "objectives[0].key_results[2]", "score-too-low", "kr-low"),
    ("team-quality.okr.yaml", 17, "kpis[0]", "committed-missed", "kpi-missed"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_company_review(lang: str) -> None:
    engine = make_engine(Config(), Options(select=["OKR6"]))
    result = run(engine, [str(FIXTURES / lang / "company")])
    got = {(Path(f.file).name, f.line, f.node_path, f.rule, f.message_id) for f in result.findings}
    assert got == COMPANY_FINDINGS
    rev = review_documents(result.documents)
    by_file = {Path(d.path).name: d for d in rev.documents}
    assert by_file["company.okr.yaml"].average is None  # nothing graded yet
    assert by_file["team-field.okr.yaml"].average == pytest.approx((0.6 + 4 / 7 + 0.96) / 3, abs=1e-4)
    assert by_file["team-quality.okr.yaml"].average == pytest.approx((0.5 / 3 + 0.5 + 0.3) / 3, abs=1e-4)
    assert list(rev.teams.values())[2] == 0.875  # the hub (documents in path order)
    objs = [by_file[f].objectives[0].average for f in ("team-field.okr.yaml", "team-hub.okr.yaml", "team-quality.okr.yaml")]
    assert rev.average == pytest.approx(sum(objs) / 3, abs=1e-4)  # the company's ungraded objectives left out
    assert [g.score for g in by_file["company.okr.yaml"].kpis] == [1.0]


def test_review_rules_off_in_check_but_out_of_range_on() -> None:
    engine = make_engine(Config())
    assert "score-out-of-range" in engine.active
    assert not {"score-mismatch", "score-too-high", "score-too-low", "committed-missed", "target-changed"} & set(engine.active)
    assert not [f for f in run(engine, [str(FIXTURES / "zh" / "company")]).findings if f.code.startswith("OKR6")]


@pytest.mark.parametrize("score,expected", [
    ("0.7", None), ("'70%'", None), ("1", None), ("0", None),
    ("70", "out-of-range"), ("1.2", "out-of-range"), ("-0.1", "out-of-range"), ("优秀", "not-a-number"),
    ("good", "not-a-number"),
])
def test_score_out_of_range(tmp_path: Path, score: str, expected: str | None) -> None:
    p = tmp_path / "q1.okr.yaml"
    p.write_text("period: 2026-Q1\nreview: {checkin: weekly}\nobjectives:\n  - title: 建立数据驱动的服务运营体系\n"
                 f"    key_results:\n      - title: NPS从45分提升到55分\n        score: {score}\n"
                 f"kpis:\n  - {{title: Compliance rate, target: 100%, score: {score}}}\n", encoding="utf-8")
    engine = make_engine(Config(), Options(select=["score-out-of-range"]))
    got = [(f.line, f.node_path, f.message_id) for f in run(engine, [str(p)]).findings]
    assert got == ([] if expected is None else [(7, "objectives[0].key_results[0]", expected),
                                                 (9, "kpis[0]", expected)])


def test_score_out_of_range_is_an_error_exit(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "q1.okr.yaml"
    p.write_text("period: 2026-Q1\nobjectives:\n  - title: Build a data-driven service system\n    key_results:\n"
                 "      - {title: Increase NPS from 45 to 55, actual: 52, score: 70}\n", encoding="utf-8")
    assert cli("review", str(p))[0] == 1
    assert cli("review", "--exit-zero", str(p))[0] == 0


@pytest.mark.parametrize("options,expected", [
    ({}, {"kr-met"}), ({"kr_min": 0.9}, {"kr-met"}), ({"average_max": 0.8}, {"kr-met", "objective-high"}),
])
def test_score_too_high_options(options: dict, expected: set) -> None:  # type: ignore[type-arg]
    engine = make_engine(Config(data={"rules": {"score-too-high": options}}), Options(select=["score-too-high"]))
    got = run(engine, [str(EXAMPLES / "en" / "after-sales-q1.okr.yaml")]).findings
    assert {f.message_id for f in got} == expected
    lines = sorted(f.line for f in got if f.message_id == "kr-met")
    assert lines == ([14, 22] if options.get("kr_min") == 0.9 else [22])


def test_review_docs_read_with_the_engine_reader() -> None:
    engine = make_engine(Config())
    docs = read_paths(engine, [str(EXAMPLES / "zh" / "after-sales-q1.okr.yaml")])
    assert review_documents(docs).to_dict()["documents"][0]["objectives"][0]["average"] == 0.875


def test_text_outputs_neutralise_control_characters(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "q1.okr.yaml"
    p.write_text('period: 2026-Q1\nobjectives:\n  - title: "Build \\e[31mred\\u202e system"\n    owner: "\\e]0;x\\a"\n'
                 '    key_results:\n      - {title: "NPS\\e[2J from 45 to 55", actual: 52}\n', encoding="utf-8")
    for command in ("review", "tree"):
        code, out, _ = cli(command, str(p))
        assert code == 0 and "\x1b" not in out and "\u202e" not in out and "\x07" not in out
