"""Hostile inputs built at test time: deep nesting, huge files and lines, filesystem oddities, bad configs."""
from __future__ import annotations

import builtins
import os
import resource
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from okrlint.api import make_engine
from okrlint.engine.config import Config, DEFAULT_MAX_FILE_SIZE
from okrlint.parsing import parse_bytes

READING_RULES = {"parse-error", "invalid-structure", "duplicate-key", "unknown-key", "file-encoding"}


ENGINE = make_engine(Config())


def reading(data: bytes, name: str) -> list[tuple[str, str, int]]:
    engine = ENGINE
    doc = parse_bytes(data, name)
    return sorted((f.rule, f.message_id, f.line) for f in engine.lint_documents([doc]) if f.rule in READING_RULES)


def timed(fn: Callable[[], Any], limit: float = 1.0) -> Any:
    started = time.process_time()
    out = fn()
    assert time.process_time() - started < limit
    return out


# -- nesting: libyaml's composer recursed per level and crashed the interpreter at ~100,000 --------

DEEP = [
    ("flow-seq-10k", b"objectives: " + b"[" * 10_000 + b"]" * 10_000, "x.okr.yaml"),
    ("flow-map-10k", b"objectives: " + b"{a: " * 10_000 + b"}" * 10_000, "x.okr.yaml"),
    ("flow-seq-2M-unclosed", b"review: " + b"[" * 2_000_000, "x.okr.yaml"),
    ("json-10k", b'{"objectives": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", "x.okr.json"),
    ("block-map-3k", b"".join(b" " * i + b"a:\n" for i in range(3_000)), "x.okr.yaml"),
    ("block-seq-one-line", b"- " * 1_000_000 + b"x", "x.okr.yaml"),
    ("front-matter-10k", b"---\nreview: " + b"{a: " * 10_000 + b"\n---\nO1: x\n", "x.okr.md"),
]


@pytest.mark.parametrize("data,name", [(d, n) for _, d, n in DEEP], ids=[i for i, _, _ in DEEP])
def test_deep_nesting_is_a_too_deep_finding(data: bytes, name: str) -> None:
    got = timed(lambda: reading(data, name))
    assert [(r, m) for r, m, _ in got] == [("parse-error", "too-deep")]


def test_deep_nesting_in_a_subprocess_does_not_crash(tmp_path: Path) -> None:
    """A segmentation fault cannot be caught in-process: run the CLI on 1,000,000 levels."""
    import subprocess
    import sys

    f = tmp_path / "deep.okr.yaml"
    f.write_bytes(b"objectives: " + b"[" * 1_000_000 + b"]" * 1_000_000)
    proc = subprocess.run([sys.executable, "-m", "okrlint", "check", str(f), "--format", "json"],
                          capture_output=True, timeout=60, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 1, proc.stderr
    assert b'"too-deep"' in proc.stdout


def test_alias_bomb_is_bounded_in_time_and_memory() -> None:
    levels = [b"l0: &l0 [" + b",".join([b"lol"] * 10) + b"]"]
    levels += [b"l%d: &l%d [%s]" % (i, i, b",".join([b"*l%d" % (i - 1)] * 10)) for i in range(1, 12)]
    data = b"\n".join(levels) + b"\nreview: *l11\nobjectives: *l11\n"  # 10**12 values if expanded
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    got = timed(lambda: reading(data, "bomb.okr.yaml"))
    assert ("parse-error", "too-large", 1) in got
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB: under 200 MB more


# -- size -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("data,name,expected", [
    (b"O1: " + b"x" * 1_000_000 + b"\nKR1: y\n", "long.okr.md", []),
    (b"objectives:\n  - title: " + "增".encode() * 350_000 + b"\n", "long.okr.yaml", []),
    (b"objectives:\n  - title: '" + b"x" * 1_000_000, "long.okr.yaml", [("parse-error", "yaml-syntax", 2)]),
    (b"# " + b"2026 " * 200_000 + b"\n", "heading.okr.md", []),
], ids=["md-title", "yaml-cjk-title", "yaml-unclosed-quote", "md-heading"])
def test_one_megabyte_lines(data: bytes, name: str, expected: list[tuple[str, str, int]]) -> None:
    # Linear but a megabyte per rule: a looser bound than the one-second corpus.
    assert timed(lambda: reading(data, name), 3.0) == expected


def test_50_megabyte_file_is_refused_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.okr.yaml"
    with open(big, "wb") as fh:  # sparse: 50 MB without writing them
        fh.truncate(50_000_000)
    opened: list[str] = []
    real_open = builtins.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    engine = make_engine(Config())
    doc = timed(lambda: engine.read_document(str(big), "big.okr.yaml"))
    assert [(r, p.message_id, p.args["limit"]) for r, p in doc.parse_problems] == [
        ("parse-error", "file-too-large", DEFAULT_MAX_FILE_SIZE)]
    assert str(big) not in opened


def test_max_file_size_is_configurable(tmp_path: Path) -> None:
    f = tmp_path / "a.okr.md"
    f.write_bytes(b"O1: Grow\nKR1: x\n")
    engine = make_engine(Config(data={"max-file-size": 10}))
    doc = engine.read_document(str(f))
    assert [p.message_id for _, p in doc.parse_problems] == ["file-too-large"]


@pytest.mark.parametrize(("written", "stat_size", "expected"), [
    (b"O1: Grow\n", 9, b"O1: Grow\n"),  # as stat'ed
    (b"O1: Grow\nKR1: x\n", 9, b"O1: Grow\nKR1: x\n"),  # grew after the stat, still within the limit
    (b"x" * 40, 9, b"x" * 21),  # grew past the limit: limit + 1 bytes tell the caller so
    (b"O1", 9, b"O1"),  # shrank
])
def test_read_upto_reads_what_is_there_up_to_the_limit(tmp_path: Path, written: bytes, stat_size: int,
                                                       expected: bytes) -> None:
    from okrlint.files import read_upto

    f = tmp_path / "a.okr.md"
    f.write_bytes(written)
    with open(f, "rb") as fh:
        assert read_upto(fh, stat_size, 20) == expected


# -- filesystem ---------------------------------------------------------------------------------------

@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tree/ with spaces, non-ASCII names, a symlink loop, links out of the tree, a FIFO, a dir named like a file."""
    root = tmp_path / "tree"
    (root / "sub").mkdir(parents=True)
    (root / "with space").mkdir()
    (root / "x.okr.yaml").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.okr.md").write_text("O1: outside\nKR1: y\n", encoding="utf-8")
    (root / "with space" / "a b.okr.md").write_text("O1: Grow\nKR1: a\n", encoding="utf-8")
    (root / "sub" / "目标 一.okr.md").write_text("O1: 增长\nKR1: 提升\n", encoding="utf-8")
    (root / "x.okr.yaml" / "inner.okr.md").write_text("O1: inner\nKR1: a\n", encoding="utf-8")
    (root / "sub" / "loop").symlink_to("..")
    (root / "sub" / "out").symlink_to(outside)
    (root / "link.okr.md").symlink_to(outside / "secret.okr.md")
    os.mkfifo(root / "pipe.okr.yaml")
    os.mkfifo(root / "pipe.yaml")  # would be opened to sniff for "objectives:"
    monkeypatch.chdir(tmp_path)
    return root


def test_directory_walk_skips_links_and_fifos(tree: Path, cli: Any) -> None:
    code, out, err = timed(lambda: cli("check", "tree", "--format", "json-lines", "--select", "kr-count"), 5.0)
    assert code == 1 and err == ""
    import json

    files = sorted({json.loads(line)["file"] for line in out.splitlines() if line.strip()})
    assert files == ["tree/sub/目标 一.okr.md", "tree/with space/a b.okr.md", "tree/x.okr.yaml/inner.okr.md"]


def test_a_fifo_named_on_the_command_line_is_a_finding(tree: Path) -> None:
    engine = make_engine(Config())
    doc = timed(lambda: engine.read_document("tree/pipe.okr.yaml"))
    assert [(r, p.message_id, p.args) for r, p in doc.parse_problems] == [
        ("parse-error", "unreadable", {"reason": "not a regular file"})]


def test_directory_read_as_a_file(tree: Path) -> None:
    doc = make_engine(Config()).read_document("tree/x.okr.yaml")
    assert [(r, p.message_id) for r, p in doc.parse_problems] == [("parse-error", "is-directory")]


def test_unreadable_file(tree: Path, monkeypatch: pytest.MonkeyPatch, cli: Any) -> None:
    """Tests run as root, where chmod 000 does not block reading: make open() raise for one path instead."""
    target = Path("tree/with space/a b.okr.md")
    real_open = builtins.open

    def deny(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and Path(file) == target:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    code, out, err = cli("check", str(target), "--format", "json")
    import json

    assert code == 1 and err == ""
    got = [(f["rule"], f["message_id"], f["line"]) for f in json.loads(out)["findings"]]
    assert got == [("parse-error", "unreadable", 1)]


def test_file_vanishing_during_the_run(tree: Path, monkeypatch: pytest.MonkeyPatch, cli: Any) -> None:
    import okrlint.files

    real = okrlint.files.discover

    def discover_then_delete(*args: Any, **kwargs: Any) -> Any:
        for path, explicit in real(*args, **kwargs):
            if path.endswith("a b.okr.md"):
                os.remove(path)
            yield path, explicit

    monkeypatch.setattr(okrlint.files, "discover", discover_then_delete)
    code, out, err = cli("check", "tree", "--format", "json", "--select", "kr-count")
    import json

    assert code == 1 and err == ""
    got = sorted((f["file"], f["rule"], f["message_id"]) for f in json.loads(out)["findings"])
    assert ("tree/with space/a b.okr.md", "parse-error", "vanished") in got
    assert ("tree/sub/目标 一.okr.md", "kr-count", "too-few") in got


# -- configuration: exit 2, one line naming the file, the key and the reason ---------------------------

@pytest.mark.parametrize("config,needles", [
    ("foo: 1\n", [".okrlint.yaml", "'foo'"]),
    ("select: kr-count\n", [".okrlint.yaml", "'select'", "array"]),
    ("max-file-size: big\n", [".okrlint.yaml", "'max-file-size'", "integer"]),
    ("max-file-size: 0\n", [".okrlint.yaml", "'max-file-size'", "minimum"]),
    ("lang: fr\n", [".okrlint.yaml", "'lang'"]),
    ("rules: {kr-count: {min: x}}\n", [".okrlint.yaml", "rules.kr-count", "'min'"]),
    ("rules: {kr-count: {severity: fatal}}\n", [".okrlint.yaml", "rules.kr-count.severity", "fatal"]),
    ("rules: {no-such-rule: {}}\n", [".okrlint.yaml", "no-such-rule"]),
    ("select: []\n", [".okrlint.yaml", "select:", "no rule"]),
    ("ignore: [ALL]\n", [".okrlint.yaml", "ignore:", "no rule"]),
    ("select: [nope]\n", [".okrlint.yaml", "'nope'"]),
    ("[1, 2]\n", [".okrlint.yaml", "mapping"]),
    ("a: [\n", [".okrlint.yaml:", "invalid YAML"]),
    ("a: !!python/object/apply:os.system ['echo pwned > pwned.txt']\n", [".okrlint.yaml", "invalid YAML"]),
    ("rule-packs: [missing-pack]\n", ["rule-packs", "missing-pack"]),
    ("rule-packs: [bad-pack.yaml]\n", ["bad-pack.yaml", "rules[0]"]),
])
def test_bad_config_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any,
                                           config: str, needles: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".okrlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "bad-pack.yaml").write_text("rules:\n  - {name: 5}\n", encoding="utf-8")
    (tmp_path / "a.okr.md").write_text("O1: Grow\nKR1: x\n", encoding="utf-8")
    code, out, err = cli("check", "a.okr.md")
    assert code == 2 and out == ""
    assert err.startswith("okrlint: error: ") and err.count("\n") == 1
    for needle in needles:
        assert needle in err
    assert not (tmp_path / "pwned.txt").exists()


# -- internal errors ---------------------------------------------------------------------------------

def test_internal_error_is_one_line_without_debug(monkeypatch: pytest.MonkeyPatch, cli: Any) -> None:
    import okrlint.commands.check

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(okrlint.commands.check, "engine_from_args", boom)
    code, out, err = cli("check", "examples/en/craft-good.okr.md")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "ZeroDivisionError" in err and "Traceback" not in err
    with pytest.raises(ZeroDivisionError):
        cli("check", "examples/en/craft-good.okr.md", "--debug")
