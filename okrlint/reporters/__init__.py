"""Output formats. Each module has ``render(result, ctx) -> str``, and may have ``chunks(result, ctx)``
yielding the same text in pieces; imported only when chosen."""
from __future__ import annotations

import importlib
from typing import Any, Callable, Iterable

from okrlint.record import Record

FORMATS: dict[str, str] = {
    "text": "okrlint.reporters.text",
    "json": "okrlint.reporters.json_report",
    "json-lines": "okrlint.reporters.json_lines",
    "sarif": "okrlint.reporters.sarif",
    "github": "okrlint.reporters.github",
    "gitlab": "okrlint.reporters.gitlab",
    "html": "okrlint.reporters.html",
}


class ReportContext(Record):
    __slots__ = ("lang", "color", "statistics", "engine", "extra")
    lang: str  # interface language for headings (zh / en)
    color: bool
    statistics: bool
    engine: Any
    extra: dict[str, Any]

    def __init__(self, lang: str = "en", color: bool = False, statistics: bool = False, engine: Any = None,
                 extra: dict[str, Any] | None = None) -> None:
        self.lang = lang
        self.color = color
        self.statistics = statistics
        self.engine = engine
        self.extra = {} if extra is None else extra


def get_renderer(fmt: str) -> Callable[..., str]:
    return importlib.import_module(FORMATS[fmt]).render  # type: ignore[no-any-return]


def get_chunks(fmt: str) -> Callable[..., Iterable[str]]:
    """The format's ``chunks`` (the report in pieces), or its whole ``render`` as one piece."""
    module = importlib.import_module(FORMATS[fmt])
    pieces = getattr(module, "chunks", None)
    if pieces is not None:
        return pieces  # type: ignore[no-any-return]
    return lambda result, ctx: (module.render(result, ctx),)
