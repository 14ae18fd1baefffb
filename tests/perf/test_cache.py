"""The result cache: hits on unchanged files, misses on changes, corrupt or foreign files ignored, clean."""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Callable

import pytest
from perf_support import private_cache_home, repo  # noqa: F401 - fixtures

from okrlint.api import make_engine, run
from okrlint.cache import MAGIC, Cache, blake2b, cache_dir, clean, digest

CLI = Callable[..., tuple[int, str, str]]


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.cache"))


def _run(paths: list[str], **kw: object) -> tuple[Cache, object]:
    engine = make_engine()
    cache = Cache.open(engine)
    return cache, run(engine, paths, cache=cache, **kw)  # type: ignore[arg-type]


def test_warm_run_hits_every_file_and_reports_the_same(repo: Path, cli: CLI) -> None:
    cold = cli("check", "okrs", "--format", "json")
    assert len(_cache_files(repo / ".okrlint_cache")) == 1
    warm = cli("check", "okrs", "--format", "json")
    assert warm == cold
    # The API keeps whole Documents, `check` their skeletons: separate cache files.
    cache, _ = _run(["okrs"])
    assert (cache.hits, cache.misses) == (0, 60)
    assert len(_cache_files(repo / ".okrlint_cache")) == 2
    cache, result = _run(["okrs"])
    assert (cache.hits, cache.misses) == (60, 0)
    assert result.findings == make_engine().lint_documents(result.documents)


def test_changed_file_is_linted_again(repo: Path) -> None:
    _run(["okrs"])
    target = sorted((repo / "okrs").rglob("*.okr.md"))[0]
    target.write_text("---\nperiod: 2026-Q1\nreview: {checkin: weekly}\n---\nO:提升服务质量\nKR1:FTR提升到95%\n",
                      encoding="utf-8")
    cache, result = _run(["okrs"])
    assert (cache.hits, cache.misses) == (59, 1)
    shown = target.relative_to(repo).as_posix()
    mine = [f for f in result.findings if f.file == shown]
    assert {f.rule for f in mine} >= {"kr-count", "kr-no-baseline"}
    assert all(f.line >= 5 for f in mine if f.rule == "kr-no-baseline")


def test_other_configuration_uses_another_cache_file(repo: Path, cli: CLI) -> None:
    cli("check", "okrs")
    cli("check", "okrs", "--ignore", "kr-no-baseline")
    cli("check", "okrs", "--lang", "en")
    assert len(_cache_files(repo / ".okrlint_cache")) == 3
    code, out, _ = cli("check", "okrs", "--ignore", "kr-no-baseline")
    assert "kr-no-baseline" not in out


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_corrupt_cache_file_is_ignored_and_rebuilt(repo: Path, cli: CLI, damage: str) -> None:
    expected = cli("check", "okrs")
    [path] = _cache_files(repo / ".okrlint_cache")
    raw = path.read_bytes()
    broken = {"truncate": raw[: len(raw) // 2], "flip": raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:],
              "garbage": os.urandom(4096), "empty": b""}[damage]
    path.write_bytes(broken)
    cache, _ = _run(["okrs"])
    assert cache.hits == 0
    assert cli("check", "okrs") == expected
    assert path.read_bytes()[: len(MAGIC)] == MAGIC
    cache, _ = _run(["okrs"])
    assert cache.hits == 60


def test_foreign_cache_file_is_never_unpickled(repo: Path, tmp_path: Path) -> None:
    """A cache file written (or committed) by someone without this user's secret is not loaded."""
    _run(["okrs"])
    [path] = _cache_files(repo / ".okrlint_cache")
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, ...]:
            return (open, (str(marker), "w"))

    key = path.stem
    payload = pickle.dumps({"key": key, "entries": {"x": Evil()}})
    mac = blake2b(key.encode() + payload, key=b"not the secret" * 3, digest_size=32).digest()
    path.write_bytes(MAGIC + mac + payload)
    cache, result = _run(["okrs"])
    assert not marker.exists()
    assert cache.hits == 0 and len(result.documents) == 60


def test_entry_for_other_content_is_a_miss(repo: Path) -> None:
    engine = make_engine()
    cache = Cache.open(engine)
    cache.put("a.okr.md", digest(b"old"), b"not a pickle")
    assert cache.get("a.okr.md", digest(b"new")) is None
    assert cache.get("a.okr.md", digest(b"old")) is None  # unreadable entry: a miss, not an exception


def test_no_cache_writes_nothing(repo: Path, cli: CLI) -> None:
    code, _, _ = cli("check", "okrs", "--no-cache")
    assert code == 1
    assert not (repo / ".okrlint_cache").exists()


def test_cache_dir_option_and_config_key(repo: Path, cli: CLI) -> None:
    cli("check", "okrs", "--cache-dir", "elsewhere")
    assert len(_cache_files(repo / "elsewhere")) == 1
    assert (repo / "elsewhere" / ".gitignore").read_text() == "*\n"
    (repo / ".okrlint.yaml").write_text("cache-dir: build/okr-cache\n", encoding="utf-8")
    cli("check", "okrs")
    assert len(_cache_files(repo / "build" / "okr-cache")) == 1
    assert not (repo / ".okrlint_cache").exists()
    assert cache_dir(make_engine().config) == repo.resolve() / "build" / "okr-cache"


def test_save_is_atomic_and_leaves_no_temporary_file(repo: Path) -> None:
    cache, _ = _run(["okrs"])
    names = sorted(p.name for p in (repo / ".okrlint_cache").iterdir())
    assert [n for n in names if n.startswith(".tmp-")] == []
    assert names == sorted([".gitignore", "CACHEDIR.TAG", cache.path.name])


def test_without_a_secret_the_cache_is_off(repo: Path, monkeypatch: pytest.MonkeyPatch, cli: CLI) -> None:
    blocker = repo / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # the secret cannot be created
    code, _, err = cli("check", "okrs")
    assert code == 1 and "Traceback" not in err
    assert not (repo / ".okrlint_cache").exists()


def test_clean_removes_the_cache(repo: Path, cli: CLI) -> None:
    cli("check", "okrs")
    assert (repo / ".okrlint_cache").is_dir()
    code, _, _ = cli("clean")
    assert code == 0
    assert not (repo / ".okrlint_cache").exists()
    assert cli("clean")[0] == 0  # nothing to remove is fine


def test_clean_only_removes_okrlint_files(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "notes.cache").write_bytes(b"someone else's")
    (folder / "keep.txt").write_text("x")
    (folder / "old.cache").write_bytes(MAGIC + b"\0" * 40)
    removed = clean(folder)
    assert [Path(p).name for p in removed] == ["old.cache"]
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt", "notes.cache"]


def test_config_validation_is_remembered(repo: Path, cli: CLI) -> None:
    (repo / ".okrlint.yaml").write_text("lang: en\n", encoding="utf-8")
    assert cli("check", "okrs", "--no-cache")[0] == 1
    (repo / ".okrlint.yaml").write_text("lang: en\nbogus: 1\n", encoding="utf-8")
    code, _, err = cli("check", "okrs", "--no-cache")
    assert code == 2 and "bogus" in err  # a changed config is validated again


def test_repository_findings_reused_only_while_nothing_changed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from okrlint.engine.runner import Engine

    (repo / "okrs" / "dup-a.okr.yaml").write_text("id: same\nobjectives: []\n", encoding="utf-8")
    (repo / "okrs" / "dup-b.okr.yaml").write_text("id: same\nobjectives: []\n", encoding="utf-8")
    _, first = _run(["okrs"])
    calls: list[int] = []
    real = Engine.lint_repository
    monkeypatch.setattr(Engine, "lint_repository", lambda self, docs: calls.append(1) or real(self, docs))
    _, again = _run(["okrs"])
    assert calls == [] and again.findings == first.findings  # type: ignore[attr-defined]
    (repo / "okrs" / "dup-b.okr.yaml").write_text("id: other\nobjectives: []\n", encoding="utf-8")
    _, changed = _run(["okrs"])
    assert calls == [1]
    assert changed.findings == make_engine().lint_documents(changed.documents)  # type: ignore[attr-defined]


def test_file_edited_after_the_scan_is_stored_under_what_was_linted(repo: Path) -> None:
    from okrlint.parallel import finish, scan_files

    engine = make_engine()
    cache = Cache.open(engine)
    scan = scan_files(engine, ["okrs"], None, "-", False, cache)
    edited = sorted((repo / "okrs").rglob("*.okr.yaml"))[0]
    shown = os.path.relpath(edited, repo)
    before = digest(edited.read_bytes())
    edited.write_bytes(edited.read_bytes() + b"# edited after the scan\n")
    finish(engine, scan, 1, cache)
    assert scan.changed  # check stores no whole-run report for this run
    again = Cache.open(engine)
    assert again.peek(shown, digest(edited.read_bytes())) and not again.peek(shown, before)


def test_entries_are_written_as_they_come_and_survive_a_second_save(repo: Path) -> None:
    engine = make_engine()
    cache = Cache.open(engine)
    cache.put("a.okr.md", digest(b"a"), b"blob-a")
    assert cache.entries["a.okr.md"] == (digest(b"a"), None)  # in the next cache file, not in memory
    assert not cache.path.exists()  # until save() renames it into place
    cache.save()
    assert cache.lookup("a.okr.md", digest(b"a")) == b"blob-a"  # read back from the saved file
    cache.put("b.okr.md", digest(b"b"), b"blob-b")
    cache.save()  # a second run of the same Cache copies a's record from the first file
    again = Cache.open(engine)
    assert sorted(again.entries) == ["a.okr.md", "b.okr.md"]
    assert again.lookup("a.okr.md", digest(b"a")) == b"blob-a" and again.lookup("b.okr.md", digest(b"b")) == b"blob-b"
    assert again.lookup("a.okr.md", digest(b"other")) is None
    assert not list(cache.directory.glob(".tmp-*"))


def test_unwritable_cache_keeps_entries_in_memory_and_saves_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    engine = make_engine()
    cache = Cache.open(engine)

    def full_disk(*a: object, **k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full_disk)
    cache.put("a.okr.md", digest(b"a"), b"blob-a")
    assert cache.entries["a.okr.md"] == (digest(b"a"), b"blob-a")
    cache.save()  # no error
    assert not cache.path.exists()


def test_results_stay_in_the_file_and_are_checked_when_read(repo: Path) -> None:
    engine = make_engine()
    _run(["okrs"])
    cache = Cache.open(engine)
    path, (content_digest, where) = next((p, e) for p, e in cache.entries.items() if not p.startswith("\0"))
    assert not isinstance(where, bytes)  # indexed, not loaded
    assert cache.get(path, content_digest) is not None
    # The same file changed in place after it was read (a rename would leave the open one intact):
    # the changed result is refused, never unpickled, and not copied into the next file.
    with open(cache.path, "r+b") as fh:
        fh.seek(where.offset + 5)
        byte = fh.read(1)
        fh.seek(where.offset + 5)
        fh.write(bytes([byte[0] ^ 1]))
    assert cache.lookup(path, content_digest) is None
    cache.put("new.okr.md", digest(b"new"), b"blob")
    cache.save()
    assert path not in Cache.open(engine).entries and "new.okr.md" in Cache.open(engine).entries


def test_interrupted_run_leaves_no_half_written_cache_file(repo: Path, cli: CLI,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import okrlint.reporters.text as text

    def interrupted(result: object, ctx: object):  # type: ignore[no-untyped-def]
        yield "first file\n"
        raise KeyboardInterrupt

    monkeypatch.setattr(text, "chunks", interrupted)
    code, _, _ = cli("check", "okrs")
    assert code == 130
    folder = repo / ".okrlint_cache"
    assert not list(folder.glob(".tmp-*")) and not _cache_files(folder)  # results were written, then dropped
