"""Helpers shared by rule modules: vocabulary matchers and small predicates."""
from __future__ import annotations

import functools
import re
from typing import Iterable

from okrlint.packs import vocabulary
from okrlint.regex_cache import compiled, longest_first
from okrlint.text.normalize import fold


@functools.cache
def vocab_regex(lang: str, key: str) -> re.Pattern[str] | None:
    """One alternation of a vocabulary list; English words match on word boundaries."""
    words = longest_first(vocabulary(lang).get(key, []))
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in words)
    if lang == "en":
        return compiled(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE)
    return compiled(alt, re.IGNORECASE)


def find(lang: str, key: str, text: str) -> re.Match[str] | None:
    rx = vocab_regex(lang, key)
    return rx.search(text) if rx is not None else None


def find_any_lang(key: str, text: str) -> re.Match[str] | None:
    """Mixed-language lines are common ("NPS提升"): try both vocabularies."""
    return find("zh", key, text) or find("en", key, text)


# --- case folding: lowered text and a lowered pattern instead of re.IGNORECASE ---------------------------
# re.IGNORECASE makes sre try every branch of a word list at every position (no first-character scan) and
# costs ~10x more to compile. For a word list of ASCII and caseless characters (Chinese), matching the
# lowered pattern without the flag on ``text.lower()`` finds the same spans, except for the four characters
# the flag pairs with an ASCII letter although lower() does not map them there (checked over all of Unicode):
# ``fold`` (okrlint/text/normalize.py, shared with the text facts) says when the lowered text can be used.
def foldable(words: Iterable[str]) -> bool:
    """Every character is ASCII or has no case, so the words can be matched folded."""
    return all(c.isascii() or c.lower() == c == c.upper() for w in words for c in w)


def branches(items: Iterable[tuple[str, str, str | None]], tail: str = "") -> str:
    """Regex source of an alternation for folded text: one branch per ``(word, regex after it, not_before)``,
    then ``tail`` after whichever matched.

    The word is lowered; ``not_before`` (a character class such as ``[a-z]``, or None) is what the character
    before the word must not be. Words are grouped by their first character, which every branch then starts
    with, and ``not_before`` is tested after it: sre skips to positions where one of those characters occurs
    and tries one group there. Only words with the same first character can match at one position, so the
    grouping keeps which word an alternation in the given order would choose. What follows the words
    (``after`` when a group shares it, ``tail``) is written once: compiling it per word costs more.
    """
    words = [(w.lower(), after, not_before) for w, after, not_before in items]
    groups: dict[str, list[tuple[str, str, str | None]]] = {}
    for w, after, not_before in words:
        groups.setdefault(w[:1], []).append((re.escape(w[1:]), after, not_before))
    if "" in groups or any(len({nb for _, _, nb in rests}) > 1 for rests in groups.values()):
        # An empty word, or different tests before one first character: keep the given order, ungrouped.
        out = [re.escape(w[:1]) + _not_before(w[:1], nb) + re.escape(w[1:]) + after for w, after, nb in words]
    else:
        out = []
        for first, rests in groups.items():
            head = re.escape(first) + _not_before(first, rests[0][2])
            afters = {after for _, after, _ in rests}
            if len(rests) == 1:
                out.append(head + rests[0][0] + rests[0][1])
            elif len(afters) == 1:
                out.append(f"{head}(?:{'|'.join(rest for rest, _, _ in rests)}){afters.pop()}")
            else:
                out.append(f"{head}(?:{'|'.join(rest + after for rest, after, _ in rests)})")
    return f"(?:{'|'.join(out)}){tail}" if tail else "|".join(out)


def _not_before(first: str, cls: str | None) -> str:
    """After ``first``: the character before it is not in ``cls``."""
    return f"(?<!{cls}{re.escape(first)})" if cls else ""


class Folded:
    """A case-insensitive pattern run as a folded one on ``fold(text)`` (nearly always possible), else as
    itself, compiled only then. Matches give offsets into ``text``; their ``group()`` may be lowered."""

    __slots__ = ("folded", "_source", "_exact")

    def __init__(self, folded: str | None, source: str) -> None:
        self.folded = compiled(folded) if folded is not None else None  # None: the words do not fold
        self._source = source
        self._exact: re.Pattern[str] | None = None

    def exact(self) -> re.Pattern[str]:
        if self._exact is None:
            self._exact = compiled(self._source, re.IGNORECASE)
        return self._exact

    def on(self, text: str, low: str | None) -> tuple[re.Pattern[str], str]:
        """The pattern to run and the string to run it on, given ``low = fold(text)``."""
        if low is not None and self.folded is not None:
            return self.folded, low
        return self.exact(), text

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        rx, s = self.on(text, fold(text))
        return rx.search(s, pos)
