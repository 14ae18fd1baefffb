"""A key result that names an activity or a deliverable instead of the outcome it should bring.

## What it does
Flags a key result whose first clause starts with an activity or output verb
(`完成`, `输出`, `上线`, `召开`, `launch`, `hold`, `write`, `ship`, …) when no
clause of it states a measured outcome. A clause is an outcome when it sets a
level, a baseline or a change (`触达率达到100%`, `reaching 10k weekly users`,
`hold churn below 2%`); a bare count of work (`输出10份优化方案`,
`write 3 case studies`) is not. So a task clause followed by an outcome clause
passes: `建立客户分层运营体系,高价值客户(RFM评分>8)触达率达到100%`.

Verbs in the middle of a metric do not count (`客户自助服务率从10%提升到40%`,
`搜索速度在1秒内完成`): only the verb the key result starts with, after its
label (`KR1:`), a checkbox and a leading deadline (`3月底前`, `By end of Q2,`).

## Why is this bad?
A key result answers "how do we know we got there?". Finishing ten diagnoses
says the team was busy, not that anything improved: the article's review scored
such a KR 1.0 and concluded it was set too conservatively. Tasks belong in the
plan under a key result; the key result is the change they should cause.

## Example
Bad:
```
KR3:完成全国10个重点门店的服务流程诊断,输出10份优化方案
KR: Launch the onboarding flow
```
Good:
```
KR1:建立客户分层运营体系,高价值客户(RFM评分>8)触达率达到100%
KR1:客户自助服务率从10%提升到40%
KR: Launch the new onboarding flow and raise week-1 activation from 30% to 45%
```

## Options
None. The verbs are the vocabulary lists `task_verbs` and `kr_task_verbs`; the
outcome nouns are `outcome_words` and `kr_outcome_words` (rules/vocabulary).
"""
from __future__ import annotations

import functools
import re
from typing import Iterator

from okrlint.engine.context import Context
from okrlint.model import KeyResult, Problem
from okrlint.packs import vocabulary
from okrlint.regex_cache import compiled, longest_first
from okrlint.rules._common import branches, fold
from okrlint.text import analyze
from okrlint.text.normalize import normalize

CODE = "OKR204"
NAME = "kr-is-task"
SCOPE = "key_result"
SEVERITY = "warning"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}

# Labels, checkboxes, emphasis and emoji before the words of a key result.
_LEAD = (
    r"(?:[\s\-*•·>#+]|\[[ xX]?\]|[✅❌⚠️🚀📝✔✗]|\*\*|__"
    r"|(?i:kr|okr|key[ ]results?|关键结果|关键成果)[ ]?\d{0,3}(?:\.\d{1,3})*[ ]?(?:[(（][^)）]{0,12}[)）])?[ ]?[:：.、)\-]?"
    r"|\d{1,3}[.、)])+"
)
# A deadline the line starts with: "3月底前", "Q1前", "在Q2内", "By end of Q2,", "Q1:".
_LEAD_DATE_ZH = (
    r"(?:在|于)?(?:\d{4}年)?(?:Q[1-4]|[一二三四1-4]季度|第[一二三四]季度|[上下]半年|年底|年中|季度末|本季度|本月|本周"
    r"|\d{1,2}月(?:\d{1,2}[日号])?(?:底|末|中|初|上旬|中旬|下旬)?)(?:之?前|内|结束前|底前)?[ ]?[,，:：]?"
)
_LEAD_DATE_EN = (
    r"(?i:(?:by|before|until|in|during|within)[ ]+(?:the[ ]+)?(?:end[ ]+of[ ]+)?(?:Q[1-4]|H[12]|[A-Z][a-z]+[ ]?\d{0,2}"
    r"|\d{4}-\d{2}-\d{2}|week[ ]\d+|this[ ]quarter|the[ ]quarter)(?:[ ]\d{4})?|Q[1-4](?:[ ]\d{4})?)[ ]?[,:]?[ ]*"
)
# One step of strip_lead in one call: the lead (greedy, as alone: whatever follows may be empty), then a
# deadline, Chinese form first (as ``_LEAD_DATE_ZH.match(s) or _LEAD_DATE_EN.match(s)``).
_LEAD_STEP = compiled(rf"(?:{_LEAD})?(?:{_LEAD_DATE_ZH}|{_LEAD_DATE_EN})?")
# Clauses: punctuation, and connectors that start a new statement.
_CLAUSE_SEPS = ";。；!?！？\n\r，,"
_CLAUSE_EN = ("and", "so that", "such that", "resulting in", "leading to", "which", "that")
_CLAUSE_ZH = ("并且", "并", "同时", "从而", "使得", "以便", "进而", "实现")
# The same on folded text (_common.fold): every branch starts with a literal, so sre skips to candidates.
_CLAUSES_FOLDED = compiled("|".join([*map(re.escape, _CLAUSE_SEPS),
                                       branches((w, "(?![a-z])", "[a-z]") for w in _CLAUSE_EN),
                                       *map(re.escape, _CLAUSE_ZH)]))


@functools.cache
def _clauses_rx() -> re.Pattern[str]:
    """For the rare text that cannot be folded."""
    return compiled(
        r"[;。；!?！？\n\r，,]|(?<![A-Za-z])(?i:and|so[ ]that|such[ ]that|resulting[ ]in|leading[ ]to|which|that)"
        r"(?![A-Za-z])|并且|并|同时|从而|使得|以便|进而|实现"
    )


_MONEY = frozenset({"$", "¥", "€", "£", "元", "美元", "块"})
_EN_WORD = compiled(r"[A-Za-z][A-Za-z\-]*")
# Nouns that look like task verbs: 开发者 (developers), 设计师 (designers), 组织架构 (org chart).
_ZH_NOT_VERB = compiled(r"开发者|设计师|培训师|组织架构|发布会后|迁移率|交付率|交付周期|上线率|落地率")


@functools.cache
def _zh_task_rx() -> tuple[re.Pattern[str], bool]:
    """The pattern, and whether it can match ASCII text at all (not when every verb has a Chinese character)."""
    words = set(vocabulary("zh").get("task_verbs", [])) | set(vocabulary("zh").get("kr_task_verbs", []))
    leads = vocabulary("zh").get("kr_task_adverbs", [])
    alt = "|".join(re.escape(w) for w in longest_first(words))
    lead = "|".join(re.escape(w) for w in longest_first(leads)) or "(?!)"
    return compiled(rf"(?:{lead}){{0,2}}(?:{alt})"), any(w.isascii() for w in words)


@functools.cache
def _en_task_heads() -> tuple[frozenset[str], frozenset[str]]:
    """Inflected one-word task verbs, and two-word ones ("set up", "kick off") as written."""
    from okrlint.text.vocab import _english_forms

    one: set[str] = set()
    two: set[str] = set()
    for word in vocabulary("en").get("task_verbs", []) + vocabulary("en").get("kr_task_verbs", []):
        w = " ".join(word.lower().split())
        if not w:
            continue
        forms = _english_forms(w)
        (two if " " in w else one).update(forms)
    return frozenset(one), frozenset(two)


@functools.cache
def _outcome_rx() -> re.Pattern[str]:
    zh = set(vocabulary("zh").get("outcome_words", [])) | set(vocabulary("zh").get("kr_outcome_words", []))
    en = set(vocabulary("en").get("outcome_words", [])) | set(vocabulary("en").get("kr_outcome_words", []))
    zh_alt = "|".join(re.escape(w) for w in longest_first(zh))
    en_alt = "|".join(re.escape(w) for w in longest_first(en))
    return compiled(rf"(?:{zh_alt})|(?<![A-Za-z])(?:{en_alt})(?![A-Za-z])", re.IGNORECASE)


@functools.cache
def _result_verb_rx() -> re.Pattern[str]:
    from okrlint.text.vocab import _english_forms

    zh = vocabulary("zh").get("kr_result_verbs", [])
    en = {f for w in vocabulary("en").get("kr_result_verbs", []) for f in _english_forms(w.strip()) if w.strip()}
    zh_alt = "|".join(re.escape(w) for w in longest_first(zh)) or "(?!)"
    en_alt = "|".join(re.escape(w) for w in longest_first(en)) or "(?!)"
    return compiled(rf"(?:{zh_alt})|(?i:(?:{en_alt}))(?![A-Za-z])")


def strip_lead(text: str) -> str:
    """The words of a key result: without its label, checkbox, emphasis and a leading deadline."""
    return _lead_steps(normalize(text))[0]


def stripped_lead(text: str) -> tuple[str, bool]:
    """``strip_lead(text)``, and whether it ended because nothing was left to strip (not after three steps).

    Then no prefix of it starts with a lead either (the patterns look at nothing beyond what they match),
    so its first clause needs no stripping. Rules share it per document: ``ctx.memo(stripped_lead, title)``.
    """
    return _lead_steps(normalize(text))


def _lead_steps(s: str) -> tuple[str, bool]:
    for _ in range(3):
        end = _LEAD_STEP.match(s).end()  # type: ignore[union-attr]  # it may match nothing, never fails
        if not end:
            return s.strip(), True
        s = s[end:]
    return s.strip(), False


def _strip_lead(s: str) -> str:
    """strip_lead of normalised text (normalize() is idempotent: clauses of a normalised body need none)."""
    return _lead_steps(s)[0]


_MAX_CLAUSES = 16  # a key result is a sentence or two; bound the work on pathological lines


def _separators(text: str) -> Iterator[re.Match[str]]:
    """Clause separators in ``text`` (the first 2,000 characters of a body)."""
    low = fold(text)
    return _CLAUSES_FOLDED.finditer(low) if low is not None else _clauses_rx().finditer(text)


def clauses(text: str) -> list[str]:
    text = text[:2000]
    pieces = []
    start = 0
    for i, m in enumerate(_separators(text)):  # re.split(maxsplit=_MAX_CLAUSES), at the folded text's offsets
        if i == _MAX_CLAUSES:
            break
        pieces.append(text[start:m.start()])
        start = m.end()
    pieces.append(text[start:])
    return [c.strip() for c in pieces if c and c.strip()][:_MAX_CLAUSES]


def _first_clause(text: str) -> tuple[str | None, bool]:
    """``clauses(text)[0]`` (None when there is none), without splitting the rest; and whether it is the
    text's first piece (so, stripped, a prefix of a stripped ``text``)."""
    head = text[:2000]
    low = fold(head)
    m = _CLAUSES_FOLDED.search(low) if low is not None else _clauses_rx().search(head)
    first = (head[:m.start()] if m else head).strip()
    if first:
        return first, True
    parts = clauses(text)
    return (parts[0] if parts else None), False


def starts_with_task(clause: str, *, normalized: bool = False) -> bool:
    """The clause begins with an activity / output verb (after a label and a short adverb)."""
    return _task_start(_strip_lead(clause) if normalized else strip_lead(clause))


def _task_start(s: str) -> bool:
    """starts_with_task for a clause whose lead is stripped."""
    if not s:
        return False
    ascii_text = s.isascii()  # no Chinese word can match it
    if not ascii_text and _ZH_NOT_VERB.match(s):
        return False
    zh_rx, zh_ascii = _zh_task_rx()
    if (zh_ascii or not ascii_text) and zh_rx.match(s):
        return True
    m = _EN_WORD.search(s, 0, 40)  # the first two English words in the first 40 characters
    if m is None:
        return False
    one, two = _en_task_heads()
    first = m.group().lower()
    m = _EN_WORD.search(s, m.end(), 40)
    if m is not None and f"{first} {m.group().lower()}" in two:
        return True
    return first in one


def is_outcome_clause(clause: str, task_start: bool) -> bool:
    """A clause that sets a level, baseline or change on a result (not a count of work)."""
    f = analyze(clause)
    if not task_start and f.numbers and _result_verb_rx().match(strip_lead(clause)):
        return True  # "…, get 20 community comments": a count of what the work brought in
    moves = f.target is not None or f.baseline is not None or f.relative is not None \
        or any(q.unit in _MONEY for q in f.numbers)  # "build a $2M pipeline" is a result in money
    if not moves:
        return False
    if not task_start:
        return True
    # "hold churn below 2%", "run 5k in under 25 minutes" -- not "deliver 95% of features"
    return f.limit is not None or _outcome_rx().search(clause) is not None


def _has_fields(fields: dict[str, object] | None) -> bool:
    """A structured metric, baseline or target: the key result measures something."""
    return bool(fields) and any(fields.get(k) is not None for k in ("metric", "baseline", "target"))  # type: ignore


def is_task(text: str, fields: dict[str, object] | None = None) -> bool:
    return not _has_fields(fields) and _body_is_task(*stripped_lead(text))


def _body_is_task(body: str, clean: bool) -> bool:
    first, leading = _first_clause(body)
    if first is None:
        return False
    if not _task_start(first if clean and leading else _strip_lead(first)):
        return False  # the common case: no need to split the rest
    for i, part in enumerate(clauses(body)):
        if is_outcome_clause(part, starts_with_task(part, normalized=True) if i else True):
            return False
    return True


def check(kr: KeyResult, ctx: Context) -> Iterator[Problem]:
    if not _has_fields(kr.fields) and _body_is_task(*ctx.memo(stripped_lead, kr.title)):
        yield Problem("task", {"text": kr.title})
