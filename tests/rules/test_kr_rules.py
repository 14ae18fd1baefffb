"""Valid/invalid tables for the key-result rules (OKR203-OKR210, OKR302), in Chinese and English.

Each invalid case pins rule, message id, line and node path; each valid case asserts silence.
The article's ✅/❌ pairs are among them.
"""
from __future__ import annotations

from typing import Any

import pytest

from okrlint import lint_text
from okrlint.engine.config import Config

KR0 = "objectives[0].key_results[0]"
KR1 = "objectives[0].key_results[1]"


def _md(krs: list[str], period: str = "2026-Q1", objective: str = "O: 打造一次修好的服务能力") -> str:
    # Lines: 1-3 front matter, 4 objective, 5.. key results.
    return "\n".join(["---", f"period: {period}", "---", objective, *[f"- {k}" for k in krs]]) + "\n"


def _run(rule: str, text: str, path: str = "a.okr.md", **config: Any) -> list[tuple[str, str, int, str]]:
    cfg = Config(data={"select": [rule], **config})
    return [(f.rule, f.message_id, f.line, f.node_path) for f in lint_text(text, path, config=cfg) if f.rule == rule]


INVALID: list[tuple[str, str, str]] = [
    # rule, KR line (line 5 of the document), message id
    ("kr-not-measurable", "KR4:建立售后数据看板,核心指标(NPS/FTR/留存率)实时可视化", "not-measurable"),
    ("kr-not-measurable", "核心指标实时可视化", "not-measurable"),
    ("kr-not-measurable", "全面提升服务质量", "not-measurable"),
    ("kr-not-measurable", "Improve documentation", "not-measurable"),
    ("kr-not-measurable", "KR2: Better onboarding experience for new hires (@sam)", "not-measurable"),
    ("kr-is-task", "KR3:完成全国10个重点门店的服务流程诊断,输出10份优化方案", "task"),
    ("kr-is-task", "上线新系统", "task"),
    ("kr-is-task", "3月底前召开OKR启动会", "task"),
    ("kr-is-task", "launch the onboarding flow", "task"),
    ("kr-is-task", "hold a kickoff", "task"),
    ("kr-is-task", "write 3 case studies", "task"),
    ("kr-is-task", "- [ ] **KR2** Launch onboarding v2 by Mar 15 (@bob)", "task"),
    ("kr-unambitious", "FTR从88%提升到89%", "small-gain"),
    ("kr-unambitious", "NPS从45分提升到47分", "small-gain"),
    ("kr-unambitious", "Raise FTR from 88% to 89%", "small-gain"),
    ("kr-unambitious", "Increase NPS from 45 to 47", "small-gain"),
    ("kr-unambitious", "Cut p95 latency from 400ms to 390ms", "small-gain"),
    ("kr-unrealistic", "FTR从88%提升到99%", "near-perfect"),
    ("kr-unrealistic", "Raise FTR from 88% to 99%", "near-perfect"),
    ("kr-unrealistic", "渠道覆盖率达到120%", "over-100"),
    ("kr-unrealistic", "Test coverage reaches 110%", "over-100"),
    ("kr-direction-mismatch", "NPS从45提升到40", "says-up-goes-down"),
    ("kr-direction-mismatch", "运营成本从1000万降低到1200万", "says-down-goes-up"),
    ("kr-direction-mismatch", "reduce the complaint rate from 5% to 8%", "says-down-goes-up"),
    ("kr-direction-mismatch", "Increase NPS from 45 to 40", "says-up-goes-down"),
    ("kr-metric-polarity", "客户投诉率从5%提升到8%", "raises-lower-is-better"),
    ("kr-metric-polarity", "员工满意度从80%下降到70%", "lowers-higher-is-better"),
    ("kr-metric-polarity", "Increase monthly churn from 2% to 3%", "raises-lower-is-better"),
    ("kr-metric-polarity", "Reduce NPS from 45 to 40", "lowers-higher-is-better"),
    ("kr-metric-polarity", "Increase latency by 20%", "raises-lower-is-better"),
    ("kr-unit-mismatch", "NPS从45分提升到55%", "mismatch"),
    ("kr-unit-mismatch", "Raise NPS from 45 points to 55%", "mismatch"),
    ("kr-unit-mismatch", "付费用户从1000人提升到20%", "mismatch"),
    ("kr-due-outside-period", "Q4前返修率从12%降至5%", "after-period"),
    ("kr-due-outside-period", "Cut the repeat-repair rate from 12% to 5% by end of Q4", "after-period"),
    ("kr-due-outside-period", "2025年12月15日前完成A轮融资", "before-period"),
    ("kr-due-outside-period", "Close the Series A by 2025-12-15", "before-period"),
]

VALID: list[tuple[str, str]] = [
    ("kr-not-measurable", "NPS从45分提升到55分"),
    ("kr-not-measurable", "上线新系统"),  # a deliverable: kr-is-task's business
    ("kr-not-measurable", "安全事故为零"),
    ("kr-not-measurable", "付费转化率从X%提升到Y%"),
    ("kr-not-measurable", "Increase activation from X to Y"),
    ("kr-not-measurable", "Zero P1 incidents caused by configuration drift"),
    ("kr-not-measurable", "All services emit structured logs"),
    ("kr-not-measurable", "Double weekly active users"),
    ("kr-is-task", "客户自助服务率从10%提升到40%"),
    ("kr-is-task", "KR1:建立客户分层运营体系,高价值客户(RFM评分>8)触达率达到100%"),
    ("kr-is-task", "KR2:建立FTR监控与诊断体系,返修原因识别准确率达到90%"),
    ("kr-is-task", "KR2:搜索速度在1秒内完成"),
    ("kr-is-task", "开发者满意度从3.8分提升到4.3分"),
    ("kr-is-task", "Index 10 billion web pages"),
    ("kr-is-task", "Hold churn below 2%"),
    ("kr-is-task", "Ship 3 features that increase week-1 activation by 10%"),
    ("kr-is-task", "Run 5k in under 25 minutes"),
    ("kr-unambitious", "FTR从88%提升到95%"),
    ("kr-unambitious", "NPS从45分提升到55分"),
    ("kr-unambitious", "Raise FTR from 88% to 95%"),
    ("kr-unambitious", "Uptime from 99.9% to 99.95%"),
    ("kr-unambitious", "首次响应时间从2小时缩短到30分钟"),
    ("kr-unambitious", "保持可用性在99.9%"),
    ("kr-unrealistic", "FTR从88%提升到95%"),
    ("kr-unrealistic", "Raise FTR from 88% to 95%"),
    ("kr-unrealistic", "Uptime from 99.9% to 99.95%"),
    ("kr-unrealistic", "Raise docs coverage from 40% to 100%"),
    ("kr-unrealistic", "Increase revenue by 150%"),
    ("kr-direction-mismatch", "NPS从45提升到55"),
    ("kr-direction-mismatch", "返修率从12%降至5%"),
    ("kr-direction-mismatch", "平均响应时间从5分钟提升到2分钟"),  # 提升 = improve
    ("kr-direction-mismatch", "Reduce the complaint rate from 5% to 2%"),
    ("kr-direction-mismatch", "Lower the error rate to 1% from 3%"),
    ("kr-metric-polarity", "客户投诉率从5%降至2%"),
    ("kr-metric-polarity", "缺陷发现率从60%提升到80%"),
    ("kr-metric-polarity", "投诉处理满意度从85%提升到92%"),
    ("kr-metric-polarity", "Cut time to first response from 2 hours to 30 minutes"),
    ("kr-metric-polarity", "Reduce churn from 5% to 8%"),  # verb vs numbers: kr-direction-mismatch
    ("kr-unit-mismatch", "NPS从45提升到55分"),
    ("kr-unit-mismatch", "首次响应时间从2小时缩短到30分钟"),
    ("kr-unit-mismatch", "Cut build time from 2s to 800ms"),
    ("kr-unit-mismatch", "门店从10家扩展到20个"),
    ("kr-due-outside-period", "3月底前返修率从12%降至8%"),
    ("kr-due-outside-period", "Reduce MTTR from 4h to 1h by March 31"),
    ("kr-due-outside-period", "FTR从88%提升到95%"),
]


@pytest.mark.parametrize(("rule", "kr", "message_id"), INVALID)
def test_invalid(rule: str, kr: str, message_id: str) -> None:
    assert _run(rule, _md([kr])) == [(rule, message_id, 5, KR0)]


@pytest.mark.parametrize(("rule", "kr"), VALID)
def test_valid(rule: str, kr: str) -> None:
    assert _run(rule, _md([kr])) == []


# --- kr-duplicate (objective scope: the finding stands on the second KR) ---
@pytest.mark.parametrize(("krs", "message_id"), [
    (["FTR从88%提升到99%", "FTR从88%提升到89%"], "same-metric"),
    (["Raise FTR from 88% to 95%", "Raise FTR from 90% to 94%"], "same-metric"),
    (["上线新系统", "上线新系统"], "same-text"),
    (["Launch the partner portal", "launch the partner portal."], "same-text"),
])
def test_duplicate_invalid(krs: list[str], message_id: str) -> None:
    assert _run("kr-duplicate", _md(krs)) == [("kr-duplicate", message_id, 6, KR1)]


@pytest.mark.parametrize("krs", [
    ["FTR从88%提升到95%", "技师诊断准确率达到90%", "返修率从12%降至5%"],
    ["NPS从40提升到50(企业客户)", "NPS从30提升到40(个人客户)"],
    ["Increase NPS from 45 to 55", "Raise retention from 65% to 75%"],
    ["Increase NPS among enterprise customers from 40 to 50", "Increase NPS among SMB customers from 30 to 40"],
])
def test_duplicate_valid(krs: list[str]) -> None:
    assert _run("kr-duplicate", _md(krs)) == []


def test_duplicate_only_within_one_objective() -> None:
    text = "O1: 打造一次修好的服务能力\n- FTR从88%提升到95%\nO2: 打造让客户惊喜的服务体验\n- FTR从88%提升到92%\n"
    assert _run("kr-duplicate", text) == []


# --- structured fields and configuration ---
YAML_KR = """period: 2026-Q1
objectives:
  - title: Make fixing it right the first time our signature
    key_results:
      - title: Raise FTR
        metric: FTR
        baseline: 88%
        target: {target}
        due: {due}
"""


def test_benchmark_from_config() -> None:
    text = YAML_KR.format(target="98%", due="2026-03-31")
    got = _run("kr-unrealistic", text, "a.okr.yaml", benchmarks={"FTR": "97%"})
    assert got == [("kr-unrealistic", "beyond-benchmark", 5, KR0)]
    assert _run("kr-unrealistic", YAML_KR.format(target="96%", due="2026-03-31"), "a.okr.yaml",
                benchmarks={"FTR": "97%"}) == []


def test_benchmark_lower_is_better() -> None:
    text = _md(["返修率从12%降至2%"])
    assert _run("kr-unrealistic", text, benchmarks={"返修率": "3%"}) == [("kr-unrealistic", "beyond-benchmark", 5, KR0)]
    assert _run("kr-unrealistic", _md(["返修率从12%降至5%"]), benchmarks={"返修率": "3%"}) == []


def test_due_field_outside_period_points_at_the_field() -> None:
    text = YAML_KR.format(target="95%", due="2026-06-30")
    assert _run("kr-due-outside-period", text, "a.okr.yaml") == [("kr-due-outside-period", "after-period", 9, KR0)]
    assert _run("kr-due-outside-period", YAML_KR.format(target="95%", due="2026-03-15"), "a.okr.yaml") == []


def test_due_without_year_in_a_period_spanning_two_years() -> None:
    text = _md(["12月底前返修率从12%降至8%"], period="2025-07-01..2026-06-30")
    assert _run("kr-due-outside-period", text) == []


def test_no_period_no_finding() -> None:
    assert _run("kr-due-outside-period", "O: 打造一次修好的服务能力\n- Q4前返修率从12%降至5%\n") == []


@pytest.mark.parametrize(("options", "fires"), [
    ({"min_relative_gain": 0.2, "min_headroom_share": 0.9}, True),
    ({"min_relative_gain": 0.01, "min_headroom_share": 0.01}, False),
])
def test_unambitious_options(options: dict[str, float], fires: bool) -> None:
    got = _run("kr-unambitious", _md(["FTR从88%提升到95%"]), rules={"kr-unambitious": options})
    assert (got == [("kr-unambitious", "small-gain", 5, KR0)]) is fires


def test_unrealistic_options() -> None:
    text = _md(["FTR从88%提升到95%"])
    got = _run("kr-unrealistic", text, rules={"kr-unrealistic": {"near_perfect": 95}})
    assert got == [("kr-unrealistic", "near-perfect", 5, KR0)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_messages_exist_in_both_languages(lang: str) -> None:
    cfg = Config(data={"select": ["kr-unambitious", "kr-is-task"], "lang": lang})
    found = lint_text(_md(["FTR从88%提升到89%", "上线新系统"]), "a.okr.md", config=cfg)
    assert {f.message_id for f in found} == {"small-gain", "task"}
    assert all(f.message and "{" not in f.message for f in found)


@pytest.mark.parametrize("kr", [
    "Reduce onboarding time from 14 days to 7 days (see https://wiki.example.com/okr/2025-12-01)",
    "NPS从45提升到55,详见 [方案](https://example.com/2025/q3/plan)",
])
def test_dates_inside_links_are_not_deadlines(kr: str) -> None:
    assert _run("kr-due-outside-period", _md([kr])) == []
