"""The result cache: a file's findings and parsed document, keyed by its content and the effective configuration.

Like ruff's cache: one file per *effective configuration* in the cache directory
(default ``.okrlint_cache`` beside the configuration file, or in the working
directory), holding, per displayed path, the BLAKE2 digest of the file's bytes
and the pickled ``(Document, findings)`` of that content. Repository-scope rules
(alignment, ids, owners) need every Document, so the Document is cached too (for
``check``, its skeleton: okrlint/engine/skeleton.py, in a cache file of its own).

A cache file is the key, one record per file (path, digest, pickled result), and an
end mark. Results stay in the file until asked for. A run writes the records of the
files it lints to the next cache file as they come, and copies the kept ones when it
saves, so it never holds every result at once (see :class:`Cache`).

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
import struct
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from okrlint import __version__
from okrlint.atomic import AtomicFile
from okrlint.model import Document, Finding
from okrlint.packs import blake2b, user_cache_home

try:  # constant-time comparison without importing hmac (which loads OpenSSL)
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover
    from hmac import compare_digest

DEFAULT_DIR = ".okrlint_cache"
MAGIC = b"OKRLINT-CACHE-3\n"  # 3: records with their lengths (2: pickled records; 1: one pickled mapping)
_MAGICS = (MAGIC, b"OKRLINT-CACHE-2\n", b"OKRLINT-CACHE-1\n")  # what `okrlint clean` recognises as okrlint's
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


class _Stored:
    """A result left in the cache file it was read from: where, and the BLAKE2 of its bytes there."""

    __slots__ = ("offset", "length", "check")

    def __init__(self, offset: int, length: int, check: bytes) -> None:
        self.offset, self.length, self.check = offset, length, check


def _check(blob: bytes | memoryview) -> bytes:
    return blake2b(blob, digest_size=16).digest()


class Cache:
    """Entries of one effective configuration: displayed path -> (content digest, pickled result).

    The file after MAGIC and the MAC: the cache's key, then one record per entry (path, digest,
    pickled result), then an end mark; lengths are 4-byte little-endian, the digest's 1 byte. It is
    read once, its MAC checked, and indexed: a result stays in the file (~35 MB at 20,000 files)
    until it is asked for, and is read back from this very file (kept open) and checked against the
    BLAKE2 noted at load, so that bytes changed in place since are never unpickled. A run writes
    the records of the files it lints to the next cache file as they come, copies the kept ones
    from the old file when it saves, and renames the new file into place."""

    def __init__(self, directory: Path, key: str, secret: bytes | None) -> None:
        self.directory = directory
        self.key = key
        self.secret = secret
        self.path = directory / f"{key}{SUFFIX}"
        # displayed path -> (content digest, result): bytes in memory, a _Stored place in the open file
        # (self._old), or None once written to the next cache file
        self.entries: dict[str, tuple[bytes, Any]] = {}
        self.changed = False
        self.hits = 0
        self.misses = 0
        self._seen: set[str] = set()
        self._old: Any = None  # the cache file the stored results are in
        self._out: AtomicFile | None = None  # the next cache file, being written
        self._mac_out: Any = None  # its MAC, computed as it is written
        self._stale = False  # after save(): the entries are to be read again, from the new file
        if secret is not None:
            self._load()

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

    # -- reading ---------------------------------------------------------------------------------
    def _load(self) -> None:
        """Index this cache's file; no entry when it is missing, corrupt or foreign."""
        try:
            fh = open(self.path, "rb")
        except OSError:
            return
        try:
            raw = fh.read()
            start = len(MAGIC) + _MAC_SIZE
            mac = self._mac_hasher()
            mac.update(memoryview(raw)[start:])
            if raw[:len(MAGIC)] != MAGIC or not compare_digest(raw[len(MAGIC):start], mac.digest()):
                raise ValueError("corrupt or foreign")  # ignored, rebuilt on save
            self.entries = _index(raw, start, self.key)
            self._old, fh = fh, None
        except (OSError, ValueError, IndexError, struct.error):  # (UnicodeDecodeError is a ValueError)
            self.entries = {}
        finally:
            if fh is not None:
                fh.close()

    def _result(self, value: Any) -> bytes | None:
        """A result's pickled bytes: in memory, or read back from the file and checked."""
        if isinstance(value, bytes):
            return value
        if isinstance(value, _Stored) and self._old is not None:
            try:
                blob = os.pread(self._old.fileno(), value.length, value.offset)
            except (OSError, AttributeError):  # (no pread: Windows)
                try:
                    self._old.seek(value.offset)
                    blob = self._old.read(value.length)
                except OSError:
                    return None
            return blob if compare_digest(_check(blob), value.check) else None
        return None

    def _fresh(self) -> None:
        if self._stale:
            self._stale = False
            self._load()

    def lookup(self, path: str, content_digest: bytes) -> bytes | None:
        """The pickled result stored for this content, or None."""
        self._fresh()
        entry = self.entries.get(path)
        return self._result(entry[1]) if entry is not None and entry[0] == content_digest else None

    def get(self, path: str, content_digest: bytes) -> tuple[Document, list[Finding]] | None:
        self._seen.add(path)
        blob = self.lookup(path, content_digest)
        if blob is not None:
            try:
                doc, findings = pickle.loads(blob)
            except Exception:  # noqa: BLE001
                doc = None
            if isinstance(doc, Document):
                self.hits += 1
                return doc, findings
        self.misses += 1
        return None

    def peek(self, path: str, content_digest: bytes) -> bool:
        """Whether an entry for this content exists (nothing is read, unpickled or counted)."""
        self._fresh()
        entry = self.entries.get(path)
        return entry is not None and entry[0] == content_digest

    def report(self, name: str, key: bytes) -> Any:
        """The stored report ``name`` made under ``key`` (see :meth:`put_report`), or None."""
        blob = self.lookup(REPORT_ENTRY + name, key)
        try:
            return None if blob is None else pickle.loads(blob)
        except Exception:  # noqa: BLE001 - unreadable: a miss
            return None

    # -- writing ---------------------------------------------------------------------------------
    def put_report(self, name: str, key: bytes, value: Any) -> None:
        """Keep one report per ``name`` (the last), e.g. the rendered text of a run and its counts."""
        self.put(REPORT_ENTRY + name, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put(self, path: str, content_digest: bytes, blob: bytes) -> None:
        """Store the pickled ``(Document, findings)`` (see :func:`dumps`) of one file's content.

        A new entry goes straight into the next cache file (renamed into place by :meth:`save`), so
        a run does not hold every linted file's pickle until it ends (~35 MB at 20,000 files)."""
        if self.secret is None:
            return
        self._fresh()
        self._seen.add(path)
        entry = self.entries.get(path)
        if entry is not None and entry[0] == content_digest and self._result(entry[1]) == blob:
            return
        self.changed = True
        self.entries[path] = (content_digest, None if self._write(path, content_digest, blob) else blob)

    def _write(self, path: str, content_digest: bytes, blob: bytes | memoryview) -> bool:
        """Append one record to the next cache file, started on first use; False if it cannot be written."""
        try:
            if self._out is None:
                self._start()
            assert self._out is not None
            fh = self._out.file
            name = path.encode("utf-8", "surrogatepass")
            head = struct.pack("<I", len(name)) + name + struct.pack("<B", len(content_digest)) + \
                content_digest + struct.pack("<I", len(blob))
            self._mac_out.update(head)
            self._mac_out.update(blob)
            fh.write(head)
            fh.write(blob)
        except (OSError, struct.error):
            self._abandon()
            return False
        return True

    def _start(self) -> None:
        _prepare(self.directory)
        self._out = AtomicFile(str(self.path))
        key = self.key.encode("utf-8")
        head = struct.pack("<I", len(key)) + key
        self._mac_out = self._mac_hasher()
        self._mac_out.update(head)
        self._out.file.write(MAGIC + bytes(_MAC_SIZE) + head)  # the MAC goes here when the file is complete

    def discard(self) -> None:
        """Drop what was written for the next cache file and not saved (a run that ended early)."""
        self._abandon()

    def _abandon(self) -> None:
        """Drop the next cache file (nothing is saved; entries written to it are lost)."""
        if self._out is None:
            return
        self._out.discard()
        self._out = None
        self.entries = {k: v for k, v in self.entries.items() if v[1] is not None}

    def save(self) -> None:
        """Complete the next cache file and rename it into place if anything changed; never raises
        (a cache that cannot be written is off)."""
        if self.secret is None or not self.changed:
            self._abandon()
            return
        self._fresh()
        # files not seen this run are kept (another run may lint a subset) unless they are gone
        for path in [p for p in self.entries if p not in self._seen]:
            if not path.startswith("\0") and not os.path.exists(path):
                del self.entries[path]
        for path, (content_digest, value) in list(self.entries.items()):
            if value is None:
                continue  # written already
            blob = self._result(value)
            if blob is None:  # unreadable, or changed in place since it was read: not copied
                del self.entries[path]
            elif not self._write(path, content_digest, blob):
                return
        try:
            if self._out is None:
                self._start()
            assert self._out is not None
            fh = self._out.file
            fh.write(_END)
            self._mac_out.update(_END)
            fh.seek(len(MAGIC))
            fh.write(self._mac_out.digest())
            if self._old is not None:  # closed first: Windows renames nothing over an open file
                self._old.close()
                self._old = None
            self._out.commit()
        except OSError:
            self._abandon()
            return
        self._out = None
        # The new file is the one to read from now; it is read only if this cache is used again.
        self.entries, self._stale, self.changed = {}, True, False
        _prune(self.directory, keep=self.path)


_END = struct.pack("<I", 0xFFFFFFFF)


def _index(raw: bytes, pos: int, key: str) -> dict[str, tuple[bytes, Any]]:
    """The entries of a cache file's bytes (MAC checked): path -> (digest, where the result is)."""
    (n,) = struct.unpack_from("<I", raw, pos)
    if raw[pos + 4:pos + 4 + n].decode("utf-8") != key:
        raise ValueError("another cache's file")
    pos += 4 + n
    entries: dict[str, tuple[bytes, Any]] = {}
    view = memoryview(raw)
    while True:
        (n,) = struct.unpack_from("<I", raw, pos)
        if n == 0xFFFFFFFF:
            return entries
        path = raw[pos + 4:pos + 4 + n].decode("utf-8", "surrogatepass")
        pos += 4 + n
        d = raw[pos]
        content_digest = raw[pos + 1:pos + 1 + d]
        pos += 1 + d
        (n,) = struct.unpack_from("<I", raw, pos)
        pos += 4
        if pos + n > len(raw):
            raise ValueError("truncated")
        entries[path] = (content_digest, _Stored(pos, n, _check(view[pos:pos + n])))
        pos += n


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
