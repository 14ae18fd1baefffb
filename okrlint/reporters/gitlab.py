"""``--format gitlab``: a GitLab code-quality report (``artifacts:reports:codequality``).

A JSON array; each issue has ``description``, ``check_name`` (the rule name),
``fingerprint``, ``severity`` (error -> major, warning -> minor, info -> info)
and ``location.path`` / ``location.lines.begin``. The fingerprint is a SHA-256
of the file, rule, message id, node path and the flagged text -- not the line
number, so it survives edits elsewhere in the file and GitLab can tell new
issues from old ones; repeated identical findings get ``#2``, ``#3`` suffixes.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from okrlint.model import Finding

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def fingerprint(f: Finding, ordinal: int = 1) -> str:
    flagged = f.args.get("text", "") if isinstance(f.args, dict) else ""
    key = "\x1f".join([f.file, f.rule, f.message_id, f.node_path, str(flagged), str(ordinal)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def payload(result: Any) -> list[dict[str, Any]]:
    from okrlint.reporters.sarif import repo_relative

    seen: dict[str, int] = {}
    issues = []
    for f in result.findings:
        base = fingerprint(f)
        seen[base] = seen.get(base, 0) + 1
        issues.append({
            "type": "issue",
            "description": f"{f.code} {f.message}",
            "check_name": f.rule,
            "categories": ["Style"],
            "fingerprint": base if seen[base] == 1 else fingerprint(f, seen[base]),
            "severity": SEVERITIES.get(f.severity, "minor"),
            "location": {"path": repo_relative(f.file), "lines": {"begin": f.line, "end": max(f.end_line, f.line)}},
        })
    return issues


def render(result: Any, ctx: Any) -> str:
    return json.dumps(payload(result), ensure_ascii=False, indent=2) + "\n"
