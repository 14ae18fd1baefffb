"""Reading OKR files: bytes in, a :class:`~okrlint.model.Document` out, problems recorded, never raised."""
from __future__ import annotations

import gc
import os
import re
from pathlib import PurePath
from typing import Any, Callable

from okrlint.model import Document, Problem, Span
from okrlint.parsing.decode import DecodeError, decode, decode_pair  # noqa: F401 - decode stays importable from here
from okrlint.regex_cache import compiled

YAML_SUFFIXES = (".yaml", ".yml")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")

_NOT_CJK = compiled(r"[^\u4e00-\u9fff]+")


def _name(path: str) -> str:
    """``PurePath(path).name``, without building a path object for the usual "dir/file.ext"."""
    name = path.rpartition("/")[2]
    if os.sep != "/" or name in ("", "."):  # "dir/", "dir/.", Windows separators: let pathlib decide
        return PurePath(path).name
    return name


def detect_format(path: str, text: str) -> str:
    name = _name(path).lower()
    if name.endswith(YAML_SUFFIXES):
        return "yaml"
    if name.endswith(".json"):
        return "json"
    if name.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    # stdin or an unknown suffix: YAML if it looks like a mapping with objectives
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return "json"
    if re.search(r"(?m)^objectives\s*:", text):
        return "yaml"
    return "markdown"


_LAZY: dict[str, Callable[..., Any]] = {}


def _lazy(name: str) -> Callable[..., Any]:
    """parse_yaml, parse_markdown or parse_period: imported on first use (a run that reads nothing
    imports neither reader), then kept, as an import statement in a function costs ~8,000
    instructions on every call, however loaded its module already is."""
    function = _LAZY.get(name)
    if function is None:
        if name == "parse_yaml":
            from okrlint.parsing.yaml_doc import parse_yaml as function
        elif name == "parse_markdown":
            from okrlint.parsing.markdown import parse_markdown as function
        else:
            from okrlint.text.period import parse_period as function
        _LAZY[name] = function
    return function


def parse_text(text: str, path: str, fmt: str | None = None) -> Document:
    # Reading allocates thousands of short-lived objects (nodes, marks, matches) and hardly ever a
    # cycle: the cyclic collector, run every 700 allocations, was ~15% of the time.  It is paused
    # while reading (unless the caller paused it already) and catches up afterwards.
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        fmt = fmt or detect_format(path, text)
        if fmt in ("yaml", "json"):
            doc = _lazy("parse_yaml")(text, path, fmt)
        else:
            doc = _lazy("parse_markdown")(text, path)
        _finish(doc)
    finally:
        if paused:
            gc.enable()
    return doc


def parse_bytes(data: bytes, path: str) -> Document:
    try:
        text, encoding = decode_pair(data)
    except DecodeError as exc:
        doc = Document(path=path, format="text", text="")
        doc.parse_problems.append(
            ("parse-error", Problem("undecodable", {"reason": str(exc)}, Span.at(exc.line, exc.column, 1), "", "error"))
        )
        return doc
    doc = parse_text(text, path)
    doc.encoding = encoding
    if encoding not in ("utf-8",):
        doc.parse_problems.append(
            ("file-encoding", Problem("not-utf8", {"encoding": encoding.upper()}, Span.at(1, 1), ""))
        )
    return doc


def _finish(doc: Document) -> None:
    """Resolve what every format shares: the period and the document language."""
    if doc.period is None and doc.period_raw:
        doc.period = _lazy("parse_period")(doc.period_raw)
        if doc.period is None:
            doc.parse_problems.append(
                ("invalid-structure", Problem("bad-period", {"value": doc.period_raw}, doc.period_span, "period", "error"))
            )
    objectives = doc.objectives
    titles = [o.title for o in objectives] + [kr.title for o in objectives for kr in o.key_results]
    sample = "".join(titles)[:4000] if titles else doc.text[:4000]
    # The CJK characters are what is left once the runs of other characters are cut out: a match per
    # run, not per character; an ASCII sample (most English files) has none.
    cjk = 0 if sample.isascii() else len(_NOT_CJK.sub("", sample))
    doc.language = "zh" if cjk and cjk * 4 >= len(sample.replace(" ", "")) * 0.5 else "en"
