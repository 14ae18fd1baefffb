"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code SARIF viewer).

One run; ``tool.driver.rules`` lists the rules that have results (id = code,
name, short description = the rule's summary line, help URI = its docs page,
default level); each result points at its rule by ``ruleId`` and ``ruleIndex``.
Locations are repository-relative URIs (``uriBaseId`` ``%SRCROOT%``) with a
region in Unicode code points (``columnKind``), end column exclusive -- the
model's own convention (okrlint/model.py). Validated in tests against the
official schema.
"""
from __future__ import annotations

import json
import os
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from okrlint import __version__
from okrlint.model import Finding

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def repo_relative(path: str) -> str:
    """The path as a repository-relative POSIX path (absolute paths under the working directory shortened)."""
    p = path.replace("\\", "/")
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            rel = path
        if not rel.startswith(".."):
            p = rel.replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return str(PurePosixPath(p)) if p else p


def lookup_rule(ctx: Any, name: str) -> Any:
    """The Rule object for a finding's rule name (the run's registry first, then the installed rules)."""
    engine = getattr(ctx, "engine", None)
    if engine is not None:
        rule = engine.registry.get(name)
        if rule is not None:
            return rule
    from okrlint.engine.registry import installed_rules

    return next((r for r in installed_rules() if r.name == name), None)


def _rule_descriptor(f: Finding, ctx: Any) -> dict[str, Any]:
    rule = lookup_rule(ctx, f.rule)
    summary = rule.summary if rule is not None else f.rule
    default = rule.severity if rule is not None else f.severity
    return {
        "id": f.code,
        "name": f.rule,
        "shortDescription": {"text": summary},
        "helpUri": f.help,
        "help": {"text": f"{summary} See {f.help}."},
        "defaultConfiguration": {"level": LEVELS.get(default, "warning")},
    }


def payload(result: Any, ctx: Any) -> dict[str, Any]:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    for f in result.findings:
        if f.code not in index:
            index[f.code] = len(rules)
            rules.append(_rule_descriptor(f, ctx))
        end_column = max(f.end_column, f.column) if f.end_line == f.line else f.end_column
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVELS.get(f.severity, "warning"),
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(repo_relative(f.file)), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": max(f.end_line, f.line), "endColumn": max(end_column, 1)},
                },
                "logicalLocations": [{"fullyQualifiedName": f.node_path}] if f.node_path else [],
            }],
            "partialFingerprints": {"okrlint/v1": _fingerprint(f)},
            "properties": {"rule": f.rule, "messageId": f.message_id, "nodePath": f.node_path},
        })
    for r in results:  # an empty logicalLocations array is allowed but says nothing
        for loc in r["locations"]:
            if not loc["logicalLocations"]:
                del loc["logicalLocations"]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "okrlint", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def _fingerprint(f: Finding) -> str:
    from okrlint.reporters.gitlab import fingerprint

    return fingerprint(f)


def render(result: Any, ctx: Any) -> str:
    return json.dumps(payload(result, ctx), ensure_ascii=False, indent=2) + "\n"
