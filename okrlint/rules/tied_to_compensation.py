"""Text that binds OKR results to pay, bonus or penalty (the article's mistake 5).

## What it does
Reads the whole document — prose, comments and descriptions as well as
objectives and key results — sentence by sentence, and flags a sentence that
names the OKR result (`OKR`, `KR`, `关键结果`, `完成度`, `key results`), a pay or
penalty word (`奖金`, `扣绩效`, `薪酬`, `晋升`, `bonus`, `salary`, `promotion`) and
a binding word (`挂钩`, `低于`, `扣`, `决定`, `tied to`, `below`, `determines`,
`cut`), such as `OKR完成度低于0.6,扣绩效奖金` or `OKR attainment determines
bonus`. It reports the exact line and columns of the sentence: at most one
finding per line and 50 per document.

Not flagged:
- sentences that deny the link (`OKR不直接绑定薪酬`, `OKRs are not tied to
  compensation`, `independent of bonus`): word list `pay_negations`;
- the `kpis:` section and `KPI:` lines — KPIs guard the floor and may bind to
  pay (the article's OKR + KPI combination: `binding: 一票否决`);
- Markdown headings (`# 错误5:直接把OKR绑定绩效` names the topic).

Word lists: `okr_result_refs`, `pay_words`, `pay_binding_words`,
`pay_negations` in `rules/vocabulary/`.

## Why is this bad?
OKRs are meant to be ambitious, so 0.6–0.7 is a good score. Once a score below
0.6 costs money, nobody sets a stretch target again: 60–70 % turns into a
failing grade and the OKR decays into a KPI. Let OKR results inform the
performance conversation (with effort, collaboration and business results), and
bind pay to KPIs instead.

## Example
Bad:
```
考核规则:OKR完成度低于0.6,扣绩效奖金。
Appraisal rule: OKR attainment below 0.6 means the performance bonus is cut.
```
Good:
```
OKR完成度作为绩效评估的参考之一,不直接与奖金挂钩;奖金按KPI(kpis:)计算。
OKR scores inform the performance conversation but are not tied to bonus; bonus follows the KPIs.
```

## Options
None.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable, Iterator

from okrlint.engine.context import Context
from okrlint.model import Document, Problem, Span
from okrlint.packs import vocabulary
from okrlint.regex_cache import compiled, longest_first
from okrlint.rules._common import Folded, branches, fold, foldable

CODE = "OKR402"
NAME = "tied-to-compensation"
SCOPE = "document"
SEVERITY = "error"
OPTIONS_SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": False, "properties": {}}

# Sentence ends; an English full stop only before a space (0.6 and v1.2 are not sentence ends).
_SENTENCE_END = compiled(r"[。！？!?;；\n]|\.(?=\s|$)")
_HEADING = compiled(r"[ \t]{0,3}#{1,6}[ \t]")
_KPI_LINE = compiled(r"[\s\-*+>]*(?:\*\*)?(?i:kpis?)\d*(?:\*\*)?\s*[(（:：]")
_YAML_TOP_KEY = compiled(r"(?P<key>[A-Za-z_][\w-]*|\"[^\"]*\"|'[^']*')[ \t]*:")
# A line label ("KR2:", "- O1:", "关键结果1:"): structure, not a mention of OKR results.
_LABEL = compiled(r"[\s\-*+>#]*(?:(?:\*\*)?(?:(?i:key[ ]?results?|objective|krs?|o)[ ]?\d{0,3}|关键结果\d{0,3}"
                    r"|目标\d{0,3})(?:\*\*)?(?:[(（][^)）]{0,12}[)）])?(?:\*\*)?[ ]?[:：](?:\*\*)?[ ]?)?")
_CLAUSE = compiled(r"[,，、:：]")
_KPI = compiled(r"(?<![A-Za-z])(?i:kpis?)(?![A-Za-z])")
MAX_SENTENCE = 500  # characters
MAX_FINDINGS = 50  # per document
_LINES = compiled(r"\r\n|\r|\n")  # line ends as the parsers count them
_EDGE_L, _EDGE_R = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in longest_first(set(words)))


@functools.cache
def _words(*keys: str) -> list[str]:
    return [w for lang in ("zh", "en") for k in keys for w in vocabulary(lang).get(k, [])]


@functools.cache
def _regex(*keys: str) -> Folded:
    """Both languages' words under ``keys``; Latin words only on word edges (KR is not in 'KRONE')."""
    words = _words(*keys)
    latin = [w for w in words if re.fullmatch(r"[\x00-\x7f]+", w)]
    other = [w for w in words if w not in latin]
    parts = []
    if latin:
        parts.append(rf"{_EDGE_L}(?:{_alt(latin)}){_EDGE_R}")
    if other:
        parts.append(f"(?:{_alt(other)})")
    folded = None
    if foldable(words) and "" not in words:
        items = [(w, "(?![a-z0-9])", "[a-z0-9]") for w in _sorted(latin)] + [(w, "", None) for w in _sorted(other)]
        folded = branches(items) or r"(?!)"
    return Folded(folded, "|".join(parts) or r"(?!)")


def _sorted(words: list[str]) -> list[str]:
    return longest_first(set(words))


@functools.cache
def _weak_pay() -> frozenset[str]:
    return frozenset(w.lower() for w in _words("pay_words_weak"))


@functools.cache
def _refs_lowered() -> tuple[str, ...]:
    """The lowered reference words that contain no other one: a text containing "okr score" contains "kr",
    so testing "kr" alone answers for both (shortest first: they are the likeliest to be there)."""
    words = sorted({w.lower() for w in _words("okr_result_refs")}, key=lambda w: (len(w), w))
    kept: list[str] = []
    for w in words:
        if not any(k in w for k in kept):
            kept.append(w)
    return tuple(kept)


def _kpi_lines(doc: Document) -> set[int]:
    """Lines that belong to KPIs, where binding to pay is the point."""
    lines: set[int] = set()
    for kpi in doc.kpis:
        spans = [kpi.span, *kpi.field_spans.values()]
        lines.update(range(min(s.line for s in spans), max(s.end_line for s in spans) + 1))
    if doc.format == "yaml":
        inside = False
        for no, line in enumerate(_LINES.split(doc.text), 1):
            if line[:1] == "#":
                continue  # a top-level comment is prose, whichever block it stands in
            if line[:1] not in ("", " ", "\t", "-"):  # a top-level key starts or ends the block
                m = _YAML_TOP_KEY.match(line)
                inside = bool(m) and m.group("key").strip("\"'") == "kpis"
            if inside:
                lines.add(no)
    return lines


def _sentences(line: str) -> Iterator[tuple[int, str]]:
    start = 0
    for m in _SENTENCE_END.finditer(line):
        yield start, line[start:m.start()]
        start = m.end()
    yield start, line[start:]


def binding(sentence: str) -> tuple[int, int] | None:
    """The span of the pay word ``sentence`` binds the OKR result to, or None.

    Needs an OKR reference (not a line label such as "KR2:"), a pay word and a
    binding word, and no negation; a weak pay word ("绩效", "performance review")
    needs a strong binding word ("挂钩", "tied to"). A pay word in a clause about
    KPIs ("KPI与薪酬挂钩,OKR用于牵引突破") is the KPI's, not the OKR's.
    """
    cut = _LABEL.match(sentence).end()  # type: ignore[union-attr]  # _LABEL always matches
    body = sentence[cut:]
    low = fold(body)  # the words are matched on the folded body when it folds: same offsets

    def find(*keys: str) -> re.Match[str] | None:
        rx, s = _regex(*keys).on(body, low)
        return rx.search(s)

    ref = find("okr_result_refs")
    if ref is None or find("pay_negations", "pay_negations_more"):
        return None
    bind_any = find("pay_binding_words") is not None
    bind_strong = find("pay_binding_strong") is not None
    pay_rx, s = _regex("pay_words").on(body, low)
    for pay in pay_rx.finditer(s):
        if not (bind_strong or (bind_any and body[pay.start():pay.end()].lower() not in _weak_pay())):
            continue
        clause = _clause(body, pay.start())
        if _KPI.search(clause) and not _regex("okr_result_refs").search(clause):
            continue
        if pay.start() < ref.end() and any(p.start() >= ref.end() for p in pay_rx.finditer(s)):
            continue  # a label before the reference ("考核规则:OKR…扣绩效奖金"): report the bound one
        # The label ends in a non-word character, so the word matches in the sentence as it does in the body.
        return cut + pay.start(), cut + pay.end()
    return None


def _clause(text: str, pos: int) -> str:
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, pos)), default=0)
    m = _CLAUSE.search(text, pos)
    return text[start:m.start() if m else len(text)]


def _lines_of(text: str, offsets: Iterable[int]) -> set[int]:
    """The numbers of the lines (as _LINES splits them) where ``offsets``, in increasing order, fall."""
    cr = "\r" in text
    lines: set[int] = set()
    no, last = 1, 0
    for pos in offsets:
        no += text.count("\n", last, pos)
        if cr:  # "\r\n" is one line end, a lone "\r" one too
            no += text.count("\r", last, pos) - text.count("\r\n", last, pos)
        lines.add(no)
        last = pos
    return lines


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    text = doc.text or ""
    low = text.lower()
    if not any(w in low for w in _refs_lowered()):
        return  # the common case: plain substring tests, then out
    pay_rx = _regex("pay_words")
    rx, s = pay_rx.on(text, fold(text, low))
    first = rx.search(s)
    if first is None:
        return
    ref_rx = _regex("okr_result_refs")
    reported = 0
    skip = _kpi_lines(doc)
    markdown = doc.format in ("markdown", "text")
    # When the whole text folds, each line folds to its slice of it (lower() maps character by character
    # but for a final sigma, and a line end is neither cased nor case-ignorable): the lines with a pay
    # word are those where a match in the whole text starts (no word spans a line end).
    paid = _lines_of(text, (m.start() for m in rx.finditer(s, first.start()))) if rx is pay_rx.folded else None
    for no, line in enumerate(_LINES.split(text), 1):
        if paid is not None and no not in paid:
            continue  # no pay word in the line, so none in any of its sentences
        if no in skip or (markdown and (_HEADING.match(line) or _KPI_LINE.match(line))):
            continue
        if paid is None:
            line_rx, line_s = pay_rx.on(line, fold(line))
            if not line_rx.search(line_s):
                continue
        for offset, sentence in _sentences(line):
            if len(sentence) > MAX_SENTENCE:
                continue  # not a sentence people write; bounding it keeps the rule linear
            pay = binding(sentence)
            if pay is None:
                continue
            rx, s = ref_rx.on(sentence, fold(sentence))
            ref = rx.search(s, _LABEL.match(sentence).end())  # type: ignore[union-attr]
            begin = min(ref.start(), pay[0]) if ref else pay[0]
            body = sentence[begin:].rstrip()
            start = offset + begin
            yield Problem("tied-to-pay", {"text": body, "pay": sentence[pay[0]:pay[1]]},
                          span=Span(no, start + 1, no, start + len(body) + 1), node_path="")
            reported += 1
            break  # one finding per line is enough to point at the rule
        if reported >= MAX_FINDINGS:
            return  # a document that says it this often has made its point
