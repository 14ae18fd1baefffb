"""Counts every format reports the same way."""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from okrlint.model import Finding


def summarise(findings: Iterable[Finding], files: int) -> dict[str, Any]:
    items = list(findings)
    sev = Counter(f.severity for f in items)
    return {
        "files": files,
        "findings": len(items),
        "errors": sev.get("error", 0),
        "warnings": sev.get("warning", 0),
        "infos": sev.get("info", 0),
        "by_rule": dict(sorted(Counter(f.rule for f in items).items())),
    }
