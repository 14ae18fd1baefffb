"""Skeletons (okrlint/engine/skeleton.py): what ``check`` keeps of a file after its own rules.

Every built-in repository rule, the scores and every replayable report must come out the same from
skeletons as from whole Documents; a rule that starts reading something a skeleton drops fails here.
"""
from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from okrlint.api import make_engine, read_paths
from okrlint.cli import main
from okrlint.commands.check import REPLAYABLE
from okrlint.engine import skeleton as sk
from okrlint.engine.config import Config
from okrlint.engine.runner import Options
from tests.conftest import EXAMPLES, ROOT

ORG = ROOT / "tests" / "org" / "fixtures"
TREES = [EXAMPLES, ORG / "zh" / "broken", ORG / "en" / "broken", ORG / "zh" / "company",
         ROOT / "tests" / "hostile" / "cases"]
ALL_ORG_RULES = ["alignment-target-missing", "alignment-cycle", "objective-unaligned", "duplicate-id",
                 "owner-overloaded", "kr-no-owner"]

DUPLICATES = """\
period: 2026-Q3
id: team-x
objectives:
  - id: O1
    title: 让客户一次修好
    key_results:
      - {id: KR1, title: 首次修复率从78%提升到90%, owner: 王五}
      - {id: KR1, title: 返修率从8%降到4%, owner: 王五}
  - id: O1
    title: Make support data driven
    aligns_to: missing.okr.yaml#O9
    key_results:
      - {title: Cut churn from 9% to 6%, owner: 王五}
  - id: O3
    title: 一次修好的文化
    key_results:
      - {id: KR2, title: 返工率从10%降到5%}
      - 首次修复率从70%提升到85%  # okrlint: ignore[duplicate-id] -- renumbered next cycle
  - id: O4  # okrlint: ignore[duplicate-id]
    title: 每周复盘
"""


def _generated(tmp: Path) -> Path:
    from bench.generate import generate

    generate(120, str(tmp / "gen"))
    (tmp / "gen" / "dup-a.okr.yaml").write_text(DUPLICATES, encoding="utf-8")
    (tmp / "gen" / "dup-b.okr.yaml").write_text(DUPLICATES.replace("aligns_to: missing", "aligns_to: dup-a"),
                                                encoding="utf-8")
    return tmp / "gen"


def _key(f):  # type: ignore[no-untyped-def]
    return (f.rule, f.file, f.line, f.column, f.end_line, f.end_column, f.node_path, f.message_id, f.message,
            f.args.get("text"))


@pytest.fixture(params=range(len(TREES) + 1), ids=[p.name for p in TREES] + ["generated"])
def tree(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return TREES[request.param] if request.param < len(TREES) else _generated(tmp_path)


def test_repository_rules_see_the_same_on_skeletons(tree: Path) -> None:
    engine = make_engine(Config(), Options(extend_select=ALL_ORG_RULES))
    docs = read_paths(engine, [str(tree)])
    per_file = [engine.lint_document(d) for d in docs]
    skeletons = [sk.skeleton(d, fs) for d, fs in zip(docs, per_file)]
    whole = sorted(map(_key, engine.lint_repository(docs)))
    assert sorted(map(_key, engine.lint_repository(skeletons))) == whole
    if tree.name in ("broken", "generated"):
        assert whole  # the comparison covered findings, not only silence


def _check(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["check", *args])
    return code, out.getvalue()


@pytest.mark.parametrize("fmt", REPLAYABLE)
def test_reports_are_the_same_with_skeletons(fmt: str, tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = [str(tree), "--no-cache", "--format", fmt, "--extend-select", ",".join(ALL_ORG_RULES)]
    with_skeletons = _check(args)
    monkeypatch.setattr(sk, "wanted", lambda engine, fmt: False)
    assert _check(args) == with_skeletons


def test_skeleton_keeps_what_reports_quote() -> None:
    engine = make_engine(Config())
    (doc,) = read_paths(engine, [str(EXAMPLES / "zh" / "first-time-fix.okr.yaml")])
    findings = engine.lint_document(doc)
    s = sk.skeleton(doc, findings)
    lines, kept = doc.text.split("\n"), s.text.split("\n")
    assert len(kept) == len(lines)  # line numbers hold
    for o in s.objectives:
        assert kept[o.span.line - 1] == lines[o.span.line - 1]
        assert o.fields == {} and set(o.field_spans) <= {"id", "owner", "aligns_to"}
        assert all(kr.fields == {} for kr in o.key_results)
    assert [o.title for o in s.objectives] == [o.title for o in doc.objectives]
    assert all(kr.title == "" for o in s.objectives for kr in o.key_results)  # no id repeats here
    assert s.kpis == [] and s.changes == [] and s.parse_problems == []
    assert sum(1 for line in kept if line) < sum(1 for line in lines if line)  # something was dropped


def test_slim_findings_keep_only_the_flagged_text() -> None:
    engine = make_engine(Config())
    (doc,) = read_paths(engine, [str(EXAMPLES / "zh" / "mistake-1-kpi-renamed.okr.md")])
    findings = sk.slim(engine.lint_document(doc))
    assert findings and all(set(f.args) <= {"text"} for f in findings)
    assert any(f.args for f in findings)


def test_whole_documents_where_something_may_read_them(tmp_path: Path) -> None:
    engine = make_engine(Config())
    assert sk.wanted(engine, "text") and sk.wanted(engine, "sarif")
    assert not sk.wanted(engine, "html")  # shows facts, fields and KPIs
    changed = Options(extend_select=["target-changed"])
    assert sk.wanted(make_engine(Config(), changed), "text")  # without a revision it reads nothing
    since = make_engine(Config(data={"rules": {"target-changed": {"since": "HEAD~1"}}}, root=tmp_path), changed)
    assert not sk.wanted(since, "text")  # compares every key result's fields with a revision


def test_whole_documents_with_a_repository_rule_from_outside() -> None:
    from types import SimpleNamespace

    def engine(origin: str) -> SimpleNamespace:
        rule = SimpleNamespace(origin=origin, name="team-rule")
        return SimpleNamespace(by_scope={"repository": [SimpleNamespace(rule=rule, options={})]})

    assert sk.wanted(engine("builtin"), "text")
    assert not sk.wanted(engine("plugin"), "text")  # a plugin or pack rule may read any field
