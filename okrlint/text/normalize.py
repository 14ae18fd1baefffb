"""Character normalisation shared by the text-analysis modules.

The mapping is strictly one character to one character, so offsets into the
normalised text are offsets into the original text too (facts report spans
in the caller's text).
"""
from __future__ import annotations

import functools
import re

from okrlint.regex_cache import compiled


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII (！..～) -> ASCII. The full-width comma is kept: in Chinese
    # it separates clauses, and "100，200个" must not read as 100200.
    for code in range(0xFF01, 0xFF5F):
        if code != 0xFF0C:
            table[code] = chr(code - 0xFEE0)
    table.update(
        {
            0x3000: " ",  # ideographic space
            0x00A0: " ",  # no-break space
            0xFFE5: "¥",  # full-width yen
            0x301C: "~",  # wave dash
            0x2212: "-",  # minus sign
            0x2013: "-",  # en dash (ranges "4.5–5")
            0x2265: "≥",
            0x2267: "≥",  # ≧
            0x2264: "≤",
            0x2266: "≤",  # ≦
            0xFF64: "、",  # half-width ideographic comma
            0x3002: "。",
        }
    )
    return table


_TABLE = _build_table()

# The non-ASCII characters that sre's (?i:...) matches as ASCII letters: \u0130 and \u0131 as "i",
# \u017f as "s", \u212a as "k". \u0130 and \u212a are also the only characters whose lower() is or
# holds an ASCII letter, so without them a lower-cased line has the same letters at the same offsets.
FOLDS = "\u0130\u0131\u017f\u212a"


def fold(text: str, low: str | None = None) -> str | None:
    """``text.lower()`` when a lowered pattern without ``re.IGNORECASE`` matches it exactly as the
    case-insensitive pattern matches ``text``, at the same offsets; None for the rare text where it
    might not (one of FOLDS). ``low``: ``text.lower()`` when the caller has it already."""
    if text.isascii():
        return text.lower() if low is None else low
    for trap in FOLDS:
        if trap in text:
            return None
    if low is None:
        low = text.lower()
    return low if len(low) == len(text) else None


# Clause separators: a baseline, its target and the verb between them live in one clause.
# Written as one leading class (sre scans for it in C), then: not a comma, or a comma that is not
# between two digits ("1,000" is not a break).
CLAUSE_SEP = compiled(r"[;。；!?！？\n\r，,](?:(?<!,)|(?<!\d,)|(?!\d))")


# Most non-ASCII lines have nothing to map, and str.translate looks every character up in _TABLE:
# check first. The class (two runs: cheap to compile) covers the full-width forms, _unmapped the rest.
_WIDE = compiled(r"[\uff01-\uff64\uffe5]")
assert {chr(k) for k, v in _TABLE.items() if chr(k) != v and not ("\uff01" <= chr(k) <= "\uff64" or k == 0xFFE5)} == {
    "\u3000", "\u00a0", "\u301c", "\u2212", "\u2013", "\u2267", "\u2266"}


def _unmapped(text: str) -> bool:
    """``text.translate(_TABLE) == text``, told without translating."""
    return text.isascii() or (  # every key of _TABLE is above U+009F
        _WIDE.search(text) is None and "\u3000" not in text and "\u00a0" not in text and "\u301c" not in text
        and "\u2212" not in text and "\u2013" not in text and "\u2267" not in text and "\u2266" not in text)


def normalize(text: str) -> str:
    """Full-width digits, letters, ``％`` and friends to ASCII; same length as ``text``."""
    if type(text) is str and _unmapped(text):
        return text
    return text.translate(_TABLE)


@functools.cache
def _changed() -> re.Pattern[str]:
    # Compiled for the first non-ASCII line: sre builds a class of scattered characters in Python (~1 ms).
    chars = sorted({chr(k) for k, v in _TABLE.items() if chr(k) != v} | set(FOLDS))
    return compiled("[" + "".join(map(re.escape, chars)) + "]")  # escaped: "-" or "]" may join the table


def normalize_and_fold(text: str) -> tuple[str, str | None]:
    """``(norm, fold(norm))`` for ``norm = normalize(text)``: for the usual line, one search tells that
    nothing maps and nothing folds, instead of a dozen ``in`` tests."""
    if type(text) is str and (text.isascii() or _changed().search(text) is None):
        low = text.lower()  # with none of FOLDS, only the length is left to check (see fold)
        return text, low if len(low) == len(text) else None
    norm = normalize(text)
    return norm, fold(norm)
