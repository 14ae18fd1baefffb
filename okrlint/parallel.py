"""``--jobs``: lint files in worker processes, results in the order the files were given.

Workers get chunks of ``(displayed path, path)``, read, parse and lint each file with
an engine built once per worker (inherited through ``fork`` where available,
rebuilt from the configuration and options otherwise), and send back each
file's ``(Document, findings)`` pickled with :func:`okrlint.cache.dumps` — the
same bytes the cache stores, so a result is pickled once. Repository-scope rules
run afterwards in the parent, over every Document.
"""
from __future__ import annotations

import functools
import math
import os
import stat
import sys
from typing import Any, Iterable, Iterator, Sequence

from okrlint.files import read_upto

# Below this many files per worker, starting processes costs more than it saves.
MIN_FILES_PER_JOB = 100

_ENGINE: Any = None  # the engine a worker uses


def available_cpus() -> int:
    """CPUs this process may use: affinity mask, then a cgroup v2 CPU quota (containers, CI)."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 1
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as fh:
            quota, period = fh.read().split()[:2]
        if quota != "max":
            n = min(n, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, n)


def parse_jobs(value: str) -> int:
    """``--jobs`` value: a positive number or ``auto`` (0 means auto)."""
    if value.strip().lower() == "auto":
        return 0
    n = int(value)
    if n < 0:
        raise ValueError(value)
    return n


def workers_for(jobs: int, files: int) -> int:
    """How many processes to use for ``files`` files; 1 means in this process."""
    wanted = available_cpus() if jobs == 0 else jobs
    return max(1, min(wanted, files // MIN_FILES_PER_JOB))


@functools.cache
def _per_file() -> tuple[Any, ...]:
    """What each file needs, imported once: an import statement in a function costs ~9 k
    instructions every call (~1 % of a file's linting for six of them)."""
    from okrlint.cache import digest, dumps
    from okrlint.engine.skeleton import skeleton, slim
    from okrlint.parsing import parse_bytes

    return digest, dumps, parse_bytes, skeleton, slim


def lint_read(engine: Any, shown: str, path: str, skeletons: bool = False) -> tuple[bytes | None, Any, list[Any]]:
    """Read, parse and lint one file: (digest of the bytes linted, None if they could not be read;
    the Document, or with ``skeletons`` what a check run keeps of it, see okrlint/engine/skeleton.py;
    the findings). The digest is of what was read here: a file edited since the scan is stored under
    its new content."""
    digest, _, parse_bytes, skeleton, slim = _per_file()
    data = _read_regular(path, engine.config.max_file_size)
    if data is None:
        key, doc = None, engine.read_document(path, shown)  # unreadable, too large, not a regular file
    else:
        key, doc = digest(data), parse_bytes(data, shown)
    del data
    findings = engine.lint_document(doc)
    if skeletons:
        return key, skeleton(doc, findings), slim(findings)
    return key, doc, findings


def lint_path(engine: Any, shown: str, path: str, skeletons: bool = False) -> tuple[bytes | None, bytes]:
    """:func:`lint_read` in a worker: the digest and the pickled ``(Document, findings)``."""
    key, doc, findings = lint_read(engine, shown, path, skeletons)
    return key, _per_file()[1]((doc, findings))


def _init_spawned(config: Any, options: Any) -> None:
    global _ENGINE
    from okrlint.engine.runner import Engine

    _ENGINE = Engine(config, options)


def _lint_chunk(skeletons: bool, chunk: Sequence[tuple[str, str]]) -> list[tuple[bytes | None, bytes]]:
    return [lint_path(_ENGINE, shown, path, skeletons) for shown, path in chunk]


def guided_chunks(items: list[Any], workers: int) -> list[list[Any]]:
    """``items`` in chunks that shrink as the work runs out (guided scheduling): few hand-offs while
    there is plenty to do, and a short tail in which one worker still works while the others wait
    (equal chunks of 1/16 of the files left a worker idle for up to one chunk)."""
    out, i, n = [], 0, len(items)
    while i < n:
        size = max(16, min(256, math.ceil((n - i) / (workers * 4))))
        out.append(items[i:i + size])
        i += size
    return out


def lint_paths(engine: Any, items: list[tuple[str, str]], jobs: int,
               skeletons: bool = False) -> Iterator[tuple[bytes | None, bytes]]:
    """:func:`lint_path` for each of ``items`` (displayed path, path) in worker processes; results in order.

    Workers read the files themselves: the parent holds no file's bytes (20,000 files).
    """
    workers = workers_for(jobs, len(items))
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _ENGINE
    chunks = guided_chunks(items, workers)
    if "fork" in multiprocessing.get_all_start_methods():
        # children inherit the built engine (rules, packs, loaded data): no rebuild, nothing to pickle
        _ENGINE = engine
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    else:
        pool = ProcessPoolExecutor(workers, initializer=_init_spawned,
                                   initargs=(engine.config, getattr(engine, "options", None)))
    try:
        with pool:
            results = pool.map(functools.partial(_lint_chunk, skeletons), chunks)
            del chunks
            for part in results:
                yield from part
    finally:
        _ENGINE = None


def _read_regular(path: str, limit: int) -> bytes | None:
    """The bytes of a regular file within ``limit``; None leaves the case to ``Engine.read_document``."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        with open(path, "rb") as fh:
            data = read_upto(fh, st.st_size, limit)
    except OSError:
        return None
    return data if len(data) <= limit else None


class Scan:
    """Files found (and, with a cache, read and hashed) before any is parsed: what :func:`finish` lints or loads."""

    __slots__ = ("docs", "per_doc", "keys", "pending", "changed", "_digest")

    def __init__(self) -> None:
        self.docs: list[Any] = []  # a Document, or None while pending
        self.per_doc: list[list[Any]] = []
        self.keys: list[tuple[str, bytes] | None] = []  # per cacheable file: (displayed path, content digest)
        self.pending: list[tuple[int, str, str, bytes | None, bool]] = []  # (position, shown, path, digest, cached)
        self.changed = False  # a file's content changed between the scan and its linting: no whole-run entries
        self._digest: bytes | None | bool = False  # False: not computed yet

    def run_digest(self) -> bytes | None:
        """One digest of every file's path and content, or None when a file cannot be cached (stdin, unreadable,
        no cache). Computed once: the report and the repository findings are both keyed by it."""
        if self._digest is False:
            from okrlint.cache import digest

            self._digest = None if None in self.keys else digest(repr(self.keys).encode("utf-8"))
        return self._digest  # type: ignore[return-value]

    def all_cached(self) -> bool:
        return all(cached for *_, cached in self.pending)

    def add_pending(self, shown: str, path: str, key: bytes | None, cached: bool) -> None:
        """A file :func:`finish` loads from the cache or lints; ``key``: its digest, if it was read."""
        self.keys.append(None if key is None else (shown, key))
        self.docs.append(None)
        self.per_doc.append([])
        self.pending.append((len(self.docs) - 1, shown, path, key, cached))


def scan_files(engine: Any, paths: Iterable[str], stdin_text: str | None, stdin_filename: str,
               force_exclude: bool, cache: Any) -> Scan:
    """Discover; with a cache, read and hash each file to look it up (its bytes are not kept). Stdin and,
    with a cache, files that cannot be read are linted here (they are never cached)."""
    from okrlint.cache import digest
    from okrlint.files import discover, display_path
    from okrlint.parsing import parse_text

    scan = Scan()
    limit = engine.config.max_file_size
    for path, _explicit in discover(list(paths), engine.config, force_exclude):
        if path == "-":
            doc = parse_text(stdin_text or "", stdin_filename)
        else:
            shown = display_path(path)
            if cache is None:  # nothing to look up: the file is read where it is linted
                scan.add_pending(shown, path, None, False)
                continue
            data = _read_regular(path, limit)
            if data is not None:
                key = digest(data)
                scan.add_pending(shown, path, key, cache.peek(shown, key))
                continue
            doc = engine.read_document(path, shown)  # unreadable, too large, not a regular file
        scan.keys.append(None)
        scan.docs.append(doc)
        scan.per_doc.append(engine.lint_document(doc))
    return scan


def finish(engine: Any, scan: Scan, jobs: int, cache: Any, save: bool = True,
           skeletons: bool = False) -> tuple[list[Any], list[Any]]:
    """Load cached results, lint the rest (in workers when there are enough files), run repository rules;
    ``save=False`` leaves writing the cache to the caller (who may add a report to it first);
    ``skeletons``: keep only the skeletons of linted files (okrlint/engine/skeleton.py), and a cache
    opened for them."""
    import pickle

    from okrlint.model import Finding

    docs, per_doc = scan.docs, scan.per_doc
    share = _sharer() if skeletons else None
    todo: list[tuple[int, str, str, bytes | None]] = []
    for pos, shown, path, key, cached in scan.pending:
        hit = cache.get(shown, key) if cached else None
        if hit is not None:
            docs[pos], per_doc[pos] = hit
            if share is not None:
                share(hit[0], hit[1])
        else:
            if cache is not None and not cached:
                cache.misses += 1  # (a stored entry that fails to load counts itself)
            todo.append((pos, shown, path, key))
    scan.pending = []
    if workers_for(jobs, len(todo)) <= 1:
        from okrlint.cache import dumps

        for pos, shown, path, scanned in todo:
            key, docs[pos], per_doc[pos] = lint_read(engine, shown, path, skeletons)
            if share is not None:
                share(docs[pos], per_doc[pos])
            scan.changed |= scanned is not None and key != scanned
            if cache is not None and key is not None:
                cache.put(shown, key, dumps((docs[pos], per_doc[pos])))
    else:
        items = [(shown, path) for _, shown, path, _ in todo]
        for (pos, shown, _, scanned), (key, blob) in zip(todo, lint_paths(engine, items, jobs, skeletons)):
            docs[pos], per_doc[pos] = pickle.loads(blob)
            if share is not None:  # while the workers go on, not all at the end; and copies are freed early
                share(docs[pos], per_doc[pos])
            scan.changed |= scanned is not None and key != scanned
            if cache is not None and key is not None:
                cache.put(shown, key, blob)
    findings = [f for fs in per_doc for f in fs]
    scan.per_doc = per_doc = []  # 20,000 lists no one reads again
    if engine.by_scope.get("repository"):
        whole = scan.run_digest() if cache is not None and not scan.changed else None
        findings.extend(_repository_findings(engine, docs, whole, cache))
        graph = sys.modules.get("okrlint.org.graph")
        if skeletons and graph is not None:  # kept for a tree drawn from whole Documents (HTML), not here
            graph.forget()
    findings.sort(key=Finding.sort_key)
    if cache is not None and save:
        cache.save()
    return docs, findings


def _sharer() -> Any:
    """``share(doc, findings)``: one copy, across the run, of the strings each unpickled result
    repeats (okrlint/engine/skeleton.py ``share_strings``)."""
    from okrlint.engine.skeleton import share_strings

    pool: dict[str | None, str | None] = {}
    return lambda doc, findings: share_strings((doc,), (findings,), pool)


def lint_files(engine: Any, paths: Iterable[str], stdin_text: str | None, stdin_filename: str,
               force_exclude: bool, jobs: int, cache: Any) -> tuple[list[Any], list[Any]]:
    """What ``api.run`` does, with a cache and worker processes: (documents in discovery order, sorted findings).

    With a cache, files are hashed to look them up and hits are loaded; the rest are
    read and linted (in workers when there are enough of them) and stored; repository
    rules then see every Document, as in ``Engine.lint_documents``.
    """
    return finish(engine, scan_files(engine, paths, stdin_text, stdin_filename, force_exclude, cache), jobs, cache)


REPOSITORY_ENTRY = "\0repository"  # cache entry of the repository-scope findings (no path starts with NUL)


def _repository_findings(engine: Any, docs: list[Any], whole: bytes | None, cache: Any) -> list[Any]:
    """Repository-scope findings; from the cache when the same files with the same contents come again."""
    import pickle

    from okrlint.cache import dumps

    if whole is not None:  # only given with a cache
        hit = cache.lookup(REPOSITORY_ENTRY, whole)
        if hit is not None:
            try:
                return list(pickle.loads(hit))
            except Exception:  # noqa: BLE001 - unreadable entry: compute again
                pass
    found = engine.lint_repository(docs)
    if whole is not None:
        cache.put(REPOSITORY_ENTRY, whole, dumps(found))
    return found
