"""Planning periods: "2026-Q1", "Q1 2026", "2026年第一季度", "2026-H1", "2026", "2026-03", ranges.

``parse_period`` resolves a whole value to inclusive start/end dates;
``find_period_in_heading`` finds one inside a free heading.

Decisions:
* Fiscal years are read as calendar years: "FY22-Q1" is 2022-01-01..2022-03-31
  (okrlint has no fiscal-calendar setting); two-digit years are 20xx.
* A ``datetime.date`` is a one-day period; a bare "Q1" (no year) is None.
* Years outside 1900..2199 are not periods.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re

from okrlint.model import Period
from okrlint.regex_cache import compiled
from okrlint.text.normalize import normalize

_Q = r"[Qq](?P<q>[1-4])"
_Y = r"(?P<y>\d{4})"
_FY = r"FY[ ]?'?(?P<fy>\d{4}|\d{2})"
_ZQ = r"(?P<zq>[一二三四1-4])"
_CN_NUM: dict[str, int] = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DATE = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"

# Most specific first: at one position the first pattern that matches wins.
_FORMS: list[tuple[str, str]] = [
    ("range", rf"(?P<a>{_DATE})[ ]*(?:\.\.|~|–|—|to|至|到|-)[ ]*(?P<b>{_DATE})"),
    ("date", rf"(?P<d>{_DATE})"),
    ("quarter", rf"{_Y}[ ]?(?:年度?)?[ ]?[-/]?[ ]?{_Q}"),
    ("quarter", rf"{_Q}[ ]?[-/,']?[ ]?{_Y}"),
    ("quarter", rf"{_Q}[ ]?'(?P<y2>\d{{2}})"),
    ("quarter", rf"{_FY}[ ]?[-/]?[ ]?{_Q}"),
    ("quarter", rf"{_Q}[ ]?[-/]?[ ]?{_FY}"),
    ("quarter", rf"{_Y}[ ]?年度?[ ]?(?:第[ ]?{_ZQ}[ ]?季度?)"),
    ("quarter", rf"{_Y}[ ]?年度?[ ]?{_ZQ}[ ]?季度"),
    ("half", rf"{_Y}[ ]?[-/]?[ ]?[Hh](?P<h>[12])"),
    ("half", rf"[Hh](?P<h>[12])[ ]?[-/,]?[ ]?{_Y}"),
    ("half", rf"{_FY}[ ]?[-/]?[ ]?[Hh](?P<h>[12])"),
    ("half", rf"{_Y}[ ]?年度?[ ]?(?P<hz>上半年|下半年)"),
    ("month", rf"{_Y}[ ]?年[ ]?(?P<m>1[0-2]|0?[1-9])[ ]?月份?"),
    ("month", rf"{_Y}[-/.](?P<m>1[0-2]|0?[1-9])(?![0-9])"),
    ("year", rf"{_FY}"),
    ("year", rf"{_Y}[ ]?(?:年度|年)?"),
]
# In headings: not glued to other letters or digits. parse_period fullmatches the same patterns
# against the value without its outer spaces (no form starts with a space or needs one at its end).
_IN_TEXT = [(kind, compiled(rf"(?<![A-Za-z0-9])(?:{rx})(?![A-Za-z0-9])")) for kind, rx in _FORMS]


def _year(m: re.Match[str]) -> int | None:
    raw = m.groupdict().get("y") or m.groupdict().get("fy") or m.groupdict().get("y2")
    if not raw:
        return None
    y = int(raw)
    if y < 100:
        y += 2000
    return y if 1900 <= y <= 2199 else None


def _date(raw: str) -> _dt.date | None:
    parts = re.split(r"[-/.]", raw)
    try:
        d = _dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except (ValueError, IndexError):
        return None
    return d if 1900 <= d.year <= 2199 else None


def _month_span(y: int, first: int, last: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(y, first, 1), _dt.date(y, last, calendar.monthrange(y, last)[1])


def _resolve(kind: str, m: re.Match[str]) -> tuple[_dt.date, _dt.date] | None:
    if kind == "range":
        a, b = _date(m["a"]), _date(m["b"])
        return (a, b) if a and b and a <= b else None
    if kind == "date":
        d = _date(m["d"])
        return (d, d) if d else None
    y = _year(m)
    if y is None:
        return None
    if kind == "quarter":
        q = _CN_NUM[m.groupdict().get("q") or m["zq"]]
        return _month_span(y, 3 * q - 2, 3 * q)
    if kind == "half":
        h = 1 if (m.groupdict().get("h") == "1" or m.groupdict().get("hz") == "上半年") else 2
        return _month_span(y, 6 * h - 5, 6 * h)
    if kind == "month":
        mo = int(m["m"])
        return _month_span(y, mo, mo)
    return _month_span(y, 1, 12)


def parse_period(raw: str | int | _dt.date) -> Period | None:
    """The whole of ``raw`` as a period, or None when it is not one."""
    try:
        if isinstance(raw, bool):
            return None
        if isinstance(raw, _dt.datetime):
            raw = raw.date()
        if isinstance(raw, _dt.date):
            return Period(raw.isoformat(), raw, raw)
        if isinstance(raw, int):
            if not 1900 <= raw <= 2199:
                return None
            start, end = _month_span(raw, 1, 12)
            return Period(str(raw), start, end)
        if not isinstance(raw, str) or len(raw) > 100:
            return None
        norm = normalize(raw).strip(" ")
        for kind, rx in _IN_TEXT:
            m = rx.fullmatch(norm)
            if m:
                span = _resolve(kind, m)
                if span is not None:
                    return Period(raw, span[0], span[1])
        return None
    except (ValueError, OverflowError):  # belt and braces: a period is optional
        return None


def find_period_in_heading(text: str) -> tuple[str, int, int] | None:
    """The first period in a heading ("# 2026 Q1 售后运营中台 OKR" -> ("2026 Q1", 2, 9))."""
    if not isinstance(text, str) or not text:
        return None
    # A period sits near the start of a heading; a megabyte "heading" is not one worth scanning.
    norm = normalize(text[:400])
    best: tuple[int, int] | None = None
    for kind, rx in _IN_TEXT:
        for m in rx.finditer(norm):
            if best is not None and m.start() > best[0]:
                break
            if _resolve(kind, m) is None:
                continue
            if best is None or m.start() < best[0] or (m.start() == best[0] and m.end() > best[1]):
                best = (m.start(), m.end())
            break
    if best is None:
        return None
    return text[best[0]:best[1]], best[0], best[1]
