"""Direction verbs from ``rules/vocabulary/{zh,en}.yaml``, compiled once.

Both languages' verbs are matched in every text: KRs mix them ("FTR从88%提升到95%",
"提升 conversion"), and a Chinese verb never occurs in English text anyway.
English verbs are listed as base forms; -s / -ed / -ing forms are generated.
"""
from __future__ import annotations

import functools
import re

from okrlint.packs import vocabulary
from okrlint.regex_cache import compiled, longest_first

_DIRECTIONS = (("increase_verbs", "up"), ("decrease_verbs", "down"), ("keep_verbs", "keep"))
_VOWELS = frozenset("aeiou")


def _english_forms(word: str) -> set[str]:
    w = word.lower()
    if " " in w:  # "scale up": inflect the first word only
        first, rest = w.split(" ", 1)
        return {f"{f} {rest}" for f in _english_forms(first)}
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms.add(w[:-1] + "ing")
    if w.endswith("y"):
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    # cut -> cutting, drop -> dropped, trim -> trimmed
    if len(w) >= 3 and w[-1] not in _VOWELS and w[-1] not in "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return forms


_WORD = compiled(r"[A-Za-z]+")
_NEXT_WORD = compiled(r"[ ]+([A-Za-z]+)")


class Verbs:
    """Finds direction verbs: one literal alternation for Chinese, a word lookup for English.

    (A big case-insensitive alternation with word boundaries is ~50x slower than
    splitting words with ``[A-Za-z]+`` and looking them up.)
    """

    __slots__ = ("zh", "zh_lookup", "en_lookup", "en_phrase_heads", "en_words")

    def __init__(self, zh: re.Pattern[str] | None, zh_lookup: dict[str, str], en_lookup: dict[str, str]) -> None:
        self.zh = zh
        self.zh_lookup = zh_lookup
        self.en_lookup = en_lookup
        self.en_phrase_heads = frozenset(k.split(" ", 1)[0] for k in en_lookup if " " in k)
        self.en_words = self.en_phrase_heads | frozenset(en_lookup)  # a word outside these is no verb

    def find(self, text: str, limit: int, low: str | None = None) -> list[tuple[int, int, str]]:
        """(start, end, direction) of each verb, in text order, at most ``limit`` per language.
        ``low``: ``text.lower()`` when the caller has it."""
        found: list[tuple[int, int, str]] = []
        ascii_text = text.isascii()
        if self.zh is not None and not ascii_text:  # every Chinese verb is non-ASCII
            for m in self.zh.finditer(text):
                found.append((m.start(), m.end(), self.zh_lookup[m.group()]))
                if len(found) >= limit:
                    break
        n_zh = len(found)
        if self.en_lookup:
            # ASCII text is lower-cased once (same offsets) rather than word by word.
            src = (text.lower() if low is None else low) if ascii_text else text
            words = _WORD.findall(src)
            if words:  # (most Chinese lines have none)
                lows = words if ascii_text else [w.lower() for w in words]
                # Most lines hold no English verb: one set test spares the loop over their words.
                if not self.en_words.isdisjoint(lows):
                    self._find_en(text, src, words, lows, limit, found)
            if n_zh:
                found.sort()
        return found

    def _find_en(self, text: str, src: str, words: list[str], lows: list[str], limit: int,
                 found: list[tuple[int, int, str]]) -> None:
        """``find`` for the English verbs among ``words`` (the ``[A-Za-z]+`` runs of ``src``, in order;
        ``lows`` lower-cased), appended to ``found``."""
        en_words = self.en_words
        n_zh = len(found)
        pos = 0
        for word, low in zip(words, lows):
            # Only other characters lie between two runs: the next occurrence is this run.
            start = src.find(word, pos)
            pos = end = start + len(word)
            if low not in en_words:
                continue
            direction = None
            if low in self.en_phrase_heads:
                nxt = _NEXT_WORD.match(text, end)
                if nxt:
                    direction = self.en_lookup.get(f"{low} {nxt.group(1).lower()}")
                    if direction is not None:
                        end = nxt.end()
            if direction is None:
                direction = self.en_lookup.get(low)
            if direction is None:
                continue
            nxt = _NEXT_WORD.match(text, end)
            if nxt and nxt.group(1).lower() == "than":
                continue  # "lower than 5%" is a comparison, not a verb
            found.append((start, end, direction))
            if len(found) - n_zh >= limit:
                break


@functools.cache
def direction_verbs() -> Verbs:
    zh_lookup: dict[str, str] = {}
    en_lookup: dict[str, str] = {}
    for lang in ("zh", "en"):
        vocab = vocabulary(lang)
        for key, direction in _DIRECTIONS:
            for word in vocab.get(key, []):
                word = " ".join(word.split())
                if not word:
                    continue
                if word.isascii():
                    for form in _english_forms(word):
                        en_lookup.setdefault(form, direction)
                else:
                    zh_lookup.setdefault(word, direction)
    zh = None
    if zh_lookup:
        ordered = longest_first(zh_lookup)  # longest first: 翻一番 before 翻番
        zh = compiled("|".join(re.escape(w) for w in ordered))
    return Verbs(zh, zh_lookup, en_lookup)


@functools.cache
def task_verb_forms() -> frozenset[str]:
    """Inflected single-word English task verbs ("ship", "shipped"...): a metric never starts with one."""
    forms: set[str] = set()
    for word in vocabulary("en").get("task_verbs", []):
        if word.strip() and " " not in word.strip():
            forms |= _english_forms(word.strip())
    return frozenset(forms)
