"""The Python API, also what the command line runs.

>>> from okrlint import lint_text
>>> [f.rule for f in lint_text("O: NPS从45分提升到55分\\nKR1: NPS达到55分\\n", "q1.okr.md")]  # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from okrlint.engine.config import Config, load_config
from okrlint.engine.runner import Engine, Options
from okrlint.model import Document, Finding
from okrlint.record import Record

if TYPE_CHECKING:
    from okrlint.cache import Cache


class Result(Record):
    __slots__ = ("findings", "documents")
    findings: list[Finding]
    documents: list[Document]

    def __init__(self, findings: list[Finding] | None = None, documents: list[Document] | None = None) -> None:
        self.findings = [] if findings is None else findings
        self.documents = [] if documents is None else documents

    @property
    def files(self) -> list[str]:
        return [d.path for d in self.documents]


def make_engine(config: Config | str | Path | None = None, options: Options | None = None) -> Engine:
    if config is None or isinstance(config, (str, Path)):
        config = load_config(str(config) if config is not None else None)
    return Engine(config, options)


def read_paths(engine: Engine, paths: Iterable[str], stdin_text: str | None = None,
               stdin_filename: str = "-", force_exclude: bool = False) -> list[Document]:
    from okrlint.files import discover, display_path
    from okrlint.parsing import parse_text

    docs: list[Document] = []
    for path, _explicit in discover(list(paths), engine.config, force_exclude):
        if path == "-":
            docs.append(parse_text(stdin_text or "", stdin_filename))
        else:
            docs.append(engine.read_document(path, display_path(path)))
    return docs


def run(engine: Engine, paths: Iterable[str], stdin_text: str | None = None, stdin_filename: str = "-",
        force_exclude: bool = False, jobs: int = 1, cache: "Cache | None" = None) -> Result:
    """Lint ``paths``. ``jobs``: worker processes (0 = as many as CPUs, 1 = this process);
    ``cache``: an open :class:`okrlint.cache.Cache` to reuse and store per-file results."""
    if jobs == 1 and cache is None:
        docs = read_paths(engine, paths, stdin_text, stdin_filename, force_exclude)
        return Result(engine.lint_documents(docs), docs)
    from okrlint.parallel import lint_files

    docs, findings = lint_files(engine, paths, stdin_text, stdin_filename, force_exclude, jobs, cache)
    return Result(findings, docs)


def lint_paths(paths: Iterable[str | Path], config: Config | str | Path | None = None) -> list[Finding]:
    """Lint files and directories; returns findings sorted by file, line and column."""
    return run(make_engine(config), [str(p) for p in paths]).findings


def lint_text(text: str, filename: str = "-", config: Config | str | Path | None = None) -> list[Finding]:
    """Lint one document given as text; ``filename`` decides the format (``.yaml``, ``.md``, ``.json``)."""
    from okrlint.parsing import parse_text

    engine = make_engine(config if config is not None else Config())
    return engine.lint_documents([parse_text(text.lstrip("\ufeff"), filename)])
