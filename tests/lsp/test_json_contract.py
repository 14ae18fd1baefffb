"""The editor contract without a server: ``okrlint check --format json --stdin-filename PATH -``."""
from __future__ import annotations

import json
from typing import Callable

import jsonschema
import pytest

from tests.conftest import ROOT

REPORT_SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))

CASES = [
    # (stdin-filename, buffer, rule, 1-based line, 1-based column of the flagged text, flagged text)
    ("okrs/q1.okr.md", "---\nperiod: 2026-Q1\nreview: {checkin: 每周}\n---\n# 售后\n\nO:打造一次修好的服务能力\nKR1:FTR从88%提升到95%\n",
     "kr-count", 7, 3, "打造一次修好的服务能力"),
    ("okrs/q1.okr.yaml", "period: 2026-Q1\nreview: {checkin: weekly}\nobjectives:\n"
     "  - title: Make fixing it right the first time our signature\n    key_results:\n      - Raise FTR from 88% to 95%\n",
     "kr-count", 4, 12, "Make fixing it right the first time our signature"),
]


@pytest.mark.parametrize("name, text, rule, line, column, flagged", CASES)
def test_stdin_buffer_positions_are_1_based(cli: Callable[..., tuple[int, str, str]], name: str, text: str,
                                            rule: str, line: int, column: int, flagged: str) -> None:
    code, out, err = cli("check", "--format", "json", "--stdin-filename", name, "-", stdin=text)
    assert err == ""
    assert code == 1
    report = json.loads(out)
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(report)
    assert [f["file"] for f in report["findings"]] == [name] * len(report["findings"])
    (finding,) = [f for f in report["findings"] if f["rule"] == rule]
    assert (finding["line"], finding["column"]) == (line, column)
    # 1-based line and column, end exclusive: slicing the buffer with them gives the flagged text back
    source_line = text.split("\n")[finding["line"] - 1]
    assert finding["end_line"] == finding["line"]
    assert source_line[finding["column"] - 1:finding["end_column"] - 1] == flagged


def test_the_report_schema_documents_the_position_convention() -> None:
    assert "1-based" in REPORT_SCHEMA["description"]
    assert "exclusive" in REPORT_SCHEMA["description"]
    props = REPORT_SCHEMA["$defs"]["finding"]["properties"]
    assert props["line"]["minimum"] == props["column"]["minimum"] == 1
