"""The organisation rules (OKR5xx) on a small company (company + 3 teams), in Chinese and English.

``fixtures/<lang>/company`` is a clean cascade: no OKR5xx finding, even with the
off-by-default rules selected. ``fixtures/<lang>/broken`` has each rule's positive
cases at pinned places; the two languages share line numbers.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from okrlint.api import make_engine, run
from okrlint.engine.config import Config
from okrlint.engine.runner import Options

FIXTURES = Path(__file__).parent / "fixtures"
ORG = ["OKR5"]

BROKEN = {
    ("company.okr.yaml", 11, "objectives[0].key_results[1]", "duplicate-id", "key-result"),
    ("company.okr.yaml", 12, "objectives[1]", "duplicate-id", "objective"),
    ("team-a.okr.yaml", 7, "objectives[0]", "alignment-target-missing", "no-objective"),
    ("team-a.okr.yaml", 8, "objectives[1]", "alignment-target-missing", "no-file"),
    ("team-a.okr.yaml", 9, "objectives[2]", "alignment-target-missing", "unknown-id"),
    ("team-a.okr.yaml", 10, "objectives[3]", "alignment-target-missing", "ambiguous-id"),
    ("team-a.okr.yaml", 11, "objectives[4]", "objective-unaligned", "unaligned"),
    ("team-b.okr.yaml", 9, "objectives[0]", "alignment-cycle", "cycle"),
    ("team-b.okr.yaml", 14, "objectives[0].key_results[3]", "kr-no-owner", "no-owner"),
    ("team-c.okr.yaml", 2, "", "duplicate-id", "document"),
    ("team-c.okr.yaml", 13, "objectives[0].key_results[2]", "owner-overloaded", "overloaded"),
    ("team-c.okr.yaml", 16, "objectives[1]", "alignment-cycle", "self"),
}


def lint(paths: list[Path], select: list[str] = ORG, config: Config | None = None) -> set[tuple]:  # type: ignore[type-arg]
    engine = make_engine(config or Config(), Options(select=select))
    result = run(engine, [str(p) for p in paths])
    return {(Path(f.file).name, f.line, f.node_path, f.rule, f.message_id) for f in result.findings}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clean_company_has_no_org_findings(lang: str) -> None:
    assert lint([FIXTURES / lang / "company"]) == set()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_broken_company_findings(lang: str) -> None:
    assert lint([FIXTURES / lang / "broken"]) == BROKEN


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_default_selection_has_no_off_rules(lang: str) -> None:
    got = lint([FIXTURES / lang / "broken"], select=["ALL"])
    engine = make_engine(Config())
    assert "objective-unaligned" not in engine.active and "kr-no-owner" not in engine.active
    assert {g for g in got if g[3] in ("objective-unaligned", "kr-no-owner")} == \
        {b for b in BROKEN if b[3] in ("objective-unaligned", "kr-no-owner")}  # ALL selects them
    default = run(engine, [str(FIXTURES / lang / "broken")]).findings
    assert not [f for f in default if f.rule in ("objective-unaligned", "kr-no-owner")]
    assert {(Path(f.file).name, f.line, f.rule) for f in default if f.code.startswith("OKR5")} == \
        {(b[0], b[1], b[3]) for b in BROKEN if b[3] not in ("objective-unaligned", "kr-no-owner")}


def test_team_file_alone_reads_its_company_parent_from_disk() -> None:
    # company.okr.yaml is not given, but exists beside the team file: the reference resolves.
    assert lint([FIXTURES / "zh" / "company" / "team-hub.okr.yaml"]) == set()
    assert lint([FIXTURES / "en" / "company" / "team-quality.okr.yaml"]) == set()


def write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


HEAD = "period: 2026-Q1\nreview: {checkin: weekly}\n"


@pytest.mark.parametrize("ref,expected", [
    ("../company.okr.yaml#CO-2", set()),                       # relative to the referring file's folder
    ("../company.okr.yaml", set()),                          # the whole document
    ("CO-2", set()),                                         # a bare id unique in the run
    ("company.okr.yaml#O2", {("team.okr.yaml", 4, "objectives[0]", "alignment-target-missing", "no-file")}),
    ("../company.okr.yaml#O3", {("team.okr.yaml", 4, "objectives[0]", "alignment-target-missing", "no-objective")}),
    ("#T9", {("team.okr.yaml", 4, "objectives[0]", "alignment-target-missing", "no-objective")}),
    ("#T1", {("team.okr.yaml", 4, "objectives[0]", "alignment-cycle", "self")}),
])
def test_reference_forms(tmp_path: Path, ref: str, expected: set) -> None:  # type: ignore[type-arg]
    write(tmp_path, "company.okr.yaml", HEAD + "level: company\nobjectives:\n  - {id: O1, title: 打造行业领先的客户服务体验}\n"
          "  - {id: CO-2, title: 打造一次修好的服务能力}\n")
    write(tmp_path, "teams/team.okr.yaml", HEAD + f"objectives:\n  - {{id: T1, title: 建立数据驱动的服务运营体系, aligns_to: '{ref}'}}\n")
    assert lint([tmp_path]) == expected


def test_cycle_of_three_reported_once(tmp_path: Path) -> None:
    for name, nxt in (("a", "b"), ("b", "c"), ("c", "a")):
        write(tmp_path, f"{name}.okr.yaml", HEAD + f"objectives:\n  - {{id: X, title: Build a data-driven service system, "
              f"aligns_to: {nxt}.okr.yaml#X}}\n")
    assert lint([tmp_path]) == {("a.okr.yaml", 4, "objectives[0]", "alignment-cycle", "cycle")}


def test_unaligned_silent_without_company_level(tmp_path: Path) -> None:
    write(tmp_path, "team.okr.yaml", HEAD + "objectives:\n  - 建立数据驱动的服务运营体系\n")
    assert lint([tmp_path]) == set()
    # `level: company` (not the file name) makes a company level
    write(tmp_path, "hq.okr.yaml", HEAD + "level: company\nobjectives:\n  - Lead EV after-sales service\n")
    assert lint([tmp_path]) == {("team.okr.yaml", 4, "objectives[0]", "objective-unaligned", "unaligned")}


def test_positional_and_explicit_objective_ids_clash(tmp_path: Path) -> None:
    write(tmp_path, "t.okr.yaml", HEAD + "objectives:\n  - {id: O2, title: 建立数据驱动的服务运营体系}\n"
          "  - {title: Make fixing it right the first time our signature}\n")
    assert lint([tmp_path]) == {("t.okr.yaml", 5, "objectives[1]", "duplicate-id", "objective")}


def test_markdown_owners_count(tmp_path: Path) -> None:
    krs = "".join(f"KR{i}:返修率从{12 + i}%降至5%(负责人:张三)\n" for i in range(1, 7))
    write(tmp_path, "team.okr.md", f"---\n{HEAD}---\nO1:让客户的车一次修好\n{krs}")
    assert lint([tmp_path]) == {("team.okr.md", 11, "objectives[0].key_results[5]", "owner-overloaded", "overloaded")}


def test_owner_overloaded_option(tmp_path: Path) -> None:
    write(tmp_path, "t.okr.yaml", HEAD + "objectives:\n  - title: Build a data-driven service system\n    key_results:\n"
          + "".join(f"      - {{title: Raise FTR from 88% to 9{i}%, owner: '@Alice'}}\n" for i in range(3)))
    assert lint([tmp_path]) == set()
    cfg = Config(data={"rules": {"owner-overloaded": {"max": 2}}})
    assert lint([tmp_path], config=cfg) == {("t.okr.yaml", 8, "objectives[0].key_results[2]", "owner-overloaded",
                                             "overloaded")}


@pytest.mark.parametrize("inherit,expected", [(False, 1), (True, 0)])
def test_kr_no_owner_inherit(tmp_path: Path, inherit: bool, expected: int) -> None:
    write(tmp_path, "t.okr.yaml", HEAD + "objectives:\n  - title: 建立数据驱动的服务运营体系\n    owner: 项目经理\n"
          "    key_results:\n      - 返修原因识别准确率达到90%\n")
    cfg = Config(data={"rules": {"kr-no-owner": {"inherit": inherit}}})
    assert len(lint([tmp_path], select=["kr-no-owner"], config=cfg)) == expected
