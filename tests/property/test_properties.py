"""Property-based tests (hypothesis): the readers and the text analysis never raise on any input,
and a document written by okrlint's YAML dumper reads back as the same model."""
from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrlint.model import Document, KeyResult, Objective, Span
from okrlint.parsing import parse_bytes, parse_text
from okrlint.parsing.decode import DecodeError, decode
from okrlint.parsing.dump import dump_yaml
from okrlint.reporters.safe import neutralise
from okrlint.text import analyze
from okrlint.text.period import find_period_in_heading, parse_period

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = ["x.okr.yaml", "x.okr.md", "x.okr.json", "-"]
# Text that looks like OKR files, so that generated examples reach past the first line.
okr_words = st.sampled_from(["O1:", "KR1:", "KR2(关键结果2):", "## Objective 1 -", "- ", "objectives:", "  - title:",
                             "key_results:", "---", "period: 2026-Q1", "&a", "*a", "!!python/object:x", "[", "{",
                             "从45%提升到55%", "NPS from 45 to 55 by 2026-03-31", "\t", "\u202e", "\x1b[31m", "#"])
okr_text = st.lists(st.one_of(okr_words, st.text(max_size=20)), max_size=30).map(lambda xs: "\n".join(xs))


@SETTINGS
@given(st.one_of(st.text(), okr_text), st.sampled_from(NAMES))
def test_parse_text_never_raises(text: str, name: str) -> None:
    doc = parse_text(text, name)
    assert isinstance(doc, Document)


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(NAMES))
def test_parse_bytes_never_raises(data: bytes, name: str) -> None:
    doc = parse_bytes(data, name)
    assert isinstance(doc, Document)


@SETTINGS
@given(st.binary(max_size=500))
def test_decode_returns_text_or_decode_error(data: bytes) -> None:
    try:
        assert "\x00" not in decode(data).text
    except DecodeError as exc:
        assert exc.line >= 1 and exc.column >= 1


@SETTINGS
@given(st.one_of(st.text(), okr_text), st.one_of(st.none(), st.integers(-10, 10_000)))
def test_analyze_and_periods_never_raise(text: str, year: Any) -> None:
    analyze(text, year)
    parse_period(text)
    find_period_in_heading(text)


@SETTINGS
@given(st.text())  # newlines stay: callers (text reporter) flatten messages to one line first
def test_neutralise_leaves_no_control_character(text: str) -> None:
    out = neutralise(text)
    assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or c in "\u202a\u202b\u202c\u202d\u202e"
                   "\u2066\u2067\u2068\u2069\u200e\u200f\u061c" for c in out)


# -- round trip ----------------------------------------------------------------------------------------

title = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() != "")
scalar = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False, width=32),
                   st.text(max_size=20), st.booleans(), st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)))
kr_fields = st.fixed_dictionaries({}, optional={k: scalar for k in ("metric", "baseline", "target", "unit", "due",
                                                                    "actual", "score", "notes")})


@st.composite
def documents(draw: Any) -> Document:
    doc = Document(path="x.okr.yaml", format="yaml", text="")
    doc.period_raw = draw(st.one_of(st.none(), st.sampled_from(["2026-Q1", "Q2 2026", "2026-H1", "2026年第一季度"])))
    doc.team = draw(st.one_of(st.none(), title))
    for i in range(draw(st.integers(0, 4))):
        o = Objective(title=draw(title), span=Span.at(1), node_path=f"objectives[{i}]", index=i, id=f"O{i + 1}",
                      owner=draw(st.one_of(st.none(), title)))
        for j in range(draw(st.integers(0, 5))):
            kr = KeyResult(title=draw(title), span=Span.at(1), node_path=f"objectives[{i}].key_results[{j}]",
                           index=j, id=draw(st.sampled_from([f"KR{j + 1}", f"O{i + 1}.KR{j + 1}"])),
                           owner=draw(st.one_of(st.none(), title)))
            kr.fields = draw(kr_fields)
            o.key_results.append(kr)
        doc.objectives.append(o)
    return doc


def _model(doc: Document) -> Any:
    return (doc.period_raw, doc.team, [
        (o.id, o.title, o.owner, o.node_path,
         [(k.id, k.title, k.owner, k.node_path, {f: v for f, v in k.fields.items() if f not in ("id", "title", "owner")})
          for k in o.key_results])
        for o in doc.objectives])


@SETTINGS
@given(documents())
def test_dump_then_parse_gives_the_same_model(doc: Document) -> None:
    text = dump_yaml(doc)
    back = parse_text(text, "x.okr.yaml")
    assert [r for r, _ in back.parse_problems if r in ("parse-error", "invalid-structure")] == []
    assert _model(back) == _model(doc)
