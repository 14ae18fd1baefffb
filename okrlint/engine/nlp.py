"""spaCy support for declarative rules with ``tokens:`` patterns (the ``okrlint[nlp]`` extra).

Only blank pipelines are used: ``spacy.blank("en")`` and ``spacy.blank("zh")`` with
the jieba segmenter. They tokenise and nothing more (no tagger, no lemmatizer, no
model download), so patterns use ``LOWER``/``TEXT``/``ORTH``/``IN``/``REGEX``/
``LIKE_NUM``/``IS_*`` attributes, not ``LEMMA`` or ``POS``. Each pipeline is built
once per process; spaCy and jieba are imported only here, and only when a rule that
needs them is enabled -- never on the default path.
"""
from __future__ import annotations

import functools
from typing import Any

from okrlint.engine.config import ConfigError

INSTALL_HINT = "pip install 'okrlint[nlp]'"
LANGS = ("zh", "en")


def _missing(what: str, where: str) -> ConfigError:
    return ConfigError(f"{where}: token patterns need {what}: install it with {INSTALL_HINT}")


@functools.cache
def pipeline(lang: str) -> Any:
    """The blank spaCy pipeline for ``lang`` ("zh" uses jieba); raises ConfigError without the extra."""
    try:
        import spacy
    except ImportError:
        raise _missing("spaCy", "okrlint") from None
    if lang == "zh":
        try:
            import logging

            import jieba
        except ImportError:
            raise _missing("jieba", "okrlint") from None
        # jieba logs "Building prefix dict ..." to stderr on first use; keep the linter's output clean.
        jieba.setLogLevel(logging.WARNING)
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    return spacy.blank("en")


def available() -> bool:
    """True when the extra is installed (without importing it)."""
    import importlib.util

    return importlib.util.find_spec("spacy") is not None and importlib.util.find_spec("jieba") is not None


class TokenMatcher:
    """spaCy Matchers, one per language, built on first use from a pack rule's patterns."""

    def __init__(self, patterns: dict[str, list[list[dict[str, Any]]]], where: str) -> None:
        self.patterns = patterns
        self.where = where  # "file: rules[i].tokens", for error messages
        self._matchers: dict[str, Any] = {}

    def prepare(self) -> None:
        """Import spaCy and compile every pattern now, so a bad pattern or a missing extra is a config error."""
        for lang in self.patterns:
            self._matcher(lang)

    def _matcher(self, lang: str) -> Any:
        got = self._matchers.get(lang)
        if got is not None:
            return got
        try:
            nlp = pipeline(lang)
        except ConfigError as exc:
            raise ConfigError(f"{self.where}: {str(exc).split(': ', 1)[1]}") from None
        from spacy.matcher import Matcher

        matcher = Matcher(nlp.vocab, validate=True)
        for i, pattern in enumerate(self.patterns[lang]):
            try:
                matcher.add(f"p{i}", [pattern])
            except Exception as exc:  # noqa: BLE001 - spaCy raises several types for bad patterns
                reason = " ".join(str(exc).split())
                raise ConfigError(f"{self.where}.patterns.{lang}[{i}]: invalid spaCy Matcher pattern: "
                                  f"{reason[:200]}") from None
        self._matchers[lang] = matcher
        return matcher

    def find(self, text: str, lang: str) -> list[tuple[int, int, str]]:
        """Character spans (start, end, matched text) of the patterns of ``lang`` in ``text``, in text order."""
        if lang not in self.patterns or not text:
            return []
        matcher = self._matcher(lang)
        doc = pipeline(lang)(text)
        out: list[tuple[int, int, str]] = []
        for _match_id, start, end in matcher(doc):
            span = doc[start:end]
            out.append((span.start_char, span.end_char, span.text))
        return sorted(out)
