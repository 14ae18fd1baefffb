"""The objective is a direction with no concrete focus (CRAFT: Concrete).

## What it does
Flags an objective made only of a generic verb and generic nouns — `提升服务质量`,
`提高客户满意度`, `Improve quality`, `Enhance the customer experience` — with
nothing that says *which* quality, *whose* experience or *what* will be
different. Everything in the objective is matched against word lists
(`objective_generic_verbs`, `objective_generic_nouns`, `objective_connectors`,
`objective_time_words` in `rules/vocabulary/`); the objective is flagged only
when nothing else is left. Labels, owners (`@alice`), links, parentheticals
and Markdown emphasis are ignored.

One specific word is enough to pass: `打造一次修好的服务能力` ("一次修好"),
`打造行业领先的客户服务体验` ("行业领先"), `Improve onboarding for new
contributors` ("onboarding", "contributors"). An objective with numbers is left
to `objective-is-metric`.

## Why is this bad?
"提升服务质量" could mean anything, so it directs nothing: nobody can tell from
it what to work on first, and any key result seems to fit. A concrete objective
("一次修好" — fix it right the first time) tells the team where to look and makes
the key results follow from it.

## Example
Bad:
```
O:提升服务质量
Objective: Improve service quality
```
Good:
```
O:打造一次修好的服务能力
Objective: Make fixing it right the first time our signature
```

## Options
None. Extend the word lists in `rules/vocabulary/` to change what counts as generic.
"""
from __future__ import annotations

import functools
import re
from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import Objective, Problem
from okrlint.packs import vocabulary
from okrlint.regex_cache import compiled, longest_first
from okrlint.rules._common import branches, fold, foldable

CODE = "OKR103"
NAME = "objective-vague"
SCOPE = "objective"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}

# Noise around the words people write: links, owners, issue refs, emphasis, brackets, quarters.
_NOISE = [
    compiled(r"\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)"),  # [text](url) -> text (kept by the sub below)
]
_URL = compiled(r"https?://\S+|www\.\S+")
_MENTION = compiled(r"(?<![\w.])@[\w.\-]+|#\d+\b")
_PAREN = compiled(r"[(（\[【][^()（）\[\]【】]{0,120}[)）\]】]")
_OWNER = compiled(r"(?i)[-–—|,,]\s*(?:owner|负责人|dri)\s*[:：]?.*$")
_PERIOD = compiled(r"(?i)\b(?:FY|H|Q)\d{1,4}\b|\b(?:19|20)\d{2}\b|(?:19|20)\d{2}\s*年|第[一二三四1-4]季度|[上下]半年")
_EMPHASIS = compiled(r"[*_`~]+")
_SEPARATORS = compiled(r"[\s,，、;；:：.。!！?？'\"“”‘’/\\|+\-–—&·…]+")
_VERB_SUFFIX = r"(?:s|es|d|ed|ing)?"
_DIGIT = compiled(r"\d")  # what _PERIOD needs, but for "季度" and "半年"
_LATIN = compiled(r"[A-Za-z]")
MAX_TITLE = 300  # characters; longer "objectives" are prose, and bounding them keeps the rule fast


def clean_title(title: str) -> str:
    """The objective's words without links, owners, refs, brackets, quarters and emphasis."""
    text = title if isinstance(title, str) else str(title)
    # Each substitution runs only when the characters it needs are there: most titles have none of them.
    if "](" in text:
        text = _NOISE[0].sub(r"\1", text)
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    if _may_name_owner(text):
        text = _OWNER.sub(" ", text)
    if "@" in text or "#" in text:
        text = _MENTION.sub(" ", text)
    for _ in range(2):  # nested brackets, one level deep at a time
        if not ("(" in text or "（" in text or "[" in text or "【" in text):
            break
        text, n = _PAREN.subn(" ", text)
        if not n:
            break
    if "季度" in text or "半年" in text or _DIGIT.search(text):
        text = _PERIOD.sub(" ", text)
    if "*" in text or "_" in text or "`" in text or "~" in text:
        text = _EMPHASIS.sub(" ", text)
    return text.strip()


def _may_name_owner(text: str) -> bool:
    """What _OWNER needs: a dash, bar or comma, and "owner", "负责人" or "dri" in any case."""
    if not ("-" in text or "–" in text or "—" in text or "|" in text or "," in text):
        return False
    low = fold(text)
    return low is None or "owner" in low or "负责人" in low or "dri" in low


def _generic_words(lang: str) -> list[str]:
    voc = vocabulary(lang)
    keys = ("objective_time_words", "objective_generic_verbs", "objective_generic_nouns", "objective_connectors")
    return longest_first({w for k in keys for w in voc.get(k, [])})


@functools.cache
def _generic_regex(lang: str) -> re.Pattern[str]:
    words = _generic_words(lang)
    if lang == "en":
        verbs = set(vocabulary(lang).get("objective_generic_verbs", []))
        alt = "|".join(re.escape(w) + (_VERB_SUFFIX if w in verbs and " " not in w else "") for w in words)
        return compiled(rf"(?<![A-Za-z0-9-])(?:{alt})(?![A-Za-z0-9-])", re.IGNORECASE)
    return compiled("|".join(re.escape(w) for w in words), re.IGNORECASE)


@functools.cache
def _generic_folded(lang: str) -> re.Pattern[str]:
    """_generic_regex(lang) for folded text (see _common.fold; only when _generic_firsts(lang) is not None)."""
    words = _generic_words(lang)
    if lang == "en":
        verbs = set(vocabulary(lang).get("objective_generic_verbs", []))
        return compiled(branches(((w, _VERB_SUFFIX if w in verbs and " " not in w else "", "[a-z0-9-]")
                                    for w in words), "(?![a-z0-9-])"))
    return compiled(branches((w, "", None) for w in words))


@functools.cache
def _generic_firsts(lang: str) -> frozenset[str] | None:
    """The characters _generic_folded(lang) can start with: without one, it has nothing to remove (and
    need not be compiled: Chinese titles skip the English words, English titles the Chinese ones).
    None if the words do not fold."""
    words = _generic_words(lang)
    if not words or "" in words or not foldable(words):
        return None
    return frozenset(w[0].lower() for w in words)


def residue(title: str) -> str:
    """What is left of an objective once every generic word is removed (empty: nothing specific)."""
    text = clean_title(title)
    # Chinese and English generic words both go: mixed lines ("提升 customer experience") are common.
    text = _generic_regex("en").sub(" ", text)
    text = _generic_regex("zh").sub(" ", text)
    return _SEPARATORS.sub("", text)


def _only_generic(cleaned: str) -> bool:
    """``residue(title) == ""`` for ``cleaned = clean_title(title)``, on the folded text when it folds."""
    en, zh = _generic_firsts("en"), _generic_firsts("zh")
    low = fold(cleaned) if en is not None and zh is not None else None
    if en is None or zh is None or low is None:
        text = _generic_regex("zh").sub(" ", _generic_regex("en").sub(" ", cleaned))
        return _SEPARATORS.sub("", text) == ""
    if not en.isdisjoint(low):
        low = _generic_folded("en").sub(" ", low)
    if not zh.isdisjoint(low):
        low = _generic_folded("zh").sub(" ", low)
    return _SEPARATORS.sub("", low) == ""


def check(obj: Objective, ctx: Context) -> Iterator[Problem]:
    title = obj.title
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE:
        return  # a whole paragraph is not an objective line this rule can judge
    if ctx.facts(obj).numbers:
        return  # a number is objective-is-metric's business
    cleaned = ctx.memo(clean_title, title)
    # [A-Za-z\u3400-\u9fff]: compiling a set with the CJK range costs ~2 ms (a Python loop over 27k characters).
    if not (_LATIN.search(cleaned) or (not cleaned.isascii() and any("\u3400" <= c <= "\u9fff" for c in cleaned))):
        return  # nothing but a link or an owner: not an objective we can judge
    if _only_generic(cleaned):
        yield Problem("vague", {"text": title.strip()})
