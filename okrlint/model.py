"""The document model every parser produces and every rule reads.

Positions are 1-based; ``end_column`` is exclusive (the column just after the
last character), the convention of LSP and SARIF once converted to 1-based.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int

    @staticmethod
    def at(line: int, column: int = 1, length: int = 0) -> "Span":
        return Span(line, column, line, column + max(length, 0))


@dataclass(frozen=True, slots=True)
class Period:
    """A planning cycle, resolved to inclusive start and end dates."""

    raw: str
    start: _dt.date
    end: _dt.date


@dataclass(slots=True)
class Node:
    """What objectives, key results and KPIs share."""

    title: str
    span: Span
    node_path: str
    index: int
    id: str | None = None
    owner: str | None = None
    # Structured fields as written (YAML/JSON mappings); empty for plain-text items.
    fields: dict[str, Any] = field(default_factory=dict)
    field_spans: dict[str, Span] = field(default_factory=dict)

    def field_span(self, name: str) -> Span:
        return self.field_spans.get(name, self.span)


@dataclass(slots=True)
class KeyResult(Node):
    pass


@dataclass(slots=True)
class Kpi(Node):
    pass


@dataclass(slots=True)
class Objective(Node):
    aligns_to: str | None = None
    key_results: list[KeyResult] = field(default_factory=list)
    key_results_span: Span | None = None


@dataclass(slots=True)
class Problem:
    """A finding before the engine has stamped rule, code and severity on it."""

    message_id: str
    args: dict[str, Any] = field(default_factory=dict)
    span: Span | None = None
    node_path: str | None = None
    severity: Severity | None = None  # only parse problems set their own


@dataclass(slots=True)
class Suppression:
    line: int  # the line the comment stands on
    target_line: int  # the line it silences (0: the whole file)
    rules: tuple[str, ...]  # names or codes; empty = all rules
    reason: str | None
    used: bool = False


@dataclass(slots=True)
class Document:
    path: str
    format: Literal["yaml", "json", "markdown", "text"]
    text: str
    language: Literal["zh", "en"] = "en"
    period: Period | None = None
    period_raw: str | None = None
    period_span: Span | None = None
    team: str | None = None
    owner: str | None = None
    review: Any = None
    review_span: Span | None = None
    objectives: list[Objective] = field(default_factory=list)
    objectives_span: Span | None = None
    kpis: list[Kpi] = field(default_factory=list)
    changes: list[Any] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # other known top-level keys (level, title, ...)
    # Problems found while reading (parse-error, unknown-key, file-encoding, ...), keyed by rule name.
    parse_problems: list[tuple[str, Problem]] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    encoding: str = "utf-8"

    def key_results(self) -> list[tuple[Objective, KeyResult]]:
        return [(o, kr) for o in self.objectives for kr in o.key_results]


@dataclass(slots=True)
class Finding:
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
    args: dict[str, Any] = field(default_factory=dict)

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
