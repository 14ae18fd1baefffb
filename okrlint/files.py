"""Which files to lint: explicit paths, directories walked safely, include and exclude globs."""
from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Iterator

from okrlint.engine.config import Config
from okrlint.regex_cache import compiled

SNIFF_SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")
_YAML_OBJECTIVES = compiled(rb'(?m)^(?:objectives|"objectives")\s*:|"objectives"\s*:')


def _sniff(path: str) -> bool:
    """A YAML/JSON/Markdown file not named *.okr.*: lint it if it holds OKRs."""
    try:
        if not os.path.isfile(path):  # named on the command line with --force-exclude: a FIFO would block
            return False
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    lower = path.lower()
    if lower.endswith((".md", ".markdown")):
        from okrlint.parsing.markdown import looks_like_okr_markdown

        return looks_like_okr_markdown(head.decode("utf-8", errors="replace"))
    return bool(_YAML_OBJECTIVES.search(head))


def discover(paths: list[str], config: Config, force_exclude: bool = False) -> Iterator[tuple[str, bool]]:
    """Yield ``(path, explicit)``; explicit files are linted whatever their name.

    With ``force_exclude`` the excludes and the OKR-file test apply to named files too.
    Directory walks do not follow symbolic links (no loops, nothing outside the
    tree) and yield files in sorted order so output is stable.
    """
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield raw, True
            continue
        if os.path.isdir(raw):
            if config.relpath(raw) != "." and config.is_excluded(raw):
                continue  # every path below would match through this folder's own name
            for root, rel, files in _walk(raw, config):
                # root's own path and names were checked on the way down: test only what each entry adds
                for name in files:
                    full = os.path.join(root, name)
                    if full in seen or config.is_excluded_child(rel, name):
                        continue
                    if config.is_included(name) or (name.lower().endswith(SNIFF_SUFFIXES) and _sniff(full)):
                        seen.add(full)
                        yield full, False
        else:
            if raw in seen:
                continue
            if force_exclude:
                # pre-commit passes every YAML/Markdown/JSON file by name: keep only OKR files
                name = os.path.basename(raw)
                if config.is_excluded(raw) or not (
                        config.is_included(name) or (name.lower().endswith(SNIFF_SUFFIXES) and _sniff(raw))):
                    continue
            seen.add(raw)
            yield raw, True


def _walk(top: str, config: Config) -> Iterator[tuple[str, str, list[str]]]:
    """``(folder, its config.relpath, regular files in it)`` below ``top``, top-down, names sorted, excluded folders
    not entered, symbolic links neither followed nor listed (no loops, nothing outside the tree);
    FIFOs and devices are left out (opening a FIFO to sniff it would block). Like ``os.walk``, an
    unreadable folder is passed over. The file types come with the folder listing (``d_type``):
    no stat per file."""
    stack = [top]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as it:
                entries = list(it)
        except OSError:
            continue
        rel = config.relpath(root)
        files, dirs = [], []
        for e in entries:
            try:
                if e.is_symlink():
                    continue
                if e.is_dir():
                    if not config.is_excluded_child(rel, e.name):
                        dirs.append(e.name)
                elif e.is_file():
                    files.append(e.name)
            except OSError:
                continue
        files.sort()
        yield root, rel, files
        dirs.sort(reverse=True)  # popped in sorted order
        stack.extend(os.path.join(root, d) for d in dirs)


def display_path(path: str) -> str:
    """How a path is shown: relative to the working directory when inside it, with / separators."""
    if os.sep == "/" and not os.path.isabs(path):
        rel = os.path.normpath(path)  # what relpath() gives for a relative path, without two abspath() calls
        if not rel.startswith(".."):
            return rel
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return Path(path).as_posix()
    return Path(path if rel.startswith("..") else rel).as_posix()


def read_upto(fh: BinaryIO, size: int, limit: int) -> bytes:
    """The bytes of an open file that had ``size`` bytes when it was stat'ed, up to ``limit + 1`` (more
    than ``limit`` means too large). It reads ``size`` bytes first: ``read(limit + 1)`` allocates the
    limit and shrinks it, and glibc then keeps each small file in a mapping of its own (~4 KB each,
    80 MB for a run over 20,000 files)."""
    data = fh.read(size + 1)
    if len(data) > size:  # it grew since the stat
        data += fh.read(max(0, limit + 1 - len(data)))
    return data
