"""Tests for okrlint.text.period: parse_period and find_period_in_heading."""
from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrlint.text import find_period_in_heading, parse_period

D = dt.date

PERIODS: list[tuple[str | int | dt.date, dt.date, dt.date]] = [
    ("2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
    ("2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
    ("Q1 2026", D(2026, 1, 1), D(2026, 3, 31)),
    ("2026 Q1", D(2026, 1, 1), D(2026, 3, 31)),
    ("2026Q2", D(2026, 4, 1), D(2026, 6, 30)),
    ("Q2'26", D(2026, 4, 1), D(2026, 6, 30)),
    ("2026年第一季度", D(2026, 1, 1), D(2026, 3, 31)),
    ("2026年一季度", D(2026, 1, 1), D(2026, 3, 31)),
    ("2026年Q1", D(2026, 1, 1), D(2026, 3, 31)),
    ("FY22-Q1", D(2022, 1, 1), D(2022, 3, 31)),  # fiscal year read as calendar year
    ("FY2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("2026-H1", D(2026, 1, 1), D(2026, 6, 30)),
    ("H2 2026", D(2026, 7, 1), D(2026, 12, 31)),
    ("2026年上半年", D(2026, 1, 1), D(2026, 6, 30)),
    ("2026年下半年", D(2026, 7, 1), D(2026, 12, 31)),
    ("2026", D(2026, 1, 1), D(2026, 12, 31)),
    (2026, D(2026, 1, 1), D(2026, 12, 31)),
    ("2026年度", D(2026, 1, 1), D(2026, 12, 31)),
    ("2026-01-01..2026-03-31", D(2026, 1, 1), D(2026, 3, 31)),
    ("2026-01-01 ~ 2026-06-30", D(2026, 1, 1), D(2026, 6, 30)),
    ("2026-03", D(2026, 3, 1), D(2026, 3, 31)),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
    ("2026年3月", D(2026, 3, 1), D(2026, 3, 31)),
    ("  2026-Q1  ", D(2026, 1, 1), D(2026, 3, 31)),
    ("２０２６－Ｑ１", D(2026, 1, 1), D(2026, 3, 31)),  # full-width
    (D(2026, 3, 1), D(2026, 3, 1), D(2026, 3, 1)),
]


@pytest.mark.parametrize(("raw", "start", "end"), PERIODS)
def test_parse_period(raw: str | int | dt.date, start: dt.date, end: dt.date) -> None:
    p = parse_period(raw)
    assert p is not None
    assert (p.start, p.end) == (start, end)
    assert p.raw == (raw.isoformat() if isinstance(raw, dt.date) else str(raw))


@pytest.mark.parametrize(
    "raw",
    ["", "Q1", "garbage", "2026-Q5", "2026-13", "2026-02-30", "2026-03-31..2026-01-01", "3000", 3000, True, 12,
     "OKR 2026-Q1 plan"],
)
def test_unparseable_is_none(raw: str | int) -> None:
    assert parse_period(raw) is None


HEADINGS: list[tuple[str, str | None]] = [
    ("# 2026 Q1 售后运营中台 OKR", "2026 Q1"),
    ("# Q3 2025 Engineering OKRs", "Q3 2025"),
    ("# 2026年第一季度 客服团队 OKR", "2026年第一季度"),
    ("## FY22-Q1 Sales plan", "FY22-Q1"),
    ("# 2026年上半年目标", "2026年上半年"),
    ("# 2026 OKR", "2026"),
    ("# OKRs 2026-01-01..2026-03-31", "2026-01-01..2026-03-31"),
    ("## Team OKRs", None),
    ("# KR1 提升 NPS", None),
]


@pytest.mark.parametrize(("heading", "found"), HEADINGS)
def test_find_period_in_heading(heading: str, found: str | None) -> None:
    got = find_period_in_heading(heading)
    if found is None:
        assert got is None
        return
    assert got is not None
    text, start, end = got
    assert text == found
    assert heading[start:end] == text
    assert parse_period(text) is not None


def test_heading_period_resolves() -> None:
    got = find_period_in_heading("# Q3 2025 Engineering OKRs")
    assert got is not None
    p = parse_period(got[0])
    assert p is not None and (p.start, p.end) == (D(2025, 7, 1), D(2025, 9, 30))


@pytest.mark.parametrize("text", ["2026" * 25_000, "Q1 " * 33_334, "1" * 100_000, "年" * 100_000, " " * 100_000])
def test_adversarial_headings_are_fast(text: str) -> None:
    started = time.process_time()
    find_period_in_heading(text)
    parse_period(text)
    assert time.process_time() - started < 0.5


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.dates(), st.text(alphabet="0123456789QqHhFY-年第一二季度上下半 '.~", max_size=30)))
def test_parse_period_never_raises(raw: str | int | dt.date) -> None:
    p = parse_period(raw)
    if p is not None:
        assert p.start <= p.end


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_period_in_heading_never_raises(text: str) -> None:
    got = find_period_in_heading(text)
    if got is not None:
        assert text[got[1]:got[2]] == got[0]
