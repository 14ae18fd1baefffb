"""Inline suppressions in YAML and Markdown, and unused-suppression."""
from __future__ import annotations

from okrlint import lint_text

YAML = """\
period: 2026-Q1
review: {checkin: weekly}
objectives:
  - title: 打造一次修好的服务能力
    key_results:
      - FTR达到95%  # okrlint: ignore[kr-no-baseline] -- baseline not measured yet
      - 返修率从12%降至5%
      # okrlint: ignore[kr-no-baseline]
      - NPS达到55分
"""


def test_trailing_and_own_line_suppressions() -> None:
    found = lint_text(YAML, "a.okr.yaml")
    assert [(f.rule, f.line) for f in found] == []


def test_unused_suppression_is_reported() -> None:
    text = YAML.replace("返修率从12%降至5%", "返修率从12%降至5%  # okrlint: ignore[kr-no-baseline]")
    found = lint_text(text, "a.okr.yaml")
    assert [(f.rule, f.line, f.message_id) for f in found] == [("unused-suppression", 7, "unused")]


def test_unknown_rule_in_suppression() -> None:
    found = lint_text("O:打造一次修好的服务能力 <!-- okrlint: ignore[no-such-rule] -->\n", "a.okr.md")
    assert ("unused-suppression", 1, "unknown-rule") in [(f.rule, f.line, f.message_id) for f in found]


def test_file_level_and_markdown() -> None:
    md = "<!-- okrlint: ignore-file[missing-deadline,kr-count] -- a draft -->\nO:打造一次修好的服务能力\nKR1:FTR从88%提升到95%\n"
    found = lint_text(md, "a.okr.md")
    assert [f.rule for f in found if f.rule in ("missing-deadline", "kr-count")] == []


def test_bare_ignore_silences_every_rule_on_the_line() -> None:
    md = "---\nperiod: 2026-Q1\n---\nO:NPS从45分提升到55分 <!-- okrlint: ignore -->\n"
    assert [f.rule for f in lint_text(md, "a.okr.md") if f.line == 4] == []


# -- findings of repository-scope rules (duplicate ids, owners, alignment) ----------------------------
DUPLICATE_IDS = """\
period: 2026-Q3
objectives:
  - id: O1
    title: 让客户一次修好
    key_results:
      - {id: KR1, title: 首次修复率从78%提升到90%}
  - id: O1{mark}
    title: Make support data driven
    key_results:
      - {id: KR1, title: Cut churn from 9% to 6%}
"""
REPO = "duplicate-id,unused-suppression"


def _doc(mark: str) -> str:
    return DUPLICATE_IDS.replace("{mark}", mark)


def _lint(text: str, config: dict | None = None) -> list[tuple[str, int, str]]:  # type: ignore[type-arg]
    from okrlint.engine.config import Config

    found = lint_text(text, "team.okr.yaml", Config(data={"select": REPO.split(","), **(config or {})}))
    return [(f.rule, f.line, f.message_id) for f in found]


def test_repository_finding_is_reported_without_a_suppression() -> None:
    assert _lint(_doc("")) == [("duplicate-id", 7, "objective")]


def test_inline_suppression_silences_a_repository_finding() -> None:
    assert _lint(_doc("  # okrlint: ignore[duplicate-id] -- merged next week")) == []
    assert _lint(_doc("  # okrlint: ignore")) == []  # every rule
    assert _lint(_doc("  # okrlint: ignore[OKR504]")) == []  # by code


def test_suppression_for_a_repository_rule_that_finds_nothing_is_unused() -> None:
    text = _doc("").replace("id: O1\n    title: 让", "id: O1  # okrlint: ignore[duplicate-id]\n    title: 让")
    assert _lint(text) == [("unused-suppression", 3, "unused"), ("duplicate-id", 7, "objective")]


def test_per_file_ignores_apply_to_repository_findings() -> None:
    assert _lint(_doc(""), {"per-file-ignores": {"team.okr.yaml": ["duplicate-id"]}}) == []
