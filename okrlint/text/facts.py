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

import datetime as _dt
import functools
import operator
import re
from bisect import bisect_left, bisect_right
from typing import Literal

from okrlint.record import Frozen, Record, set_field, setters
from okrlint.regex_cache import compiled
from okrlint.text import deadlines as _deadlines
from okrlint.text.normalize import CLAUSE_SEP, FOLDS, normalize_and_fold
from okrlint.text.numbers import RawQuantity, scan_quantities
from okrlint.text.vocab import direction_verbs, task_verb_forms

Direction = Literal["up", "down", "keep"]


class Quantity(Frozen):
    __slots__ = ("value", "unit", "text", "start", "end", "comparator", "written_unit")
    value: float  # normalised: "1.5万" -> 15000, "30k" -> 30000, "$2M" -> 2000000, "95%" -> 95
    unit: str | None  # "%", "分", "个", "$", "s", "ms", "天", ...; None when bare
    text: str  # the matched text, e.g. "45分"
    start: int  # character offsets into the analysed text
    end: int
    comparator: str | None  # ">", ">=", "<", "<=", "~" (range) when written
    # The unit next to this number as written; ``unit`` may be shared from the other end
    # of a range or from the baseline/target ("从45提升到55分").
    written_unit: str | None

    def __init__(self, value: float, unit: str | None, text: str, start: int, end: int,
                 comparator: str | None = None, written_unit: str | None = None) -> None:
        set_field(self, "value", value)
        set_field(self, "unit", unit)
        set_field(self, "text", text)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "comparator", comparator)
        set_field(self, "written_unit", written_unit)


# Quantity(...) sets each field through object.__setattr__ (the class is frozen); setting the slots
# directly is ~3x faster, and analyze makes one per number. Same fields, same order: see the assert.
_SET_QUANTITY = setters(Quantity)
assert Quantity._fields == ("value", "unit", "text", "start", "end", "comparator", "written_unit")


def _freeze(qs: list[RawQuantity], text: str) -> list[Quantity]:
    """``[Quantity(q.value, q.unit, text[q.start:q.end], q.start, q.end, q.comparator, q.written) for q in qs]``
    (a loop: a comprehension makes a function per call, for two or three numbers)."""
    value, unit, txt, start, end, comparator, written = _SET_QUANTITY
    new_object = object.__new__
    frozen = []
    for q in qs:
        new = new_object(Quantity)
        value(new, q.value)
        unit(new, q.unit)
        txt(new, text[q.start:q.end])
        start(new, q.start)
        end(new, q.end)
        comparator(new, q.comparator)
        written(new, q.written)
        frozen.append(new)
    return frozen


class Deadline(Frozen):
    __slots__ = ("text", "start", "end", "date", "quarter")
    text: str
    start: int
    end: int
    date: _dt.date | None  # resolved when possible (needs a year: from the text or ``year``)
    quarter: int | None  # "Q4前" -> 4

    def __init__(self, text: str, start: int, end: int, date: _dt.date | None, quarter: int | None = None) -> None:
        set_field(self, "text", text)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "date", date)
        set_field(self, "quarter", quarter)


class Facts(Record):
    __slots__ = ("lang", "numbers", "baseline", "target", "direction", "relative", "limit", "deadline", "metric",
                 "ranges", "direction_word")
    lang: Literal["zh", "en"]
    numbers: list[Quantity]
    baseline: Quantity | None
    target: Quantity | None
    direction: Direction | None  # what the verb says: 提升/increase -> up, 降低/reduce -> down
    relative: Quantity | None  # "降低20%", "cut costs by 20%": a change, not a level
    limit: str | None  # "<=" for "控制在500万以内"/"under 5", ">=" for "不低于"/"at least"
    deadline: Deadline | None
    metric: str | None  # the measured thing when it can be told: "NPS", "返修率", "churn"
    # Added: ranges as (low, high) pairs of items in ``numbers``; the direction verb as written.
    ranges: list[tuple[Quantity, Quantity]]
    direction_word: str | None

    def __init__(self, lang: Literal["zh", "en"], numbers: list[Quantity] | None = None,
                 baseline: Quantity | None = None, target: Quantity | None = None,
                 direction: Direction | None = None, relative: Quantity | None = None, limit: str | None = None,
                 deadline: Deadline | None = None, metric: str | None = None,
                 ranges: list[tuple[Quantity, Quantity]] | None = None, direction_word: str | None = None) -> None:
        self.lang = lang
        self.numbers = [] if numbers is None else numbers
        self.baseline = baseline
        self.target = target
        self.direction = direction
        self.relative = relative
        self.limit = limit
        self.deadline = deadline
        self.metric = metric
        self.ranges = [] if ranges is None else ranges
        self.direction_word = direction_word


_LATIN = compiled(r"[A-Za-z]")


@functools.cache
def _cjk() -> re.Pattern[str]:
    # Compiled on the first non-ASCII text: sre expands a class over these BMP ranges into a bitmap
    # in Python (~3 ms at start-up), which ASCII-only runs never need.
    return compiled(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def detect_language(text: str) -> Literal["zh", "en"]:
    """"zh" when CJK ideographs carry a meaningful share of the text (one ideograph ~ three letters)."""
    if not isinstance(text, str) or not text or text.isascii():
        return "en"
    latin = len(_LATIN.findall(text))
    if latin == 0:  # any ideograph will do
        return "zh" if _cjk().search(text) else "en"
    # "zh" takes at least 2 ideographs and one per 3 letters: look for that many, no more.
    search = _cjk().search
    pos = 0
    for _ in range(max(2, -(-latin // 3))):
        m = search(text, pos)
        if m is None:
            return "en"
        pos = m.end()
    return "zh"


# --- context patterns (all searched in a short window before / matched right after a number) ---
# The English words of _LIMIT_PRE, _BASE_PRE, _TARGET_PRE and _GAP_BAD are case-insensitive and
# must not follow a letter. As written that is "(?<![A-Za-z])(?i:...)", which sre tries slowly at
# every position of a window; these patterns are used on the lower-cased line instead, each word
# opening with its first letter (then the lookbehind), so that the search skips to candidates.
# A line holding one of FOLDS is searched with the patterns as written (_folding).
def _en(words: tuple[str, ...], folding: bool) -> str:
    """English words (written in lower case), not after a letter: case-insensitive as written
    (``folding``), else for the lower-cased line."""
    if folding:
        return "(?<![A-Za-z])(?i:" + "|".join(words) + ")"
    rests: dict[str, list[str]] = {}
    for word in words:
        assert "a" <= word[0] <= "z", word
        rests.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{c}(?<![a-z]{c})(?:{'|'.join(r)})" for c, r in rests.items())


_LE_EN = ("under", "below", "less[ ]than", "fewer[ ]than", "lower[ ]than", "at[ ]most", "no[ ]more[ ]than",
          "not[ ]more[ ]than", "not[ ]exceeding", "within", "up[ ]to", "max(?:imum)?(?:[ ]of)?")
_GE_EN = ("at[ ]least", "above", "more[ ]than", "greater[ ]than", "higher[ ]than", "no[ ]less[ ]than",
          "not[ ]less[ ]than", "min(?:imum)?(?:[ ]of)?")
_BASE_EN = ("from", "baseline(?:[ ]of)?", "currently(?:[ ]at)?")
_TARGET_EN = ("to", "reach(?:es|ed|ing)?", "hit(?:s|ting)?", "achiev(?:e|es|ed|ing)", "attain(?:s|ed|ing)?", "at",
              "target(?:s|ed|ing)?[ ]?:?", "goal[ ]?:?")
_GAP_EN = ("from", "to", "at", "reach")


def _context_patterns(folding: bool) -> tuple[str, str, str, str]:
    """Sources of _LIMIT_PRE, _BASE_PRE, _TARGET_PRE, _GAP_BAD (words between a verb and its number
    that mean the number is not a change)."""
    le = "不超过|不高于|不多于|低于|少于|小于|至多|最多|" + _en(_LE_EN, folding)
    ge = "不低于|不少于|至少|最少|高于|超过|大于|多于|突破|" + _en(_GE_EN, folding)
    # Arrows as single characters when not folding: every alternative then opens with one.
    arrows = "-{1,2}>|=>|[→⟶➔➜⇒➡]" if folding else "->|-->|=>|→|⟶|➔|➜|⇒|➡"
    gap = _en(_GAP_EN, folding) + "(?![A-Za-z])" if folding else f"(?:{_en(_GAP_EN, folding)})(?![a-z])"
    return (
        rf"(?:(?P<le>{le})|(?P<ge>{ge}))[ ]?$",
        rf"(?:从|由|基线值?|基准值?|当前值?|目前|现状|现为|{_en(_BASE_EN, folding)})[ ]?[:为是]?[ ]?$",
        rf"(?:达到|达|到|至|为|突破|控制在|保持在|维持在|稳定在|目标值?[ ]?[:为是]?|{_en(_TARGET_EN, folding)}|{arrows})"
        rf"[ ]?(?:(?:{le}|{ge})[ ]?)?$",
        "从|由|到|至|为|达|" + gap,
    )


_WINDOW = 24
_FAST = _LIMIT_PRE, _BASE_PRE, _TARGET_PRE, _GAP_BAD = tuple(map(compiled, _context_patterns(False)))


@functools.cache
def _folding() -> tuple[re.Pattern[str], ...]:
    return tuple(map(compiled, _context_patterns(True)))


_LIMIT_SUF = compiled(
    r"[ ]?(?:(?P<le>以内|之内|及以下|或以下|以下|之下|或更少|或更低|内(?![部容外控训推网测审存核])"
    r"|(?i:or[ ](?:less|lower|fewer|below)|max(?:imum)?(?![A-Za-z])|at[ ]most))"
    r"|(?P<ge>及以上|或以上|以上|之上|或更高|或更多|\+|(?i:or[ ](?:more|higher|above|better|greater)"
    r"|at[ ]least|and[ ]above)))"
)
_LIMIT_SUF_FIRST = frozenset(" 以之及或内+oOmMaA")  # what _LIMIT_SUF can start with
# _LIMIT_PRE needs one of these words somewhere in the lower-cased line, and few lines have one:
# one search of the line spares a window search per number.
_LIMIT_HINT = compiled("于|过|多|少|突破|under|below|than|most|exceeding|within|up to|max|least|above|min")
_ARROW = compiled(r"[ ]{0,3}(?:-{1,2}>|=>|[→⟶➔➜⇒➡])[ ]{0,3}")
_RANGE = compiled(r"[ ]?[~\-][ ]?")
_BY_PRE = compiled(r"(?<![A-Za-z])(?i:by)[ ]?$")
_MULTIPLE = compiled(
    r"(?<![A-Za-z])(?i:(?P<two>doubl(?:e|es|ed|ing))|(?P<three>tripl(?:e|es|ed|ing))|(?P<half>halv(?:e|es|ed|ing)|by[ ]half))"
    r"(?![A-Za-z])|(?P<zh2>翻一番|翻倍|翻番)|(?P<zhhalf>减半)"
)
_PAREN = compiled(r"[(（][^()（）]{0,80}[)）]")
_LABEL = compiled(
    r"[\s\-*•·>#]*+(?:(?:(?i:kr|okr|obj|objective)|O)[ ]?\d{1,3}(?:\.\d{1,3})*[ ]?[:.、)\-]?|\d{1,3}[.、)])?\s*+"
)
# What _LABEL can consume first besides whitespace and digits.
_LABEL_FIRST = frozenset("-*•·>#kKoO" + FOLDS)
_ZH_FILLER = compiled(r"(?:将|把|使得|使|让|确保|保证|推动|实现|力争|争取|通过)+")
_EN_FILLER = compiled(r"(?:(?i:the|our|a|an|to|and|overall)[ ]+)+")
_ZH_FILLER_FIRST = frozenset("将把使让确保推实力争通")  # what each filler can start with
_EN_FILLER_FIRST = frozenset("tToOaA")
# Comparison words between the metric and its verb: "收入同比增长15%", "revenue YoY".
_TRAILING = compiled(
    r"[ ]*(?:同比|环比|较(?:去年|上年|上季度|上月|上期)?|相比(?:去年|上年|上季度)?|比去年"
    r"|(?<![A-Za-z])(?i:yoy|qoq|mom|year[- ]over[- ]year))$"
)
# The last character of every _TRAILING word: the (slow, end-anchored) search runs only after one.
_TRAILING_LAST = frozenset("比较年度月期yYqQmMrR")
_MAX_VERBS = 200


def _in_paren(parens: list[tuple[int, int]], pos: int, size: int) -> bool:
    i = bisect_right(parens, (pos, size + 1)) - 1
    return i >= 0 and parens[i][0] <= pos < parens[i][1]


_START = operator.attrgetter("start")  # list(map(_START, qs)): the starts without a comprehension
# "Not computed yet" in the per-quantity caches of analyze (a marker is a position or None).
_UNSET = -1
# Characters an arrow or a range dash needs between two numbers; a longer gap holds neither.
_LINK_CHARS = frozenset("-~=>→⟶➔➜⇒➡")
_LINK_MAX = 9  # "   -->   "


class _Quantities:
    """The raw quantities of one text with their context lookups, each searched at most once."""

    __slots__ = ("norm", "qs", "low", "folding", "patterns", "_memo", "_limit_words")

    def __init__(self, norm: str, qs: list[RawQuantity], low: str | None) -> None:
        """``low``: ``fold(norm)``, None when the line holds one of FOLDS."""
        self.norm = norm
        self.qs = qs
        # The context patterns run on the lower-cased line, or on the line as written (_folding).
        self.folding = low is None
        self.low = norm if low is None else low
        self.patterns = _folding() if self.folding else _FAST
        # What each lookup found for quantity i, at 4 * i + one of: 0 pre_limit, 1 base_marker,
        # 2 target_marker (the kinds of the first three are their indices in ``patterns``), 3 limit.
        self._memo: list[tuple[str, int] | str | int | None] = [_UNSET] * (4 * len(qs))
        self._limit_words: bool | None = None

    def gap_bad(self, start: int, end: int) -> bool:
        """Does ``norm[start:end]`` hold a word that makes the number after it a level ("从", "to")?"""
        return self.patterns[3].search(self.low, start, end) is not None

    def base_marker(self, i: int) -> int | None:
        """Where the baseline word before quantity ``i`` starts ("从", "from")."""
        return self._marker(1, i)

    def target_marker(self, i: int) -> int | None:
        """Where the target word before quantity ``i`` starts ("到", "to", "->")."""
        return self._marker(2, i)

    def _marker(self, pattern: int, i: int) -> int | None:
        """Where ``self.patterns[pattern]`` first matches in the window before quantity ``i``."""
        k = 4 * i + pattern
        v = self._memo[k]
        if v == _UNSET:
            start = self.qs[i].start
            m = self.patterns[pattern].search(self.low, max(0, start - _WINDOW), start)
            v = self._memo[k] = m.start() if m else None
        return v  # type: ignore[return-value]

    def pre_limit(self, i: int) -> tuple[str, int] | None:
        """The limit word before quantity ``i`` ("不超过", "at least"): (limit, where it starts)."""
        v = self._memo[4 * i]
        if v == _UNSET:
            words = self._limit_words
            if words is None:
                words = self._limit_words = self.folding or _LIMIT_HINT.search(self.low) is not None
            start = self.qs[i].start
            m = self.patterns[0].search(self.low, max(0, start - _WINDOW), start) if words else None
            v = self._memo[4 * i] = ("<=" if m.group("le") else ">=", m.start()) if m else None
        return v  # type: ignore[return-value]

    def limit(self, i: int) -> str | None:
        """">=" / "<=" when quantity ``i`` is written as a bound (≥88%, 不超过5, under 5, 5以内)."""
        v = self._memo[4 * i + 3]
        if v == _UNSET:
            q = self.qs[i]
            if q.comparator in (">", ">="):
                v = ">="
            elif q.comparator in ("<", "<="):
                v = "<="
            else:
                pre = self.pre_limit(i)
                if pre is not None:
                    v = pre[0]
                else:
                    norm = self.norm
                    m = _LIMIT_SUF.match(norm, q.end) if norm[q.end:q.end + 1] in _LIMIT_SUF_FIRST else None
                    v = None if m is None else "<=" if m.group("le") else ">="
            self._memo[4 * i + 3] = v
        return v  # type: ignore[return-value]


def _wordy(seg: str) -> bool:
    """Has a letter or a CJK ideograph (U+3400..U+4DBF, U+4E00..U+9FFF)."""
    first = seg[:1]
    if "\u4e00" <= first <= "\u9fff" or "a" <= first <= "z" or "A" <= first <= "Z":  # the usual case
        return True
    if _LATIN.search(seg):
        return True
    if seg.isascii():
        return False
    for ch in seg:
        if "\u3400" <= ch <= "\u9fff" and not "\u4dc0" <= ch <= "\u4dff":
            return True
    return False


def _clean_metric(seg: str, english: bool) -> str | None:
    if not seg:
        return None
    if "(" in seg or "（" in seg:  # _PAREN needs an opening bracket
        seg = _PAREN.sub("", seg)
    first = seg[:1]
    if first and (first in _LABEL_FIRST or first.isspace() or first.isdecimal()):
        seg = seg[_LABEL.match(seg).end():]  # type: ignore[union-attr]  # _LABEL always matches
    seg = seg.strip(" \t:：-–—·,")
    first = seg[:1]
    m = (_ZH_FILLER.match(seg) if first in _ZH_FILLER_FIRST
         else _EN_FILLER.match(seg) if first in _EN_FILLER_FIRST else None)
    if m:
        seg = seg[m.end():].strip(" \t:：-–—·,")
    if len(seg) > 80:
        return None
    last = seg[-2:-1] if seg.endswith("\n") else seg[-1:]  # "$" also matches before a final newline
    m = _TRAILING.search(seg) if last in _TRAILING_LAST else None
    if m:
        seg = seg[:m.start()]
    if seg.endswith("的"):
        seg = seg[:-1].rstrip()
    if not seg or not _wordy(seg):
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
    if type(year) is not int or not 1 <= year <= 9999:  # the usual int is told by the first test
        if not isinstance(year, int) or isinstance(year, bool) or not 1 <= year <= 9999:
            year = None
    facts = Facts("en" if text.isascii() else detect_language(text))
    if not text:
        return facts
    # The lower-cased line (None when it holds one of FOLDS), made once for the date scan, the
    # context lookups and the verbs.
    norm, low = normalize_and_fold(text)

    tokens, spans = _deadlines.scan(norm, year, low)
    if tokens:
        tok = _deadlines.pick_deadline(tokens)
        if tok is not None:
            facts.deadline = Deadline(text[tok.start:tok.end], tok.start, tok.end, tok.date, tok.quarter)

    qs = scan_quantities(norm, spans)
    if not qs:
        _without_numbers(facts, text, norm, low)
        return facts
    n = len(qs)
    verbs = direction_verbs().find(norm, _MAX_VERBS, low)
    # The clause of pos is bisect_left(seps, pos); most lines are one clause (no seps: all in clause 0).
    seps = [m.start() for m in CLAUSE_SEP.finditer(norm)] if CLAUSE_SEP.search(norm) else []
    look = _Quantities(norm, qs, low)

    # Arrows and ranges between neighbouring quantities.
    arrow_after: set[int] = set()
    range_pairs: list[tuple[int, int]] = []
    in_range: dict[int, int] = {}  # lower index -> upper index
    for i in range(n - 1):
        a, b = qs[i], qs[i + 1]
        if b.start - a.end > _LINK_MAX or _LINK_CHARS.isdisjoint(norm[a.end:b.start]):
            continue
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

    b_idx: int | None = None
    t_idx: int | None = None
    anchor_b: int | None = None  # where the baseline phrase starts (marker or number)
    anchor_t: int | None = None
    for i in range(n):
        mk = look.base_marker(i)
        if mk is not None:
            b_idx, anchor_b = i, mk
            break
    if b_idx is None and arrow_after:
        i = min(arrow_after)
        b_idx, t_idx, anchor_b, anchor_t = i, i + 1, qs[i].start, qs[i + 1].start
    if b_idx is not None and t_idx is None:
        j = in_range.get(b_idx, b_idx) + 1
        if j < n and (not seps or bisect_left(seps, qs[b_idx].end) == bisect_left(seps, qs[j].start)):
            mk = look.target_marker(j)
            if mk is not None:
                t_idx, anchor_t = j, mk
            elif (j - 1) in arrow_after:
                t_idx, anchor_t = j, qs[j].start
    if t_idx is None:
        for i in range(n):
            if i == b_idx or (b_idx is not None and in_range.get(b_idx) == i):
                continue
            mk = look.target_marker(i)
            if mk is not None:
                t_idx, anchor_t = i, mk
                break

    # A change: verb ... number in one clause, the number neither level nor baseline.
    r_idx: int | None = None
    r_verb: tuple[int, int, str] | None = None
    taken = {b_idx, t_idx}
    starts = list(map(_START, qs)) if verbs else []
    for k, v in enumerate(verbs):
        if v[2] == "keep":
            continue
        i = bisect_left(starts, v[1])  # the first number after the verb
        if i >= n or i in taken or in_range.get(i - 1) == i:
            continue  # no number after it, or the number is a level, or the top of a range
        q = qs[i]
        if q.start - v[1] > 30 or (seps and bisect_left(seps, v[1]) != bisect_left(seps, q.start)):
            continue
        if k + 1 < len(verbs) and verbs[k + 1][0] < q.start:
            continue  # another verb is nearer
        if (look.gap_bad(v[1], q.start) or look.base_marker(i) is not None
                or look.target_marker(i) is not None):
            continue
        r_idx, r_verb = i, v
        break
    relative_word = None if r_idx is not None else _multiple(text, norm, low)

    if t_idx is None:
        parens = [(m.start(), m.end()) for m in _PAREN.finditer(norm)]
        for i in range(n):
            if i in (b_idx, r_idx) or _in_paren(parens, qs[i].start, len(norm)):
                continue
            if look.limit(i) is not None:
                t_idx = i
                pre = look.pre_limit(i)
                anchor_t = pre[1] if pre else qs[i].start
                break

    # Baseline and target share a unit when only one was written ("从45提升到55分").
    if b_idx is not None and t_idx is not None:
        bq, tq = qs[b_idx], qs[t_idx]
        if bq.unit is None and tq.unit is not None:
            bq.unit = tq.unit
        elif tq.unit is None and bq.unit is not None:
            tq.unit = bq.unit

    frozen = _freeze(qs, text)
    facts.numbers = frozen
    if range_pairs:
        facts.ranges = [(frozen[i], frozen[j]) for i, j in range_pairs]
    if b_idx is not None:
        facts.baseline = frozen[b_idx]
    if t_idx is not None:
        facts.target = frozen[t_idx]
        facts.limit = look.limit(t_idx)
    if r_idx is not None:
        facts.relative = frozen[r_idx]
        if facts.limit is None:
            facts.limit = look.limit(r_idx)
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
        verb = _verb_at(verbs, anchor)
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
        if verb is not None and verb[0] <= m_anchor and (
                not seps or bisect_left(seps, verb[0]) == bisect_left(seps, m_anchor)):
            mverb = verb
        end_before = mverb[0] if mverb else m_anchor
        k = bisect_left(seps, end_before)
        start = seps[k - 1] + 1 if k else 0  # where the clause starts
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


def _without_numbers(facts: Facts, text: str, norm: str, low: str | None) -> None:
    """``analyze`` for a line with no quantity: no baseline, target, limit or metric to look for.
    ``low``: ``fold(norm)``."""
    relative_word = _multiple(text, norm, low)
    verb: tuple[int, int, str] | None = None
    if relative_word is not None:
        facts.relative = relative_word
        verb = _verb_at(direction_verbs().find(norm, _MAX_VERBS, low), relative_word.start)
    else:
        verbs = direction_verbs().find(norm, 1, low)  # the first verb is all that is needed
        if verbs:
            verb = verbs[0]
    if verb is not None:
        facts.direction = verb[2]  # type: ignore[assignment]
        facts.direction_word = text[verb[0]:verb[1]]


def _multiple(text: str, norm: str, low: str | None = None) -> Quantity | None:
    """A change written as a word: "double" -> 2 x, "翻倍" -> 2 倍, "halve"/"减半" -> 50 %.

    ``low``: ``norm.lower()`` when already made.
    """
    if "翻" not in norm and "减半" not in norm:
        if low is None:
            low = norm.lower()
        # Every English word of _MULTIPLE holds an "l", and only "L" folds to it: most lines end at
        # the first test. \u0130/\u0131 match "i" in (?i:tripl) but lower() maps them elsewhere.
        if "l" not in low or not ("doubl" in low or "tripl" in low or "halv" in low or "by half" in low
                                  or "\u0130" in norm or "\u0131" in norm):
            return None
    m = _MULTIPLE.search(norm)
    if not m:
        return None
    if m.group("two"):
        value, unit = 2.0, "x"
    elif m.group("three"):
        value, unit = 3.0, "x"
    elif m.group("zh2"):
        value, unit = 2.0, "倍"
    else:
        value, unit = 50.0, "%"
    return Quantity(value, unit, text[m.start():m.end()], m.start(), m.end())


_BIG = 1 << 62  # sorts after every end offset


def _verb_at(verbs: list[tuple[int, int, str]], anchor: int) -> tuple[int, int, str] | None:
    """The last verb starting at or before ``anchor`` ("降至" holds the target marker "至")."""
    k = bisect_right(verbs, (anchor, _BIG)) - 1
    return verbs[k] if k >= 0 else None
