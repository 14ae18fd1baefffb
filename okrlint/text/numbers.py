"""Finds quantities ("45分", "1.5万元", "$2M", "百分之四十", "≥88%") in normalised text.

Scanning is one pass of a compiled regex whose pieces are possessive or
bounded, so it is linear in the text length; everything else is O(1) work per
number found. Spans claimed by dates, quarters and identifiers (see
``deadlines.py``) are skipped, which is how "KR1", "Q4", "2026-03-31" and
"Week 1-2" stay out of the numbers.
"""
from __future__ import annotations

import bisect
import functools
import re

from okrlint.regex_cache import compiled, longest_first
from okrlint.text.normalize import FOLDS

# A KR has a handful of numbers; past this many the line is not a KR, and
# stopping keeps adversarial input cheap.
MAX_QUANTITIES = 100

_CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_CN_SMALL: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_CN_MAGNITUDE = frozenset("十百千万亿")

_NUM = compiled(
    r"(?P<pct>百分之)(?P<pctv>\d++(?:\.\d++)?|[零〇一二两三四五六七八九十百千]++)"
    # Not after a letter, digit or dot: KR1, Q4, FY22, p95, v2, ".5" stay out.
    r"|(?<![A-Za-z0-9_.])(?P<ar>\d{1,3}(?:,\d{3})++(?!\d)|\d++)(?P<frac>\.\d++)?"
    # A Chinese numeral must start with a digit or 十 ("千万" alone is an adverb).
    r"|(?<![零〇一二两三四五六七八九十百千万亿0-9])"
    r"(?P<cn>[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*+)"
)

_ZH_SCALES: dict[str, float] = {
    "万亿": 1e12, "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2,
}
_EN_SCALES: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "trillion": 1e12,
}
# Where a _NUM match can start: searching for this first (a plain class, which sre scans for in C)
# and matching _NUM only there is much cheaper than running _NUM's lookbehinds at every position.
# In ASCII text only an ASCII digit can (a smaller class is also quicker to test than \d).
_ASCII_NUM_START = compiled(r"[0-9]")


@functools.cache
def _num_start() -> re.Pattern[str]:
    # Compiled for the first non-ASCII line: a class of scattered CJK characters costs ~0.5 ms to build.
    return compiled(r"[百\d零〇一二两三四五六七八九十]")


_SCALE = compiled(
    r"(?P<zh>万亿|千万|百万|十万|万|亿|千(?![克米瓦])|百(?!分))"
    r"|(?P<en>[ ]?(?i:thousand|million|billion|trillion)|[kKMB]|bn|mn)(?![A-Za-z])"
)
_SMALL_M = compiled(r"m(?![A-Za-z])")  # "$2m": million only after a currency sign

# Written unit -> reported unit. Chinese units are reported as written except
# percentage points; English ones are normalised.
_ZH_UNITS: dict[str, str] = {u: u for u in (
    "个月 个工作日 工作日 个小时 小时 分钟 毫秒 秒钟 秒 分 个 人次 人天 人日 人 名 位 家 户 元 美元 "
    "块钱 块 次 项 条 篇 场 件 单 台 套 款 份 本 例 笔 张 页 倍 天 周 星期 年 季度 星 级 公里 千米 米 "
    "公斤 千克 吨 所 座 门 成"
).split()}
_ZH_UNITS.update({"个百分点": "pp", "百分点": "pp", "%": "%", "‰": "‰"})
_EN_UNITS: dict[str, str] = {
    "percent": "%", "per cent": "%", "pct": "%",
    "percentage points": "pp", "percentage point": "pp", "pp": "pp", "ppt": "pp",
    "points": "pt", "point": "pt", "pts": "pt", "bps": "bp", "bp": "bp",
    "ms": "ms", "msec": "ms", "milliseconds": "ms", "millisecond": "ms",
    "sec": "s", "secs": "s", "seconds": "s", "second": "s",
    "min": "min", "mins": "min", "minutes": "min", "minute": "min",
    "hr": "h", "hrs": "h", "hours": "h", "hour": "h",
    "days": "day", "day": "day", "wk": "week", "wks": "week", "weeks": "week", "week": "week",
    "months": "month", "month": "month", "yr": "year", "yrs": "year", "years": "year", "year": "year",
    "times": "x", "kg": "kg", "km": "km", "kb": "KB", "mb": "MB", "gb": "GB", "tb": "TB", "pb": "PB",
}
_EN_SHORT_UNITS: dict[str, str] = {"s": "s", "h": "h", "d": "day", "x": "x", "×": "x"}


def _alts(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in longest_first(words))


_UNIT = compiled(
    rf"[ ]?(?P<zh>{_alts(list(_ZH_UNITS))})"
    rf"|[ ]?(?P<en>(?i:{_alts(list(_EN_UNITS))}))(?![A-Za-z])"
    # One-letter units only when glued to the number: "1s", "10x", not "5 s".
    rf"|(?P<short>[shdx×])(?![A-Za-z])"
)
# Characters a multiplier / a unit can start with: elsewhere the regexes are not tried.
_SCALE_FIRST = frozenset("万千百十亿 tTmMbBkK")
_UNIT_FIRST = frozenset(
    " shdx×" + FOLDS + "".join(u[0] for u in _ZH_UNITS) + "".join(u[0] + u[0].upper() for u in _EN_UNITS)
)


def _zh_units_at() -> dict[str, tuple[str, ...]]:
    """Chinese units by first character, longest first (as _UNIT tries them), where that character
    cannot start a multiplier: _read_suffix reads these with str.startswith."""
    by_first: dict[str, tuple[str, ...]] = {}
    for unit in longest_first(_ZH_UNITS):
        if unit[0] not in _SCALE_FIRST and not unit[0].isascii():
            by_first[unit[0]] = (*by_first.get(unit[0], ()), unit)
    return by_first


_ZH_UNITS_AT = _zh_units_at()
# One set test rather than two range tests ("" is not in it: the end of the line is no letter).
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CURRENCY = compiled(r"[$¥€£][ ]?$")
# "->" and "=>" are arrows, not comparators.
_COMPARATOR = compiled(r"(?:>=|<=|≥|≤|(?<![-=])>|<(?![-=]))[ ]?$")
_COMPARATOR_NAMES: dict[str, str] = {">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", ">": ">", "<": "<"}


class RawQuantity:
    """A quantity while facts are being worked out (``Quantity`` is frozen)."""

    __slots__ = ("value", "unit", "start", "end", "comparator", "scale", "written")

    def __init__(self, value: float, unit: str | None, start: int, end: int,
                 comparator: str | None, scale: float = 1.0) -> None:
        self.value = value
        self.unit = unit
        self.start = start
        self.end = end
        self.comparator = comparator
        self.scale = scale  # the 万/k/M multiplier written, 1.0 if none
        self.written = unit  # ``unit`` before a range or baseline/target shares one


def chinese_numeral_value(s: str) -> float | None:
    """``一千万`` -> 10000000, ``四十`` -> 40, ``两`` -> 2, ``二〇二六`` -> 2026; None if malformed."""
    total = 0.0
    section = 0.0
    number = 0.0
    digit_run = False  # consecutive digits read positionally: 二〇二六
    for ch in s:
        d = _CN_DIGITS.get(ch)
        if d is not None:
            number = number * 10 + d if digit_run else float(d)
            digit_run = True
            continue
        digit_run = False
        small = _CN_SMALL.get(ch)
        if small is not None:
            if number == 0 and ch == "十":
                number = 1.0  # 十五 = 15
            section += number * small
            number = 0.0
        elif ch == "万":
            total += (section + number) * 1e4
            section = number = 0.0
        elif ch == "亿":
            total = (total + section + number) * 1e8
            section = number = 0.0
        else:
            return None
    return total + section + number


def _in_blocked(start: int, end: int, starts: list[int], ends: list[int]) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and ends[i] > start:
        return True
    j = i + 1
    return j < len(starts) and starts[j] < end


def _read_suffix(norm: str, pos: int, value: float, currency: bool) -> tuple[float, str | None, int, float, bool]:
    """Multiplier then unit after a numeral: (value, unit, end, scale, ok)."""
    c = norm[pos:pos + 1]
    if c == "%":  # the usual case, without the two regexes
        c = norm[pos + 1:pos + 2]
        return value, "%", pos + 1, 1.0, c not in _ASCII_LETTERS
    units = _ZH_UNITS_AT.get(c)
    if units is not None:  # a Chinese unit, no multiplier: what _UNIT would match, without it
        for written in units:
            if norm.startswith(written, pos):
                unit = _ZH_UNITS[written]
                if unit == "成":  # 八成 = 80%
                    value *= 10
                    unit = "%"
                end = pos + len(written)
                c = norm[end:end + 1]
                return value, unit, end, 1.0, c not in _ASCII_LETTERS
        return value, None, pos, 1.0, True
    scale = 1.0
    m = _SCALE.match(norm, pos) if c and c in _SCALE_FIRST else None
    if m:
        if m.group("zh"):
            scale = _ZH_SCALES[m.group("zh")]
        else:
            scale = _EN_SCALES[m.group("en").strip().lower()]
        pos = m.end()
    elif currency:
        m = _SMALL_M.match(norm, pos)
        if m:
            scale = 1e6
            pos = m.end()
    value *= scale
    unit: str | None = None
    c = norm[pos:pos + 1]
    m = _UNIT.match(norm, pos) if c and c in _UNIT_FIRST else None
    if m:
        if m.group("zh"):
            unit = _ZH_UNITS[m.group("zh")]
            if unit == "成":  # 八成 = 80%
                value *= 10
                unit = "%"
        elif m.group("en"):
            unit = _en_unit(m.group("en"))
        else:
            unit = _EN_SHORT_UNITS[m.group("short")]
        if unit is not None:
            pos = m.end()
    # Glued to letters that are not a unit: 5G, 3D, 2FA, 1st -> an identifier.
    if norm[pos:pos + 1] in _ASCII_LETTERS:
        return value, unit, pos, scale, False
    return value, unit, pos, scale, True


def _en_unit(written: str) -> str | None:
    """The normalised English unit; ``(?i:...)`` also lets ſ, ı, İ and the Kelvin sign stand for
    s, i, i and k ("5 secſ"), which lower() does not map back: fold those, else no unit."""
    key = " ".join(written.lower().split())
    got = _EN_UNITS.get(key)
    if got is None:
        got = _EN_UNITS.get(key.replace("ſ", "s").replace("ı", "i").replace("i\u0307", "i"))
    return got


def scan_quantities(norm: str, blocked: list[tuple[int, int]]) -> list[RawQuantity]:
    """All quantities in ``norm`` outside the ``blocked`` spans (sorted, non-overlapping)."""
    found: list[RawQuantity] = []
    # _NUM.finditer, but _NUM is only tried where a match can start (see _num_start).
    search = (_ASCII_NUM_START if norm.isascii() else _num_start()).search
    c = search(norm)
    if c is None:
        return found
    # Most lines have no date or identifier: no lists to build.
    starts = [s for s, _ in blocked] if blocked else blocked
    ends = [e for _, e in blocked] if blocked else blocked
    # The sign/comparator searches only run when the line has such a character at all.
    if norm.isascii():
        has_currency, has_comparator = "$" in norm, ">" in norm or "<" in norm
    else:
        has_currency = "$" in norm or "¥" in norm or "€" in norm or "£" in norm
        has_comparator = ">" in norm or "<" in norm or "≥" in norm or "≤" in norm
    while c is not None:
        start = c.start()
        m = _NUM.match(norm, start)
        if m is None:
            c = search(norm, start + 1)
            continue
        after = m.end()  # _NUM never matches empty
        c = search(norm, after)
        if starts and _in_blocked(start, after, starts, ends):
            continue
        pct, pctv, ar, frac, cn = m.groups()
        if pct:
            value = chinese_numeral_value(pctv) if pctv[0] not in "0123456789" else float(pctv)
            if value is None:
                continue
            found.append(RawQuantity(value, "%", start, after, None))
        else:
            cur = _CURRENCY.search(norm, max(0, start - 3), start) if has_currency else None
            if ar is not None:
                digits = ar.replace(",", "")
                if len(digits) > 15:  # an ID or garbage, not a quantity
                    continue
                value = float(digits + frac if frac else digits)
                if norm[after:after + 1] == "%":  # as _read_suffix would read it, without the call
                    unit, end, scale = "%", after + 1, 1.0
                    c2 = norm[end:end + 1]
                    if c2 in _ASCII_LETTERS:
                        continue
                else:
                    value, unit, end, scale, ok = _read_suffix(norm, after, value, cur is not None)
                    if not ok:
                        continue
            else:
                # 一 alone ("一个体系", "统一") and 十分 ("very") are words, not numbers;
                # other numerals need a unit unless they carry a magnitude (一千万).
                if len(cn) > 12 or cn == "一":
                    continue
                cv = chinese_numeral_value(cn)
                if cv is None:
                    continue
                value, unit, end, scale, ok = _read_suffix(norm, after, cv, False)
                if not ok or (cn == "十" and unit == "分"):
                    continue
                if unit is None and not (len(cn) >= 2 and not _CN_MAGNITUDE.isdisjoint(cn)):
                    continue
            if cur is not None:
                unit = norm[cur.start()]
                start = cur.start()
            comparator = None
            if has_comparator:
                cmp_m = _COMPARATOR.search(norm, max(0, start - 3), start)
                if cmp_m:
                    comparator = _COMPARATOR_NAMES[cmp_m.group().strip()]
                    start = cmp_m.start()
            found.append(RawQuantity(value, unit, start, end, comparator, scale))
        if len(found) >= MAX_QUANTITIES:
            break
    return found
