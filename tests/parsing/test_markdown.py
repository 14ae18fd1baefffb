"""Tests of the Markdown / plain-text OKR reader (okrlint.parsing.markdown)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from okrlint.model import Document, Span
from okrlint.parsing.markdown import looks_like_okr_markdown, parse_markdown

ARTICLE = Path("/work/shared/seeds/000_cfd7a3febe1c76b7.txt")

Row = tuple[str, str, str, int, int, str]  # kind, id, title, line, column, node_path


def outline(doc: Document) -> list[Row]:
    rows: list[Row] = []
    for o in doc.objectives:
        rows.append(("O", o.id or "", o.title, o.span.line, o.span.column, o.node_path))
        for kr in o.key_results:
            rows.append(("KR", kr.id or "", kr.title, kr.span.line, kr.span.column, kr.node_path))
    return rows


def parse(text: str) -> Document:
    return parse_markdown(text, "okr.md")


def check_spans(doc: Document) -> None:
    """Every span covers exactly its title on its line."""
    lines = doc.text.replace("\r\n", "\n").split("\n")
    nodes = [*doc.objectives, *(kr for _, kr in doc.key_results()), *doc.kpis]
    for node in nodes:
        s = node.span
        assert s.line == s.end_line
        assert s.end_column == s.column + len(node.title)
        assert lines[s.line - 1][s.column - 1:s.end_column - 1] == node.title


O0 = "objectives[0]"
O1 = "objectives[1]"
KR00 = "objectives[0].key_results[0]"
KR01 = "objectives[0].key_results[1]"
KR02 = "objectives[0].key_results[2]"
KR10 = "objectives[1].key_results[0]"

CASES: list[tuple[str, str, list[Row]]] = [
    # --- objective lines -------------------------------------------------------------------
    ("o-gloss-fullwidth", "O（目标）：打造行业领先的客户服务体验\nKR1（关键结果1）：NPS从45分提升到55分\n",
     [("O", "O1", "打造行业领先的客户服务体验", 1, 7, O0),
      ("KR", "KR1", "NPS从45分提升到55分", 2, 12, KR00)]),
    ("o-gloss-halfwidth", "O(目标):打造行业领先的客户服务体验\nKR1(关键结果1):NPS从45分提升到55分\n",
     [("O", "O1", "打造行业领先的客户服务体验", 1, 7, O0),
      ("KR", "KR1", "NPS从45分提升到55分", 2, 12, KR00)]),
    ("o-bare", "O: Delight customers\nKR1: NPS 45 -> 55\n",
     [("O", "O1", "Delight customers", 1, 4, O0), ("KR", "KR1", "NPS 45 -> 55", 2, 6, KR00)]),
    ("o-numbered", "O2：提升交付质量\nKR：缺陷率降至1%\n",
     [("O", "O2", "提升交付质量", 1, 4, O0), ("KR", "KR1", "缺陷率降至1%", 2, 4, KR00)]),
    ("zh-objective", "目标：提升客户满意度\n关键结果1：NPS从45提升到55\n关键结果2：投诉率降至2%\n",
     [("O", "O1", "提升客户满意度", 1, 4, O0),
      ("KR", "KR1", "NPS从45提升到55", 2, 7, KR00),
      ("KR", "KR2", "投诉率降至2%", 3, 7, KR01)]),
    ("zh-objective-numbered", "目标1:提升客户满意度\nKR1:NPS从45提升到55\n目标2:降低成本\nKR1:成本降低20%\n",
     [("O", "O1", "提升客户满意度", 1, 5, O0), ("KR", "KR1", "NPS从45提升到55", 2, 5, KR00),
      ("O", "O2", "降低成本", 3, 5, O1), ("KR", "KR1", "成本降低20%", 4, 5, KR10)]),
    ("objective-word", "Objective: Ship a delightful onboarding\nKey Result 1: Activation from 30% to 45%\n",
     [("O", "O1", "Ship a delightful onboarding", 1, 12, O0),
      ("KR", "KR1", "Activation from 30% to 45%", 2, 15, KR00)]),
    ("objective-numbered", "Objective 3: Ship v2\nKR 1: 10 customers on v2\n",
     [("O", "O3", "Ship v2", 1, 14, O0), ("KR", "KR1", "10 customers on v2", 2, 7, KR00)]),
    ("objective-dash", "Objective 1 - Grow revenue\nKR1 - ARR from $1M to $2M\nO2 — 降低成本\nKR1 — 成本降低20%\n",
     [("O", "O1", "Grow revenue", 1, 15, O0), ("KR", "KR1", "ARR from $1M to $2M", 2, 7, KR00),
      ("O", "O2", "降低成本", 3, 6, O1), ("KR", "KR1", "成本降低20%", 4, 7, KR10)]),
    ("lowercase-words", "objective: grow\nkr1: 3 new logos\n",
     [("O", "O1", "grow", 1, 12, O0), ("KR", "KR1", "3 new logos", 2, 6, KR00)]),
    # --- headings ----------------------------------------------------------------------------
    ("heading-space", "## O1 提升客户满意度\n- KR1: NPS从45提升到55\n",
     [("O", "O1", "提升客户满意度", 1, 7, O0), ("KR", "KR1", "NPS从45提升到55", 2, 8, KR00)]),
    ("heading-colon", "## O1: Delight customers\n\n- KR1: NPS 45 -> 55\n",
     [("O", "O1", "Delight customers", 1, 8, O0), ("KR", "KR1", "NPS 45 -> 55", 3, 8, KR00)]),
    ("heading-objective-word", "## Objective 2: Grow\n1. Revenue +20%\n",
     [("O", "O2", "Grow", 1, 17, O0), ("KR", "KR1", "Revenue +20%", 2, 4, KR00)]),
    ("heading-zh-numeral", "### 目标一：夯实基础\n- 完成5个门店诊断\n### 目标十二：扩展\n- 新增3个城市\n",
     [("O", "O1", "夯实基础", 1, 9, O0), ("KR", "KR1", "完成5个门店诊断", 2, 3, KR00),
      ("O", "O12", "扩展", 3, 10, O1), ("KR", "KR1", "新增3个城市", 4, 3, KR10)]),
    ("heading-closing-hashes", "## O1: Grow ##\n- KR1: ARR x2\n",
     [("O", "O1", "Grow", 1, 8, O0), ("KR", "KR1", "ARR x2", 2, 8, KR00)]),
    ("heading-kr", "## O1: Grow\n### KR1: ARR x2\n### KR2: NRR 120%\n",
     [("O", "O1", "Grow", 1, 8, O0), ("KR", "KR1", "ARR x2", 2, 10, KR00), ("KR", "KR2", "NRR 120%", 3, 10, KR01)]),
    ("heading-kr-section", "## O1: Grow\nWhy this matters.\n### Key Results\n- ARR x2\n- NRR 120%\n",
     [("O", "O1", "Grow", 1, 8, O0), ("KR", "KR1", "ARR x2", 4, 3, KR00), ("KR", "KR2", "NRR 120%", 5, 3, KR01)]),
    ("heading-unnumbered-word-is-not-objective", "## Objective setting process\n- talk to teams\n", []),
    ("heading-okr-is-not-objective", "# OKR 2026\n## Objectives\n## O1: Grow\n- ARR x2\n",
     [("O", "O1", "Grow", 3, 8, O0), ("KR", "KR1", "ARR x2", 4, 3, KR00)]),
    # --- key-result lines --------------------------------------------------------------------
    ("kr-variants",
     "O: x\nKR1: a\nKR: b\nKR1-new: c\n关键结果4：d\nKey Result 5: e\nKR 6: f\n- KR7: g\n* KR8: h\n+ KR9: i\n"
     "1. KR10: j\n2) KR11: k\n**KR12:** l\n**KR13**: m\n- **KR14：** n\n关键成果15：o\n",
     [("O", "O1", "x", 1, 4, O0),
      ("KR", "KR1", "a", 2, 6, KR00), ("KR", "KR2", "b", 3, 5, KR01), ("KR", "KR1-new", "c", 4, 10, KR02),
      ("KR", "KR4", "d", 5, 7, "objectives[0].key_results[3]"),
      ("KR", "KR5", "e", 6, 15, "objectives[0].key_results[4]"),
      ("KR", "KR6", "f", 7, 7, "objectives[0].key_results[5]"),
      ("KR", "KR7", "g", 8, 8, "objectives[0].key_results[6]"),
      ("KR", "KR8", "h", 9, 8, "objectives[0].key_results[7]"),
      ("KR", "KR9", "i", 10, 8, "objectives[0].key_results[8]"),
      ("KR", "KR10", "j", 11, 10, "objectives[0].key_results[9]"),
      ("KR", "KR11", "k", 12, 10, "objectives[0].key_results[10]"),
      ("KR", "KR12", "l", 13, 11, "objectives[0].key_results[11]"),
      ("KR", "KR13", "m", 14, 11, "objectives[0].key_results[12]"),
      ("KR", "KR14", "n", 15, 13, "objectives[0].key_results[13]"),
      ("KR", "KR15", "o", 16, 8, "objectives[0].key_results[14]")]),
    ("kr-range-is-one-kr", "O：提升服务质量\nKR1-8：（8个不同的指标）\n",
     [("O", "O1", "提升服务质量", 1, 3, O0), ("KR", "KR1-8", "（8个不同的指标）", 2, 7, KR00)]),
    ("bold-whole-line", "**O1: Grow revenue**\n**KR1: ARR x2**\n",
     [("O", "O1", "Grow revenue", 1, 7, O0), ("KR", "KR1", "ARR x2", 2, 8, KR00)]),
    ("bold-title", "O1: **Grow revenue**\nKR1: **ARR** x2\nKR2:**NRR**\n",
     [("O", "O1", "Grow revenue", 1, 7, O0), ("KR", "KR1", "**ARR** x2", 2, 6, KR00),
      ("KR", "KR2", "NRR", 3, 7, KR01)]),
    ("task-boxes", "## O1: Grow\n- [ ] ARR x2\n- [x] KR2: NRR 120%\n",
     [("O", "O1", "Grow", 1, 8, O0), ("KR", "KR1", "ARR x2", 2, 7, KR00), ("KR", "KR2", "NRR 120%", 3, 12, KR01)]),
    # --- plain list items ----------------------------------------------------------------------
    ("plain-under-objective-line", "O1：提升满意度\n- NPS从45提升到55\n* 投诉率降至2%\n",
     [("O", "O1", "提升满意度", 1, 4, O0), ("KR", "KR1", "NPS从45提升到55", 2, 3, KR00),
      ("KR", "KR2", "投诉率降至2%", 3, 3, KR01)]),
    ("plain-numbered", "## O1: Grow\n\n1. ARR x2\n2. NRR 120%\n",
     [("O", "O1", "Grow", 1, 8, O0), ("KR", "KR1", "ARR x2", 3, 4, KR00), ("KR", "KR2", "NRR 120%", 4, 4, KR01)]),
    ("plain-sub-bullets-are-details", "## O1: Grow\n- ARR x2\n  - via upsell\n    - even deeper\n- NRR 120%\n",
     [("O", "O1", "Grow", 1, 8, O0), ("KR", "KR1", "ARR x2", 2, 3, KR00), ("KR", "KR2", "NRR 120%", 5, 3, KR01)]),
    ("labelled-sub-bullets-are-details", "## O1: Grow\n- KR1: ARR x2\n  - owner: sales\n- KR2: NRR\n",
     [("O", "O1", "Grow", 1, 8, O0), ("KR", "KR1", "ARR x2", 2, 8, KR00), ("KR", "KR2", "NRR", 4, 8, KR01)]),
    ("objective-as-list-item", "- O1: Grow\n  - ARR x2\n  - NRR 120%\n- O2: Save\n  - KR1: cost -20%\n",
     [("O", "O1", "Grow", 1, 7, O0), ("KR", "KR1", "ARR x2", 2, 5, KR00), ("KR", "KR2", "NRR 120%", 3, 5, KR01),
      ("O", "O2", "Save", 4, 7, O1), ("KR", "KR1", "cost -20%", 5, 10, KR10)]),
    ("plain-under-unrelated-heading", "## O1: Grow\n- ARR x2\n## 背景\n- 去年增长放缓\n## Notes\n- talk to sales\n",
     [("O", "O1", "Grow", 1, 8, O0), ("KR", "KR1", "ARR x2", 2, 3, KR00)]),
    ("plain-under-subheading-of-objective", "## O1: Grow\n### 背景\n- 去年增长放缓\n### 关键结果\n- ARR x2\n",
     [("O", "O1", "Grow", 1, 8, O0), ("KR", "KR1", "ARR x2", 5, 3, KR00)]),
    ("plain-after-prose-is-not-kr", "O1：提升满意度\n为什么这样定？\n- 因为客户流失\n",
     [("O", "O1", "提升满意度", 1, 4, O0)]),
    ("plain-ignored-once-labelled", "O1: Grow\nKR1: ARR x2\n- a note\n",
     [("O", "O1", "Grow", 1, 5, O0), ("KR", "KR1", "ARR x2", 2, 6, KR00)]),
    ("kr-label-line-opens-list", "目标：提升满意度\n关键结果：\n1. NPS从45提升到55\n2. 投诉率降至2%\n",
     [("O", "O1", "提升满意度", 1, 4, O0), ("KR", "KR1", "NPS从45提升到55", 3, 4, KR00),
      ("KR", "KR2", "投诉率降至2%", 4, 4, KR01)]),
    # --- scope -------------------------------------------------------------------------------
    ("line-objective-prose-before-first-kr", "O：建立数据驱动的运营体系\n为什么这样定？\n- 打基础\nQ1的Key Results：\nKR1：看板上线\n",
     [("O", "O1", "建立数据驱动的运营体系", 1, 3, O0), ("KR", "KR1", "看板上线", 5, 5, KR00)]),
    ("heading-objective-prose-between-krs", "## O1: Grow\n- KR1: ARR x2\n\nSome notes.\n\n- KR2: NRR\n",
     [("O", "O1", "Grow", 1, 8, O0), ("KR", "KR1", "ARR x2", 2, 8, KR00), ("KR", "KR2", "NRR", 6, 8, KR01)]),
    ("kpi-is-not-kr", "O：打造一次修好的服务能力\nKPI：FTR达到90%\nKR1：FTR从88%提升到95%\n",
     [("O", "O1", "打造一次修好的服务能力", 1, 3, O0), ("KR", "KR1", "FTR从88%提升到95%", 3, 5, KR00)]),
    ("glossary-pair-is-not-an-objective",
     "- Objective（目标）：你想去哪里？\n- Key Results（关键结果）：怎么知道你到了？\n", []),
    # --- ignored text --------------------------------------------------------------------------
    ("code-fence-skipped", "```\nO1: not real\nKR1: not real\n```\n~~~~yaml\nO: no\n~~~~\nO1: real\nKR1: yes\n",
     [("O", "O1", "real", 8, 5, O0), ("KR", "KR1", "yes", 9, 6, KR00)]),
    ("html-comments-skipped", "<!--\nO1: hidden\n-->\nO1: shown <!-- note -->\n<!-- KR9: hidden -->\nKR1: ok\n",
     [("O", "O1", "shown", 4, 5, O0), ("KR", "KR1", "ok", 6, 6, KR00)]),
    ("tables-and-prose-ignored", "| KR | 负责人 |\n|---|---|\n| KR1 客户分层 | 张三 |\nOKR的本质：目标 + 关键结果\n❌ 差的O：提升服务质量\n", []),
    ("thematic-break-not-list", "## O1: Grow\n- ARR x2\n\n---\n\n* * *\n",
     [("O", "O1", "Grow", 1, 8, O0), ("KR", "KR1", "ARR x2", 2, 3, KR00)]),
    ("words-that-only-start-like-labels", "OKR: yes\nObjectives and key results: a method\nKRA: no\n目标值：100\nO2O：模式\n", []),
    ("crlf", "## O1: Grow\r\n- KR1: ARR x2\r\n- KR2: NRR\r\n",
     [("O", "O1", "Grow", 1, 8, O0), ("KR", "KR1", "ARR x2", 2, 8, KR00), ("KR", "KR2", "NRR", 3, 8, KR01)]),
    ("positional-ids", "O: a\nKR: x\nKR: y\nO: b\n",
     [("O", "O1", "a", 1, 4, O0), ("KR", "KR1", "x", 2, 5, KR00), ("KR", "KR2", "y", 3, 5, KR01),
      ("O", "O2", "b", 4, 4, O1)]),
]


@pytest.mark.parametrize("text,expected", [(t, e) for _, t, e in CASES], ids=[c[0] for c in CASES])
def test_outline(text: str, expected: list[Row]) -> None:
    doc = parse(text)
    assert outline(doc) == expected
    assert doc.format == "markdown" and doc.path == "okr.md" and doc.text == text
    check_spans(doc)


OWNER_CASES = [
    ("KR1: 上线看板（负责人：张三）", "上线看板", "张三"),
    ("KR1: 上线看板(负责人: 张三、李四)", "上线看板", "张三、李四"),
    ("KR1: Launch the dashboard (owner: @alice)", "Launch the dashboard", "@alice"),
    ("KR1: Launch the dashboard (@alice)", "Launch the dashboard", "@alice"),
    ("KR1: Launch the dashboard — @alice", "Launch the dashboard", "@alice"),
    ("KR1: Launch the dashboard -- @bob.smith", "Launch the dashboard", "@bob.smith"),
    ("KR1: Email support@example.com", "Email support@example.com", None),
    ("KR1: 上线看板（负责人：张三）之后推广", "上线看板（负责人：张三）之后推广", None),
    ("KR1: (owner: @alice)", "(owner: @alice)", None),
]


@pytest.mark.parametrize("line,title,owner", OWNER_CASES)
def test_owner(line: str, title: str, owner: str | None) -> None:
    doc = parse("O1: Grow (owner: @carol)\n" + line + "\n")
    obj = doc.objectives[0]
    assert (obj.title, obj.owner) == ("Grow", "@carol")
    kr = obj.key_results[0]
    assert (kr.title, kr.owner) == (title, owner)
    check_spans(doc)


def test_front_matter() -> None:
    text = ("---\nperiod: 2026-Q1\nteam: 售后运营中台\nowner: 王五\nreview: {checkin: weekly}\n---\n"
            "# 2027 Q3 ignored because the front matter wins\n## O1: Grow\n- ARR x2\n")
    doc = parse(text)
    assert doc.period_raw == "2026-Q1"
    assert doc.period_span == Span(2, 9, 2, 16)
    assert (doc.team, doc.owner) == ("售后运营中台", "王五")
    assert doc.review == {"checkin": "weekly"}
    assert doc.review_span is not None and doc.review_span.line == 5
    assert outline(doc) == [("O", "O1", "Grow", 8, 8, O0), ("KR", "KR1", "ARR x2", 9, 3, KR00)]
    assert doc.parse_problems == []


def test_front_matter_period_is_parsed_when_possible() -> None:
    try:
        from okrlint.text.period import parse_period
    except ImportError:
        pytest.skip("okrlint.text.period not written yet")
    doc = parse("---\nperiod: 2026-Q1\n---\nO: x\n")
    expected = parse_period("2026-Q1")
    assert doc.period == expected


def test_front_matter_yaml_error_has_position() -> None:
    doc = parse("---\nperiod: 2026-Q1\nteam: [unclosed\n---\nO1: Grow\nKR1: x\n")
    (rule, problem), = doc.parse_problems
    assert rule == "parse-error" and problem.message_id == "yaml-syntax" and problem.severity == "error"
    assert problem.span is not None and problem.span.line in (3, 4)
    assert "reason" in problem.args
    assert len(doc.objectives) == 1  # the body is still read


def test_front_matter_not_mapping() -> None:
    doc = parse("---\n- a\n- b\n---\nO1: x\n")
    (rule, problem), = doc.parse_problems
    assert (rule, problem.message_id, problem.span.line if problem.span else 0) == ("invalid-structure", "expected-mapping", 2)


def test_unclosed_front_matter_is_a_thematic_break() -> None:
    doc = parse("---\nO1: Grow\nKR1: x\n")
    assert doc.parse_problems == [] and len(doc.key_results()) == 1


def test_crlf_front_matter() -> None:
    doc = parse("---\r\nperiod: 2026-Q2\r\n---\r\nO: x\r\n")
    assert doc.period_raw == "2026-Q2" and doc.period_span == Span(2, 9, 2, 16)


def test_period_from_first_heading() -> None:
    doc = parse("# 2026 Q1 售后运营中台 OKR\n\n## O1: Grow\n- KR1: x\n")
    assert doc.period_raw is not None and "2026" in doc.period_raw and "Q1" in doc.period_raw.upper()
    s = doc.period_span
    assert s is not None and s.line == 1
    assert doc.text.split("\n")[0][s.column - 1:s.end_column - 1] == doc.period_raw


def test_no_period() -> None:
    doc = parse("# 售后运营中台 OKR\n## O1: Grow\n- KR1: x\n")
    assert (doc.period_raw, doc.period_span, doc.period) == (None, None, None)


def test_kr_before_objective_is_a_warning() -> None:
    doc = parse("KR1: orphan\n## O1: Grow\n- KR1: x\n## Notes\n- KR2: y\n")
    assert outline(doc) == [("O", "O1", "Grow", 2, 8, O0), ("KR", "KR1", "x", 3, 8, KR00)]
    problems = [(r, p.message_id, p.severity, p.span.line if p.span else 0) for r, p in doc.parse_problems]
    assert problems == [("parse-error", "kr-without-objective", "warning", 1),
                        ("parse-error", "kr-without-objective", "warning", 5)]


def test_kpis_are_collected() -> None:
    doc = parse("KPI：FTR达到90%（必须完成）\nKPI2: 安全事故 0 起\n")
    assert [(k.id, k.title, k.node_path, k.span.column) for k in doc.kpis] == [
        ("KPI1", "FTR达到90%（必须完成）", "kpis[0]", 5), ("KPI2", "安全事故 0 起", "kpis[1]", 7)]


def test_key_results_span_and_index() -> None:
    doc = parse("## O1: Grow\n- KR1: a\n- KR2: b\n")
    obj = doc.objectives[0]
    assert obj.index == 0 and [kr.index for kr in obj.key_results] == [0, 1]
    assert obj.key_results_span == Span(2, 8, 2, 9)


# --- the source article ----------------------------------------------------------------------------

def test_article() -> None:
    doc = parse_markdown(ARTICLE.read_text(encoding="utf-8"), str(ARTICLE))
    objectives = [(o.span.line, o.title, len(o.key_results)) for o in doc.objectives]
    assert objectives == [
        (31, "打造行业领先的客户服务体验", 3),
        (44, "建立世界上最好的搜索引擎", 3),
        (110, "打造一次修好的服务能力", 3),
        (201, "建立数据驱动的服务运营体系", 4),
        (301, "完成业绩目标", 3),
        (310, "打造数字化服务平台,实现运营效率倍增", 3),
        (319, "NPS从45分提升到55分", 0),
        (324, "打造让客户惊喜的服务体验", 3),
        (330, "提升服务质量", 1),
        (334, "提升服务质量", 1),
    ]
    first = doc.objectives[0]
    assert (first.id, first.span) == ("O1", Span(31, 7, 31, 20))
    assert [(kr.id, kr.title, kr.span.line, kr.span.column, kr.node_path) for kr in first.key_results] == [
        ("KR1", "NPS从45分提升到55分", 32, 12, KR00),
        ("KR2", "客户留存率从65%提升到75%", 33, 12, KR01),
        ("KR3", "首次修复率从88%提升到95%", 34, 12, KR02),
    ]
    q1 = doc.objectives[3]
    assert [(kr.id, kr.span.line) for kr in q1.key_results] == [("KR1", 213), ("KR2", 214), ("KR3", 215), ("KR4", 216)]
    assert q1.key_results[3].title == "建立售后数据看板,核心指标(NPS/FTR/留存率)实时可视化"
    ftr = doc.objectives[2]
    assert ftr.key_results[0].title == "FTR从88%提升到95%(挑战性)"
    many = doc.objectives[9]
    assert [(kr.id, kr.title, kr.span.line) for kr in many.key_results] == [("KR1-8", "(8个不同的指标)", 335)]
    # "KPI:FTR达到90%(必须完成)" is a KPI, not a KR.
    assert [(k.title, k.span.line) for k in doc.kpis] == [("FTR达到90%(必须完成)", 104)]
    assert all("KPI" not in kr.title for _, kr in doc.key_results())
    # The illustrative fragments outside any objective block are reported, not attached.
    orphans = [p.span.line for r, p in doc.parse_problems if p.message_id == "kr-without-objective" and p.span]
    assert orphans == [74, 76, 166, 171, 172, 280, 283, 286, 289]
    assert all(p.severity == "warning" for _, p in doc.parse_problems)
    check_spans(doc)
    assert looks_like_okr_markdown(doc.text)


# --- detection -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("O(目标):打造行业领先的客户服务体验\nKR1(关键结果1):NPS从45分提升到55分\n", True),
    ("## O1 Grow\n- KR1: ARR x2\n", True),
    ("# Plan\n\n## Objective 1: Grow\n\n* **KR1:** ARR x2\n", True),
    ("目标一：夯实基础\n关键结果1：完成诊断\n", True),
    ("# README\n\nThis project uses OKRs. KR means key result.\n", False),
    ("O1: Grow\nno key results here\n", False),
    ("KR1: orphan only\n", False),
    ("```\n", False),
    ("", False),
])
def test_looks_like_okr_markdown(text: str, expected: bool) -> None:
    assert looks_like_okr_markdown(text) is expected


def test_detector_only_reads_the_head() -> None:
    text = "O1: Grow\n" + "prose\n" * 500 + "KR1: late\n"
    assert looks_like_okr_markdown(text) is False
    assert len(parse(text).key_results()) == 1


# --- robustness ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "KR1: " + "a" * 1_000_000,
    "O1:" + " " * 1_000_000 + "x",
    "## O1" + " \t" * 500_000,
    "- " * 500_000,
    "<!--" * 250_000,
    "(" * 1_000_000,
    "O(" + "(" * 1_000_000,
    "KR1: x (负责人:" + "张" * 1_000_000 + ")",
    "KR1: x " + "-" * 1_000_000 + " @a",
    "**" * 500_000,
    "#" * 1_000_000,
    "---\n" + "a: " * 300_000 + "\n---\n",
], ids=lambda text: f"{text[:12]!r}x{len(text)}")
def test_long_lines_are_fast(text: str) -> None:
    started = time.process_time()
    parse(text)
    looks_like_okr_markdown(text)
    assert time.process_time() - started < 1.0


def test_many_lines_are_fast() -> None:
    block = "## O{m}: Grow line {n}\n- KR1: a (owner: @x)\n  - detail\n- plain\nprose\n```\ncode\n```\n<!-- c -->\n\n"
    text = "".join(block.format(n=i, m=i % 100) for i in range(10_000))
    assert text.count("\n") == 100_000
    started = time.process_time()
    doc = parse(text)
    assert time.process_time() - started < 1.0
    assert len(doc.objectives) == 10_000 and len(doc.key_results()) == 10_000


_ALPHABET = st.sampled_from(list("OKR目标关键结果一十Objective Key Result:：()（）-—*+#_`~<!>@\t\r\n 1234567890abcxyz|[]."))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.text(_ALPHABET, max_size=300),
                 st.lists(st.sampled_from([
                     "---", "period: 2026-Q1", "review: [", "## O1: x", "- KR1: y", "- z", "  - d", "```", "~~~",
                     "<!--", "-->", "KR: q", "O:", "关键结果：", "### Key Results", "# 2026 Q1", "KPI: k", "",
                     "!!python/object:os.system x", "a: *b", "team: &b [1]", "period: {}", "\r", "(owner: @a)",
                 ])).map("\n".join)))
def test_never_raises(text: str) -> None:
    doc = parse_markdown(text, "x.md")
    looks_like_okr_markdown(text)
    for o in doc.objectives:
        assert o.span.line >= 1 and o.span.column >= 1
        for kr in o.key_results:
            assert kr.node_path.startswith(o.node_path + ".key_results[")
