"""Findings -> LSP diagnostics, and the quick fix that silences one with an inline ignore comment.

okrlint positions are 1-based with an exclusive end column counted in characters;
LSP positions are 0-based and counted in the client's code units (UTF-16 unless
negotiated otherwise), so the conversion goes through pygls' position codec.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Sequence

from lsprotocol import types as lsp

from okrlint.model import Finding

SOURCE = "okrlint"

SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}

# An ignore comment already on the line: the quick fix extends its list instead of adding a second one.
_EXISTING = re.compile(r"(?:#|<!--)[ \t]*okrlint:[ \t]*ignore\[([^\]\n]*)\]")


@cache
def help_href(help_text: str, rule: str) -> str | None:
    """A URI for the rule's documentation: the configured URL, the generated page, or the rule module."""
    if "://" in help_text:
        return help_text
    root = Path(__file__).resolve().parent.parent.parent
    for candidate in (root / help_text, root / "okrlint" / "rules" / f"{rule.replace('-', '_')}.py"):
        if candidate.is_file():
            return candidate.as_uri()
    return None


def to_diagnostic(finding: Finding, lines: Sequence[str], codec: Any) -> lsp.Diagnostic:
    """One finding as a diagnostic; ``codec`` is the document's pygls PositionCodec."""
    start = lsp.Position(line=max(finding.line - 1, 0), character=max(finding.column - 1, 0))
    end = lsp.Position(line=max(finding.end_line - 1, 0), character=max(finding.end_column - 1, 0))
    if (end.line, end.character) < (start.line, start.character):
        end = start
    rng = codec.range_to_client_units(lines, lsp.Range(start=start, end=end))
    href = help_href(finding.help, finding.rule)
    return lsp.Diagnostic(
        range=rng,
        message=finding.message,
        severity=SEVERITY.get(finding.severity, lsp.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=lsp.CodeDescription(href=href) if href else None,
        source=SOURCE,
        data={"rule": finding.rule, "message_id": finding.message_id, "node_path": finding.node_path},
    )


def _in_front_matter(lines: Sequence[str], index: int) -> bool | None:
    """True inside Markdown front matter, None on its ``---`` delimiters, False elsewhere."""
    if not lines or lines[0].rstrip("\r\n") != "---":
        return False
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") == "---":
            if index in (0, i):
                return None
            return index < i
    return False


def ignore_edit(lines: Sequence[str], line: int, rule: str, markdown: bool, codec: Any) -> lsp.TextEdit | None:
    """The edit that adds ``okrlint: ignore[rule]`` at the end of ``line`` (0-based), or None if it cannot.

    YAML (and Markdown front matter) gets ``# okrlint: ignore[rule]``, Markdown
    ``<!-- okrlint: ignore[rule] -->``; a line that already has an ignore comment
    gets the rule added to its list.
    """
    if line >= len(lines):
        return None
    text = lines[line].rstrip("\r\n")
    existing = _EXISTING.search(text)
    if existing:
        names = [n.strip() for n in existing.group(1).split(",") if n.strip()]
        if rule in names:
            return None
        insert_at, new_text = existing.end(1), (f", {rule}" if names else rule)
    else:
        yaml_style = True
        if markdown:
            where = _in_front_matter(lines, line)
            if where is None:
                return None  # a comment on a '---' line would break the front matter
            yaml_style = where
        comment = f"# okrlint: ignore[{rule}]" if yaml_style else f"<!-- okrlint: ignore[{rule}] -->"
        gap = ("  " if yaml_style else " ") if text.strip() else ""
        insert_at, new_text = len(text), gap + comment
    pos = codec.position_to_client_units(lines, lsp.Position(line=line, character=insert_at))
    return lsp.TextEdit(range=lsp.Range(start=pos, end=pos), new_text=new_text)
