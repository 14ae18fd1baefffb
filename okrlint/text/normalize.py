"""Character normalisation shared by the text-analysis modules.

The mapping is strictly one character to one character, so offsets into the
normalised text are offsets into the original text too (facts report spans
in the caller's text).
"""
from __future__ import annotations

import re


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

# Clause separators: a baseline, its target and the verb between them live in one clause.
CLAUSE_SEP = re.compile(r"[;。；!?！？\n\r，]|(?<!\d),|,(?!\d)")  # "1,000" is not a break


def normalize(text: str) -> str:
    """Full-width digits, letters, ``％`` and friends to ASCII; same length as ``text``."""
    return text.translate(_TABLE)
