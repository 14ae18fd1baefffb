"""Output formats. Each module has ``render(result, ctx) -> str``; imported only when chosen."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

FORMATS: dict[str, str] = {
    "text": "okrlint.reporters.text",
    "json": "okrlint.reporters.json_report",
    "json-lines": "okrlint.reporters.json_lines",
    "sarif": "okrlint.reporters.sarif",
    "github": "okrlint.reporters.github",
    "gitlab": "okrlint.reporters.gitlab",
    "html": "okrlint.reporters.html",
}


@dataclass(slots=True)
class ReportContext:
    lang: str = "en"  # interface language for headings (zh / en)
    color: bool = False
    statistics: bool = False
    engine: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def get_renderer(fmt: str) -> Callable[..., str]:
    return importlib.import_module(FORMATS[fmt]).render  # type: ignore[no-any-return]
