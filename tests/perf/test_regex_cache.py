"""Compiled patterns are kept between runs (okrlint/regex_cache.py): what comes back from the store is
the pattern ``re.compile`` makes, a damaged or refused store costs only compiling, and pattern texts do
not depend on the hash seed (a pattern built from a set in hash order would miss the store every run)."""
from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from okrlint import regex_cache
from tests.conftest import EXAMPLES, ROOT

PATTERNS = [(r"(?P<n>\d+)\s*(?:个工作日|天|days?)", 0), (r"[\u3400-\u4dbf\u4e00-\u9fff]+", 0),
            (r"(?<![a-z])reduce(?:s|d)?", re.IGNORECASE), (r"a+b", 0)]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store in a temporary cache home; the module state restored afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    for name, value in (("_store", None), ("_used", set()), ("_dirty", False), ("_path", None), ("_enabled", True)):
        monkeypatch.setattr(regex_cache, name, value)
    monkeypatch.setattr("atexit.register", lambda fn: fn)  # the test calls save() itself
    return tmp_path / "xdg" / "okrlint" / "regex"


def _restart(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Forget the in-memory store as a new process would; returns the compiles that follow."""
    for name, value in (("_store", None), ("_used", set()), ("_dirty", False), ("_path", None)):
        monkeypatch.setattr(regex_cache, name, value)
    compiles: list[tuple[str, int]] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        compiles.append((pattern, int(flags)))
        return real(pattern, flags)

    monkeypatch.setattr(regex_cache.re, "compile", counting)
    return compiles


def test_stored_patterns_come_back_equal(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = [regex_cache.compiled(p, f) for p, f in PATTERNS]
    regex_cache.save()
    assert len(list(fresh.glob("*.marshal"))) == 1
    compiles = _restart(monkeypatch)
    again = [regex_cache.compiled(p, f) for p, f in PATTERNS]
    assert compiles == []  # every one came from the store
    assert again == first  # Pattern equality compares pattern, flags and compiled code
    assert again[0].match("15 个工作日").group("n") == "15"
    assert again[2].search("we REDUCED cost").group() == "REDUCED"
    assert again[0].groupindex == first[0].groupindex and again[0].groups == first[0].groups


def test_nothing_is_written_when_nothing_was_compiled(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache.compiled(*PATTERNS[0])
    regex_cache.save()
    (store,) = fresh.glob("*.marshal")
    os.utime(store, ns=(1, 1))
    _restart(monkeypatch)
    regex_cache.compiled(*PATTERNS[0])
    regex_cache.save()
    assert store.stat().st_mtime_ns == 1


def test_damaged_store_is_ignored_and_rewritten(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache.compiled(*PATTERNS[1])
    regex_cache.save()
    (store,) = fresh.glob("*.marshal")
    good = store.read_bytes()
    expected = re.compile(*PATTERNS[1])
    for damaged in (b"\x00not marshal", good[:-1] + bytes([good[-1] ^ 1]), good[:16]):
        store.write_bytes(damaged)
        compiles = _restart(monkeypatch)
        assert regex_cache.compiled(*PATTERNS[1]) == expected
        assert compiles == [PATTERNS[1]]
        regex_cache.save()
        assert store.read_bytes() == good


def _entries(store: Path) -> dict[tuple[str, int], tuple]:
    return marshal.loads(store.read_bytes()[regex_cache._DIGEST:])


def _write_entries(store: Path, data: dict[tuple[str, int], tuple]) -> None:
    from okrlint.packs import blake2b

    payload = marshal.dumps(data)
    store.write_bytes(blake2b(payload, digest_size=regex_cache._DIGEST).digest() + payload)


def test_code_the_engine_refuses_is_compiled_afresh(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache.compiled("a+b")
    regex_cache.save()
    (store,) = fresh.glob("*.marshal")
    data = _entries(store)
    flags, code, *rest = data[("a+b", 0)]
    data[("a+b", 0)] = (flags, b"\x63\x00\x00\x00\x01\x00\x00\x00", *rest)  # opcode 99: not sre code
    _write_entries(store, data)
    expected = re.compile("a+b")
    compiles = _restart(monkeypatch)
    rx = regex_cache.compiled("a+b")
    assert compiles == [("a+b", 0)] and rx == expected and rx.search("xaab").group() == "aab"


def test_without_the_internals_patterns_are_compiled_normally(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise TypeError("compile() takes different arguments")

    monkeypatch.setattr(regex_cache._sre, "compile", broken)
    rx = regex_cache.compiled(*PATTERNS[2])
    assert rx == re.compile(*PATTERNS[2])
    assert not regex_cache._enabled
    assert regex_cache.compiled(*PATTERNS[3]) == re.compile(*PATTERNS[3])
    regex_cache.save()
    assert not fresh.exists()


def test_unwritable_cache_home_only_costs_compiling(tmp_path: Path, fresh: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert regex_cache.compiled(*PATTERNS[0]) == re.compile(*PATTERNS[0])
    regex_cache.save()  # no error


def _patterns_used(seed: str, home: Path) -> str:
    code = ("import io, contextlib\nfrom okrlint.cli import main\nfrom okrlint import regex_cache\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['check', {str(EXAMPLES)!r}, '--no-cache'])\n"
            "print(sorted(regex_cache._used))")
    env = {**os.environ, "PYTHONHASHSEED": seed, "XDG_CACHE_HOME": str(home), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout


def test_pattern_texts_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    a, b = _patterns_used("1", tmp_path / "a"), _patterns_used("2", tmp_path / "b")
    assert a.count("', ") > 100  # the rules' and the text analysis' patterns were all asked for
    assert a == b


def test_a_second_process_compiles_nothing(tmp_path: Path) -> None:
    _patterns_used("1", tmp_path)
    (store,) = (tmp_path / "okrlint" / "regex").glob("*.marshal")
    before = store.stat().st_mtime_ns
    _patterns_used("3", tmp_path)
    assert store.stat().st_mtime_ns == before  # every pattern was found: nothing new to save
