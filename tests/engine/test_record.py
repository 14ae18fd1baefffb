"""Record classes behave as the dataclasses they replaced, and the check start-up path stays free of dataclasses."""
from __future__ import annotations

import copy
import datetime as dt
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from okrlint import lint_text
from okrlint.cache import dumps
from okrlint.engine.config import Config
from okrlint.engine.runner import Options
from okrlint.model import Document, Finding, KeyResult, Kpi, Node, Objective, Period, Problem, Span
from okrlint.parsing import parse_text
from okrlint.record import Frozen, Record, set_field
from okrlint.text import Deadline, Facts, Quantity, analyze

ROOT = Path(__file__).resolve().parents[2]


def _objective() -> Objective:
    span = Span(2, 3, 2, 20)
    kr = KeyResult("NPS从45分提升到55分", Span(3, 5, 3, 17), "objectives[0].key_results[0]", 0, "KR1", "@li",
                   {"target": 55}, {"target": Span(4, 7, 4, 9)})
    return Objective("打造一次修好的服务能力", span, "objectives[0]", 0, "O1", aligns_to="company.okr.yaml#O2",
                     key_results=[kr, KeyResult("FTR达到95%", Span(5, 5, 5, 12), "objectives[0].key_results[1]", 1)],
                     key_results_span=Span(3, 5, 3, 17))


def _document() -> Document:
    return Document("q1.okr.yaml", "yaml", "period: 2026-Q1\n", language="zh",
                    period=Period("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
                    objectives=[_objective()], kpis=[Kpi("NPS ≥ 50", Span.at(9, 3, 8), "kpis[0]", 0)],
                    meta={"level": "team"}, parse_problems=[("unknown-key", Problem("unknown", {"key": "x"},
                                                                                      Span.at(1), "x"))])


def _finding(line: int = 3) -> Finding:
    return Finding("kr-no-baseline", "OKR202", "warning", "no baseline", "q1.okr.yaml", line, 5, line, 17,
                   "objectives[0].key_results[0]", "docs/rules/kr-no-baseline.md", "no-baseline", {"text": "NPS"})


# -- equality ----------------------------------------------------------------------------------------------------


def test_equal_when_same_type_and_fields() -> None:
    assert Span(1, 2, 1, 5) == Span(1, 2, 1, 5)
    assert _document() == _document()
    assert _finding() == _finding()
    assert analyze("NPS从45分提升到55分") == analyze("NPS从45分提升到55分")


def test_unequal_when_a_field_differs() -> None:
    assert Span(1, 2, 1, 5) != Span(1, 2, 1, 6)
    assert _finding(3) != _finding(4)
    other = _document()
    other.objectives[0].key_results[1].owner = "@wang"
    assert other != _document()


def test_unequal_across_types_even_with_the_same_fields() -> None:
    args = ("t", Span.at(1), "p", 0)
    assert KeyResult(*args) != Kpi(*args)
    assert KeyResult(*args) != Node(*args)
    assert Span(1, 2, 1, 5) != (1, 2, 1, 5)
    assert Span(1, 2, 1, 5).__eq__((1, 2, 1, 5)) is NotImplemented
    assert KeyResult(*args) == KeyResult(*args)


# -- repr --------------------------------------------------------------------------------------------------------


def test_repr_is_the_dataclass_format() -> None:
    assert repr(Span(1, 2, 1, 5)) == "Span(line=1, column=2, end_line=1, end_column=5)"
    assert repr(Problem("vague")) == "Problem(message_id='vague', args={}, span=None, node_path=None, severity=None)"
    assert repr(Deadline("Q4前", 0, 3, None, 4)) == "Deadline(text='Q4前', start=0, end=3, date=None, quarter=4)"
    assert repr(KeyResult("t", Span.at(1), "p", 0)) == (
        "KeyResult(title='t', span=Span(line=1, column=1, end_line=1, end_column=1), node_path='p', index=0, "
        "id=None, owner=None, fields={}, field_spans={})")
    assert repr(Options()) == "Options(select=None, extend_select=[], ignore=[], lang=None)"


def test_recursive_repr_does_not_recurse_forever() -> None:
    facts = Facts("en")
    facts.numbers.append(facts)  # type: ignore[arg-type]
    assert repr(facts).startswith("Facts(lang='en', numbers=[...], ")


# -- frozen and hashing -----------------------------------------------------------------------------------------


def test_frozen_records_hash_by_value() -> None:
    assert hash(Span(1, 2, 1, 5)) == hash(Span(1, 2, 1, 5)) == hash((1, 2, 1, 5))  # as a frozen dataclass
    assert len({Span(1, 2, 1, 5), Span(1, 2, 1, 5), Span(1, 2, 1, 6)}) == 2
    q = Quantity(55.0, "分", "55分", 3, 6)
    assert hash(q) == hash(Quantity(55.0, "分", "55分", 3, 6))
    assert hash(Period("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31))) == hash(
        Period("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)))


def test_frozen_records_refuse_assignment_and_deletion() -> None:
    span = Span(1, 2, 1, 5)
    with pytest.raises(AttributeError, match="cannot assign to field 'line'"):
        span.line = 3  # type: ignore[misc]
    with pytest.raises(AttributeError, match="cannot delete field 'line'"):
        del span.line  # type: ignore[misc]
    with pytest.raises(AttributeError):
        span.other = 1  # type: ignore[attr-defined]
    assert span == Span(1, 2, 1, 5)


@pytest.mark.parametrize("value", [_finding(), _document(), Facts("en"), Config(root=ROOT), Options()])
def test_mutable_records_are_unhashable(value: object) -> None:
    with pytest.raises(TypeError, match="unhashable"):
        hash(value)


def test_mutable_records_accept_assignment_but_no_new_attributes() -> None:
    f = _finding()
    f.line = 9
    assert f.line == 9
    with pytest.raises(AttributeError):
        f.extra = 1  # type: ignore[attr-defined]


def test_mutable_defaults_are_fresh_per_instance() -> None:
    a, b = Document("a", "text", ""), Document("b", "text", "")
    a.objectives.append(_objective())
    assert b.objectives == [] and a.meta is not b.meta
    assert Facts("en").numbers is not Facts("en").numbers


def test_a_record_class_must_declare_slots() -> None:
    with pytest.raises(TypeError, match="__slots__"):
        class NoSlots(Record):  # noqa: F841 - the class statement is the test
            pass


def test_fields_are_inherited_first_and_match_args_follow_them() -> None:
    assert Objective._fields[:8] == Node._fields == KeyResult._fields
    assert Objective._fields[8:] == ("aligns_to", "key_results", "key_results_span")
    assert Span.__match_args__ == ("line", "column", "end_line", "end_column")
    match Span(1, 2, 1, 5):
        case Span(line, column):
            assert (line, column) == (1, 2)
        case _:
            pytest.fail("Span did not match")


# -- pickling ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", [2, pickle.HIGHEST_PROTOCOL])
def test_pickle_round_trip(protocol: int) -> None:
    items = [_document(), _finding(), Span(1, 2, 1, 5), analyze("NPS从45分提升到55分，Q4前完成", 2026)]
    back = pickle.loads(pickle.dumps(items, protocol=protocol))
    assert back == items
    assert [type(x) for x in back] == [type(x) for x in items]
    assert type(back[0].objectives[0].key_results[0]) is KeyResult


def test_cache_dumps_round_trip_of_a_document_and_its_findings() -> None:
    text = ("period: 2026-Q1\nobjectives:\n  - title: 提升服务\n    id: O1\n    key_results:\n"
            "      - NPS达到55分\n      - {title: 做好客服, owner: '@li', target: 5}\n")
    parsed = parse_text(text, "q1.okr.yaml")
    assert parsed.objectives[0].key_results[1].fields
    findings = lint_text(text, "q1.okr.yaml")
    assert findings
    for doc_findings in [(_document(), [_finding(), _finding(4)]), (parsed, findings)]:
        back = pickle.loads(dumps(doc_findings))
        assert back == doc_findings
        assert type(back[0].objectives[0].key_results[0]) is KeyResult


def test_cache_dumps_reduces_model_records_to_their_fields() -> None:
    # cls(*fields) in the stream: no slot-state dicts to rebuild on load
    data = dumps(Span(1, 2, 1, 5))
    assert b"line" not in data and pickle.loads(data) == Span(1, 2, 1, 5)


def test_copy_and_deepcopy() -> None:
    doc = _document()
    shallow = copy.copy(doc)
    assert shallow == doc and shallow.objectives is doc.objectives
    deep = copy.deepcopy(doc)
    assert deep == doc and deep.objectives is not doc.objectives


def test_a_frozen_record_with_set_field() -> None:
    class Pair(Frozen):
        __slots__ = ("a", "b")

        def __init__(self, a: int, b: int = 0) -> None:
            set_field(self, "a", a)
            set_field(self, "b", b)

    assert Pair._fields == ("a", "b") and repr(Pair(1)) == "test_a_frozen_record_with_set_field.<locals>.Pair(a=1, b=0)"
    assert Pair(1, 2) == Pair(1, 2) != Pair(2, 1)


# -- start-up --------------------------------------------------------------------------------------------------


def test_check_start_up_imports_neither_dataclasses_nor_inspect(tmp_path: Path) -> None:
    # as tests/perf/test_importtime.py: python -X importtime in a subprocess, the cache's secret in a temp folder
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "okrlint", "check",
                           "examples/zh/first-time-fix.okr.yaml", "--no-cache"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    names = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines()
             if line.startswith("import time:") and "|" in line}
    assert "okrlint.model" in names
    assert not names & {"dataclasses", "inspect"}
