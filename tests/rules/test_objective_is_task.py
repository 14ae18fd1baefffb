"""objective-is-task (OKR104): a to-do in the objective's place."""
from __future__ import annotations

import pytest

from okrlint.api import lint_text
from okrlint.engine.config import Config

HEAD = "---\nperiod: 2026-Q1\nreview: {checkin: weekly}\n---\n"
NEUTRAL = "KR1: NPS从45分提升到55分\nKR2: FTR从88%提升到95%\nKR3: 返修率从12%降至5%\n"


def _lint(text: str, rules: list[str]) -> list[tuple[str, int, str, str]]:
    found = lint_text(text, "t.okr.md", Config(data={"select": rules}))
    return [(f.rule, f.line, f.node_path, f.message_id) for f in found]


@pytest.mark.parametrize("objective", [
    "完成业绩目标",  # the article's mistake 1, with KRs that are not KPI totals
    "完成CRM系统迁移",
    "新版App上线",
    "按时完成新门店开业筹备",
    "召开年度客户大会",
    "Complete the migration",
    "Launch v2 of the mobile app",
    "Successfully roll out the new CRM to the sales team",
    "Hire three senior backend engineers",
])
def test_flags_tasks(objective: str) -> None:
    assert _lint(HEAD + f"O: {objective}\n" + NEUTRAL, ["objective-is-task"]) == \
        [("objective-is-task", 5, "objectives[0]", "task")]


@pytest.mark.parametrize("objective", [
    "打造数字化服务平台,实现运营效率倍增",  # the article's ✅ for mistake 1
    "完成数字化转型,实现运营效率倍增",  # work that says what it is for
    "建立世界上最好的搜索引擎",
    "开发者体验提升",  # 开发者 is a noun
    "执行力提升",
    "Build the best search engine in the world",
    "Launch a docs site that newcomers love",
    "Ship faster without breaking production",
    "Create a service experience that delights customers",
])
def test_passes_aspirations(objective: str) -> None:
    assert _lint(HEAD + f"O: {objective}\n" + NEUTRAL, ["objective-is-task"]) == []


@pytest.mark.parametrize("lang,text", [
    ("zh", "O:完成业绩目标\nKR1:收入达到1000万\nKR2:毛利率达到45%\nKR3:成本控制在500万以内\n"),
    ("en", "Objective: Complete the sales plan\n- KR1: Revenue reaches $10M\n- KR2: Gross margin reaches 45%\n"
           "- KR3: Keep costs under $5M\n"),
])
def test_kpi_as_okr_reports_it_once(lang: str, text: str) -> None:
    got = _lint(HEAD + text, ["objective-is-task", "kpi-as-okr"])
    assert [g[0] for g in got] == ["kpi-as-okr"]


def test_objective_is_metric_reports_it_once() -> None:
    got = _lint(HEAD + "O: 完成收入从800万提升到1000万\n" + NEUTRAL, ["objective-is-task", "objective-is-metric"])
    assert [g[0] for g in got] == ["objective-is-metric"]
