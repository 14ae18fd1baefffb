"""``--format json``: one object described by ``schemas/report.schema.json``.

Quality scores (okrlint/score.py) are added without changing existing fields:
``files[].score``, ``files[].objective_scores``, ``findings[].cost`` and
``summary.score``.
"""
from __future__ import annotations

import json
from typing import Any

from okrlint import __version__
from okrlint.reporters.summary import summarise
from okrlint.score import cost, score_result

REPORT_VERSION = "1.0"


def payload(result: Any) -> dict[str, Any]:
    scores = score_result(result)
    files = []
    for d, s in zip(result.documents, scores.documents):
        files.append({
            "path": d.path, "format": d.format, "language": d.language,
            "period": d.period_raw, "objectives": len(d.objectives),
            "key_results": sum(len(o.key_results) for o in d.objectives),
            "score": s.score,
            "objective_scores": [
                {"node_path": o.objective.node_path, "id": o.objective.id, "title": o.objective.title,
                 "line": o.objective.span.line, "score": o.score, "lost": o.lost}
                for o in s.objectives
            ],
        })
    summary = summarise(result.findings, len(result.documents))
    summary["score"] = scores.score
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "okrlint", "version": __version__},
        "files": files,
        "findings": [{**f.to_dict(), "cost": cost(f)} for f in result.findings],
        "summary": summary,
    }


def render(result: Any, ctx: Any) -> str:
    return json.dumps(payload(result), ensure_ascii=False, indent=2) + "\n"
