"""tied-to-compensation (OKR402): the article's mistake 5, anywhere in the document text."""
from __future__ import annotations

import pytest

from okrlint.api import lint_text
from okrlint.engine.config import Config

OKR_ZH = "O:打造让客户惊喜的服务体验\nKR1:NPS从45分提升到55分\n"  # lines 1-2
OKR_EN = "Objective: Create a service experience that delights customers\n- KR1: Increase NPS from 45 to 55\n"


def _lint(text: str, name: str = "t.okr.md") -> list[tuple[int, int, str, str]]:
    found = lint_text(text, name, Config(data={"select": ["tied-to-compensation"]}))
    return [(f.line, f.column, f.node_path, f.message_id) for f in found]


@pytest.mark.parametrize("base,line,column", [
    (OKR_ZH, "考核规则:OKR完成度低于0.6,扣绩效奖金。", 6),  # the article's ❌
    (OKR_ZH, "OKR得分直接决定年终奖系数。", 1),
    (OKR_ZH, "说明:OKR完成度与绩效挂钩", 4),
    (OKR_EN, "Appraisal rule: OKR attainment below 0.6 means the performance bonus is cut.", 17),
    (OKR_EN, "OKR attainment determines bonus.", 1),
    (OKR_EN, "Note. Promotions are based on OKR completion.", 7),
])
def test_flags_binding_sentences(base: str, line: str, column: int) -> None:
    assert _lint(base + "\n" + line + "\n") == [(4, column, "", "tied-to-pay")]


@pytest.mark.parametrize("base,line", [
    (OKR_ZH, "OKR影响绩效,但不直接绑定。"),  # the article's ✅
    (OKR_ZH, "OKR完成度作为绩效评估的参考之一,不直接与奖金挂钩。"),
    (OKR_ZH, "KPI与薪酬挂钩,OKR用于牵引突破。"),
    (OKR_ZH, "# 错误5:直接把OKR绑定绩效"),  # a heading names the topic
    (OKR_ZH, "KPI:安全事故率0起,OKR完成度不影响,一票否决扣奖金"),
    (OKR_EN, "OKRs are not tied to compensation."),
    (OKR_EN, "OKR scores feed into the performance review as one input among many."),
    (OKR_EN, "- KR3: Tie sales commission to renewals"),
])
def test_passes_other_sentences(base: str, line: str) -> None:
    assert _lint(base + "\n" + line + "\n") == []


def test_objective_line_itself() -> None:
    assert _lint("O:OKR完成度低于0.6扣奖金\nKR1:NPS从45分提升到55分\n") == [(1, 3, "", "tied-to-pay")]


def test_kpis_section_may_bind_to_pay() -> None:
    text = ("period: 2026-Q1\nobjectives:\n  - title: 打造一次修好的服务能力\n    key_results: [FTR从88%提升到95%]\n"
            "kpis:\n  - title: FTR\n    target: '≥88%'\n    binding: KPI完成度低于100%扣绩效奖金\n"
            "# 考核:OKR完成度低于0.6,扣绩效奖金\n")
    assert _lint(text, "t.okr.yaml") == [(9, 6, "", "tied-to-pay")]
