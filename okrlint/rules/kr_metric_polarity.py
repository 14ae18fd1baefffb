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
from typing import Iterator, Literal

from okrlint.engine.context import Context
from okrlint.model import KeyResult, Problem
from okrlint.packs import vocabulary
from okrlint.text import Facts

CODE = "OKR208"
NAME = "kr-metric-polarity"
SCOPE = "key_result"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}

Polarity = Literal["lower", "higher"]
_CUT = re.compile(r"(?<![A-Za-z])(?i:of|per|for|in|on|across|among)(?![A-Za-z])|[(（/]")
_LABEL_SEP = re.compile(r"[:：]")


@functools.cache
def _polarity_words() -> list[tuple[re.Pattern[str], Polarity]]:
    """One pattern per polarity: compiling one alternation is ~20x cheaper than one pattern per word."""
    out: list[tuple[re.Pattern[str], Polarity]] = []
    suffixes = sorted({*vocabulary("zh").get("kr_metric_suffixes", []), *vocabulary("en").get("kr_metric_suffixes", [])},
                      key=len, reverse=True)
    suf = "|".join(re.escape(s) for s in suffixes) or "(?!)"
    for key, pol in (("lower_is_better", "lower"), ("higher_is_better", "higher")):
        alts = []
        for lang in ("zh", "en"):
            for w in vocabulary(lang).get(key, []):
                w = w.strip()
                if not w:
                    continue
                lead = r"(?<![A-Za-z])" if w[:1].isascii() and w[:1].isalnum() else ""
                alts.append(f"{lead}{re.escape(w)}")
        if alts:
            # The word is the head of the metric: only generic endings may follow it.
            out.append((re.compile(rf"(?:{'|'.join(alts)})(?:[ ]?(?:{suf}))*[ ]*$", re.IGNORECASE), pol))
    return out


def polarity(metric: str | None) -> Polarity | None:
    """'lower' / 'higher' when the metric's head noun is in a polarity list, else None.

    The earliest match in the head wins ("首次修复率" over "修复率"); on a tie, lower-is-better.
    """
    if not metric:
        return None
    metric = _LABEL_SEP.split(metric)[-1]  # "speed: latency" -> the measured thing after the colon
    head = _CUT.split(metric, 1)[0].strip() if re.match(r"[A-Za-z]", metric.strip()) else metric.strip()
    head = head.rstrip(" .。,")
    best: tuple[int, Polarity] | None = None
    for rx, pol in _polarity_words():
        m = rx.search(head)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), pol)
    return best[1] if best else None


def movement(facts: Facts) -> Literal["up", "down"] | None:
    """Which way the key result moves its metric: by the numbers when given, else by the verb."""
    b, t = facts.baseline, facts.target
    if b is not None and t is not None:
        from okrlint.rules.kr_unit_mismatch import comparable

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
