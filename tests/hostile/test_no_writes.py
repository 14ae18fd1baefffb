"""okrlint never writes to the files it checks: checksum the tree before and after every command and format."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest

from okrlint.cli import COMMANDS
from okrlint.reporters import FORMATS

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).parent / "cases"
# server talks LSP on stdin until the editor leaves (not run here); init and docs write new files
# by design: they write into new folders below, and no existing file may change.
LONG_RUNNING = {"server"}


def checksums(root: Path) -> dict[str, tuple[str, int]]:
    return {str(p.relative_to(root)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "okrs"
    shutil.copytree(ROOT / "examples", root / "examples")
    shutil.copytree(CASES, root / "hostile")
    monkeypatch.chdir(root)
    return root


def _argv(command: str) -> list[list[str]]:
    if command == "check":
        return [["check", ".", "--format", fmt] for fmt in FORMATS]
    if command == "rule":
        return [["rule", "kr-count"]]
    if command in ("rules", "version"):
        return [[command]]
    if command == "init":
        return [["init", "--dir", "new-starter"]]
    if command == "docs":  # writes the rule reference: into its own new folder here
        return [["docs", "--output", "new-docs"]]
    if command == "clean":  # removes only the cache: make one first
        return [["check", "."], ["clean"]]
    return [[command, "."], [command, ".", "--format", "json"]]


def test_every_command_is_covered() -> None:
    assert {"check", "rules", "rule"} <= set(COMMANDS)


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - LONG_RUNNING))
def test_command_changes_no_checked_file(tree: Path, cli: Any, command: str) -> None:
    before = checksums(tree)
    for argv in _argv(command):
        code, _out, err = cli(*argv)
        assert code in (0, 1), (argv, err)
    after = checksums(tree)
    assert {k: v for k, v in after.items() if k in before} == before
    new = set(after) - set(before)
    assert all(p.startswith(("new-starter/", "new-docs/", ".okrlint_cache/")) for p in new), new
