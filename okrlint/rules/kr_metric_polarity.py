"""A key result that pushes its metric the wrong way: raising a lower-is-better metric, or lowering a higher-is-better one.

## What it does
Reads the metric a key result measures and the way it moves — from the
baseline and target when both are given (`投诉率从5%提升到8%`), else from its
verb (`reduce NPS by 5`) — and flags a metric that is better when lower
(投诉率, 返修率, 成本, churn, latency, …) going up, or a metric that is better
when higher (NPS, 留存率, retention, accuracy, …) going down.

Only the metric's head counts: `投诉处理满意度` is a satisfaction measure and
`缺陷发现率` (defect detection rate) is not a defect count, so neither is read
as lower-is-better. Keeping a level (`维持`, `maintain`) and limits
(`控制在…以内`, `under 5%`) are not movements.

## Why is this bad?
A key result that, if met, makes things worse is almost always a slip — a
swapped baseline and target, or the wrong verb — and a team that follows it
literally works against its objective.

## Example
Bad:
```
KR3:客户投诉率从5%提升到8%
KR: Reduce NPS from 45 to 40
```
Good:
```
KR3:客户投诉率从5%降至2%
KR: Increase NPS from 45 to 55
```

## Options
None. The metric lists are `lower_is_better` and `higher_is_better` in
rules/vocabulary (a team pack can extend them); generic endings such as 率 or
"rate" are `kr_metric_suffixes`.
"""
from __future__ import annotations

import functools
import re
from typing import Callable, Iterator, Literal

from okrlint.engine.context import Context
from okrlint.model import KeyResult, Problem
from okrlint.packs import vocabulary
from okrlint.regex_cache import compiled, longest_first
from okrlint.rules._common import Folded, branches, fold, foldable
from okrlint.rules.kr_unit_mismatch import comparable
from okrlint.text import Facts

CODE = "OKR208"
NAME = "kr-metric-polarity"
SCOPE = "key_result"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}

Polarity = Literal["lower", "higher"]
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CUT_WORDS = ("of", "per", "for", "in", "on", "across", "among")
# Where the head of an English metric ends, on folded text (_common.fold); _cut() for text that does not fold.
_CUT = compiled(branches([*((w, "(?![a-z])", "[a-z]") for w in _CUT_WORDS), ("(", "", None), ("（", "", None),
                            ("/", "", None)]))


@functools.cache
def _cut() -> re.Pattern[str]:
    return compiled(rf"(?<![A-Za-z])(?i:{'|'.join(_CUT_WORDS)})(?![A-Za-z])|[(（/]")


@functools.cache
def _polarity_sources() -> tuple[str, str | None, str | None]:
    """Regex sources: one pattern for both polarities (the lower-is-better words first); the same for folded
    text; and for folded ASCII text, only the ASCII words (a third of the cost: no Chinese branches to skip).
    None where the words do not fold.

    The leftmost match wins and, at one position, a lower-is-better word is tried first: as one pattern
    per polarity, earliest start, ties to lower-is-better. A higher-is-better word is followed by an
    empty group in the folded patterns (``m.lastindex`` set), by group ``higher`` in the exact one.
    """
    suffixes = longest_first({*vocabulary("zh").get("kr_metric_suffixes", []), *vocabulary("en").get("kr_metric_suffixes", [])})
    lower, higher = ([w.strip() for lang in ("zh", "en") for w in vocabulary(lang).get(key, []) if w.strip()]
                     for key in ("lower_is_better", "higher_is_better"))

    def lead(w: str) -> bool:
        return w[:1].isascii() and w[:1].isalnum()

    # The word is the head of the metric: only generic endings may follow it.
    tail = r"(?:[ ]?(?:{}))*[ ]*$"
    suf = "|".join(re.escape(s) for s in suffixes) or "(?!)"
    groups = [f"(?P<{name}>{'|'.join((r'(?<![A-Za-z])' if lead(w) else '') + re.escape(w) for w in words)})"
              for name, words in (("lower", lower), ("higher", higher)) if words]
    exact = f"(?:{'|'.join(groups)}){tail.format(suf)}" if groups else "(?!)"
    if not groups or not foldable(lower + higher + suffixes) or "" in suffixes:
        return exact, None, None

    low_suf = "|".join(re.escape(s.lower()) for s in suffixes) or "(?!)"

    def folded(keep: Callable[[str], bool]) -> str:
        items = [(w, "", "[a-z]" if lead(w) else None) for w in lower if keep(w)]
        items += [(w, "()", "[a-z]" if lead(w) else None) for w in higher if keep(w)]
        return f"(?:{branches(items)}){tail.format(low_suf)}" if items else "(?!)"

    return exact, folded(lambda w: True), folded(str.isascii)


@functools.cache
def _polarity_words() -> Folded:
    exact, folded, _ = _polarity_sources()
    return Folded(folded, exact)


@functools.cache
def _ascii_polarity_words() -> re.Pattern[str] | None:
    source = _polarity_sources()[2]
    return compiled(source) if source is not None else None


def polarity(metric: str | None) -> Polarity | None:
    """'lower' / 'higher' when the metric's head noun is in a polarity list, else None.

    The earliest match in the head wins ("首次修复率" over "修复率"); on a tie, lower-is-better.
    """
    if not metric:
        return None
    cut = max(metric.rfind(":"), metric.rfind("："))
    if cut >= 0:
        metric = metric[cut + 1:]  # "speed: latency" -> the measured thing after the colon
    head = metric.strip()
    if head[:1] in _LETTERS:
        low = fold(metric)
        m = _CUT.search(low) if low is not None else _cut().search(metric)
        head = (metric[:m.start()] if m else metric).strip()
    head = head.rstrip(" .。,")
    ascii_words = _ascii_polarity_words() if head.isascii() else None
    if ascii_words is not None:
        m = ascii_words.search(head.lower())
    else:
        words = _polarity_words()
        rx, text = words.on(head, fold(head))
        m = rx.search(text)
        if m is not None and rx is not words.folded:
            return "higher" if m.group("higher") is not None else "lower"
    if m is None:
        return None
    return "lower" if m.lastindex is None else "higher"


def movement(facts: Facts) -> Literal["up", "down"] | None:
    """Which way the key result moves its metric: by the numbers when given, else by the verb."""
    b, t = facts.baseline, facts.target
    if b is not None and t is not None:
        bv, tv = comparable(b, t)
        if b.comparator == "~" or t.comparator == "~" or bv == tv:
            return None
        return "up" if tv > bv else "down"
    if facts.limit is not None or facts.direction not in ("up", "down"):
        return None
    if facts.relative is not None or t is not None:
        return facts.direction  # type: ignore[return-value]
    return None


def check(kr: KeyResult, ctx: Context) -> Iterator[Problem]:
    facts = ctx.facts(kr)
    pol = polarity(facts.metric)
    if pol is None:
        return
    move = movement(facts)
    if facts.direction in ("up", "down") and move is not None and facts.direction != move:
        if not (facts.direction == "up" and pol == "lower"):
            return  # the verb disagrees with the numbers: kr-direction-mismatch speaks about it
        move = "down"  # "提升响应时间" from 5 to 2 minutes: 提升 used for "improve"
    if pol == "lower" and move == "up":
        yield Problem("raises-lower-is-better", {"metric": facts.metric, "text": kr.title})
    elif pol == "higher" and move == "down":
        yield Problem("lowers-higher-is-better", {"metric": facts.metric, "text": kr.title})
