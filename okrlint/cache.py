"""The result cache: a file's findings and parsed document, keyed by its content and the effective configuration.

Like ruff's cache: one file per *effective configuration* in the cache directory
(default ``.okrlint_cache`` beside the configuration file, or in the working
directory), holding, per displayed path, the BLAKE2 digest of the file's bytes
and the pickled ``(Document, findings)`` of that content. Repository-scope rules
(alignment, ids, owners) need every Document, so the Document is cached too (for
``check``, its skeleton: okrlint/engine/skeleton.py, in a cache file of its own).

A cache file is a stream of records: the key, ``(path, digest, result)`` per file,
then None. A run writes the records of the files it lints to the next cache file as
they come, and the kept ones when it saves, so it never holds every result at once.

The key of a cache file hashes the okrlint version, a fingerprint of okrlint's
own code and rule data (so editing a rule invalidates it), the configuration
data and root, the working directory (paths are shown relative to it), the
message language and every active rule with its severity and options.

Safety: entries are pickles, and unpickling attacker-written bytes runs code. So
every cache file carries a MAC (keyed BLAKE2b) of its contents keyed by a per-user
secret kept *outside* the cache directory (``$XDG_CACHE_HOME/okrlint/secret``,
mode 0600). A cache file whose MAC does not verify (corrupt, truncated, copied
from another machine or user, committed to the repository) is never unpickled:
it is a miss and is rebuilt. Without a usable secret the cache is simply off.
Writes are atomic (temporary file in the same directory, then ``os.replace``; a run
that dies leaves a ``.tmp-*`` file, pruned after an hour).
"""
from __future__ import annotations

import copyreg
import io
import json
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from okrlint import __version__
from okrlint.model import Document, Finding
from okrlint.packs import blake2b, user_cache_home

try:  # constant-time comparison without importing hmac (which loads OpenSSL)
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover
    from hmac import compare_digest

DEFAULT_DIR = ".okrlint_cache"
MAGIC = b"OKRLINT-CACHE-2\n"  # 2: a stream of records (1: one pickled mapping)
_MAGICS = (MAGIC, b"OKRLINT-CACHE-1\n")  # what `okrlint clean` recognises as okrlint's
SUFFIX = ".cache"
TAG = "CACHEDIR.TAG"
_TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# okrlint result cache (okrlint clean removes it)\n"
_STALE_SECONDS = 7 * 24 * 3600  # cache files of other configurations unused this long are pruned
_MAC_SIZE = 32
REPORT_ENTRY = "\0report:"  # entries of whole-run reports (no displayed path starts with NUL)


# -- fast, faithful pickling of the model ---------------------------------------------------------
def _reducers() -> dict[type, Callable[[Any], tuple[Any, ...]]]:
    """Reduce model records to ``cls(*fields)``: 2-3x faster to load than the default slot state.

    Records reduce so by themselves too (``Record.__reduce__``); the table spares that Python call."""
    from okrlint import model
    from okrlint.record import Record

    table: dict[type, Callable[[Any], tuple[Any, ...]]] = dict(copyreg.dispatch_table)
    for cls in vars(model).values():
        if isinstance(cls, type) and issubclass(cls, Record) and cls.__module__ == model.__name__:
            if len(cls._fields) < 2:
                continue
            # _values: the class's attrgetter over _fields, the order __init__ takes them in
            table[cls] = (lambda c, g: lambda obj: (c, g(obj)))(cls, cls._values)
    return table


_TABLE: dict[type, Callable[[Any], tuple[Any, ...]]] | None = None


def dumps(obj: Any) -> bytes:
    """Pickle ``obj`` (Documents, Findings) for the cache and for worker processes."""
    global _TABLE
    if _TABLE is None:
        _TABLE = _reducers()
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _TABLE
    pickler.dump(obj)
    return buf.getvalue()


def digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


_SAVED = bytes(1)  # an entry written to a cache file that save() completed (compared by identity)


class ReportPieces:
    """A report's pieces as they are written, kept zlib-compressed for :meth:`Cache.put_report` (the
    text report of 20,000 files is ~20 MB of UTF-8, ~3 MB compressed)."""

    def __init__(self) -> None:
        import zlib

        self._z = zlib.compressobj(1)
        self._parts: list[bytes] = []

    def append(self, piece: str) -> None:
        self._parts.append(self._z.compress(piece.encode("utf-8", "surrogatepass")))

    def packed(self) -> bytes:
        """The compressed report (once: the pieces are let go)."""
        parts, self._parts = self._parts, []
        parts.append(self._z.flush())
        return b"".join(parts)


def unpack_report(packed: bytes) -> Iterator[str]:
    """The text of a report kept by :class:`ReportPieces`, in pieces."""
    import codecs
    import zlib

    z = zlib.decompressobj()
    decode = codecs.getincrementaldecoder("utf-8")("surrogatepass").decode
    step = 1 << 16
    for i in range(0, len(packed), step):
        yield decode(z.decompress(packed[i:i + step]))
    yield decode(z.flush(), final=True)


# -- where, and with which key --------------------------------------------------------------------
def cache_dir(config: Any, override: str | None = None) -> Path:
    """``--cache-dir``, else the config's ``cache-dir`` (relative to the config file), else the default."""
    if override:
        return Path(override)
    configured = config.get("cache-dir")
    return Path(config.root) / (configured or DEFAULT_DIR)


def _code_fingerprint(engine: Any) -> list[Any]:
    """Size and mtime of okrlint's modules and rule data, and of plugin rule modules."""
    from okrlint.packs import data_dir

    out: list[Any] = []
    for top in (Path(__file__).resolve().parent, data_dir()):
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".yaml", ".yml", ".json")):
                    st = os.stat(os.path.join(folder, name))
                    out.append((os.path.join(folder, name), st.st_mtime_ns, st.st_size))
    for act in engine.active.values():
        mod = sys.modules.get(getattr(act.rule.check, "__module__", "") or "")
        path = getattr(mod, "__file__", None)
        if act.rule.origin != "builtin" and path and os.path.exists(path):
            st = os.stat(path)
            out.append((path, st.st_mtime_ns, st.st_size))
    return out


def _docs_base() -> str:
    from okrlint.engine.runner import DOCS_BASE

    return DOCS_BASE


def cache_key(engine: Any, variant: str = "") -> str:
    cfg = engine.config
    parts = {
        "variant": variant,  # what an entry holds: whole Documents (""), or "skeleton"s
        "okrlint": __version__,
        "python": list(sys.version_info[:2]),
        "code": _code_fingerprint(engine),
        "cwd": os.getcwd(),
        "root": str(cfg.root),
        "config": cfg.data,
        "lang": engine.lang,
        "docs_base": _docs_base(),  # help URLs are stored in cached findings
        "rules": sorted((a.rule.name, a.rule.code, a.rule.origin, a.severity, a.options)
                        for a in engine.active.values()),
    }
    blob = json.dumps(parts, sort_keys=True, default=repr, ensure_ascii=False).encode("utf-8")
    return blake2b(blob, digest_size=16).hexdigest()


def _secret() -> bytes | None:
    """The per-user MAC key, created on first use; None when it cannot be kept safely."""
    path = os.path.join(user_cache_home(), "secret")
    try:
        with open(path, "rb") as fh:
            key = fh.read()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))  # mode 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
        try:
            os.link(tmp, path)  # first writer wins, so concurrent runs agree on one key
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
        with open(path, "rb") as fh:
            key = fh.read()
        return key if len(key) >= 32 else None
    except OSError:
        return None


class _Hashing:
    """A binary file that also feeds what is written to a hash (for ``pickle.dump``)."""

    __slots__ = ("fh", "hasher")

    def __init__(self, fh: Any, hasher: Any) -> None:
        self.fh, self.hasher = fh, hasher

    def write(self, data: bytes) -> int:
        self.hasher.update(data)
        return self.fh.write(data)  # type: ignore[no-any-return]


# -- the cache ------------------------------------------------------------------------------------
class Cache:
    """Entries of one effective configuration: displayed path -> (content digest, pickled result)."""

    def __init__(self, directory: Path, key: str, secret: bytes | None) -> None:
        self.directory = directory
        self.key = key
        self.secret = secret
        self.path = directory / f"{key}{SUFFIX}"
        # displayed path -> (content digest, pickled result); the result is None once it is written to the
        # next cache file, _SAVED once that file is saved
        self.entries: dict[str, tuple[bytes, bytes | None]] = {}
        self.changed = False
        self.hits = 0
        self.misses = 0
        self._seen: set[str] = set()
        self._out: tuple[Any, str] | None = None  # the next cache file, being written: (writer, temporary path)
        if secret is not None:
            self.entries = self._load()

    @classmethod
    def open(cls, engine: Any, directory: str | Path | None = None, variant: str = "") -> "Cache":
        """The cache of this engine's configuration; ``variant="skeleton"`` for the entries of a check
        run that keeps skeletons (okrlint/engine/skeleton.py), kept apart from whole Documents."""
        where = Path(directory) if directory is not None else cache_dir(engine.config)
        return cls(where, cache_key(engine, variant), _secret())

    def _mac_hasher(self) -> Any:
        """BLAKE2 keyed with the user's secret, over this cache's key and then the payload."""
        assert self.secret is not None
        return blake2b(self.key.encode(), key=self.secret[:64], digest_size=_MAC_SIZE)

    def _mac(self, payload: bytes | memoryview) -> bytes:
        mac = self._mac_hasher()
        mac.update(payload)
        return mac.digest()  # type: ignore[no-any-return]

    def _load(self) -> dict[str, tuple[bytes, bytes | None]]:
        """The entries of this cache's file; empty when it is missing, corrupt or foreign.

        The file: MAGIC, the MAC, then pickles: this cache's key, ``(path, digest, result)`` records,
        and None. Records are read one by one from the file's bytes (a ``BytesIO`` over bytes shares
        them), not from one copy of them all."""
        try:
            raw = self.path.read_bytes()
        except OSError:
            return {}
        head, mac = raw[:len(MAGIC)], raw[len(MAGIC):len(MAGIC) + _MAC_SIZE]
        if head != MAGIC or not compare_digest(mac, self._mac(memoryview(raw)[len(MAGIC) + _MAC_SIZE:])):
            return {}  # corrupt or foreign: ignored, rebuilt on save
        stream = io.BytesIO(raw)
        stream.seek(len(MAGIC) + _MAC_SIZE)
        entries: dict[str, tuple[bytes, bytes | None]] = {}
        try:
            unpickler = pickle.Unpickler(stream)
            if unpickler.load() != self.key:
                return {}
            while (record := unpickler.load()) is not None:
                path, content_digest, blob = record
                entries[path] = (content_digest, blob)
        except Exception:  # noqa: BLE001 - a verified but unreadable file (other Python) is a miss too
            return {}
        return entries

    def get(self, path: str, content_digest: bytes) -> tuple[Document, list[Finding]] | None:
        self._seen.add(path)
        entry = self.entries.get(path)
        if entry is not None and entry[0] == content_digest and entry[1] is not None and entry[1] is not _SAVED:
            try:
                doc, findings = pickle.loads(entry[1])
            except Exception:  # noqa: BLE001
                doc = None
            if isinstance(doc, Document):
                self.hits += 1
                return doc, findings
        self.misses += 1
        return None

    def peek(self, path: str, content_digest: bytes) -> bool:
        """Whether an entry for this content exists (nothing is unpickled or counted)."""
        entry = self.entries.get(path)
        return entry is not None and entry[0] == content_digest

    def report(self, name: str, key: bytes) -> Any:
        """The stored report ``name`` made under ``key`` (see :meth:`put_report`), or None."""
        entry = self.entries.get(REPORT_ENTRY + name)
        if entry is None or entry[0] != key or entry[1] is None or entry[1] is _SAVED:
            return None
        try:
            return pickle.loads(entry[1])
        except Exception:  # noqa: BLE001 - unreadable: a miss
            return None

    def put_report(self, name: str, key: bytes, value: Any) -> None:
        """Keep one report per ``name`` (the last), e.g. the rendered text of a run and its counts."""
        self.put(REPORT_ENTRY + name, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put(self, path: str, content_digest: bytes, blob: bytes) -> None:
        """Store the pickled ``(Document, findings)`` (see :func:`dumps`) of one file's content.

        A new entry goes straight into the next cache file (renamed into place by :meth:`save`), so
        a run does not hold every linted file's pickle until it ends (~35 MB at 20,000 files)."""
        if self.secret is None:
            return
        self._seen.add(path)
        entry = self.entries.get(path)
        if entry is not None and entry[0] == content_digest and entry[1] == blob:
            return
        self.changed = True
        self.entries[path] = (content_digest, None if self._spool((path, content_digest, blob)) else blob)

    def _spool(self, record: Any) -> bool:
        """Append ``record`` to the next cache file, started on first use; False if it cannot be written."""
        try:
            if self._out is None:
                import tempfile

                _prepare(self.directory)
                fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=SUFFIX)
                writer = _Hashing(os.fdopen(fd, "wb"), self._mac_hasher())
                self._out = (writer, tmp)
                writer.fh.write(MAGIC + bytes(_MAC_SIZE))  # the MAC goes here when the file is complete
                pickle.dump(self.key, writer, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(record, self._out[0], protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:
            self._abandon()
            return False
        return True

    def discard(self) -> None:
        """Drop what was written for the next cache file and not saved (a run that ended early)."""
        self._abandon()

    def _abandon(self) -> None:
        """Drop the next cache file (nothing is saved; entries written to it are lost)."""
        if self._out is None:
            return
        writer, tmp = self._out
        self._out = None
        try:
            writer.fh.close()
            os.unlink(tmp)
        except OSError:
            pass
        self.entries = {k: v for k, v in self.entries.items() if v[1] is not None}

    def save(self) -> None:
        """Complete the next cache file and rename it into place if anything changed; never raises
        (a cache that cannot be written is off)."""
        if self.secret is None or not self.changed:
            self._abandon()
            return
        # files not seen this run are kept (another run may lint a subset) unless they are gone
        for path in [p for p in self.entries if p not in self._seen]:
            if not path.startswith("\0") and not os.path.exists(path):
                del self.entries[path]
        missing = [p for p, (_, blob) in self.entries.items() if blob is _SAVED]
        if missing:  # written to the file an earlier save() completed: read them back from it
            earlier = self._load()
            for p in missing:
                if p in earlier and earlier[p][0] == self.entries[p][0]:
                    self.entries[p] = earlier[p]
                else:
                    del self.entries[p]
        try:
            for path, (content_digest, blob) in list(self.entries.items()):
                if blob is not None and not self._spool((path, content_digest, blob)):
                    return
            if not self._spool(None):
                return
            assert self._out is not None
            writer, tmp = self._out
            writer.fh.seek(len(MAGIC))
            writer.fh.write(writer.hasher.digest())
            writer.fh.close()
            os.replace(tmp, self.path)
            self._out = None
            for path, (content_digest, blob) in self.entries.items():
                if blob is None:
                    self.entries[path] = (content_digest, _SAVED)
            self.changed = False
            _prune(self.directory, keep=self.path)
        except OSError:
            self._abandon()


def _prepare(directory: Path) -> None:
    """Create the folder with a CACHEDIR.TAG and a .gitignore of ``*`` (as ruff does)."""
    directory.mkdir(parents=True, exist_ok=True)
    tag = directory / TAG
    if not tag.exists():
        tag.write_text(_TAG_TEXT, encoding="utf-8")
        (directory / ".gitignore").write_text("*\n", encoding="utf-8")


def _prune(directory: Path, keep: Path) -> None:
    cutoff = time.time() - _STALE_SECONDS
    for entry in os.scandir(directory):
        if entry.name.endswith(SUFFIX) and entry.path != str(keep):
            try:
                if entry.stat().st_mtime < cutoff or entry.name.startswith(".tmp-") and \
                        entry.stat().st_mtime < time.time() - 3600:
                    os.unlink(entry.path)
            except OSError:
                pass


def is_cache_dir(directory: Path) -> bool:
    tag = directory / TAG
    try:
        return tag.read_text(encoding="utf-8") == _TAG_TEXT
    except OSError:
        return False


def _has_magic(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) in _MAGICS
    except OSError:
        return False


def clean(directory: Path) -> list[str]:
    """Remove okrlint's files from ``directory`` (and the folder when that empties it).

    Only files okrlint writes are removed, so a mistaken ``cache-dir: .`` deletes nothing else.
    """
    removed: list[str] = []
    if not directory.is_dir():
        return removed
    ours = is_cache_dir(directory)
    for entry in os.scandir(directory):
        if entry.is_file(follow_symlinks=False) and (
                (entry.name.endswith(SUFFIX) and _has_magic(entry.path)) or (ours and entry.name in (TAG, ".gitignore"))):
            try:
                os.unlink(entry.path)
                removed.append(entry.path)
            except OSError:
                pass
    try:
        directory.rmdir()
    except OSError:
        pass
    return removed


# -- configuration validation, remembered -----------------------------------------------------------
def _validation_marker(data: Any, schema: Path) -> str | None:
    try:
        st = schema.stat()
        blob = json.dumps([__version__, str(schema), st.st_mtime_ns, st.st_size, data], sort_keys=True,
                          default=repr, ensure_ascii=False).encode("utf-8")
    except (OSError, TypeError, ValueError):
        return None
    return os.path.join(user_cache_home(), "valid", blake2b(blob, digest_size=16).hexdigest())


def validated_before(data: Any, schema: Path) -> bool:
    """True when this exact configuration passed validation against this schema before.

    Importing jsonschema costs 150-300 ms, more than linting a file: a run with an
    unchanged configuration skips it. A marker is an empty file named by the hash of
    the configuration data, the schema file and the okrlint version.
    """
    marker = _validation_marker(data, schema)
    return marker is not None and os.path.exists(marker)


def remember_valid(data: Any, schema: Path) -> None:
    marker = _validation_marker(data, schema)
    if marker is None:
        return
    try:
        os.makedirs(os.path.dirname(marker), mode=0o700, exist_ok=True)
        with open(marker, "ab"):
            pass
    except OSError:
        pass
