"""The quick fix's edit, line by line: comment style, existing ignore lists, front matter."""
from __future__ import annotations

import pytest
from pygls.workspace.position_codec import PositionCodec

from okrlint import lint_text
from okrlint.lsp.convert import ignore_edit

CODEC = PositionCodec()  # UTF-16, the LSP default

MD = "---\nperiod: 2026-Q1\n---\nO:打造一次修好的服务能力\nKR1:FTR从88%提升到95%\n"


@pytest.mark.parametrize("text, line, markdown, expected", [
    ("  - title: 打造服务能力\n", 0, False, "  - title: 打造服务能力  # okrlint: ignore[kr-count]"),
    ("  - Raise FTR   # okrlint: ignore[kr-no-baseline]\n", 0, False,
     "  - Raise FTR   # okrlint: ignore[kr-no-baseline, kr-count]"),
    ("O:打造一次修好的服务能力 <!-- okrlint: ignore[] -->\n", 0, True, "O:打造一次修好的服务能力 <!-- okrlint: ignore[kr-count] -->"),
    (MD, 3, True, "O:打造一次修好的服务能力 <!-- okrlint: ignore[kr-count] -->"),
    (MD, 1, True, "period: 2026-Q1  # okrlint: ignore[kr-count]"),  # front matter is YAML
])
def test_edit(text: str, line: int, markdown: bool, expected: str) -> None:
    lines = text.splitlines(keepends=True)
    edit = ignore_edit(lines, line, "kr-count", markdown, CODEC)
    assert edit is not None
    current = lines[line].rstrip("\n")
    col = edit.range.start.character
    assert edit.range.start == edit.range.end
    # the column is in UTF-16 units; all of these lines are in the BMP, so units = characters
    assert current[:col] + edit.new_text + current[col:] == expected


@pytest.mark.parametrize("text, line, markdown", [
    (MD, 0, True), (MD, 2, True),                           # a comment would break the front matter
    ("- x  # okrlint: ignore[kr-count]\n", 0, False),       # already ignored
    ("a\n", 5, False),                                      # past the end
])
def test_no_edit(text: str, line: int, markdown: bool) -> None:
    assert ignore_edit(text.splitlines(keepends=True), line, "kr-count", markdown, CODEC) is None


def test_edited_markdown_lints_clean_of_that_rule() -> None:
    lines = MD.splitlines(keepends=True)
    edit = ignore_edit(lines, 3, "kr-count", True, CODEC)
    assert edit is not None
    lines[3] = lines[3].rstrip("\n") + edit.new_text + "\n"
    before = [f.rule for f in lint_text(MD, "q1.okr.md")]
    after = [f.rule for f in lint_text("".join(lines), "q1.okr.md")]
    assert "kr-count" in before
    assert "kr-count" not in after and "unused-suppression" not in after
