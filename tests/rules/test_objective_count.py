"""objective-count (OKR105): objectives per owner between min and max (default 1-5)."""
from __future__ import annotations

from typing import Any

from okrlint.api import lint_text
from okrlint.engine.config import Config


def _lint(text: str, name: str = "t.okr.md", options: dict[str, Any] | None = None) -> list[tuple[int, str, str]]:
    data: dict[str, Any] = {"select": ["objective-count"]}
    if options:
        data["rules"] = {"objective-count": options}
    found = lint_text(text, name, Config(data=data))
    return [(f.line, f.node_path, f.message_id) for f in found if f.rule == "objective-count"]


def _md(n: int, lang: str = "zh") -> str:
    label = "O{i}:打造第{i}个方向\nKR1:NPS从45分提升到55分\n" if lang == "zh" else \
        "Objective {i}: Make area {i} our signature\n- KR1: Increase NPS from 45 to 55\n"
    return "".join(label.format(i=i) for i in range(1, n + 1))


def test_five_objectives_pass_six_do_not() -> None:
    assert _lint(_md(5)) == []
    assert _lint(_md(6)) == [(11, "objectives[5]", "too-many")]  # the sixth objective
    assert _lint(_md(7, "en")) == [(11, "objectives[5]", "too-many")]


def test_max_is_an_option() -> None:
    assert _lint(_md(3), options={"max": 2}) == [(5, "objectives[2]", "too-many")]
    assert _lint(_md(6), options={"max": 6}) == []


def test_counted_per_owner() -> None:
    objs = "".join(f"  - {{title: 方向{i}, owner: {'A' if i < 4 else 'B'}, key_results: [a]}}\n" for i in range(8))
    assert _lint("period: 2026-Q1\nobjectives:\n" + objs, "t.okr.yaml") == []  # A: 4, B: 4
    objs = "".join(f"  - {{title: 方向{i}, owner: {'A' if i < 6 else 'B'}, key_results: [a]}}\n" for i in range(8))
    assert _lint("period: 2026-Q1\nobjectives:\n" + objs, "t.okr.yaml") == [(8, "objectives[5]", "too-many-owner")]


def test_no_objectives() -> None:
    assert _lint("period: 2026-Q1\nobjectives: []\n", "t.okr.yaml") == [(2, "", "too-few")]
    assert _lint("period: 2026-Q1\nobjectives: []\n", "t.okr.yaml", {"min": 0}) == []
    assert _lint("period: [unclosed\n", "t.okr.yaml") == []  # parse-error says it
