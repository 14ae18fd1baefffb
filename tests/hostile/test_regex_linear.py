"""Every regular expression in okrlint runs in linear time: 100,000-character adversarial strings, < 1 s each.

Patterns are collected by importing every okrlint module and walking module globals (also inside
lists, tuples and dicts), plus the vocabulary alternations of okrlint/rules/_common.py vocab_regex,
plus every pattern compiled on first use (okrlint/regex_cache.py records them) while the examples and
the hostile cases are linted.
Adversarial strings repeat the pattern's own literal characters, digits, separators and CJK, and
end in a character that makes a match fail late (the classic backtracking trigger).
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import time
from typing import Any, Iterator

import pytest

import okrlint
from tests.conftest import EXAMPLES, ROOT

SKIP_MODULES = ("okrlint.lsp", "okrlint.__main__")  # optional server dependencies


def _modules() -> Iterator[Any]:
    for info in pkgutil.walk_packages(okrlint.__path__, "okrlint."):
        if info.name.startswith(SKIP_MODULES):
            continue
        try:
            yield importlib.import_module(info.name)
        except ImportError:  # an optional dependency (spaCy, pygls) is missing
            continue


def _patterns(value: Any, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield value
    elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _patterns(v, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for v in value.values():
            yield from _patterns(v, depth + 1)


UNANCHORED = r"\.(?:search|finditer|findall|sub|subn|split)\("


def _anchored_only(mod: Any, name: str, value: Any) -> bool:
    """A module-level pattern its module only ever uses with .match/.fullmatch (at a line's start or a
    known position): scanning from every start is not how it runs, so only matching is timed."""
    if not isinstance(value, re.Pattern):
        return False
    try:
        source = inspect.getsource(mod)
    except (OSError, TypeError):
        return False
    return re.search(rf"\b{re.escape(name)}\b{UNANCHORED}", source) is None and \
        re.search(rf"\b{re.escape(name)}\.(?:match|fullmatch)\(", source) is not None


ANCHORED: set[str] = set()
# Patterns whose every use is bounded by a length check before the regex runs (checked by reading
# the code): timed on strings of that bound in search mode.  Quadratic under search, so keep the guard.
BOUNDED: dict[str, int] = {
    "okrlint.text.facts._TRAILING": 80,  # _clean_metric returns before the search when len(seg) > 80
}


def collect() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for mod in _modules():
        for name, value in vars(mod).items():
            for i, rx in enumerate(_patterns(value)):
                key = f"{mod.__name__}.{name}[{i}]"
                found.setdefault(key, rx)
                if _anchored_only(mod, name, value):
                    ANCHORED.add(key)
    from okrlint.packs import vocabulary
    from okrlint.rules._common import vocab_regex

    for lang in ("zh", "en"):
        for key in vocabulary(lang):
            rx = vocab_regex(lang, key)
            if rx is not None:
                found[f"vocab_regex({lang},{key})"] = rx
    from okrlint import regex_cache
    from okrlint.api import lint_paths

    lint_paths([EXAMPLES, ROOT / "tests" / "hostile" / "cases"])
    known = {(rx.pattern, rx.flags) for rx in found.values()}
    for rx in regex_cache.used():
        if (rx.pattern, rx.flags) not in known:
            known.add((rx.pattern, rx.flags))
            found[f"first-use[{len(known)}]:{rx.pattern[:40]}"] = rx
    return found


PATTERNS = collect()
N = 100_000


def _alphabet(rx: re.Pattern[str]) -> str:
    """The pattern's literal characters (escapes resolved roughly), in order of first appearance."""
    chars = re.sub(r"\\[dDwWsSbBAZ]|\\[pPuUxN]\{?[0-9A-Fa-f]*\}?|\(\?[:=!<>P]?<?\w*>?", "", rx.pattern)
    out: list[str] = []
    for ch in chars:
        if ch not in out and ch not in "()[]{}?*+|^$\\":
            out.append(ch)
    return "".join(out[:40])


def adversarial(rx: re.Pattern[str]) -> list[str]:
    alpha = _alphabet(rx) or "a"
    pieces = [alpha[0], alpha, "1. \t"]
    out = []
    for piece in pieces:
        s = (piece * (N // len(piece) + 1))[:N]
        out.append(s + "\x00")  # fail at the very end
    out.append(((alpha + "1 ,.:;-年月日%提升到从KR") * (N // (len(alpha) + 20) + 1))[:N])
    return out


def test_collected_enough_patterns() -> None:
    assert len(PATTERNS) >= 30  # a walk that finds nothing would pass vacuously


def _run(rx: re.Pattern[str], text: str, anchored: bool) -> float:
    started = time.process_time()
    rx.match(text)
    if not anchored:
        rx.search(text)  # tries every start position: quadratic patterns show here
    return time.process_time() - started


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_regex_is_linear(name: str) -> None:
    rx = PATTERNS[name]
    anchored = name in ANCHORED
    bound = BOUNDED.get(name.rsplit("[", 1)[0])
    if bound is not None:
        for text in adversarial(rx):
            started = time.process_time()
            for _ in range(100):
                rx.search(text[-bound:])
            assert time.process_time() - started < 1.0
        return
    for text in adversarial(rx):
        # A 10,000-character probe first, so a quadratic pattern fails in a second instead of hanging.
        probe = _run(rx, text[-10_000:], anchored)
        assert probe < 0.1, f"{name}: {probe:.2f}s on 10,000 characters {text[:20]!r}... (superlinear?)"
        elapsed = _run(rx, text, anchored)
        assert elapsed < 1.0, f"{name}: {elapsed:.2f}s on {text[:20]!r}..."


def test_every_bounded_pattern_still_exists() -> None:
    names = set(collect())
    assert not [n for n in BOUNDED if not any(k == n or k.startswith(n + "[") for k in names)]
