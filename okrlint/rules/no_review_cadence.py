"""No check-in or review schedule (CRAFT: Flexible; the article's mistake 4).

## What it does
Flags a document with objectives that says nothing about when it is reviewed:
no `review:` key (YAML/JSON, or Markdown front matter), no team default in the
configuration (top-level `review:` in `.okrlint.yaml`), and no prose line that
names both a review and a frequency (`每周一进度同步会`, `每月深度复盘`,
`Weekly check-ins on Mondays`, `We grade OKRs at the end of each quarter`; word
lists `review_words` and `review_frequency_words` in `rules/vocabulary/`).
An empty `review:` (`review: {}`) is flagged as well. The finding is reported
once per document, on the `period:` line when there is one, else on line 1.

## Why is this bad?
"OKR不复盘,等于没有OKR." Objectives set in January and looked at again in
December drift out of mind: nobody notices in time that a key result is stuck,
that the world changed, or that a target should be adjusted — and Flexible in
CRAFT depends on exactly those check-ins. A stated cadence (weekly progress
sync, monthly deep review, quarterly grading) makes them happen.

## Example
Bad:
```yaml
period: 2026-Q1
objectives:
  - title: 打造让客户惊喜的服务体验
```
Good:
```yaml
period: 2026-Q1
review: {checkin: weekly, retro: 2026-03-31}   # 每周进度同步,季度末打分复盘
objectives:
  - title: Create a service experience that delights customers
```
Or once for all documents, in `.okrlint.yaml`: `review: {checkin: weekly}`.

## Options
None.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Problem, Span
from okrlint.packs import vocabulary
from okrlint.regex_cache import compiled, longest_first
from okrlint.rules._common import Folded, branches, fold, foldable

CODE = "OKR401"
NAME = "no-review-cadence"
SCOPE = "document"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}

_NEGATION = compiled(r"(?i)没有|从不|不复盘|不检查|(?<![A-Za-z])(?:no|never|not|without)(?![A-Za-z])")


def _words(key: str) -> list[str]:
    return longest_first({w for lang in ("zh", "en") for w in vocabulary(lang).get(key, [])})


@functools.cache
def _cadence_regexes() -> tuple[Folded, Folded]:
    edge_l, edge_r = r"(?<![A-Za-z])", r"(?![A-Za-z])"

    def regex(key: str) -> Folded:
        words = _words(key)
        folded = branches(((w, "", "[a-z]") for w in words), "(?![a-z])") if words and all(words) and foldable(words) \
            else None
        return Folded(folded, rf"{edge_l}(?:{'|'.join(re.escape(w) for w in words)}){edge_r}")

    return regex("review_words"), regex("review_frequency_words")


def _blank(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, (str, dict, list)) and not value)


def states_cadence(text: str) -> bool:
    """True when a line of ``text`` names a review and how often it happens (and does not deny it)."""
    review_rx, freq_rx = _cadence_regexes()
    if review_rx.search(text) is None:
        return False  # no review word in any line (line breaks are not letters: a line's match is one here)
    for line in text.splitlines():
        low = fold(line)
        rx, s = review_rx.on(line, low)
        if rx.search(s) is None:
            continue
        rx, s = freq_rx.on(line, low)
        if rx.search(s) and not _NEGATION.search(line):
            return True
    return False


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    if not doc.objectives:
        return  # nothing to review
    span = doc.period_span or Span.at(1, 1)
    if doc.review_span is not None and _blank(doc.review):
        yield Problem("empty-review", {}, span=doc.review_span, node_path="review")
        return
    if not _blank(doc.review):
        return
    config = ctx.config
    if config is not None and not _blank(config.get("review")):
        return  # the team's default cadence applies
    if states_cadence(doc.text or ""):
        return  # "每周一进度同步会" in prose, or in a YAML comment or description
    yield Problem("no-review", {}, span=span, node_path="")
