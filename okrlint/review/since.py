"""Read OKR files as they were at a git revision (``git show REV:./file``), and the ``changes:`` log.

Only read-only git commands are run, with the revision checked first so that
a bad ``--since`` ends in one line, not a traceback.
"""
from __future__ import annotations

import functools
import os
import subprocess
from typing import Any

from okrlint.model import Document, KeyResult, Objective

GIT_TIMEOUT = 30  # seconds per git call


def _git(args: list[str], cwd: str) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", *args], cwd=cwd or ".", capture_output=True, timeout=GIT_TIMEOUT,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None


def revision_error(rev: str, cwd: str = ".") -> str | None:
    """None when ``rev`` names a commit in the repository around ``cwd``; else why not."""
    if not rev or rev.startswith("-"):
        return f"'{rev}' is not a git revision"
    got = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    if got is None:
        return "git is not available"
    if got.returncode != 0:
        inside = _git(["rev-parse", "--is-inside-work-tree"], cwd)
        if inside is None or inside.returncode != 0:
            return f"{os.path.abspath(cwd)} is not inside a git repository"
        return f"unknown git revision '{rev}'"
    return None


@functools.lru_cache(maxsize=512)
def read_at(path: str, rev: str) -> bytes | None:
    """The file's bytes at ``rev``; None when it did not exist there (or git fails)."""
    if rev.startswith("-"):
        return None
    directory, name = os.path.split(os.path.abspath(path))
    got = _git(["show", f"{rev}:./{name}"], directory)
    if got is None or got.returncode != 0:
        return None
    return got.stdout


def document_at(doc: Document, rev: str) -> Document | None:
    data = read_at(doc.path, rev)
    if data is None:
        return None
    from okrlint.parsing import parse_bytes

    return parse_bytes(data, doc.path)


# -- matching key results between two versions -----------------------------------------------------
def match_key_results(old: Document, new: Document) -> list[tuple[Objective, KeyResult, Objective, KeyResult]]:
    """(new objective, new KR, old objective, old KR) pairs: objectives by id; KRs by explicit id, then by
    identical title, then by position."""
    pairs = []
    old_objs = {o.id: o for o in old.objectives if o.id}
    for obj in new.objectives:
        old_obj = old_objs.get(obj.id) if obj.id else None
        if old_obj is None:
            continue
        taken: set[int] = set()
        by_title = {kr.title: kr for kr in old_obj.key_results}
        for kr in obj.key_results:
            cand = None
            if "id" in kr.fields:
                cand = next((k for k in old_obj.key_results if k.id == kr.id), None)
            if cand is None and kr.title in by_title and id(by_title[kr.title]) not in taken:
                cand = by_title[kr.title]
            if cand is None and kr.index < len(old_obj.key_results):
                k = old_obj.key_results[kr.index]
                if id(k) not in taken and k.title not in {x.title for x in obj.key_results if x is not kr}:
                    cand = k
            if cand is not None:
                taken.add(id(cand))
                pairs.append((obj, kr, old_obj, cand))
    return pairs


# -- the changes: log ----------------------------------------------------------------------------------
def _names(obj: Objective, kr: KeyResult, single_objective: bool) -> set[str]:
    names = {kr.node_path}
    for sep in (".", "/", "#", " "):
        names.add(f"{obj.id}{sep}{kr.id}")
    if single_objective and kr.id:
        names.add(kr.id)
    return {n.casefold() for n in names}


def entries_for(doc: Document, obj: Objective, kr: KeyResult) -> list[Any]:
    """The change-log entries about one KR: its own ``changes:`` plus document entries naming it
    (``kr: O1.KR2``, ``O1/KR2``, ``O1#KR2``, its node path, or ``KR2`` in a one-objective document)."""
    own = kr.fields.get("changes")
    out: list[Any] = list(own) if isinstance(own, list) else []
    names = _names(obj, kr, len(doc.objectives) == 1)
    for entry in doc.changes:
        if isinstance(entry, dict):
            ref = entry.get("kr", entry.get("key_result"))
            if ref is not None and str(ref).strip().casefold() in names:
                out.append(entry)
    return out


def is_complete(entry: Any) -> bool:
    return isinstance(entry, dict) and bool(str(entry.get("date") or "").strip()) and \
        bool(str(entry.get("reason") or "").strip())


def covers(entry: Any, field: str) -> bool:
    what = entry.get("field", entry.get("what")) if isinstance(entry, dict) else None
    return what is None or str(what).strip().lower() == field
