"""objective-vague (OKR103): a generic verb + generic noun and nothing specific."""
from __future__ import annotations

import pytest

from okrlint.api import lint_text
from okrlint.engine.config import Config

HEAD = "---\nperiod: 2026-Q1\nreview: {checkin: weekly}\n---\n"  # the objective is on line 5


def _vague(objective: str, label: str = "O:") -> list[tuple[int, str, str]]:
    text = HEAD + f"{label} {objective}\nKR1: NPS从45分提升到55分\nKR2: FTR从88%提升到95%\nKR3: 返修率从12%降至5%\n"
    found = lint_text(text, "t.okr.md", Config(data={"select": ["objective-vague"]}))
    return [(f.line, f.node_path, f.message_id) for f in found]


@pytest.mark.parametrize("objective", [
    "提升服务质量",  # the article's ❌ (CRAFT C)
    "提升客户满意度",  # the article's "direction, not a goal"
    "全面提升用户体验",
    "加强团队协作与沟通",
    "**提升服务质量**(负责人:@王磊)",
    "Improve service quality",
    "Improve quality",
    "Enhance the customer experience in Q3",
    "Deliver a world-class customer experience",
    "Improve quality — owner: @dana",
])
def test_flags_generic_objectives(objective: str) -> None:
    assert _vague(objective) == [(5, "objectives[0]", "vague")]


@pytest.mark.parametrize("objective", [
    "打造一次修好的服务能力",  # the article's ✅ (CRAFT C)
    "打造行业领先的客户服务体验",
    "打造让客户惊喜的服务体验",
    "建立数据驱动的服务运营体系",
    "提升代码质量",
    "Make fixing it right the first time our signature",
    "Build an industry-leading customer service experience",
    "Improve onboarding for new contributors",
    "Reduce customer churn",
    "提升服务质量20%",  # a number: objective-is-metric's business
    "[](https://example.com)",
])
def test_passes_objectives_with_a_focus(objective: str) -> None:
    assert _vague(objective) == []


def test_yaml_objective_position() -> None:
    text = "period: 2026-Q1\nreview: {checkin: weekly}\nobjectives:\n  - title: Improve quality\n    key_results: [a, b, c]\n"
    found = lint_text(text, "t.okr.yaml", Config(data={"select": ["objective-vague"]}))
    assert [(f.rule, f.line, f.column, f.node_path) for f in found] == [("objective-vague", 4, 12, "objectives[0]")]
