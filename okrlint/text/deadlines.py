"""Finds dates, quarters and identifiers in normalised text.

Every match is a *token*: its span is kept out of the quantities ("Q4" is not
4, "2026-03-31" is not 2026), and tokens that name a point in time are
deadline candidates. The deadline is the first candidate written with a
marker (by / before / end of / 前 / 底 / 截止), else the first candidate.

A deadline that names a period without a day resolves to the period's last
day: "Q4前" -> Dec 31, "3月底" -> Mar 31, "by March" -> Mar 31,
"2026年前" -> 2026-12-31. A date needs a year, from the text or the caller.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from collections.abc import Callable

from okrlint.regex_cache import compiled, longest_first
from okrlint.text.normalize import FOLDS

_MONTH = (
    r"(?P<mon>[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|May|[Jj]une?|[Jj]uly?"
    r"|[Aa]ug(?:ust)?|[Ss]ep(?:t(?:ember)?)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)"
)
_MONTHS: dict[str, int] = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_YEAR = r"(?:19|20)\d{2}"
_CN_Q: dict[str, int] = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


class Token:
    """A date-like span. ``candidate``: it can be a deadline."""

    __slots__ = ("start", "end", "date", "quarter", "candidate", "marked")

    def __init__(self, start: int, end: int, date: _dt.date | None = None, quarter: int | None = None,
                 candidate: bool = True, marked: bool = False) -> None:
        self.start = start
        self.end = end
        self.date = date
        self.quarter = quarter
        self.candidate = candidate
        self.marked = marked


def _year(raw: str | None, year: int | None) -> int | None:
    if raw:
        y = int(raw)
        return y + 2000 if y < 100 else y
    return year


def _month_end(y: int | None, m: int) -> _dt.date | None:
    if y is None or not 1 <= m <= 12 or not 1 <= y <= 9999:
        return None
    return _dt.date(y, m, calendar.monthrange(y, m)[1])


def _day(y: int | None, m: int, d: int) -> _dt.date | None:
    if y is None:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _quarter_end(y: int | None, q: int) -> _dt.date | None:
    return _month_end(y, q * 3)


Handler = Callable[[re.Match[str], int | None], Token | None]


def _iso(m: re.Match[str], year: int | None) -> Token | None:
    mo, d = int(m["m"]), int(m["d"])
    if not 1 <= mo <= 12 or not 1 <= d <= 31:
        return None
    return Token(m.start(), m.end(), _day(int(m["y"]), mo, d))


def _slash_date(m: re.Match[str], year: int | None) -> Token | None:
    a, b = int(m["a"]), int(m["b"])
    mo, d = (b, a) if a > 12 else (a, b)  # 31/03/2026 is day-first; otherwise US order
    if not 1 <= mo <= 12 or not 1 <= d <= 31:
        return None
    return Token(m.start(), m.end(), _day(int(m["y"]), mo, d))


def _zh_date(m: re.Match[str], year: int | None) -> Token | None:
    y = _year(m["y"], year)
    mo = int(m["m"])
    if m["d"]:
        return Token(m.start(), m.end(), _day(y, mo, int(m["d"])))
    part = m["pt"]
    # 初/上旬/中旬 are not a day we can name; 底/末/下旬/份/bare month -> month end.
    date = None if part in ("初", "上旬", "中旬", "中") else _month_end(y, mo)
    return Token(m.start(), m.end(), date)


def _en_date(m: re.Match[str], year: int | None) -> Token | None:
    mo = _MONTHS[m["mon"][:3].lower()]
    y = _year(m["y"], year)
    if m["d"]:
        return Token(m.start(), m.end(), _day(y, mo, int(m["d"])))
    return Token(m.start(), m.end(), _month_end(y, mo))


def _quarter(m: re.Match[str], year: int | None) -> Token | None:
    q = _CN_Q[m["q"]]
    y = _year(m["y"] or m["fy"] or m["y2"] or m["y2s"] or m["fy2"], year)
    return Token(m.start(), m.end(), _quarter_end(y, q), quarter=q)


def _half(m: re.Match[str], year: int | None) -> Token | None:
    h = 1 if (m["h"] == "1" or m["hz"] == "上半年") else 2
    y = _year(m["y"] or m["y2"], year)
    return Token(m.start(), m.end(), _month_end(y, 6 * h))


def _fy(m: re.Match[str], year: int | None) -> Token | None:
    # Fiscal years are read as calendar years (FY22 = 2022): okrlint has no fiscal calendar.
    return Token(m.start(), m.end(), _month_end(_year(m["fy"], year), 12), candidate=False)


def _zh_year(m: re.Match[str], year: int | None) -> Token | None:
    part = m["pt"]
    date = None if part == "初" else _month_end(int(m["y"]), 12)
    return Token(m.start(), m.end(), date, candidate=part in ("底", "末"))


def _en_year(m: re.Match[str], year: int | None) -> Token | None:
    kw = m["kw"].lower()
    deadline = kw in ("by", "before", "until", "till", "end of", "through")
    return Token(m.start(), m.end(), _month_end(int(m["y"]), 12), candidate=deadline, marked=deadline)


def _year_month(m: re.Match[str], year: int | None) -> Token | None:
    return Token(m.start(), m.end(), _month_end(int(m["y"]), int(m["m"])))


_REL_YEAR_END = frozenset({"年底", "年末", "今年底", "今年年底", "今年年末", "本年度", "今年"})


def _zh_relative(m: re.Match[str], year: int | None) -> Token | None:
    word = m.group()
    if word in _REL_YEAR_END:
        date = _month_end(year, 12)
    elif word == "年中":
        date = _month_end(year, 6)
    else:
        date = None  # 本季度末: which quarter is not in the text
    return Token(m.start(), m.end(), date)


def _en_relative(m: re.Match[str], year: int | None) -> Token | None:
    unit = (m["u"] or m["u2"] or m["u3"] or "").lower()
    date = _month_end(year, 12) if unit in ("year", "y") and not m["nxt"] else None
    return Token(m.start(), m.end(), date)


def _ident(m: re.Match[str], year: int | None) -> Token | None:
    return Token(m.start(), m.end(), candidate=False)


# (groups, priority, pattern, handler). Groups say where a match can start: "d" at a
# digit run, "l" at a word (or "#"), "c" at one of _CJK_STARTS, "s" only at the text start.
# At one position the lowest priority wins, then the order listed.
_SPECS: list[tuple[str, int, str, Handler]] = [
    ("d", 0, rf"(?<![\d.])(?P<y>{_YEAR})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?!\d)", _iso),
    ("d", 0, rf"(?<![\d/])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>{_YEAR})(?!\d)", _slash_date),
    ("d", 0, rf"(?<![\d.])(?:(?P<y>{_YEAR})[ ]?年[ ]?)?(?P<m>1[0-2]|0?[1-9])[ ]?月[ ]?"
        r"(?:(?P<d>3[01]|[12]\d|0?[1-9])[ ]?[日号]|(?P<pt>底|末|初|中旬|上旬|下旬|中|份))?", _zh_date),
    ("l", 0, rf"(?<![A-Za-z]){_MONTH}\.?[ ]?(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%A-Za-z])"
        rf"(?:,?[ ]?(?P<y>{_YEAR})(?!\d))?", _en_date),
    ("d", 0, rf"(?<![\d.])(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?[ ](?:of[ ])?{_MONTH}(?![A-Za-z])"
        rf"(?:,?[ ](?P<y>{_YEAR})(?!\d))?", _en_date),
    ("l", 1, rf"(?<![A-Za-z]){_MONTH}[ ,]{{1,2}}(?P<y>{_YEAR})(?![\d%])(?P<d>)", _en_date),
    ("l", 1, rf"(?<![A-Za-z])(?:[Bb]y|[Bb]efore|[Uu]ntil|[Tt]ill|[Ii]n|[Ee]nd of|[Tt]hrough)[ ](?:the[ ]end[ ]of[ ])?"
        rf"{_MONTH}(?![A-Za-z])(?!\.?[ ,]{{0,2}}\d)(?P<y>)(?P<d>)", _en_date),
    ("dl", 1, rf"(?<![A-Za-z0-9])(?:(?P<y>{_YEAR})[ ]?(?:年[ ]?)?[-/]?[ ]?|FY[ ]?'?(?P<fy>\d{{4}}|\d{{2}})[ ]?[-/]?[ ]?)?"
        r"[Qq](?P<q>[1-4])(?![0-9A-Za-z])"
        rf"(?:[ ]?[-/']?[ ]?(?:(?P<y2>{_YEAR})(?=$|[\s,.;:!?)\]，。；：、]|[A-Za-z])|'(?P<y2s>\d{{2}})(?!\d))"
        r"|[ ]?FY[ ]?'?(?P<fy2>\d{4}|\d{2})(?!\d))?", _quarter),
    ("dc", 1, rf"(?<![\d.])(?:(?P<y>{_YEAR})[ ]?年度?[ ]?)?(?:第[ ]?(?P<q>[一二三四1-4])[ ]?季度?|(?P<qz>[一二三四1-4])[ ]?季度)",
     lambda m, y: _quarter_zh(m, y)),
    ("dl", 1, rf"(?<![A-Za-z0-9])(?:(?P<y>{_YEAR})[ ]?[-/]?[ ]?)?[Hh](?P<h>[12])(?![0-9A-Za-z])"
        rf"(?:[ ](?P<y2>{_YEAR})(?![\d%]))?(?P<hz>)", _half),
    ("dc", 1, rf"(?:(?P<y>{_YEAR})[ ]?年度?[ ]?)?(?P<hz>上半年|下半年)(?P<h>)(?P<y2>)", _half),
    ("l", 1, r"(?<![A-Za-z])FY[ ]?'?(?P<fy>\d{4}|\d{2})(?!\d)", _fy),
    ("d", 1, rf"(?<![\d.])(?P<y>{_YEAR})[-/](?P<m>1[0-2]|0?[1-9])(?![\d%.])", _year_month),
    ("d", 2, rf"(?<!\d)(?P<y>{_YEAR})[ ]?年度?(?P<pt>底|末|初)?", _zh_year),
    ("l", 2, rf"(?<![A-Za-z])(?P<kw>[Bb]y|[Bb]efore|[Uu]ntil|[Tt]ill|[Ii]n|[Ss]ince|[Tt]hrough|[Dd]uring|[Ee]nd of)[ ]"
        rf"(?P<y>{_YEAR})(?=[ ]?(?:$|[,.;:!?)\]，。；]))", _en_year),
    ("c", 2, r"本季度末|本季度底|本季度|季度末|季度底|季末|本月底|本月末|月底|月末|今年年底|今年年末|今年底|年底|年末"
        r"|本年度|今年|年中|下个季度|下季度|本周|本月|下个月|下月", _zh_relative),
    ("l", 2, r"(?<![A-Za-z])(?i:(?:the[ ])?end[ ]of[ ](?:the[ ]|this[ ])?(?P<u>quarter|year|month|half|sprint)"
        r"|EO(?P<u2>[QYM])|this[ ](?P<u3>quarter|year|month)|(?P<nxt>next)[ ](?:quarter|year|month))(?![A-Za-z])",
     _en_relative),
    # Identifiers: never numbers, never deadlines.
    ("l", 3, r"(?<![A-Za-z])(?:(?i:week|wk|sprint|phase|stage|step|wave|round|iteration|milestone|chapter"
        r"|kr|okr|obj|objective|key[ ]result)|O|#)[ ]?#?\d+(?:\.\d+)*"
        r"(?:[ ]?[-~][ ]?\d+)?", _ident),
    ("c", 3, r"第[ ]?(?:\d++|[一二两三四五六七八九十百千零〇]++)[ ]?"
        r"(?:周|天|期|阶段|季度|名|步|轮|个|次|批|版|届|年|月|日|章|节|条|项|位|梯队)?", _ident),
    ("d", 3, r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])|(?<!\d)(?:24/7|7[ ]?[x×*][ ]?24)(?!\d)", _ident),
    ("dl", 3, r"(?<![A-Za-z0-9_.])[vV]?\d++\.\d++\.\d++(?:\.\d++)*", _ident),
    ("s", 3, r"^\s*+(?:[(（]\d{1,3}[)）]|\d{1,3}(?:\.\d{1,3})*[ ]?[.)、）](?!\d))", _ident),
    ("l", 3, r"(?<![A-Za-z])[A-Za-z]{2,}+-\d++", _ident),
]


def _quarter_zh(m: re.Match[str], year: int | None) -> Token | None:
    q = _CN_Q[m["q"] or m["qz"]]
    y = _year(m["y"], year)
    return Token(m.start(), m.end(), _quarter_end(y, q), quarter=q)




# Tokens are tried only at anchors: where one can start (a run of digits or ASCII letters, "#", a
# few CJK characters) and what follows can continue one. _SKIP jumps from one anchor to the next in
# a single .match, so most lines need no other regex call. The lookaheads list what the patterns
# of that group need right after the anchor (a skipped anchor can never match): a digit run is
# followed by a separator, 年/月/季, an ordinal, Q/H, ":" or "x" ("7x24"), or by a space and one of
# a few more (" 月", " Q1", " of", " March"); 一二三四 start only "一季度"; the other CJK starts
# only their _SPECS words; a word must be one of _L_NEXT (then _word_may_start decides), "the end",
# or be glued to "-" and a digit or to one of FOLDS (\u0130 and \u212a are handled by _skip_but_words).
_CJK_STARTS = "第本季月年今下上一二三四"
# (Every alternative of the loops below opens with one character or class, which sre tests
# before entering it: a loop step costs less.)
_CJK_SKIP = (
    r"第(?![ ]?[\d一二两三四五六七八九十百千零〇])|一(?![ ]?季度)|二(?![ ]?季度)|三(?![ ]?季度)|四(?![ ]?季度)"
    r"|上(?!半年)|下(?!半年|个季度|季度|个月|月)|本(?!季度|月|年度|周)|季(?!度[末底]|末)|月(?![底末])|今(?!年)"
    r"|年(?![底末中])"
)
_DIGIT_SKIP = r"\d\d*+(?![-/.年月snrtQqHh季:x×*]|[ ][-/ 年月季QqHhx×*JjFfMmAaSsOoNnDd])"
# A word can start a "l" token only as one of these (lower-cased), followed by one of the given
# characters ("" = anything); a word glued to "-" and a digit ("ISO-9001") is the other way in
# (only the last "l" pattern starts there; "data-driven" is no anchor).
_MONTH_NEXT = ". ,0123456789"
_IDENT_NEXT = " #0123456789"
_L_NEXT: dict[str, str] = {
    **dict.fromkeys(("jan january feb february mar march apr april may jun june jul july aug august "
                     "sep sept september oct october nov november dec december").split(), _MONTH_NEXT),
    **dict.fromkeys("by before until till in end through since during this next key".split(), " "),
    **dict.fromkeys(("week wk sprint phase stage step wave round iteration milestone chapter "
                     "kr okr obj objective o").split(), _IDENT_NEXT),
    "q": "1234", "h": "12", "fy": "", "v": "", "eoq": "", "eoy": "", "eom": "",
}


def _by_first_letter(words: list[str]) -> str:
    """The alternation of ``words`` as one branch per first letter ("b(?:y|efore)|..."): sre passes
    over a branch whose first letter differs in one test, so a word meets a few keywords, not all."""
    rests: dict[str, list[str]] = {}
    for word in longest_first(words):
        rests.setdefault(word[0], []).append(word[1:])
    return "|".join(c if r == [""] else f"{c}(?:{'|'.join(r)})" for c, r in rests.items())


_KEYWORDS = _by_first_letter(list(_L_NEXT))
# On the lower-cased line (same letters at the same offsets unless it holds \u0130 or \u212a, see
# FOLDS): skips every character that cannot start a token.
_OTHER = rf"[^\da-z#{_CJK_STARTS}]"
_SKIP = compiled(
    rf"(?:{_OTHER}{_OTHER}*+|{_DIGIT_SKIP}|{_CJK_SKIP}"
    rf"|(?!(?:{_KEYWORDS})(?![a-z])|the[ ]end)[a-z]++(?!-\d|[\u0131\u017f]))*+"
)


@functools.cache
def _skip_but_words() -> re.Pattern[str]:
    """_SKIP for a line with \u0130 or \u212a (matched as written): every word is an anchor."""
    other = rf"[^\dA-Za-z#{_CJK_STARTS}]"
    return compiled(rf"(?:{other}{other}*+|{_DIGIT_SKIP}|{_CJK_SKIP})*+")


_DIGIT_RUN = compiled(r"\d+")
_WORD_RUN = compiled(r"[A-Za-z]+")


def _word_may_start(norm: str, end: int, word: str) -> bool:
    """Can a "l" token start at ``word`` (ASCII letters, ``norm[end]`` the next character)?"""
    nxt = norm[end:end + 1]
    if nxt == "-" and len(word) >= 2 and norm[end + 1:end + 2].isdecimal():
        return True
    low = word.lower()
    if low == "the":  # only in "the end of ..."
        return norm[end:end + 4].lower() == " end"
    allowed = _L_NEXT.get(low)
    if allowed is None:
        return nxt != "" and nxt in FOLDS  # "wee\u212a 3" may be "week 3" to a (?i:...) pattern
    return allowed == "" or (nxt != "" and (nxt in allowed or nxt > "\x7f"))


def _past_run(norm: str, pos: int) -> int:
    """``pos``, or the end of the digit / letter run it is inside (only a run's start is an anchor)."""
    if 0 < pos < len(norm):
        before, at = norm[pos - 1], norm[pos]
        if before.isdecimal() and at.isdecimal():
            return _DIGIT_RUN.match(norm, pos).end()  # type: ignore[union-attr]
        if before.isascii() and before.isalpha() and at.isascii() and at.isalpha():
            return _WORD_RUN.match(norm, pos).end()  # type: ignore[union-attr]
    return pos


# Each pattern compiled once; per group, its patterns in the order they are tried.
_COMPILED = [compiled(rx) for _, _, rx, _ in _SPECS]
_BY_GROUP: dict[str, tuple[tuple[re.Pattern[str], Handler], ...]] = {
    g: tuple((_COMPILED[i], spec[3]) for i, spec in sorted(enumerate(_SPECS), key=lambda e: e[1][1]) if g in spec[0])
    for g in "dlcs"
}
# A line with more dates than this is not a KR; stopping keeps adversarial input cheap.
MAX_TOKENS = 200

_MARK_BEFORE = compiled(
    r"(?:(?<![A-Za-z])(?:[Bb]y|[Bb]efore|[Uu]ntil|[Tt]ill|[Nn]o[ ]later[ ]than|[Dd]ue(?:[ ](?:by|on|before))?"
    r"|[Dd]eadline:?)(?:[ ](?:the[ ])?end[ ]of)?(?:[ ]the)?|(?<![A-Za-z])(?:[Tt]he[ ])?[Ee]nd[ ]of(?:[ ]the)?"
    r"|截止(?:到|至|于|日期)?:?|截至|于|到)[ ]?$"
)
_MARK_AFTER = compiled(r"[ ]?(?:之前|以前|结束前|底前|末前|前|为止|截止|底|末|内)")


def _token(group: str, norm: str, at: int, year: int | None) -> Token | None:
    """The token of ``group`` at ``at``: the first of its patterns that matches there decides."""
    for rx, handler in _BY_GROUP[group]:
        m = rx.match(norm, at)
        if m is not None:
            if m.end() == at:
                return None
            # An impossible date ("2026-13-45") still is no quantity.
            return handler(m, year) or Token(m.start(), m.end(), candidate=False)
    return None


def scan(norm: str, year: int | None, low: str | None = None) -> tuple[list[Token], list[tuple[int, int]]]:
    """Non-overlapping tokens, left to right, with deadline markers folded into their spans.

    Also returns the tokens' own spans (before markers were folded in) for blocking numbers.
    ``low``: ``normalize.fold(norm)`` when the caller has it (a line it returns holds no FOLDS).
    """
    tokens: list[Token] = []
    pos = 0  # no token may start before this
    first = norm[:1]
    # The "s" pattern starts with whitespace, a bracket or a digit (none of them a letter: most lines
    # are told by isalpha alone).
    tok = (_token("s", norm, 0, year)
           if first and not first.isalpha() and (first in "(（" or first.isspace() or first.isdecimal()) else None)
    if tok is not None:
        tokens.append(tok)
        pos = tok.end
    if low is not None:
        skip, text = _SKIP, low
    elif "\u0130" in norm or "\u212a" in norm:  # rare: compiled when first needed
        skip, text = _skip_but_words(), norm
    else:
        skip, text = _SKIP, norm.lower()
    size = len(norm)
    at = skip.match(text, _past_run(norm, pos) if pos else 0).end()  # type: ignore[union-attr]  # always matches
    while at < size:
        ch = norm[at]
        if ch in _CJK_STARTS or ch == "#":
            group, after = ("l" if ch == "#" else "c"), at + 1
        elif ch.isdecimal():
            group = "d" if "0" <= ch <= "9" else "l"
            after = _DIGIT_RUN.match(norm, at).end()  # type: ignore[union-attr]
        else:  # an ASCII letter
            group = "l"
            after = _WORD_RUN.match(norm, at).end()  # type: ignore[union-attr]
            if not _word_may_start(norm, after, norm[at:after]):
                at = skip.match(text, after).end()  # type: ignore[union-attr]
                continue
        tok = _token(group, norm, at, year)
        if tok is not None:
            tokens.append(tok)
            pos = tok.end
            if len(tokens) >= MAX_TOKENS:
                break
            after = _past_run(norm, max(after, pos))
        at = skip.match(text, after).end()  # type: ignore[union-attr]
    if not tokens:  # most lines
        return tokens, []
    spans = [(t.start, t.end) for t in tokens]
    for i, tok in enumerate(tokens):
        if not tok.candidate and not tok.marked:
            # A year becomes a deadline only with a marker: "2026年前", "by 2027" (handled above).
            if tok.date is None or tok.quarter is not None:
                continue
        limit = tokens[i + 1].start if i + 1 < len(tokens) else len(norm)
        after = _MARK_AFTER.match(norm, tok.end, limit)
        before = _MARK_BEFORE.search(norm, max(0, tok.start - 24), tok.start)
        if before:
            tok.start = before.start()
            tok.marked = True
        if after:
            tok.end = after.end()
            tok.marked = True
        if tok.marked and tok.date is not None:
            tok.candidate = True
    return tokens, spans


def pick_deadline(tokens: list[Token]) -> Token | None:
    first: Token | None = None
    for tok in tokens:
        if not tok.candidate:
            continue
        if tok.marked:
            return tok
        if first is None:
            first = tok
    return first
