"""The document model every parser produces and every rule reads.

Positions are 1-based; ``end_column`` is exclusive (the column just after the
last character), the convention of LSP and SARIF once converted to 1-based.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Literal

from okrlint.record import Frozen, Record, set_field, setters

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


class Span(Frozen):
    __slots__ = ("line", "column", "end_line", "end_column")
    line: int
    column: int
    end_line: int
    end_column: int

    def __init__(self, line: int, column: int, end_line: int, end_column: int) -> None:
        _span_line(self, line)
        _span_column(self, column)
        _span_end_line(self, end_line)
        _span_end_column(self, end_column)

    @staticmethod
    def at(line: int, column: int = 1, length: int = 0) -> "Span":
        return Span(line, column, line, column + max(length, 0))


# A parsed file makes ~10-26 spans: the slots' own setters skip the attribute lookup of set_field.
_span_line, _span_column, _span_end_line, _span_end_column = setters(Span)


class Period(Frozen):
    """A planning cycle, resolved to inclusive start and end dates."""

    __slots__ = ("raw", "start", "end")
    raw: str
    start: _dt.date
    end: _dt.date

    def __init__(self, raw: str, start: _dt.date, end: _dt.date) -> None:
        set_field(self, "raw", raw)
        set_field(self, "start", start)
        set_field(self, "end", end)


class Node(Record):
    """What objectives, key results and KPIs share."""

    __slots__ = ("title", "span", "node_path", "index", "id", "owner", "fields", "field_spans")
    title: str
    span: Span
    node_path: str
    index: int
    id: str | None
    owner: str | None
    # Structured fields as written (YAML/JSON mappings); empty for plain-text items.
    fields: dict[str, Any]
    field_spans: dict[str, Span]

    def __init__(self, title: str, span: Span, node_path: str, index: int, id: str | None = None,
                 owner: str | None = None, fields: dict[str, Any] | None = None,
                 field_spans: dict[str, Span] | None = None) -> None:
        self.title = title
        self.span = span
        self.node_path = node_path
        self.index = index
        self.id = id
        self.owner = owner
        self.fields = {} if fields is None else fields
        self.field_spans = {} if field_spans is None else field_spans

    def field_span(self, name: str) -> Span:
        return self.field_spans.get(name, self.span)


class KeyResult(Node):
    __slots__ = ()


class Kpi(Node):
    __slots__ = ()


class Objective(Node):
    __slots__ = ("aligns_to", "key_results", "key_results_span")
    aligns_to: str | None
    key_results: list[KeyResult]
    key_results_span: Span | None

    def __init__(self, title: str, span: Span, node_path: str, index: int, id: str | None = None,
                 owner: str | None = None, fields: dict[str, Any] | None = None,
                 field_spans: dict[str, Span] | None = None, aligns_to: str | None = None,
                 key_results: list[KeyResult] | None = None, key_results_span: Span | None = None) -> None:
        Node.__init__(self, title, span, node_path, index, id, owner, fields, field_spans)
        self.aligns_to = aligns_to
        self.key_results = [] if key_results is None else key_results
        self.key_results_span = key_results_span


class Problem(Record):
    """A finding before the engine has stamped rule, code and severity on it."""

    __slots__ = ("message_id", "args", "span", "node_path", "severity")
    message_id: str
    args: dict[str, Any]
    span: Span | None
    node_path: str | None
    severity: Severity | None  # only parse problems set their own

    def __init__(self, message_id: str, args: dict[str, Any] | None = None, span: Span | None = None,
                 node_path: str | None = None, severity: Severity | None = None) -> None:
        self.message_id = message_id
        self.args = {} if args is None else args
        self.span = span
        self.node_path = node_path
        self.severity = severity


class Suppression(Record):
    __slots__ = ("line", "target_line", "rules", "reason", "used")
    line: int  # the line the comment stands on
    target_line: int  # the line it silences (0: the whole file)
    rules: tuple[str, ...]  # names or codes; empty = all rules
    reason: str | None
    used: bool

    def __init__(self, line: int, target_line: int, rules: tuple[str, ...], reason: str | None,
                 used: bool = False) -> None:
        self.line = line
        self.target_line = target_line
        self.rules = rules
        self.reason = reason
        self.used = used


class Document(Record):
    __slots__ = ("path", "format", "text", "language", "period", "period_raw", "period_span", "team", "owner",
                 "review", "review_span", "objectives", "objectives_span", "kpis", "changes", "meta",
                 "parse_problems", "suppressions", "encoding")
    path: str
    format: Literal["yaml", "json", "markdown", "text"]
    text: str
    language: Literal["zh", "en"]
    period: Period | None
    period_raw: str | None
    period_span: Span | None
    team: str | None
    owner: str | None
    review: Any
    review_span: Span | None
    objectives: list[Objective]
    objectives_span: Span | None
    kpis: list[Kpi]
    changes: list[Any]
    meta: dict[str, Any]  # other known top-level keys (level, title, ...)
    # Problems found while reading (parse-error, unknown-key, file-encoding, ...), keyed by rule name.
    parse_problems: list[tuple[str, Problem]]
    suppressions: list[Suppression]
    encoding: str

    def __init__(self, path: str, format: Literal["yaml", "json", "markdown", "text"], text: str,
                 language: Literal["zh", "en"] = "en", period: Period | None = None, period_raw: str | None = None,
                 period_span: Span | None = None, team: str | None = None, owner: str | None = None,
                 review: Any = None, review_span: Span | None = None, objectives: list[Objective] | None = None,
                 objectives_span: Span | None = None, kpis: list[Kpi] | None = None,
                 changes: list[Any] | None = None, meta: dict[str, Any] | None = None,
                 parse_problems: list[tuple[str, Problem]] | None = None,
                 suppressions: list[Suppression] | None = None, encoding: str = "utf-8") -> None:
        self.path = path
        self.format = format
        self.text = text
        self.language = language
        self.period = period
        self.period_raw = period_raw
        self.period_span = period_span
        self.team = team
        self.owner = owner
        self.review = review
        self.review_span = review_span
        self.objectives = [] if objectives is None else objectives
        self.objectives_span = objectives_span
        self.kpis = [] if kpis is None else kpis
        self.changes = [] if changes is None else changes
        self.meta = {} if meta is None else meta
        self.parse_problems = [] if parse_problems is None else parse_problems
        self.suppressions = [] if suppressions is None else suppressions
        self.encoding = encoding

    def key_results(self) -> list[tuple[Objective, KeyResult]]:
        return [(o, kr) for o in self.objectives for kr in o.key_results]


class Finding(Record):
    __slots__ = ("rule", "code", "severity", "message", "file", "line", "column", "end_line", "end_column",
                 "node_path", "help", "message_id", "args")
    rule: str
    code: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    node_path: str
    help: str
    message_id: str
    args: dict[str, Any]

    def __init__(self, rule: str, code: str, severity: Severity, message: str, file: str, line: int, column: int,
                 end_line: int, end_column: int, node_path: str, help: str, message_id: str,
                 args: dict[str, Any] | None = None) -> None:
        self.rule = rule
        self.code = code
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.node_path = node_path
        self.help = help
        self.message_id = message_id
        self.args = {} if args is None else args

    def sort_key(self) -> tuple[Any, ...]:
        return (self.file, self.line, self.column, self.code, self.message_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "message_id": self.message_id,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "node_path": self.node_path,
            "help": self.help,
        }
