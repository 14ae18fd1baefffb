"""Helpers shared by rule modules: vocabulary matchers and small predicates."""
from __future__ import annotations

import functools
import re

from okrlint.packs import vocabulary


@functools.cache
def vocab_regex(lang: str, key: str) -> re.Pattern[str] | None:
    """One alternation of a vocabulary list; English words match on word boundaries."""
    words = sorted(vocabulary(lang).get(key, []), key=len, reverse=True)
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in words)
    if lang == "en":
        return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE)
    return re.compile(alt, re.IGNORECASE)


def find(lang: str, key: str, text: str) -> re.Match[str] | None:
    rx = vocab_regex(lang, key)
    return rx.search(text) if rx is not None else None


def find_any_lang(key: str, text: str) -> re.Match[str] | None:
    """Mixed-language lines are common ("NPS提升"): try both vocabularies."""
    return find("zh", key, text) or find("en", key, text)
