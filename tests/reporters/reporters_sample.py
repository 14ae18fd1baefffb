"""The fixed input of the golden-file tests: two parsed documents and hand-made findings.

Findings are built here, not by running the rules, so that a new rule or a
reworded message does not change what the reporters are tested on. The texts
carry what reporters must survive: HTML injection, ``%``, ``,``, ``:``,
newlines, CJK and a document that could not be read.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from okrlint.api import Result
from okrlint.engine.registry import Registry, Rule
from okrlint.model import Document, Finding, Span
from okrlint.parsing import parse_text
from okrlint.reporters import ReportContext

ZH_PATH = "okrs/售后 q1.okr.md"
EN_PATH = "okrs/platform.okr.yaml"
BROKEN_PATH = "okrs/broken.okr.yaml"

ZH_TEXT = """---
period: 2026-Q1
team: 售后服务中心
---
# 2026 Q1 OKR

O1:NPS从45分提升到55分
KR1:FTR达到95%
KR2:客户留存率从65%提升到75%

O2:打造<script>window.__pwned=1</script>的服务体验
KR1:"><img src=x onerror=alert(1)> 触达率从40%提升到100%
KR2:首次修复率从88%提升到95%
KR3:复修率从12%降低到5%
"""

EN_TEXT = """period: 2026-Q2
team: Platform & <Infra>
objectives:
  - id: O1
    title: Make deploys boring
    key_results:
      - title: Cut deploy time from 30 min to 10 min
        baseline: 30
        target: 10
        unit: min
        due: 2026-06-30
      - Deploy success rate reaches 99%
      - Rollback in under 5 min
kpis:
  - {title: Uptime, target: ">=99.9%"}
"""

RULES = [
    Rule("OKR001", "parse-error", "document", "error", "The file could not be read as an OKR document.", None),
    Rule("OKR003", "unknown-key", "document", "warning", "A key that is not part of the OKR document format.", None),
    Rule("OKR101", "objective-is-metric", "objective", "error", "The objective is a number, not a direction.", None),
    Rule("OKR201", "kr-count", "objective", "error", "An objective with too few or too many key results.", None),
    Rule("OKR202", "kr-no-baseline", "key_result", "warning",
         "A key result on a tracked metric states a target but not where it starts.", None),
    Rule("OKR301", "missing-deadline", "key_result", "warning", "Neither period nor key result gives a time bound.",
         None),
]


@dataclass
class FixedEngine:
    registry: Registry
    lang: str = "en"


def _finding(doc: Document, rule: str, severity: str, message_id: str, message: str, span: Span,
             node_path: str, args: dict[str, Any] | None = None) -> Finding:
    code = next(r.code for r in RULES if r.name == rule)
    return Finding(rule, code, severity, message, doc.path, span.line, span.column,  # type: ignore[arg-type]
                   span.end_line, span.end_column, node_path, f"docs/rules/{rule}.md", message_id, args or {})


def sample_result() -> Result:
    zh = parse_text(ZH_TEXT, ZH_PATH)
    en = parse_text(EN_TEXT, EN_PATH)
    broken = Document(path=BROKEN_PATH, format="yaml", text="objectives: [\n")
    o1, o2 = zh.objectives[0], zh.objectives[1]
    kr = o1.key_results[0]
    at = kr.title.index("95%")
    findings = [
        _finding(zh, "objective-is-metric", "error", "change-as-objective",
                 "目标写成了关键结果:「NPS从45分提升到55分」。把它放到KR里,为O写一个方向性的描述。", o1.span,
                 o1.node_path, {"text": o1.title}),
        _finding(zh, "kr-count", "error", "too-few",
                 "只有 2 个KR,请补充到 3–5 个。", o1.span, o1.node_path, {"count": 2}),
        _finding(zh, "kr-no-baseline", "warning", "no-baseline",
                 "目标值 95% 没有起点:写明FTR现在是多少,改成「从X提升到95%」。",
                 Span(kr.span.line, kr.span.column + at, kr.span.line, kr.span.column + at + 3), kr.node_path,
                 {"text": kr.title, "target": "95%", "metric": "FTR"}),
        _finding(zh, "missing-deadline", "info", "no-deadline",
                 "<b>not bold</b> & a line\nbreak, 100% sure: see docs", o2.key_results[0].span,
                 o2.key_results[0].node_path, {"text": o2.key_results[0].title}),
        _finding(en, "unknown-key", "warning", "unknown-key",
                 "Unknown key 'teem': did you mean 'team'?", Span(1, 1, 1, 5), ""),
        _finding(en, "kr-no-baseline", "warning", "no-baseline",
                 "Target 99% has no starting point: say where deploy success rate is now, as 'from X to 99%'.",
                 en.objectives[0].key_results[1].span, en.objectives[0].key_results[1].node_path,
                 {"text": en.objectives[0].key_results[1].title, "target": "99%"}),
        _finding(broken, "parse-error", "error", "yaml-syntax",
                 "YAML syntax error: flow sequence not closed, at line 2.", Span(2, 1, 2, 1), ""),
    ]
    findings.sort(key=Finding.sort_key)
    return Result(findings, [zh, en, broken])


def sample_context(lang: str = "en") -> ReportContext:
    return ReportContext(lang=lang, color=False, statistics=True, engine=FixedEngine(Registry(RULES), lang))
