"""Compiled regular expressions kept between runs.

okrlint's rules and text analysis use 150–250 patterns. CPython compiles a pattern in pure
Python: ~0.3 ms on average and up to 7 ms for one with a wide CJK character class, ~45 ms of a
one-file run that takes ~150 ms in all. The compiled form (the pattern's ``_sre`` code) is kept in
``$XDG_CACHE_HOME/okrlint/regex/`` and turned back into pattern objects with ``_sre.compile``:
~2 ms for all of them.

That code is CPython's internal format, so the store is guarded at every step:

* its file is named by the interpreter's exact version, ``_sre.MAGIC`` and ``_sre.CODESIZE``;
* an entry is stored only after the pattern rebuilt from it compared equal to the one
  ``re.compile`` made (pattern equality compares flags, pattern and code);
* the file starts with a BLAKE2 digest of the rest: a damaged file is not read;
* ``_sre.compile`` validates the code it is given, and an entry it refuses is compiled afresh;
* a Python without these internals, or any unexpected error, turns the store off for the process
  and every pattern is compiled by ``re.compile``.

The file is read with ``marshal``, like the bytecode in ``__pycache__``, and lives in the same kind
of per-user folder; okrlint's cache in a repository (``.okrlint_cache``) is signed instead.
"""
from __future__ import annotations

import re
import sys
from typing import Any, AnyStr, Iterable

Entry = tuple  # (flags, code as bytes, groups, groupindex, indexgroup): _sre.compile's arguments after the pattern

_DIGEST = 16  # bytes of BLAKE2 over the marshalled store, at the start of its file
_MAX_ENTRIES = 4096  # past this, entries this process did not use are dropped when saving

_store: dict[tuple[str, int], Entry] | None = None
_used: set[tuple[str, int]] = set()
_dirty = False
_enabled = True
_path: str | None = None


def compiled(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, served from the store when this Python compiled it before."""
    global _store
    if not _enabled or not isinstance(pattern, str):  # bytes patterns are few and small
        return re.compile(pattern, flags)
    if _store is None:
        _store = _load()
    key = (pattern, int(flags))
    _used.add(key)
    entry = _store.get(key)
    if entry is not None:
        try:
            flags_, code, groups, groupindex, indexgroup = entry
            return _sre.compile(pattern, flags_, array(_TYPECODE, code).tolist(), groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - refused code: drop it, compile afresh
            del _store[key]
    result = re.compile(pattern, flags)
    _remember(key, result)
    return result


def longest_first(words: Iterable[str]) -> list[str]:
    """Words in the order an alternation needs them: longer first (so 翻一番 is tried before 翻番), and
    words of one length in a fixed order, so that a pattern built from a set has the same text, and
    hits its stored code, in every process whatever its hash seed."""
    return sorted(words, key=lambda w: (-len(w), w))


def used() -> list[re.Pattern[str]]:
    """Every pattern this process asked for, compiled (for tests that check all of them)."""
    return [re.compile(p, f) for p, f in sorted(_used)]


def _disable() -> None:
    global _enabled, _store
    _enabled = False
    _store = {}


try:  # the internals the store needs; without them it stays off
    import _sre
    import marshal
    from array import array

    # The code is kept as bytes of _sre's code words: unmarshalled in one copy, expanded to the list
    # _sre.compile wants only for the patterns a run asks for.
    _TYPECODE = next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE)

    if sys.version_info >= (3, 11):
        from re import _compiler, _parser
    else:  # pragma: no cover - Python 3.10
        import sre_compile as _compiler
        import sre_parse as _parser
    _TAG = f"{sys.implementation.cache_tag}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{marshal.version}|{sys.byteorder}"
except Exception:  # noqa: BLE001  # pragma: no cover - another Python
    _disable()


def _remember(key: tuple[str, int], result: re.Pattern[str]) -> None:
    """Store how ``result`` was compiled, if rebuilding it from that gives the same pattern."""
    global _dirty
    try:
        # The steps of re._compiler.compile, keeping the code it hands to _sre.compile.
        parsed = _parser.parse(key[0], key[1])
        code = [int(c) for c in _compiler._code(parsed, key[1])]  # opcodes are int subclasses
        groupindex = {str(k): int(v) for k, v in parsed.state.groupdict.items()}
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        flags = int(key[1] | parsed.state.flags)
        groups = parsed.state.groups - 1
        if _sre.compile(key[0], flags, code, groups, groupindex, tuple(indexgroup)) != result:
            raise ValueError("rebuilt pattern differs")
        entry = (flags, array(_TYPECODE, code).tobytes(), groups, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - internals changed: stop using them
        _disable()
        return
    assert _store is not None
    _store[key] = entry
    if not _dirty:
        import atexit

        _dirty = True
        atexit.register(save)


def _file() -> str:
    global _path
    if _path is None:
        import os

        from okrlint.packs import blake2b, user_cache_home

        _path = os.path.join(user_cache_home(), "regex", blake2b(_TAG.encode(), digest_size=16).hexdigest() + ".marshal")
    return _path


def _load() -> dict[tuple[str, int], Entry]:
    from okrlint.packs import blake2b

    try:
        with open(_file(), "rb") as fh:
            raw = fh.read()
        # A digest of the rest first: _sre validates code only loosely, so damaged bytes must not
        # reach it (they could make a pattern that compiles yet matches something else).
        if raw[:_DIGEST] == blake2b(raw[_DIGEST:], digest_size=_DIGEST).digest():
            data: Any = marshal.loads(raw[_DIGEST:])
            if isinstance(data, dict):
                return data
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: start empty
        pass
    return {}


def save() -> None:
    """Write the store if this process compiled a pattern it did not have (registered with atexit)."""
    global _dirty
    if not (_dirty and _enabled and _store is not None):
        return
    _dirty = False
    store = _store
    if len(store) > _MAX_ENTRIES:
        store = {k: v for k, v in store.items() if k in _used}
    try:
        import os

        from okrlint.atomic import write_atomic

        from okrlint.packs import blake2b

        path = _file()
        payload = marshal.dumps(store)
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        write_atomic(path, blake2b(payload, digest_size=_DIGEST).digest() + payload)
    except (OSError, ValueError):  # a read-only home: compile again next time
        pass
