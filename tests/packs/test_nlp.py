"""Token-pattern rules (spaCy Matcher on blank en / zh-jieba pipelines) and the built-in nlp-examples pack.

These tests need the ``nlp`` extra, which the ``test`` extra pulls in: they fail, not skip, without it.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from packtools import FRONT, pinned, repo, rule  # noqa: F401  (repo is a fixture)
from okrlint.engine import nlp

BUILTIN = {"rule-packs": ["okrlint:nlp-examples"]}


@pytest.mark.parametrize(("objective", "kr", "match"), [
    # Chinese: jieba tokens
    ("O1:让客户一次修好", "KR1:参加3次行业峰会", "参加3"),
    ("O1:让客户一次修好", "KR1:参加三次行业峰会", "参加三次"),
    ("O1:让客户一次修好", "KR1:出席全部季度业务评审会", "出席全部"),
    ("O1:让客户一次修好", "KR1:尝试新的获客渠道", "尝试"),
    ("O1:让客户一次修好", "KR1:员工参与率从60%提升到80%", None),  # 参与率 is one token, an outcome
    ("O1:让客户一次修好", "KR1:参加培训的技师首次修复率达到95%", None),
    ("O1:让客户一次修好", "KR1:通过行业峰会获得的有效销售线索从20条提升到60条", None),
    # English
    ("O1: Delight customers", "KR1: Attend 3 industry conferences", "Attend 3"),
    ("O1: Delight customers", "KR1: Participate in all weekly syncs", "Participate in all"),
    ("O1: Delight customers", "KR1: Try to improve onboarding", "Try to"),
    ("O1: Delight customers", "KR1: Qualified leads from industry events grow from 20 to 60", None),
    ("O1: Delight customers", "KR1: Attendance at training rises from 40% to 80%", None),
])
def test_kr_vanity_verb(repo, objective: str, kr: str, match: str | None) -> None:  # type: ignore[no-untyped-def]
    _, findings, err = repo(None, f"{FRONT}{objective}\n{kr}\n", BUILTIN)
    assert "Traceback" not in err
    got = [f for f in findings if f["rule"] == "kr-vanity-verb"]
    if match is None:
        assert got == []
    else:
        assert pinned(got) == [("kr-vanity-verb", 6, "objectives[0].key_results[0]", "vanity-verb")]
        start = kr.index(match) + 1
        assert (got[0]["column"], got[0]["end_column"]) == (start, start + len(match))


def test_builtin_nlp_pack_is_off_without_config(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import json

    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("rules", "--format", "json")
    assert code == 0 and "kr-vanity-verb" not in {r["name"] for r in json.loads(out)}


VAGUE_VERB = rule("TEAM301", "kr-starts-with-improve", {"tokens": {"patterns": {
    "en": [[{"LOWER": {"IN": ["improve", "enhance", "optimize"]}}, {"IS_ALPHA": True}]],
    "zh": [[{"ORTH": {"IN": ["优化", "改善", "完善"]}}, {"IS_ALPHA": True, "OP": "+"}]],
}}})


@pytest.mark.parametrize(("objective", "kr", "hits"), [
    ("O1:让客户一次修好", "KR1:优化报修流程", 1),
    ("O1:让客户一次修好", "KR1:报修平均处理时长从48小时缩短到24小时", 0),
    ("O1: Delight customers", "KR1: Improve documentation", 1),
    ("O1: Delight customers", "KR1: Cut average repair time from 48h to 24h", 0),
])
def test_team_token_rule(repo, objective: str, kr: str, hits: int) -> None:  # type: ignore[no-untyped-def]
    _, findings, _ = repo([VAGUE_VERB], f"{FRONT}{objective}\n{kr}\n")
    assert pinned(findings, "TEAM") == [("kr-starts-with-improve", 6, "objectives[0].key_results[0]", "hit")] * hits


def test_token_rule_with_absent(repo) -> None:  # type: ignore[no-untyped-def]
    must_verb = rule("TEAM302", "kr-needs-from-to", {"tokens": {"absent": True, "patterns": {
        "en": [[{"LOWER": "from"}, {"LIKE_NUM": True}]], "zh": [[{"ORTH": {"IN": ["从", "由"]}}]]}}})
    okr = f"{FRONT}O1:让客户一次修好\nKR1:NPS从45分提升到55分\nKR2:FTR达到95%\n"
    _, findings, _ = repo([must_verb], okr)
    assert pinned(findings, "TEAM") == [("kr-needs-from-to", 7, "objectives[0].key_results[1]", "hit")]


@pytest.mark.parametrize(("patterns", "key"), [
    ({"en": [[{"LOWR": "try"}]]}, "rules[0] (TEAM301).tokens.patterns.en[0]"),
    ({"zh": [[{"ORTH": {"IN": "参加"}}]]}, "rules[0] (TEAM301).tokens.patterns.zh[0]"),
    ({"fr": [[{"LOWER": "essayer"}]]}, "rules[0] (TEAM301).tokens.patterns"),
])
def test_bad_token_pattern_exits_2(repo, patterns: dict[str, Any], key: str) -> None:  # type: ignore[no-untyped-def]
    code, _, err = repo([dict(VAGUE_VERB, tokens={"patterns": patterns})], f"{FRONT}O1:x\n")
    assert code == 2 and key in err and len(err.strip().splitlines()) == 1, err


@pytest.fixture
def no_spacy(monkeypatch: pytest.MonkeyPatch) -> Any:
    """As if the nlp extra were not installed: importing spacy fails."""
    monkeypatch.setitem(sys.modules, "spacy", None)
    monkeypatch.setitem(sys.modules, "spacy.matcher", None)
    nlp.pipeline.cache_clear()
    yield
    nlp.pipeline.cache_clear()


def test_without_the_extra_a_token_rule_is_a_one_line_error(repo, no_spacy: Any) -> None:  # type: ignore[no-untyped-def]
    code, _, err = repo(None, f"{FRONT}O1:让客户一次修好\nKR1:参加3次行业峰会\n", BUILTIN)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "pip install 'okrlint[nlp]'" in err
    assert "okrlint:nlp-examples" in err and "tokens" in err


@pytest.mark.parametrize("config", [{"ignore": ["kr-vanity-verb"]}, {"rules": {"NLP201": {"enabled": False}}}])
def test_a_disabled_token_rule_needs_no_spacy(repo, no_spacy: Any, config: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    code, findings, err = repo(None, f"{FRONT}O1:让客户一次修好\nKR1:参加3次行业峰会\n", {**BUILTIN, **config})
    assert code != 2 and "nlp" not in err, err
    assert [f for f in findings if f["rule"] == "kr-vanity-verb"] == []


def test_pipelines_are_built_once() -> None:
    assert nlp.pipeline("en") is nlp.pipeline("en")
    assert nlp.pipeline("zh") is nlp.pipeline("zh")
    assert [t.text for t in nlp.pipeline("zh")("参加3次行业峰会")][:2] == ["参加", "3"]
