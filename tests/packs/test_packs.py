"""Declarative rule packs: each check kind in zh and en, options, docs, and bad packs (exit 2, one line)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from packtools import FIXTURES, FRONT, pinned, repo, rule  # noqa: F401  (repo is a fixture)
from okrlint.engine.packs import load_pack_file

HEDGE = rule("TEAM101", "kr-hedge", {"vocabulary": {"words": {"zh": ["尽量", "争取"], "en": ["try to", "hopefully"]}}})
MUST_SAY_CUSTOMER = rule("TEAM102", "objective-names-customer",
                         {"vocabulary": {"words": {"zh": ["客户", "用户"], "en": ["customer", "user"]}, "absent": True}},
                         scope="objective")
PLACEHOLDER = rule("TEAM103", "kr-placeholder",
                   {"pattern": {"regex": {"zh": "待定|[Xx]{2,}", "en": r"\b(?:TBD|XX+)\b"}, "ignore-case": False}})
JIRA = rule("TEAM104", "objective-jira-link", {"pattern": {"regex": {"any": r"[A-Z]{2,}-[0-9]+"}, "absent": True}},
            scope="objective")


# -- vocabulary ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("kr", "hits"), [
    ("KR1:尽量把NPS从45分提升到55分", 1),
    ("KR1:争取FTR达到95%", 1),
    ("KR1:NPS从45分提升到55分", 0),
    ("KR1: Try to raise NPS from 45 to 55", 1),
    ("KR1: Hopefully NPS reaches 55", 1),
    ("KR1: Raise NPS from 45 to 55", 0),
    ("KR1: Entry tryout sign-ups grow from 10 to 40", 0),  # whole words only: "try" in "tryout" is no hit
])
def test_vocabulary_hit(repo, kr: str, hits: int) -> None:  # type: ignore[no-untyped-def]
    _, findings, _ = repo([HEDGE], f"{FRONT}O1:让客户一次修好\n{kr}\n")
    assert pinned(findings, "TEAM") == [("kr-hedge", 6, "objectives[0].key_results[0]", "hit")] * hits


def test_vocabulary_hit_is_placed_on_the_word(repo) -> None:  # type: ignore[no-untyped-def]
    _, findings, _ = repo([HEDGE], f"{FRONT}O1:让客户一次修好\nKR1:尽量把NPS从45分提升到55分\n")
    (f,) = [f for f in findings if f["rule"] == "kr-hedge"]
    assert (f["line"], f["column"], f["end_column"]) == (6, 5, 7)


@pytest.mark.parametrize(("objective", "hits"), [
    ("O1:让客户一次修好", 0),
    ("O1:打造一次修好的服务能力", 1),
    ("O1: Delight every customer", 0),
    ("O1: Build the best search engine", 1),
])
def test_vocabulary_absent(repo, objective: str, hits: int) -> None:  # type: ignore[no-untyped-def]
    _, findings, _ = repo([MUST_SAY_CUSTOMER], f"{FRONT}{objective}\nKR1:NPS从45分提升到55分\n")
    assert pinned(findings, "TEAM") == [("objective-names-customer", 5, "objectives[0]", "hit")] * hits


# -- pattern ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("kr", "hits"), [
    ("KR2:转化率提升到XX%", 1),
    ("KR2:转化率目标待定", 1),
    ("KR2:转化率从3%提升到5%", 0),
    ("KR2: Conversion reaches TBD", 1),
    ("KR2: Conversion grows from 3% to 5%", 0),
    ("KR2: Conversion reaches tbd", 0),  # ignore-case: false
])
def test_pattern_hit(repo, kr: str, hits: int) -> None:  # type: ignore[no-untyped-def]
    _, findings, _ = repo([PLACEHOLDER], f"{FRONT}O1:让客户一次修好\n{kr}\n")
    assert pinned(findings, "TEAM") == [("kr-placeholder", 6, "objectives[0].key_results[0]", "hit")] * hits


@pytest.mark.parametrize(("objective", "hits"), [
    ("O1:让客户一次修好(SVC-12)", 0),
    ("O1:让客户一次修好", 1),
    ("O1: Delight customers (SVC-12)", 0),
    ("O1: Delight customers", 1),
])
def test_pattern_absent(repo, objective: str, hits: int) -> None:  # type: ignore[no-untyped-def]
    _, findings, _ = repo([JIRA], f"{FRONT}{objective}\nKR1:NPS从45分提升到55分\n")
    assert pinned(findings, "TEAM") == [("objective-jira-link", 5, "objectives[0]", "hit")] * hits


def test_document_scope_pattern_finds_the_line(repo) -> None:  # type: ignore[no-untyped-def]
    no_secret = rule("TEAM105", "no-internal-url", {"pattern": {"regex": {"any": r"https?://intra\.\S+"}}},
                     scope="document")
    _, findings, _ = repo([no_secret], f"{FRONT}O1:让客户一次修好\nKR1:NPS从45分提升到55分(见 http://intra.acme/x)\n")
    (f,) = [f for f in findings if f["rule"] == "no-internal-url"]
    assert (f["line"], f["node_path"], f["message_id"]) == (6, "", "hit")


# -- count -----------------------------------------------------------------------------------------
FOCUS = rule("TEAM106", "too-many-objectives", {"count": {"of": "objectives", "max": 2}}, scope="document",
             messages={"too-many": {"zh": "{count}个目标,多于{max}个。", "en": "{count} objectives, more than {max}."}})
FEW = rule("TEAM107", "kr-few", {"count": {"of": "key_results", "min": 2, "max": 3}}, scope="objective",
           messages={"too-few": {"zh": "只有{count}个KR。", "en": "Only {count} KRs."},
                     "too-many": {"zh": "有{count}个KR。", "en": "{count} KRs."}})


@pytest.mark.parametrize(("objectives", "expected"), [
    (["O1:让客户一次修好", "O2:让技师成为专家"], []),
    (["O1:让客户一次修好", "O2:让技师成为专家", "O3:让配件当天到"], [("too-many-objectives", 9, "objectives[2]", "too-many")]),
    (["O1: Delight customers", "O2: Grow experts", "O3: Ship parts same day"],
     [("too-many-objectives", 9, "objectives[2]", "too-many")]),
])
def test_count_objectives(repo, objectives: list[str], expected: list[Any]) -> None:  # type: ignore[no-untyped-def]
    body = "".join(f"{o}\nKR1:NPS从45分提升到55分\n" for o in objectives)
    _, findings, _ = repo([FOCUS], FRONT + body)
    assert pinned(findings, "TEAM") == expected


@pytest.mark.parametrize(("krs", "message"), [
    (["KR1:NPS从45分提升到55分"], "too-few"),
    (["KR1:NPS从45分提升到55分", "KR2:FTR从88%提升到95%"], None),
    (["KR1: NPS 45 -> 55", "KR2: FTR 88% -> 95%", "KR3: churn 5% -> 3%", "KR4: CSAT 80 -> 90"], "too-many"),
])
def test_count_key_results(repo, krs: list[str], message: str | None) -> None:  # type: ignore[no-untyped-def]
    _, findings, _ = repo([FEW], FRONT + "O1:让客户一次修好\n" + "".join(k + "\n" for k in krs))
    # too few: on the objective; too many: on the first key result past the limit (where to cut)
    where = {"too-few": (5, "objectives[0]"), "too-many": (9, "objectives[0].key_results[3]")}
    assert pinned(findings, "TEAM") == ([("kr-few", *where[message], message)] if message else [])


def test_count_limits_are_options(repo) -> None:  # type: ignore[no-untyped-def]
    body = "".join(f"O{i}:目标{i}\nKR1:NPS从45分提升到55分\n" for i in range(1, 4))
    _, findings, _ = repo([FOCUS], FRONT + body, {"rules": {"too-many-objectives": {"max": 3}}})
    assert pinned(findings, "TEAM") == []
    code, _, err = repo([FOCUS], FRONT + body, {"rules": {"too-many-objectives": {"maximum": 3}}})
    assert code == 2 and "maximum" in err


# -- compare ---------------------------------------------------------------------------------------
OVER_100 = rule("TEAM108", "kr-share-over-100",
                {"compare": {"field": "target.value", "op": ">", "value": 100, "when": {"unit": "%"}}})
TINY_STEP = rule("TEAM109", "kr-tiny-step",
                 {"compare": {"field": "delta", "op": "<", "value": 3, "when": {"direction": "up"}}})
DOUBLING = rule("TEAM110", "kr-more-than-double", {"compare": {"field": "ratio", "op": ">", "value": 2}})


@pytest.mark.parametrize(("check", "kr", "hits"), [
    (OVER_100, "KR1:覆盖率达到120%", 1),
    (OVER_100, "KR1:覆盖率从60%提升到90%", 0),
    (OVER_100, "KR1:装机量达到120台", 0),  # not a percentage
    (OVER_100, "KR1: Coverage reaches 120%", 1),
    (OVER_100, "KR1: Coverage grows from 60% to 90%", 0),
    (TINY_STEP, "KR1:NPS从45分提升到47分", 1),
    (TINY_STEP, "KR1:NPS从45分提升到55分", 0),
    (TINY_STEP, "KR1:返修率从12%降至10%", 0),  # direction down
    (TINY_STEP, "KR1:NPS从45分提升到47%", 0),  # units disagree: no difference is computed
    (TINY_STEP, "KR1: Increase NPS from 45 to 47", 1),
    (TINY_STEP, "KR1: Increase NPS from 45 to 55", 0),
    (DOUBLING, "KR1:月活从10万提升到30万", 1),
    (DOUBLING, "KR1: Monthly actives grow from 100k to 150k", 0),
    (DOUBLING, "KR1: Monthly actives reach 300k", 0),  # no baseline: no ratio
])
def test_compare(repo, check: dict[str, Any], kr: str, hits: int) -> None:  # type: ignore[no-untyped-def]
    _, findings, _ = repo([check], f"{FRONT}O1:让客户一次修好\n{kr}\n")
    assert pinned(findings, "TEAM") == [(check["name"], 6, "objectives[0].key_results[0]", "hit")] * hits


def test_compare_uses_structured_fields(repo) -> None:  # type: ignore[no-untyped-def]
    doc = ("period: 2026-Q1\nreview: {checkin: weekly}\nobjectives:\n  - title: 让客户一次修好\n    key_results:\n"
           "      - {title: 覆盖率, target: 130, unit: '%'}\n")
    _, findings, _ = repo([OVER_100], doc, name="q1.okr.yaml")
    assert pinned(findings, "TEAM") == [("kr-share-over-100", 6, "objectives[0].key_results[0]", "hit")]


def test_compare_threshold_is_an_option(repo) -> None:  # type: ignore[no-untyped-def]
    _, findings, _ = repo([OVER_100], f"{FRONT}O1:让客户一次修好\nKR1:覆盖率达到120%\n",
                          {"rules": {"TEAM108": {"value": 150}}})
    assert pinned(findings, "TEAM") == []


# -- the engine around packs -----------------------------------------------------------------------
def test_severity_enabled_and_exit_code(repo) -> None:  # type: ignore[no-untyped-def]
    okr = f"{FRONT}O1:让客户一次修好\nKR2:转化率提升到XX%\n"
    code, _, _ = repo([dict(PLACEHOLDER, severity="error")], okr)
    assert code == 1
    code, findings, _ = repo([dict(PLACEHOLDER, severity="error", enabled=False)], okr)
    assert pinned(findings, "TEAM") == []
    code, findings, _ = repo([dict(PLACEHOLDER, severity="error", enabled=False)], okr,
                             {"extend-select": ["TEAM"]})
    assert code == 1 and pinned(findings, "TEAM") == [("kr-placeholder", 6, "objectives[0].key_results[0]", "hit")]


def test_message_language_follows_document_and_flag(repo, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _, findings, _ = repo([PLACEHOLDER], f"{FRONT}O1:让客户一次修好\nKR2:转化率提升到XX%\n")
    assert [f["message"] for f in findings if f["rule"] == "kr-placeholder"] == ["命中「XX」:请改写。"]
    code, out, _ = cli("check", "--config", str(tmp_path / ".okrlint.yaml"), "--lang", "en", "--format", "json",
                       str(tmp_path / "q1.okr.md"))
    assert [f["message"] for f in json.loads(out)["findings"] if f["rule"] == "kr-placeholder"] == [
        "Hit 'XX': rewrite it."]


def test_team_pack_in_rules_and_rule(repo, tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    repo([HEDGE, dict(PLACEHOLDER, enabled=False)], f"{FRONT}O1:x\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("rules", "--format", "json")
    rows = {r["code"]: r for r in json.loads(out)}
    assert code == 0
    assert (rows["TEAM101"]["name"], rows["TEAM101"]["enabled"], rows["TEAM101"]["origin"]) == (
        "kr-hedge", True, "okr-rules/team.yaml")
    assert rows["TEAM103"]["enabled"] is False
    assert "OKR101" in rows  # built-ins are still there
    code, out, _ = cli("rule", "kr-hedge")
    assert code == 0
    assert out.startswith("# kr-hedge (TEAM101)") and "## What it does" in out and "说明" in out


def test_folder_of_packs_and_single_file(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "packs").mkdir()
    for i, r in enumerate((HEDGE, PLACEHOLDER)):
        (tmp_path / "packs" / f"{i}.yml").write_text(yaml.safe_dump({"rules": [r]}), encoding="utf-8")
    (tmp_path / "extra.yaml").write_text(yaml.safe_dump({"rules": [JIRA]}), encoding="utf-8")
    (tmp_path / ".okrlint.yaml").write_text("rule-packs: [packs, extra.yaml]\n", encoding="utf-8")
    code, out, _ = cli("rules", "--config", str(tmp_path / ".okrlint.yaml"), "--format", "json")
    assert {r["code"] for r in json.loads(out)} >= {"TEAM101", "TEAM103", "TEAM104"}


# -- bad packs: exit 2, one line naming the file and the key ---------------------------------------
BAD_PACKS: list[tuple[str, Any, str]] = [
    ("not-yaml", "rules: [\n", "team.yaml:2"),
    ("not-a-mapping", "- a\n", "team.yaml"),
    ("no-rules", {"pack": "x"}, "(top level)"),
    ("bad-code", [dict(HEDGE, code="team-1")], "rules[0] (team-1).code"),
    ("reserved-code", [dict(HEDGE, code="OKR901")], "rules[0] (OKR901).code"),
    ("bad-name", [dict(HEDGE, name="KrHedge")], "rules[0] (TEAM101).name"),
    ("bad-scope", [dict(HEDGE, scope="team")], "rules[0] (TEAM101).scope"),
    ("no-check", [{k: v for k, v in HEDGE.items() if k != "vocabulary"}], "rules[0] (TEAM101): give exactly one"),
    ("two-checks", [dict(HEDGE, pattern={"regex": {"any": "x"}})], "rules[0] (TEAM101): give exactly one"),
    ("unknown-key", [dict(HEDGE, colour="red")], "unknown key 'colour'"),
    ("one-language-message", [dict(HEDGE, messages={"hit": {"en": "x"}})], "rules[0] (TEAM101).messages.hit"),
    ("missing-docs", [{k: v for k, v in HEDGE.items() if k != "docs"}], "rules[0] (TEAM101)"),
    ("unknown-message", [dict(HEDGE, vocabulary={"words": {"zh": ["x"]}, "message": "nope"})],
     "rules[0] (TEAM101).vocabulary.message"),
    ("bad-regex", [dict(PLACEHOLDER, pattern={"regex": {"en": "(unclosed"}})], "rules[0] (TEAM103).pattern.regex.en"),
    ("catastrophic-regex", [dict(PLACEHOLDER, pattern={"regex": {"any": "(a+)+$"}})],
     "rules[0] (TEAM103).pattern.regex.any"),
    ("count-on-kr", [dict(FOCUS, scope="key_result")], "rules[0] (TEAM106).scope"),
    ("count-of-objectives-in-objective", [dict(FOCUS, scope="objective")], "rules[0] (TEAM106).count.of"),
    ("count-without-limit", [dict(FOCUS, count={"of": "objectives"})], "rules[0] (TEAM106).count: give min"),
    ("compare-bad-op", [dict(OVER_100, compare={"field": "target", "op": "=>", "value": 1})],
     "rules[0] (TEAM108).compare.op"),
    ("clash-with-builtin-name", [dict(HEDGE, name="kr-count")], "clashes with kr-count"),
    ("clash-inside-pack", [HEDGE, dict(PLACEHOLDER, code="TEAM101")], "clashes with"),
]


@pytest.mark.parametrize(("label", "pack", "needle"), BAD_PACKS, ids=[b[0] for b in BAD_PACKS])
def test_bad_pack_exits_2_with_one_line(repo, label: str, pack: Any, needle: str) -> None:  # type: ignore[no-untyped-def]
    if isinstance(pack, dict):
        pack = yaml.safe_dump(pack)
    code, findings, err = repo(pack, f"{FRONT}O1:x\n")
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert "team.yaml" in err and needle in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("entry", ["./missing", "okrlint:no-such-pack"])
def test_missing_pack_exits_2(repo, entry: str) -> None:  # type: ignore[no-untyped-def]
    code, _, err = repo([HEDGE], f"{FRONT}O1:x\n", {"rule-packs": [entry]})
    assert code == 2 and entry.split(":")[-1].lstrip("./") in err and len(err.strip().splitlines()) == 1


# -- shipped and documented packs ------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted((ROOT / "rules" / "packs").glob("*.yaml")), ids=lambda p: p.name)
def test_builtin_packs_are_valid(path: Path) -> None:
    rules = load_pack_file(path)
    assert rules and all(r.doc and r.messages for r in rules)


def test_docs_example_pack_is_the_fixture() -> None:
    text = (ROOT / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- example-pack -->\s*```yaml\n(.*?)```", text, re.S)
    assert m is not None
    assert yaml.safe_load(m.group(1)) == yaml.safe_load((FIXTURES / "okr-rules" / "acme.yaml").read_text("utf-8"))


def test_fixture_pack_on_a_bilingual_file(repo) -> None:  # type: ignore[no-untyped-def]
    pack = (FIXTURES / "okr-rules" / "acme.yaml").read_text(encoding="utf-8")
    okr = (f"{FRONT}O1:打造一次修好的服务能力\nKR1:尽量把FTR从88%提升到95%\nKR2:转化率提升到XX%\nKR3:覆盖率达到120%\n"
           "O2: Delight customers\nKR1: Raise NPS from 45 to 55 if possible\nKR2: Conversion reaches TBD\n"
           "KR3: Coverage grows from 60% to 90%\nO3:让技师成为专家\nKR1:技师认证通过率从40%提升到70%\n"
           "O4: Ship parts the same day\nKR1: Same-day shipping grows from 50% to 80%\n")
    code, findings, _ = repo(pack, okr, {"select": ["ACME"]})
    assert code == 1
    assert pinned(findings) == sorted([
        ("kr-hedge-word", 6, "objectives[0].key_results[0]", "hedge"),
        ("kr-placeholder", 7, "objectives[0].key_results[1]", "placeholder"),
        ("kr-share-over-100", 8, "objectives[0].key_results[2]", "over-100"),
        ("kr-hedge-word", 10, "objectives[1].key_results[0]", "hedge"),
        ("kr-placeholder", 11, "objectives[1].key_results[1]", "placeholder"),
        ("too-many-objectives", 15, "objectives[3]", "too-many"),
    ])


def test_packs_without_tokens_do_not_import_spacy(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text(f"rule-packs: ['{FIXTURES / 'okr-rules'}']\n", encoding="utf-8")
    (tmp_path / "q1.okr.md").write_text(f"{FRONT}O1:让客户一次修好\nKR1:尽量把NPS从45分提升到55分\n", encoding="utf-8")
    code = ("import sys; from okrlint.cli import main; rc = main(['check', '--select', 'ACME', 'q1.okr.md']); "
            "print(sorted(m for m in ('spacy', 'jieba', 'thinc') if m in sys.modules)); sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert "kr-hedge-word" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == "[]"
