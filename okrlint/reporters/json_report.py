"""``--format json``: one object described by ``schemas/report.schema.json``."""
from __future__ import annotations

import json
from typing import Any

from okrlint import __version__
from okrlint.reporters.summary import summarise

REPORT_VERSION = "1.0"


def payload(result: Any) -> dict[str, Any]:
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "okrlint", "version": __version__},
        "files": [
            {"path": d.path, "format": d.format, "language": d.language,
             "period": d.period_raw, "objectives": len(d.objectives),
             "key_results": sum(len(o.key_results) for o in d.objectives)}
            for d in result.documents
        ],
        "findings": [f.to_dict() for f in result.findings],
        "summary": summarise(result.findings, len(result.documents)),
    }


def render(result: Any, ctx: Any) -> str:
    return json.dumps(payload(result), ensure_ascii=False, indent=2) + "\n"
