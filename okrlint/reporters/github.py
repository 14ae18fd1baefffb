"""``--format github``: GitHub Actions workflow commands, shown as annotations on pull requests.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` (``warning``
and ``notice`` for the other severities), escaped as the Actions toolkit does:
in the message ``%`` -> ``%25``, CR -> ``%0D``, LF -> ``%0A``; in properties
additionally ``:`` -> ``%3A`` and ``,`` -> ``%2C``.
"""
from __future__ import annotations

from typing import Any

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: Any, ctx: Any) -> str:
    from okrlint.reporters.safe import neutralise
    from okrlint.reporters.sarif import repo_relative

    out = []
    for f in result.findings:
        # OKR text reaches a CI log viewer that interprets terminal escapes: neutralise them first
        props = {"file": neutralise(repo_relative(f.file)), "line": f.line, "col": f.column,
                 "endLine": max(f.end_line, f.line), "endColumn": f.end_column,
                 "title": f"{f.code} {f.rule}"}
        joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
        out.append(f"::{COMMANDS.get(f.severity, 'warning')} {joined}::{escape_data(neutralise(f.message))}\n")
    return "".join(out)
