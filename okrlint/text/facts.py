"""Facts extracted from one line of OKR text: numbers, baseline, target, direction, deadline, metric.

How the facts are chosen (what rule authors can rely on):

* ``numbers`` -- every quantity written with digits or Chinese numerals, in text
  order, outside dates/quarters/identifiers (KR1, Q4, FY22, 2026-03-31, Week 1-2,
  第3周, 10:00, v1.2.3). ``text``/``start``/``end`` cover the currency sign and a
  symbol comparator ("$2M", "≥88%"), not limit words ("以内", "at least").
  Capped at ``numbers.MAX_QUANTITIES``.
* Ranges ("4.5~5", "10-20%") are two Quantities, both with comparator "~", also
  listed as a pair in ``Facts.ranges``. The lower one gets the upper one's unit
  (and 万/k multiplier: "1~2万") when it has none. If a range is the target,
  ``target`` is its *lower* bound; the upper bound is the pair's second item.
* ``baseline`` -- the quantity after 从/由/from/baseline/当前, or the left side of
  an arrow ("45→55", "45 -> 55").
* ``target`` -- in order: the arrow's right side, or the quantity after a target
  marker (到/至/达到/为/控制在/to/reach/hit/achieve/at) -- after the baseline when
  there is one; else the first quantity with a limit (≥, 以上, 不超过, under,
  within, 内...) outside parentheses. A bare number is never a target.
* ``relative`` -- a direction verb followed, in the same clause, by a quantity
  that is neither baseline nor target ("降低20%", "cut costs by 20%", "提升2倍");
  "double/翻倍" -> 2 (unit "x"/"倍"), "triple" -> 3 x, "halve/减半" -> 50 %. These
  word-made quantities are not in ``numbers``.
* ``limit`` -- the target's limit ("<=" or ">="; symbols ">"/"<" count as
  ">="/"<="), else the relative change's.
* ``direction`` -- only what a verb says (提升 up, 降低 down, 维持 keep; lists in
  rules/vocabulary): the verb nearest before the anchor (target marker, else
  relative change, else baseline marker) -- a verb holding the marker counts
  ("降至") -- or, with no anchor, the first verb. ``direction_word`` is that verb
  as written. Arrows alone give no direction, and
  a verb that disagrees with the numbers is reported as written ("从45提升到40"
  -> up) so a rule can flag it.
* ``metric`` -- the words before the anchor (the baseline marker, else the target
  marker, else the relative change) and its verb, within the clause, with
  labels (KR1:), fillers (将/把/the/our), parentheticals and date tokens removed;
  when that is empty, the words between the verb and the anchor ("reduce churn
  from ..." -> "churn"). None when there is no anchor or the words are not a
  short noun phrase.
* Units are reported as written for Chinese (分, 个, 元...), normalised for
  English (ms, s, min, h, day, week, month, year, x, pt); ％/percent -> "%",
  百分点/percentage points/pp -> "pp"; a currency sign wins over a unit word.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Literal

from okrlint.text import deadlines as _deadlines
from okrlint.text.normalize import CLAUSE_SEP, normalize
from okrlint.text.numbers import RawQuantity, scan_quantities
from okrlint.text.vocab import direction_verbs, task_verb_forms

Direction = Literal["up", "down", "keep"]


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float  # normalised: "1.5万" -> 15000, "30k" -> 30000, "$2M" -> 2000000, "95%" -> 95
    unit: str | None  # "%", "分", "个", "$", "s", "ms", "天", ...; None when bare
    text: str  # the matched text, e.g. "45分"
    start: int  # character offsets into the analysed text
    end: int
    comparator: str | None = None  # ">", ">=", "<", "<=", "~" (range) when written
    # The unit next to this number as written; ``unit`` may be shared from the other end
    # of a range or from the baseline/target ("从45提升到55分").
    written_unit: str | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    text: str
    start: int
    end: int
    date: _dt.date | None  # resolved when possible (needs a year: from the text or ``year``)
    quarter: int | None = None  # "Q4前" -> 4


@dataclass(slots=True)
class Facts:
    lang: Literal["zh", "en"]
    numbers: list[Quantity] = field(default_factory=list)
    baseline: Quantity | None = None
    target: Quantity | None = None
    direction: Direction | None = None  # what the verb says: 提升/increase -> up, 降低/reduce -> down
    relative: Quantity | None = None  # "降低20%", "cut costs by 20%": a change, not a level
    limit: str | None = None  # "<=" for "控制在500万以内"/"under 5", ">=" for "不低于"/"at least"
    deadline: Deadline | None = None
    metric: str | None = None  # the measured thing when it can be told: "NPS", "返修率", "churn"
    # Added: ranges as (low, high) pairs of items in ``numbers``; the direction verb as written.
    ranges: list[tuple[Quantity, Quantity]] = field(default_factory=list)
    direction_word: str | None = None


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> Literal["zh", "en"]:
    """"zh" when CJK ideographs carry a meaningful share of the text (one ideograph ~ three letters)."""
    if not isinstance(text, str) or not text:
        return "en"
    cjk = len(_CJK.findall(text))
    if cjk == 0:
        return "en"
    latin = len(_LATIN.findall(text))
    if latin == 0 or (cjk >= 2 and 3 * cjk >= latin):
        return "zh"
    return "en"


# --- context patterns (all searched in a short window before / matched right after a number) ---
_LE_WORDS = (
    r"不超过|不高于|不多于|低于|少于|小于|至多|最多"
    r"|(?<![A-Za-z])(?i:under|below|less[ ]than|fewer[ ]than|lower[ ]than|at[ ]most|no[ ]more[ ]than"
    r"|not[ ]more[ ]than|not[ ]exceeding|within|up[ ]to|max(?:imum)?(?:[ ]of)?)"
)
_GE_WORDS = (
    r"不低于|不少于|至少|最少|高于|超过|大于|多于|突破"
    r"|(?<![A-Za-z])(?i:at[ ]least|above|more[ ]than|greater[ ]than|higher[ ]than|no[ ]less[ ]than"
    r"|not[ ]less[ ]than|min(?:imum)?(?:[ ]of)?)"
)
_WINDOW = 24
_LIMIT_PRE = re.compile(rf"(?:(?P<le>{_LE_WORDS})|(?P<ge>{_GE_WORDS}))[ ]?$")
_LIMIT_SUF = re.compile(
    r"[ ]?(?:(?P<le>以内|之内|及以下|或以下|以下|之下|或更少|或更低|内(?![部容外控训推网测审存核])"
    r"|(?i:or[ ](?:less|lower|fewer|below)|max(?:imum)?(?![A-Za-z])|at[ ]most))"
    r"|(?P<ge>及以上|或以上|以上|之上|或更高|或更多|\+|(?i:or[ ](?:more|higher|above|better|greater)"
    r"|at[ ]least|and[ ]above)))"
)
_BASE_PRE = re.compile(
    r"(?:从|由|基线值?|基准值?|当前值?|目前|现状|现为"
    r"|(?<![A-Za-z])(?i:from|baseline(?:[ ]of)?|currently(?:[ ]at)?))[ ]?[:为是]?[ ]?$"
)
_TARGET_PRE = re.compile(
    r"(?:达到|达|到|至|为|突破|控制在|保持在|维持在|稳定在|目标值?[ ]?[:为是]?"
    r"|(?<![A-Za-z])(?i:to|reach(?:es|ed|ing)?|hit(?:s|ting)?|achiev(?:e|es|ed|ing)|attain(?:s|ed|ing)?|at"
    r"|target(?:s|ed|ing)?[ ]?:?|goal[ ]?:?)"
    r"|-{1,2}>|=>|[→⟶➔➜⇒➡])"
    rf"[ ]?(?:(?:{_LE_WORDS}|{_GE_WORDS})[ ]?)?$"
)
_ARROW = re.compile(r"[ ]{0,3}(?:-{1,2}>|=>|[→⟶➔➜⇒➡])[ ]{0,3}")
_RANGE = re.compile(r"[ ]?[~\-][ ]?")
_BY_PRE = re.compile(r"(?<![A-Za-z])(?i:by)[ ]?$")
# Words between a verb and its number that mean the number is not a change.
_GAP_BAD = re.compile(r"从|由|到|至|为|达|(?<![A-Za-z])(?i:from|to|at|reach)(?![A-Za-z])")
_MULTIPLE = re.compile(
    r"(?<![A-Za-z])(?i:(?P<two>doubl(?:e|es|ed|ing))|(?P<three>tripl(?:e|es|ed|ing))|(?P<half>halv(?:e|es|ed|ing)|by[ ]half))"
    r"(?![A-Za-z])|(?P<zh2>翻一番|翻倍|翻番)|(?P<zhhalf>减半)"
)
_PAREN = re.compile(r"[(（][^()（）]{0,80}[)）]")
_LABEL = re.compile(
    r"[\s\-*•·>#]*+(?:(?:(?i:kr|okr|obj|objective)|O)[ ]?\d{1,3}(?:\.\d{1,3})*[ ]?[:.、)\-]?|\d{1,3}[.、)])?\s*+"
)
_ZH_FILLER = re.compile(r"(?:将|把|使得|使|让|确保|保证|推动|实现|力争|争取|通过)+")
_EN_FILLER = re.compile(r"(?:(?i:the|our|a|an|to|and|overall)[ ]+)+")
# Comparison words between the metric and its verb: "收入同比增长15%", "revenue YoY".
_TRAILING = re.compile(
    r"[ ]*(?:同比|环比|较(?:去年|上年|上季度|上月|上期)?|相比(?:去年|上年|上季度)?|比去年"
    r"|(?<![A-Za-z])(?i:yoy|qoq|mom|year[- ]over[- ]year))$"
)
_WORDY = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")
_MAX_VERBS = 200


class _Ctx:
    """Per-call lookups over the normalised text (clauses, parentheses)."""

    __slots__ = ("norm", "seps", "parens")

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.seps = [m.start() for m in CLAUSE_SEP.finditer(norm)]
        self.parens = [(m.start(), m.end()) for m in _PAREN.finditer(norm)]

    def clause(self, pos: int) -> int:
        return bisect.bisect_left(self.seps, pos)

    def clause_start(self, pos: int) -> int:
        i = bisect.bisect_left(self.seps, pos)
        return self.seps[i - 1] + 1 if i else 0

    def in_paren(self, pos: int) -> bool:
        i = bisect.bisect_right(self.parens, (pos, len(self.norm) + 1)) - 1
        return i >= 0 and self.parens[i][0] <= pos < self.parens[i][1]


def _limit_of(norm: str, q: RawQuantity) -> str | None:
    if q.comparator in (">", ">="):
        return ">="
    if q.comparator in ("<", "<="):
        return "<="
    m = _LIMIT_PRE.search(norm, max(0, q.start - _WINDOW), q.start)
    if m is None:
        m = _LIMIT_SUF.match(norm, q.end)
    if m is None:
        return None
    return "<=" if m.group("le") else ">="


def _clean_metric(seg: str, english: bool) -> str | None:
    seg = _PAREN.sub("", seg)
    seg = seg[_LABEL.match(seg).end():]  # type: ignore[union-attr]  # _LABEL always matches
    seg = seg.strip(" \t:：-–—·,")
    m = _ZH_FILLER.match(seg) or _EN_FILLER.match(seg)
    if m:
        seg = seg[m.end():]
    seg = seg.strip(" \t:：-–—·,")
    if len(seg) > 80:
        return None
    m = _TRAILING.search(seg)
    if m:
        seg = seg[:m.start()]
    if seg.endswith("的"):
        seg = seg[:-1].rstrip()
    if not seg or not _WORDY.search(seg):
        return None
    if english:
        words = seg.split()
        if len(words) > 6 or len(seg) > 60 or words[0].lower() in task_verb_forms():
            return None
    elif len(seg) > 24:
        return None
    return seg


def analyze(text: str, year: int | None = None) -> Facts:
    """Facts about one objective or key-result line; never raises on any string."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if not isinstance(year, int) or isinstance(year, bool) or not 1 <= year <= 9999:
        year = None
    facts = Facts(lang=detect_language(text))
    if not text:
        return facts
    norm = normalize(text)
    ctx = _Ctx(norm)

    tokens, spans = _deadlines.scan(norm, year)
    tok = _deadlines.pick_deadline(tokens)
    if tok is not None:
        facts.deadline = Deadline(text[tok.start:tok.end], tok.start, tok.end, tok.date, tok.quarter)

    qs = scan_quantities(norm, spans)
    n = len(qs)
    verbs = direction_verbs().find(norm, _MAX_VERBS)
    verb_starts = [v[0] for v in verbs]

    # Arrows and ranges between neighbouring quantities.
    arrow_after: set[int] = set()
    range_pairs: list[tuple[int, int]] = []
    in_range: dict[int, int] = {}  # lower index -> upper index
    for i in range(n - 1):
        a, b = qs[i], qs[i + 1]
        m = _ARROW.match(norm, a.end, b.start)
        if m and m.end() == b.start:
            arrow_after.add(i)
            continue
        m = _RANGE.match(norm, a.end, b.start)
        if (m and m.end() == b.start and a.comparator is None and b.comparator is None
                and i not in in_range and (i - 1) not in in_range):
            if a.unit is None:
                a.unit = b.unit
            if a.scale == 1.0 and b.scale != 1.0:
                a.value *= b.scale
                a.scale = b.scale
            a.comparator = b.comparator = "~"
            range_pairs.append((i, i + 1))
            in_range[i] = i + 1

    def base_marker(i: int) -> int | None:
        q = qs[i]
        m = _BASE_PRE.search(norm, max(0, q.start - _WINDOW), q.start)
        return m.start() if m else None

    def target_marker(i: int) -> int | None:
        q = qs[i]
        m = _TARGET_PRE.search(norm, max(0, q.start - _WINDOW), q.start)
        return m.start() if m else None

    b_idx: int | None = None
    t_idx: int | None = None
    anchor_b: int | None = None  # where the baseline phrase starts (marker or number)
    anchor_t: int | None = None
    for i in range(n):
        mk = base_marker(i)
        if mk is not None:
            b_idx, anchor_b = i, mk
            break
    if b_idx is None and arrow_after:
        i = min(arrow_after)
        b_idx, t_idx, anchor_b, anchor_t = i, i + 1, qs[i].start, qs[i + 1].start
    if b_idx is not None and t_idx is None:
        j = in_range.get(b_idx, b_idx) + 1
        if j < n and ctx.clause(qs[b_idx].end) == ctx.clause(qs[j].start):
            mk = target_marker(j)
            if mk is not None:
                t_idx, anchor_t = j, mk
            elif (j - 1) in arrow_after:
                t_idx, anchor_t = j, qs[j].start
    if t_idx is None:
        for i in range(n):
            if i == b_idx or (b_idx is not None and in_range.get(b_idx) == i):
                continue
            mk = target_marker(i)
            if mk is not None:
                t_idx, anchor_t = i, mk
                break

    # A change: verb ... number in one clause, the number neither level nor baseline.
    r_idx: int | None = None
    r_verb: tuple[int, int, str] | None = None
    taken = {b_idx, t_idx}
    for k, v in enumerate(verbs):
        if v[2] == "keep":
            continue
        i = _first_after(qs, v[1])
        if i >= n or i in taken or in_range.get(i - 1) == i:
            continue  # no number after it, or the number is a level, or the top of a range
        q = qs[i]
        if q.start - v[1] > 30 or ctx.clause(v[1]) != ctx.clause(q.start):
            continue
        if k + 1 < len(verbs) and verbs[k + 1][0] < q.start:
            continue  # another verb is nearer
        if _GAP_BAD.search(norm, v[1], q.start) or base_marker(i) is not None or target_marker(i) is not None:
            continue
        r_idx, r_verb = i, v
        break
    relative_word: Quantity | None = None
    if r_idx is None:
        m = _MULTIPLE.search(norm)
        if m:
            if m.group("two"):
                value, unit = 2.0, "x"
            elif m.group("three"):
                value, unit = 3.0, "x"
            elif m.group("zh2"):
                value, unit = 2.0, "倍"
            else:
                value, unit = 50.0, "%"
            relative_word = Quantity(value, unit, text[m.start():m.end()], m.start(), m.end())

    if t_idx is None:
        for i in range(n):
            if i in (b_idx, r_idx) or ctx.in_paren(qs[i].start):
                continue
            if _limit_of(norm, qs[i]) is not None:
                t_idx = i
                lm = _LIMIT_PRE.search(norm, max(0, qs[i].start - _WINDOW), qs[i].start)
                anchor_t = lm.start() if lm else qs[i].start
                break

    # Baseline and target share a unit when only one was written ("从45提升到55分").
    if b_idx is not None and t_idx is not None:
        bq, tq = qs[b_idx], qs[t_idx]
        if bq.unit is None and tq.unit is not None:
            bq.unit = tq.unit
        elif tq.unit is None and bq.unit is not None:
            tq.unit = bq.unit

    frozen = [Quantity(q.value, q.unit, text[q.start:q.end], q.start, q.end, q.comparator, q.written)
              for q in qs]
    facts.numbers = frozen
    facts.ranges = [(frozen[i], frozen[j]) for i, j in range_pairs]
    if b_idx is not None:
        facts.baseline = frozen[b_idx]
    if t_idx is not None:
        facts.target = frozen[t_idx]
        facts.limit = _limit_of(norm, qs[t_idx])
    if r_idx is not None:
        facts.relative = frozen[r_idx]
        if facts.limit is None:
            facts.limit = _limit_of(norm, qs[r_idx])
    elif relative_word is not None:
        facts.relative = relative_word

    # Direction: the verb nearest before the anchor, preferring the anchor's clause.
    if t_idx is not None:
        anchor = anchor_t
    elif facts.relative is not None:
        anchor = facts.relative.start
    else:
        anchor = anchor_b
    verb: tuple[int, int, str] | None = None
    if r_verb is not None and t_idx is None:
        verb = r_verb
    elif anchor is not None:
        # Start at or before the anchor: "降至" holds the target marker "至".
        k = bisect.bisect_right(verb_starts, anchor) - 1
        if k >= 0:
            verb = verbs[k]
    elif verbs:
        verb = verbs[0]
    if verb is not None:
        facts.direction = verb[2]  # type: ignore[assignment]
        facts.direction_word = text[verb[0]:verb[1]]

    # Metric: the words before the anchor phrase (or between its verb and the anchor).
    if b_idx is not None:
        m_anchor = anchor_b
    elif t_idx is not None:
        m_anchor = anchor_t
    elif r_idx is not None:
        q = qs[r_idx]
        by = _BY_PRE.search(norm, max(0, q.start - 4), q.start)
        m_anchor = by.start() if by else q.start
    else:
        m_anchor = None
    if m_anchor is not None:
        mverb = None
        if verb is not None and verb[0] <= m_anchor and ctx.clause(verb[0]) == ctx.clause(m_anchor):
            mverb = verb
        end_before = mverb[0] if mverb else m_anchor
        start = ctx.clause_start(end_before)
        for t in tokens:  # "Q4前NPS从..." -> start after the date
            if start <= t.start and t.end <= end_before:
                start = t.end
        english = facts.lang == "en"
        metric = _clean_metric(norm[start:end_before], english)
        if metric is None and mverb is not None:
            metric = _clean_metric(norm[mverb[1]:max(m_anchor, mverb[1])], english)
        if metric is not None:
            # Report the caller's characters (full-width letters stay as written).
            pos = norm.find(metric, start)
            facts.metric = text[pos:pos + len(metric)] if pos >= 0 else metric
    return facts


def _first_after(qs: list[RawQuantity], pos: int) -> int:
    lo, hi = 0, len(qs)
    while lo < hi:
        mid = (lo + hi) // 2
        if qs[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo
