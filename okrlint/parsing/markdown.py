"""Markdown and plain-text OKR documents: labelled lines and headings in, a :class:`Document` out.

People write OKRs in chat-style text far more often than in YAML, so this reader
is line-based and forgiving rather than a Markdown parser.  What it recognises:

* **Objectives**: a line or an ATX heading that starts with ``O``, ``Objective``
  or ``目标``, optionally numbered (``O1``, ``Objective 2``, ``目标一``), optionally
  glossed (``O(目标)``), followed by a colon (``:``/``：``) or a spaced dash
  (``Objective 1 - …``, ``O1 — …``).  Headings may also use just a space after a
  numbered label (``## O1 提升…``).
* **Key results**: the same with ``KR``, ``Key Result`` or ``关键结果``/``关键成果``
  (``KR1(关键结果1)：…``, ``KR 1:``, ``KR1-new:``, ``- **KR2:** …``), and plain list
  items (``-``, ``*``, ``+``, ``1.``, ``1)``) directly below an objective or a
  ``关键结果:``/``Key Results:``/``### Key Results`` label.
* **KPIs**: ``KPI:``/``KPI1:`` lines go to ``Document.kpis`` (they are not KRs).
* Front matter (``---`` YAML ``---``) for ``period``/``team``/``owner``/``review``;
  failing a front-matter period, the first heading (or, in a file without
  headings, the first non-blank line) is searched for one.

Scope, kept simple so that rule authors can predict it:

* an objective *heading* owns its section, up to the next heading of the same or
  a higher level (``### Key Results`` and ``### KR1: …`` headings never end it);
* an objective *line* owns the lines after it until any heading (KR headings
  aside), the next objective, or the first prose line after it has at least one KR (prose
  *before* the first KR is allowed: articles explain, then list the KRs);
* an objective line directly followed by a plural ``Key Results: <text>`` line is
  a glossary ("Objective: where to go / Key Results: how to know") and dropped;
* a labelled KR outside any objective is skipped with a ``kr-without-objective``
  warning; plain list items only count while they directly follow the objective
  (blank lines allowed), only if the objective has no labelled KR yet, and only
  at the indentation of the first such item (deeper items are KR details).

Content of fenced code blocks and HTML comments is ignored; tables and prose are
ignored.  All regexes are anchored ``match`` calls without nested quantifiers,
so time is linear in the input size.
"""
from __future__ import annotations

import re
from typing import Any, Callable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from okrlint.model import Document, KeyResult, Kpi, Objective, Period, Problem, Span
from okrlint.parsing.compose import (NULL_TAG, STR_TAG, TooDeep, compose_text, construct_scalar, plain_scalar,
                                     plain_scalars_exact, syntax_problem)
from okrlint.parsing.yaml_doc import SAFE_TAGS
from okrlint.regex_cache import compiled

# Line ends as LSP counts them, so that line numbers agree with editors.
_LINE_SPLIT = compiled(r"\r\n|\r|\n")

_FENCE = compiled(r" {0,3}(`{3,}|~{3,})")
_HEADING = compiled(r" {0,3}(#{1,6})(?=[ \t]|$)[ \t]*")
_LIST_MARKER = compiled(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_MARKER_STARTS = frozenset("-*+")  # or a digit
_FENCE_CHARS = frozenset("`~")
_TASK_BOX = compiled(r"\[[ xX]\][ \t]+")

# The label: a word, an optional number (+ suffix such as "-new" or "-8"), an
# optional gloss "(目标)", an optional bold closer.  Every part is bounded.
_LABEL = compiled(
    r"(?P<word>objectives?|o|目标|key[ \t]?results?|krs?|关键结果|关键成果|kpis?)"
    r"(?:[ \t]?(?P<num>\d{1,3}|[一二三四五六七八九十]{1,3})"
    r"(?P<suffix>-[A-Za-z0-9]{1,12}(?![A-Za-z0-9]))?)?"
    r"(?P<gloss>[ \t]*[(（][^()（）\n]{0,40}[)）])?"
    r"(?P<bold>\*\*|__)?",
    re.IGNORECASE,
)
# What may follow a label: a colon (then maybe the bold closer), a spaced hyphen or a dash.
_SEP = compiled(r"[ \t]*[:：]|[ \t]+-{1,2}[ \t]+|[ \t]*[—–]{1,2}[ \t]*")
_SPACE_SEP = compiled(r"[ \t]+|$")

_OWNER_PAREN = compiled(
    r"[(（][ \t]*(?:(?:负责人|责任人|owner|Owner|OWNER)[ \t]*[:：][ \t]*(?P<a>[^()（）]{1,40}?)"
    r"|(?P<b>@[\w.\-]{1,64}))[ \t]*[)）]"
)
_HANDLE = compiled(r"[\w.\-]{1,64}")

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Fallback period finder, used only while okrlint.text.period is missing.
_FALLBACK_PERIOD = compiled(
    r"(?<!\d)(?:20\d\d[ \t]*[-/年]?[ \t]*(?:[Qq][1-4]|[Hh][12]|第?[一二三四1-4]季度|[上下]半年)"
    r"|[Qq][1-4][ \t]*[-/]?[ \t]*20\d\d)(?!\d)"
)

_DETECT_LINES = 200
_PERIOD_HEAD = 300  # characters of a heading searched for a period


# -- small helpers -----------------------------------------------------------------------------

def _cn_number(s: str) -> int | None:
    """"一" -> 1, "十二" -> 12, "二十一" -> 21; None for what is not a small Chinese numeral."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "十" in s:
        head, _, tail = s.partition("十")
        if "十" in tail:
            return None
        tens = _CN_DIGITS.get(head) if head else 1
        ones = _CN_DIGITS.get(tail) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1:
        return _CN_DIGITS.get(s)
    return None


def _indent_width(line: str) -> tuple[int, int]:
    """(visual width with tabs to 4, number of leading whitespace characters)."""
    width = 0
    n = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
        n += 1
    return width, n


def _is_thematic_break(stripped: str) -> bool:
    """Three or more of one of "-*_" and nothing else but spaces and tabs ("---", "* * *")."""
    if not stripped or stripped[0] not in "-*_ \t":
        return False
    mark = stripped.lstrip(" \t")[:1]
    if not mark or mark not in "-*_":
        return False
    # A list item ("- KR1: …") fails the strip at its first word, without copying the line twice.
    return not stripped.strip(" \t" + mark) and stripped.count(mark) >= 3


def _mask_comments(lines: list[str]) -> None:
    """Blank out HTML comments in place, keeping every other character at its column."""
    inside = False
    for i, line in enumerate(lines):
        if not inside and "<!--" not in line:
            continue
        out: list[str] = []
        pos = 0
        n = len(line)
        while pos < n:
            if inside:
                end = line.find("-->", pos)
                if end < 0:
                    out.append(" " * (n - pos))
                    pos = n
                else:
                    out.append(" " * (end + 3 - pos))
                    pos = end + 3
                    inside = False
            else:
                start = line.find("<!--", pos)
                if start < 0:
                    out.append(line[pos:])
                    pos = n
                else:
                    out.append(line[pos:start])
                    pos = start
                    inside = True
                    out.append(" " * 4)
                    pos += 4
        lines[i] = "".join(out)


def _split_owner(title: str) -> tuple[str, str | None]:
    """Split "… (负责人: 张三)", "… (owner: @alice)", "… (@alice)", "… — @alice" off a title."""
    # "in" first: most titles have neither, and a bare "in" costs less than rfind's argument parsing.
    open_at = max(title.rfind("("), title.rfind("（")) if "(" in title or "（" in title else -1
    if open_at > 0:
        m = _OWNER_PAREN.fullmatch(title, open_at)
        if m:
            head = title[:open_at].rstrip()
            owner = (m.group("a") or m.group("b") or "").strip()
            if head and owner:
                return head, owner
    at = title.rfind("@") if "@" in title else -1
    if at > 0 and _HANDLE.fullmatch(title, at + 1):
        before = title[:at].rstrip(" \t")
        dashless = before.rstrip("—–-")
        if 0 < len(before) - len(dashless) <= 2 and dashless.endswith((" ", "\t")):
            head = dashless.rstrip()
            if head:
                return head, title[at:]
    return title, None


# A label read off a line, as (kind, number, title, column): a plain tuple, as most lines have one
# and a record cost ~2,600 instructions to build.
#   kind: "objective", "kr", "kpi", "section-kr", "section-o", "section-kpi"
#   number: normalised digits ("1"), with suffix ("1-new"), or None
#   title: what follows the label
#   column: 1-based column of the title
_Label = tuple[str, "str | None", str, int]


# What a label word can start with ("K" too: IGNORECASE lets "k" match the Kelvin sign, U+212A).
_LABEL_STARTS = frozenset("oOkK\u212a目关")
_KINDS = {"o": "objective", "objective": "objective", "目标": "objective", "objectives": "section-o",
          "kpi": "kpi", "kpis": "section-kpi"}
_PLURALS = ("objectives", "krs", "kpis", "keyresults")


def _word_kind(low: str) -> tuple[str, bool]:
    """(kind, plural) of a lower-cased label word."""
    plural = low.replace(" ", "").replace("\t", "") in _PLURALS
    return _KINDS.get(low) or ("section-kr" if plural else "kr"), plural


# Every lower-cased word _LABEL can match, worked out once.
_WORDS = {w: _word_kind(w) for w in (
    "o", "objective", "objectives", "目标", "kr", "krs", "关键结果", "关键成果", "kpi", "kpis",
    *(f"key{sp}result{s}" for sp in ("", " ", "\t") for s in ("", "s")))}
_SEP_STARTS = frozenset(" \t:：—–")


def _read_label(line: str, pos: int, heading: bool) -> _Label | None:
    """Read an O/KR/KPI label at ``pos`` (after list marker, heading marks)."""
    if pos >= len(line):
        return None
    ch = line[pos]  # one character decides most lines: no startswith call with a tuple to parse
    bold = ch in "*_" and line.startswith(("**", "__"), pos)
    if bold:
        pos += 2
        if pos >= len(line):
            return None
        ch = line[pos]
    if ch not in _LABEL_STARTS:  # no word of _LABEL starts otherwise
        return None
    m = _LABEL.match(line, pos)
    if not m:
        return None
    word, num_raw, suffix, _, bold_close = m.groups()
    if word == "o":  # a lone lowercase "o" is a typo or a word, never an objective
        return None
    low = word.lower()
    kind, plural = _WORDS.get(low) or _word_kind(low)
    end = m.end()
    closed = not bold or bold_close is not None
    sep = _SEP.match(line, end) if end < len(line) and line[end] in _SEP_STARTS else None
    if sep:
        end = sep.end()
        if not closed and line.startswith(("**", "__"), end):  # "**KR1:** title"
            end += 2
            closed = True
    else:
        # No colon or dash: only a heading or a closed bold label, and then only a
        # numbered one ("## O1 提升…") or a bare section label ("### Key Results").
        if not (heading or bold_close):
            return None
        sp = _SPACE_SEP.match(line, end)
        if not sp:
            return None
        if num_raw is None and sp.end() != len(line) and not plural:
            return None
        end = sp.end()
    # Skip whitespace after the separator.
    rest = line[end:]
    title = rest.lstrip(" \t")
    end += len(rest) - len(title)
    title = title.rstrip()
    if not closed and title.endswith(("**", "__")):  # "**O1: title**"
        title = title[:-2].rstrip()
    elif len(title) > 4 and title[0] in "*_" and title[:2] in ("**", "__") and title.endswith(title[:2]) \
            and title[:2] not in title[2:-2]:
        title = title[2:-2]  # "KR1: **title**"
        end += 2
    number: str | None = None
    if num_raw is not None:
        n = int(num_raw) if num_raw.isdigit() else _cn_number(num_raw)  # _cn_number's first case, inlined
        if n is None:
            return None
        number = str(n) + suffix if suffix else str(n)
    return kind, number, title, end + 1


# -- front matter --------------------------------------------------------------------------------

def _span(node: Node, line_offset: int) -> Span:
    s, e = node.start_mark, node.end_mark
    return Span(s.line + 1 + line_offset, s.column + 1, e.line + 1 + line_offset, e.column + 1)


class _Budget(Exception):
    pass


class _Unsafe(Exception):
    """A front-matter value with a tag SafeLoader would not build (nothing was constructed)."""

    def __init__(self, node: Node) -> None:
        super().__init__(node.tag)
        self.node = node


def _value(loader: Any, node: Node, budget: list[int], depth: int = 0) -> Any:
    """Construct a plain value from a node, bounded (aliases could otherwise explode)."""
    budget[0] -= 1
    if budget[0] < 0 or depth > 32:
        raise _Budget()
    if node.tag not in SAFE_TAGS:
        raise _Unsafe(node)
    if isinstance(node, ScalarNode):
        if node.tag == STR_TAG:  # most values: skip the constructor's bookkeeping
            return node.value
        if node.tag == NULL_TAG:
            return None
        return construct_scalar(loader, node)
    if isinstance(node, SequenceNode):
        return [_value(loader, item, budget, depth + 1) for item in node.value]
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for k, v in node.value:
            key = _value(loader, k, budget, depth + 1)
            if isinstance(key, (list, dict)):
                key = str(key)
            out[key] = _value(loader, v, budget, depth + 1)
        return out
    return None


def _front_matter(lines: list[str]) -> int:
    """Number of lines taken by a front-matter block (0 when there is none)."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return i + 1
    return 0  # unclosed: a thematic break, not front matter


# -- front matter without libyaml: only what is plainly "key: value" ---------------------------------
# Most front matter is a few "period: 2026-Q1" lines.  Those (and a one-line "review: {a: b, c: d}")
# are read here, with YAML's own tag resolution and constructors, in a fraction of libyaml's set-up
# time; anything else, or any doubt, goes to the YAML parser, which is the authority.

_FM_MAX_LINES = 20
_FM_MAX_WIDTH = 200  # well under libyaml's 1024-character simple-key limit


def _plain(text: str) -> bool:
    """A one-line plain scalar that means the same in block and flow context: letters, digits, inner " -_./"."""
    if text.isalnum():
        return True
    return bool(text) and text[0].isalnum() and text[-1] != " " and \
        text.replace(" ", "").replace("-", "").replace("_", "").replace(".", "").replace("/", "").isalnum()


def _plain_key(key: str) -> bool:
    return key.isascii() and (key[:1].isalpha() or key[:1] == "_") and key.replace("_", "").replace("-", "").isalnum()


def _simple_front_matter(doc: Document, lines: list[str], count: int) -> bool:
    """Read the front matter if it is only "key: plain value" lines; False (``doc`` untouched) otherwise."""
    if count - 2 > _FM_MAX_LINES or not plain_scalars_exact():
        return False
    found: list[tuple[str, Any, Span | None]] = []  # key, value, span to record
    try:
        for i in range(1, count - 1):
            line = lines[i]
            if not line:
                continue
            key, sep, text = line.partition(": ")
            if not sep or len(line) > _FM_MAX_WIDTH or not _plain_key(key):
                return False
            if _plain(text):
                if key == "period":
                    found.append((key, text, Span(i + 1, len(key) + 3, i + 1, len(key) + 3 + len(text))))
                elif key in ("team", "owner"):
                    val = plain_scalar(text)
                    found.append((key, None if val is None else str(val), None))
                elif key == "review":
                    found.append((key, plain_scalar(text), Span(i + 1, 1, i + 1, len(key) + 1)))
            elif key == "review" and text[:1] == "{" and text[-1:] == "}":
                review: dict[Any, Any] = {}
                for entry in text[1:-1].split(", "):
                    k, sep, v = entry.partition(": ")
                    if not (sep and _plain(k) and _plain(v)):
                        return False
                    review[plain_scalar(k)] = plain_scalar(v)
                found.append((key, review, Span(i + 1, 1, i + 1, len(key) + 1)))
            else:
                return False
    except Exception:  # noqa: BLE001 - "2026-02-30" and the like: the YAML parser words the problem
        return False
    if not found and not any(lines[1:count - 1]):
        return False  # empty front matter: the parser's business (it reads nothing either)
    for key, val, span in found:
        if key == "period":
            doc.period_raw = val
            doc.period_span = span
        elif key == "review":
            doc.review = val
            doc.review_span = span
        else:
            setattr(doc, key, val)
    return True


def _read_front_matter(doc: Document, lines: list[str], count: int) -> None:
    if _simple_front_matter(doc, lines, count):
        return
    source = "\n".join(lines[1:count - 1])
    loader: Any = None
    try:
        try:
            loader, root = compose_text(source)  # the pure-Python reader checks characters already here
        except TooDeep as exc:
            doc.parse_problems.append(("parse-error", Problem(
                "too-deep", {}, Span.at(exc.mark.line + 2, exc.mark.column + 1, 1), "", "error")))
            return
        except yaml.MarkedYAMLError as exc:
            doc.parse_problems.append(("parse-error", syntax_problem(exc, 2)))
            return
        if root is None or (isinstance(root, ScalarNode) and root.tag == "tag:yaml.org,2002:null"):
            return
        if not isinstance(root, MappingNode):
            doc.parse_problems.append(("invalid-structure", Problem(
                "expected-mapping", {"field": "front matter"}, _span(root, 1), "", "error")))
            return
        budget = [10_000]
        for knode, vnode in root.value:
            if not isinstance(knode, ScalarNode):
                continue
            key = str(knode.value)
            if key == "period":
                if isinstance(vnode, ScalarNode) and vnode.value != "":
                    doc.period_raw = str(vnode.value)
                    doc.period_span = _span(vnode, 1)
                else:
                    doc.parse_problems.append(("invalid-structure", Problem(
                        "expected-text", {"field": "period"}, _span(vnode, 1), "period", "error")))
            elif key in ("team", "owner"):
                if isinstance(vnode, ScalarNode):
                    val = _value(loader, vnode, budget)
                    setattr(doc, key, None if val is None else str(val))
            elif key == "review":
                doc.review = _value(loader, vnode, budget)
                doc.review_span = _span(knode, 1)
    except _Budget:
        doc.parse_problems.append(("parse-error", Problem("too-large", {"limit": 10_000}, Span.at(1, 1), "", "error")))
    except _Unsafe as exc:
        doc.parse_problems.append(("parse-error", Problem(
            "unsafe-tag", {"tag": exc.node.tag}, _span(exc.node, 1), "", "error")))
    except Exception as exc:  # noqa: BLE001 - never raise: a bad timestamp or tag surfaces only here
        lines_of = str(exc).splitlines()
        reason = lines_of[0] if lines_of else type(exc).__name__
        doc.parse_problems.append(("parse-error", Problem("yaml-syntax", {"reason": reason}, Span.at(1, 1), "", "error")))
    finally:
        if loader is not None:
            loader.dispose()


# -- period ------------------------------------------------------------------------------------

_PERIOD_TOOLS: list[Any] = []  # (parse_period, find_period_in_heading) once imported: an import per file adds up


def _period_tools() -> tuple[Callable[[str], Period | None] | None, Callable[[str], Any]]:
    if _PERIOD_TOOLS:
        return _PERIOD_TOOLS[0]
    try:
        from okrlint.text.period import find_period_in_heading, parse_period
    except ImportError:  # the sibling module may not exist yet
        def find_period_in_heading(text: str) -> tuple[str, int, int] | None:
            m = _FALLBACK_PERIOD.search(text)
            return (m.group(), m.start(), m.end()) if m else None

        return None, find_period_in_heading
    _PERIOD_TOOLS.append((parse_period, find_period_in_heading))
    return parse_period, find_period_in_heading


def _resolve_period(doc: Document, heading: tuple[int, int, str] | None) -> None:
    parse_period, find_in_heading = _period_tools()
    if doc.period_raw is None and heading is not None:
        line_no, col0, text = heading
        try:
            found = find_in_heading(text[:_PERIOD_HEAD])  # a period sits near the start; bounds 1 MB lines
            if found:
                raw, start, end = found
                doc.period_raw = str(raw)
                doc.period_span = Span(line_no, col0 + int(start) + 1, line_no, col0 + int(end) + 1)
        except Exception:  # noqa: BLE001 - a sibling's bug must not break reading
            pass
    if doc.period_raw and parse_period is not None:
        try:
            doc.period = parse_period(doc.period_raw)
        except Exception:  # noqa: BLE001 - left to the generic "bad-period" check
            doc.period = None


# -- the reader --------------------------------------------------------------------------------

class _State:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.obj: Objective | None = None
        self.obj_level: int | None = None  # heading level of an objective heading; None for a line
        self.obj_item_indent = -1  # indentation when the objective itself is a list item
        self.list_open = False  # plain list items count as KRs
        self.list_indent: int | None = None
        self.labelled = False  # the objective has a labelled KR
        self.after_kr = False  # for objective lines: a KR has been seen, prose now ends the block
        self.obj_line = 0
        self.prev_line = 0  # the previous non-blank line outside code

    def close(self) -> None:
        self.obj = None
        self.list_open = False

    def objective(self, title_raw: str, number: str | None, column: int, line_no: int, level: int | None,
                  item_indent: int) -> None:
        doc = self.doc
        index = len(doc.objectives)
        title, owner = _split_owner(title_raw)
        obj = Objective(  # positional: title, span, node_path, index, id, owner
            title, Span(line_no, column, line_no, column + len(title)), f"objectives[{index}]", index,
            f"O{number}" if number else f"O{index + 1}", owner,
        )
        doc.objectives.append(obj)
        self.obj = obj
        self.obj_level = level
        self.obj_line = line_no
        self.obj_item_indent = item_indent
        self.list_open = True
        self.list_indent = None
        self.labelled = False
        self.after_kr = False

    def key_result(self, title_raw: str, number: str | None, line_no: int, column: int) -> None:
        title, owner = _split_owner(title_raw)
        span = Span(line_no, column, line_no, column + len(title))
        if self.obj is None:
            self.doc.parse_problems.append(("parse-error", Problem(
                "kr-without-objective", {"title": title},
                span, "", "warning")))
            return
        obj = self.obj
        index = len(obj.key_results)
        obj.key_results.append(KeyResult(  # positional: title, span, node_path, index, id, owner
            title, span, f"{obj.node_path}.key_results[{index}]", index,
            f"KR{number}" if number else f"KR{index + 1}", owner,
        ))
        if obj.key_results_span is None:
            obj.key_results_span = span
        self.after_kr = True

    def kpi(self, title_raw: str, number: str | None, column: int, line_no: int) -> None:
        doc = self.doc
        index = len(doc.kpis)
        title, owner = _split_owner(title_raw)
        doc.kpis.append(Kpi(  # positional: title, span, node_path, index, id, owner
            title, Span(line_no, column, line_no, column + len(title)), f"kpis[{index}]", index,
            f"KPI{number}" if number else f"KPI{index + 1}", owner,
        ))

    def prose(self) -> None:
        """A non-blank line that is none of ours: ends plain lists, and a line objective's block after KRs."""
        self.list_open = False
        if self.obj is not None and self.obj_level is None and self.after_kr:
            self.close()


def _heading(state: _State, line: str, line_no: int, level: int, pos: int) -> None:
    label = _read_label(line, pos, heading=True)
    kind, number, title, column = label if label is not None else (None, None, "", 0)
    if kind == "objective" and (title or number):
        state.objective(title, number, column, line_no, level, -1)
        return
    if kind == "kr" and title:
        state.key_result(title, number, line_no, column)
        state.labelled = True
        state.list_open = False
        return
    if kind == "section-kr" or (kind == "kr" and not title):
        # "### Key Results" / "### 关键结果": the list below is the KR list of the objective.
        if state.obj is not None:
            state.list_open = True
            state.list_indent = None
        return
    # Any other heading: the end of a line objective, or of a heading objective at this level or above.
    if state.obj is not None and (state.obj_level is None or level <= state.obj_level):
        state.close()
    state.list_open = False


def _body_line(state: _State, line: str, line_no: int) -> None:
    width, lead = _indent_width(line) if line[:1] in (" ", "\t") else (0, 0)
    stripped = line[lead:]
    if _is_thematic_break(stripped):  # "- - -", "* * *": a break, not a list item
        state.prose()
        return
    first = stripped[:1]
    marker = _LIST_MARKER.match(line, lead) if first in _MARKER_STARTS or first.isdigit() else None
    pos = marker.end() if marker else lead
    if marker:
        box = _TASK_BOX.match(line, pos) if line[pos:pos + 1] == "[" else None
        if box:
            pos = box.end()
    label = _read_label(line, pos, heading=False)
    if label is not None:
        kind, number, title, column = label
        if kind == "objective" and title:
            state.objective(title, number, column, line_no, None, width if marker else -1)
            return
        if kind == "kr" and title:
            state.key_result(title, number, line_no, column)
            if state.obj is not None:
                state.labelled = True
                if marker and state.list_indent is None:
                    state.list_indent = width
            return
        if kind == "kpi" and title:
            state.kpi(title, number, column, line_no)
            state.prose()
            return
        if kind == "section-kr" or (kind == "kr" and not number):
            # "关键结果:" / "Key Results：…": introduces the KR list; never a KR itself.
            obj = state.obj
            if title and obj is not None and state.obj_level is None and not obj.key_results \
                    and state.obj_line == state.prev_line and obj is state.doc.objectives[-1]:
                # "Objective: 你想去哪里? / Key Results: 怎么知道你到了?" is a glossary, not an OKR.
                state.doc.objectives.pop()
                state.close()
                return
            if obj is not None:
                state.list_open = True
                state.list_indent = None
            return
        # "O1:" with nothing after it, "KR1(客户分层):", "Objectives:" ... carry no node.
        state.prose()
        return
    if marker:
        content = line[pos:].strip()
        if not content:
            return
        if state.obj is None or not state.list_open or state.labelled:
            return
        if width <= state.obj_item_indent:
            state.list_open = False  # a sibling of the objective item, not below it
            return
        if state.list_indent is None:
            state.list_indent = width
        if width > state.list_indent:
            return  # a detail of the KR above
        if width < state.list_indent:
            state.list_open = False
            return
        start = line.index(content, pos)
        state.key_result(content, None, line_no, start + 1)
        return
    if width > 0 and (state.list_open or state.after_kr):
        return  # an indented continuation of a list item
    state.prose()


def parse_markdown(text: str, path: str) -> Document:
    """Read a Markdown or plain-text OKR document; problems are recorded, never raised."""
    doc = Document(path, "markdown", text)  # positional: path, format, text (keywords cost more)
    lines = _LINE_SPLIT.split(text) if "\r" in text else text.split("\n")
    fm = _front_matter(lines)
    if fm:
        _read_front_matter(doc, lines, fm)
    if "<!--" in text:  # otherwise no line has a comment to mask
        _mask_comments(lines)
    state = _State(doc)
    fence: str | None = None  # the opening fence while inside a code block
    first_heading: tuple[int, int, str] | None = None
    first_body = -1  # the index of the first body line (not blank, code, or heading)
    for i in range(fm, len(lines)):
        line = lines[i]
        line_no = i + 1
        # The first character after the spaces decides which of _FENCE and _HEADING could match.
        first = line[:1]
        if first == " ":
            first = line.lstrip(" ")[:1]
        if fence is not None:
            close = _FENCE.match(line) if first in _FENCE_CHARS else None
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence) \
                    and not line[close.end():].strip():
                fence = None
            continue
        if not line.strip():
            continue
        if first in _FENCE_CHARS:
            opened = _FENCE.match(line)
            if opened and not (opened.group(1)[0] == "`" and "`" in line[opened.end():]):
                fence = opened.group(1)
                state.list_open = False
                continue
        heading = _HEADING.match(line) if first == "#" else None
        if heading:
            content_end = len(line.rstrip())
            body = line[heading.end():content_end]
            if body[-1:] == "#":  # an optional closing sequence "## Title ##"
                trimmed = body.rstrip("#")
                if not trimmed or trimmed[-1] in " \t":
                    body = trimmed.rstrip()
            line = line[:heading.end()] + body
            if first_heading is None:
                first_heading = (line_no, heading.end(), body)
            _heading(state, line, line_no, len(heading.group(1)), heading.end())
            state.prev_line = line_no
            continue
        if first_body < 0:
            first_body = i
        _body_line(state, line, line_no)
        state.prev_line = line_no
    _resolve_period(doc, first_heading or (_first_line(lines, first_body) if first_body >= 0 else None))
    return doc


def _first_line(lines: list[str], i: int) -> tuple[int, int, str]:
    """A plain-text file's title line (where a period is looked for), unless it is already an O/KR line.

    Only asked for in a file without headings: most files have one, and reading the label twice cost.
    """
    line = lines[i]
    _, lead = _indent_width(line)
    if _read_label(line, lead, heading=False) is not None:
        return (i + 1, lead, "")
    return (i + 1, lead, line[lead:].rstrip())


# -- detection ---------------------------------------------------------------------------------

_DETECT_O = compiled(
    r"^[ \t]{0,8}(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\*\*)?"
    r"(?:O|Objective|目标)[ \t]?(?:\d{1,3}|[一二三四五六七八九十]{1,3})?"
    r"(?:[ \t]*[(（][^()（）\n]{0,40}[)）])?(?:\*\*)?(?:[ \t]*[:：]|[ \t]+-[ \t]|[ \t]*[—–])",
    re.MULTILINE | re.IGNORECASE,
)
_DETECT_O_HEADING = compiled(r"^[ \t]{0,3}#{1,6}[ \t]+(?:O|Objective|目标)[ \t]?(?:\d{1,3}|[一二三四五六七八九十]{1,3})[ \t]",
                               re.MULTILINE)
_DETECT_KR = compiled(
    r"^[ \t]{0,8}(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\*\*)?"
    r"(?:KR|Key[ \t]?Result|关键结果|关键成果)[ \t]?(?:\d{1,3}(?:-[A-Za-z0-9]{1,12})?|[一二三四五六七八九十]{1,3})?"
    r"(?:[ \t]*[(（][^()（）\n]{0,40}[)）])?(?:\*\*)?(?:[ \t]*[:：]|[ \t]+-[ \t]|[ \t]*[—–])",
    re.MULTILINE | re.IGNORECASE,
)


def looks_like_okr_markdown(text: str) -> bool:
    """True when the first ~200 lines hold at least one objective line and one KR line.

    Used to pick OKR files among a repository's ``.md``/``.txt`` files, so it is a
    cheap approximation of :func:`parse_markdown` (which is the authority).
    """
    end = -1
    for _ in range(_DETECT_LINES):
        end = text.find("\n", end + 1)
        if end < 0:
            break
    head = text if end < 0 else text[:end]
    head = head[:200_000]  # bounds the work on a file of few, very long lines
    if not (_DETECT_O.search(head) or _DETECT_O_HEADING.search(head)):
        return False
    return _DETECT_KR.search(head) is not None
