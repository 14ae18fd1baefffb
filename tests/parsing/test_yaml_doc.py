"""The YAML/JSON reader: positions, node paths, structured fields, and bad input as findings."""
from __future__ import annotations

import datetime as dt

from okrlint.parsing import parse_bytes, parse_text

CANONICAL = """\
period: 2026-Q1
team: 售后运营中台
owner: 张三
review: {checkin: weekly, retro: 2026-03-31}
objectives:
  - id: O1
    title: 建立数据驱动的服务运营体系
    owner: 张三
    aligns_to: company.okr.yaml#O2
    key_results:
      - 建立FTR监控与诊断体系,返修原因识别准确率达到90%
      - title: NPS从45分提升到55分
        metric: NPS
        baseline: 45
        target: 55
        unit: 分
        due: 2026-03-31
        owner: 客户运营专员
        type: aspirational
        actual: 52
        score: 0.7
kpis:
  - {title: 安全事故率, target: 0, binding: 一票否决}
"""


def rules_of(doc):  # type: ignore[no-untyped-def]
    return [(rule, p.message_id) for rule, p in doc.parse_problems]


def test_canonical_document_model() -> None:
    doc = parse_text(CANONICAL, "q1.okr.yaml")
    assert doc.parse_problems == []
    assert doc.period is not None and doc.period.start == dt.date(2026, 1, 1) and doc.period.end == dt.date(2026, 3, 31)
    assert doc.team == "售后运营中台" and doc.owner == "张三"
    assert doc.review == {"checkin": "weekly", "retro": dt.date(2026, 3, 31)}
    assert doc.language == "zh"
    (obj,) = doc.objectives
    assert (obj.id, obj.title, obj.owner, obj.aligns_to) == ("O1", "建立数据驱动的服务运营体系", "张三", "company.okr.yaml#O2")
    assert (obj.span.line, obj.span.column, obj.node_path) == (7, 12, "objectives[0]")
    kr0, kr1 = obj.key_results
    assert (kr0.span.line, kr0.span.column, kr0.node_path, kr0.id) == (11, 9, "objectives[0].key_results[0]", "KR1")
    assert (kr1.title, kr1.span.line, kr1.node_path) == ("NPS从45分提升到55分", 12, "objectives[0].key_results[1]")
    assert kr1.fields["due"] == dt.date(2026, 3, 31) and kr1.fields["baseline"] == 45
    assert kr1.owner == "客户运营专员"
    assert kr1.field_span("target").line == 15
    (kpi,) = doc.kpis
    assert kpi.title == "安全事故率" and kpi.node_path == "kpis[0]"


def test_json_is_the_same_structure() -> None:
    doc = parse_text('{"period": "2026-Q1", "objectives": [{"title": "打造一次修好的服务能力",'
                     ' "key_results": ["FTR从88%提升到95%"]}]}', "q.okr.json")
    assert doc.format == "json" and doc.parse_problems == []
    assert doc.objectives[0].key_results[0].title == "FTR从88%提升到95%"


def test_unknown_key_is_a_finding_not_a_crash() -> None:
    doc = parse_text("objectives:\n  - title: X\n    tagret: 55\n", "a.okr.yaml")
    assert rules_of(doc) == [("unknown-key", "unknown-key")]
    assert doc.parse_problems[0][1].span.line == 3


def test_duplicate_key() -> None:
    doc = parse_text("objectives:\n  - title: A\n    title: B\n", "a.okr.yaml")
    assert ("duplicate-key", "duplicate-key") in rules_of(doc)


def test_syntax_error_has_line_and_column() -> None:
    doc = parse_text('objectives:\n  - title: "unclosed\n', "a.okr.yaml")
    (rule, problem), = doc.parse_problems
    assert rule == "parse-error" and problem.message_id == "yaml-syntax" and problem.span.line >= 2


def test_wrong_types_everywhere() -> None:
    for text, mid in [("objectives: abc\n", "expected-list"), ("objectives:\n  - title: A\n    key_results: 5\n",
                                                               "expected-list"),
                      ("- a\n- b\n", "expected-mapping"), ("objectives:\n  - [1, 2]\n", "expected-mapping"),
                      ("objectives:\n  - owner: x\n", "missing-title")]:
        doc = parse_text(text, "a.okr.yaml")
        assert ("invalid-structure", mid) in rules_of(doc), text


def test_unsafe_tag_is_refused_not_executed() -> None:
    doc = parse_text("objectives:\n  - title: !!python/object/apply:os.system ['echo pwned']\n", "a.okr.yaml")
    assert any(mid in ("unsafe-tag", "yaml-syntax", "expected-text") for _, mid in rules_of(doc))


def test_alias_bomb_is_bounded() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    lines.append("review: *a9")
    doc = parse_text("\n".join(lines) + "\n", "bomb.okr.yaml")
    assert ("parse-error", "too-large") in rules_of(doc)
    # where okrlint does not expand values the bomb is never walked at all
    doc = parse_text("\n".join(lines[:-1] + ["objectives: [*a9]"]) + "\n", "bomb.okr.yaml")
    assert ("invalid-structure", "expected-mapping") in rules_of(doc)


def test_gbk_file_is_read_with_a_warning() -> None:
    doc = parse_bytes("objectives:\n  - title: 打造一次修好的服务能力\n".encode("gbk"), "gbk.okr.yaml")
    assert doc.objectives[0].title == "打造一次修好的服务能力"
    assert rules_of(doc) == [("file-encoding", "not-utf8")]


def test_binary_and_undecodable() -> None:
    for data in (b"\x00\x01\x02objectives", b"\xff\xfe\x00\xd8", b"objectives: \xc3\x28\x80\x81\xfe\n"):
        doc = parse_bytes(data, "bin.okr.yaml")
        assert [r for r, _ in doc.parse_problems][:1] == ["parse-error"] or doc.encoding != "utf-8", data


def test_bom_and_crlf() -> None:
    doc = parse_bytes("\ufeffobjectives:\r\n  - title: A\r\n    key_results: [B]\r\n".encode("utf-8"), "a.okr.yaml")
    assert doc.parse_problems == []
    assert doc.objectives[0].key_results[0].title == "B"
    assert doc.objectives[0].span.line == 2


def test_empty_document() -> None:
    for text in ("", "   \n", "# just a comment\n"):
        doc = parse_text(text, "e.okr.yaml")
        assert doc.objectives == [] and doc.parse_problems == []
