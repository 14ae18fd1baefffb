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
