"""Neutralising text from OKR files before it reaches a terminal."""
from __future__ import annotations

import re

from okrlint.regex_cache import compiled

# C0/C1 controls (but tab), DEL, and bidi overrides/isolates that could reorder
# or hide what a reviewer sees ("Trojan Source").
_UNSAFE = compiled("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def neutralise(text: str) -> str:
    # Every character _UNSAFE matches is unprintable (Cc or Cf), and isprintable() is one C loop:
    # most text is answered here (a tab or a non-breaking space still goes to the regex).
    if text.isprintable() or _UNSAFE.search(text) is None:  # nothing to escape, no new string
        return text
    return _UNSAFE.sub(_escape, text)
