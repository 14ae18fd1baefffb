"""A run whose files are all unchanged prints the stored report without loading any file's result."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from perf_support import private_cache_home, repo  # noqa: F401 - fixtures

from okrlint.cache import Cache

CLI = Callable[..., tuple[int, str, str]]


@pytest.fixture
def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading a cached file result fails the test: a replayed report must not need one."""
    def refuse(self: Cache, path: str, content_digest: bytes) -> None:
        raise AssertionError(f"loaded the cached result of {path}")

    monkeypatch.setattr(Cache, "get", refuse)


@pytest.mark.parametrize("fmt", ["text", "json", "json-lines", "sarif", "github", "gitlab"])
def test_unchanged_run_replays_the_report(repo: Path, cli: CLI, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = cli("check", "okrs", "--format", fmt)
    assert cold[0] == 1 and cold[1], cold[2]
    with monkeypatch.context() as m:
        m.setattr(Cache, "get", lambda *a: pytest.fail("a cached file result was loaded"))
        assert cli("check", "okrs", "--format", fmt) == cold
    assert cli("check", "okrs", "--format", fmt, "--no-cache") == cold


def test_exit_code_options_apply_to_a_replayed_report(repo: Path, cli: CLI, no_loading: None) -> None:
    # warnings only: exit 0, or 1 with --strict
    for f in (repo / "okrs").rglob("*.okr.*"):
        f.unlink()
    (repo / "okrs" / "a.okr.yaml").write_text(
        "period: 2026-Q1\nreview: {checkin: weekly}\nobjectives:\n  - title: 打造行业领先的客户服务体验\n"
        "    key_results:\n      - NPS从45分提升到55分\n      - 留存率从65%提升到75%\n      - 优化服务流程\n",
        encoding="utf-8")
    first = cli("check", "okrs")
    assert first[0] == 0 and "kr-not-measurable" in first[1]
    assert cli("check", "okrs") == first
    assert cli("check", "okrs", "--strict")[0] == 1
    assert cli("check", "okrs", "--exit-zero")[0] == 0


def test_any_change_lints_again(repo: Path, cli: CLI) -> None:
    cold = cli("check", "okrs")
    target = sorted((repo / "okrs").rglob("*.okr.yaml"))[0]
    target.write_text("period: 2026-Q1\nobjectives:\n  - title: 收入达到1000万\n    key_results: [KR1]\n",
                      encoding="utf-8")
    changed = cli("check", "okrs")
    assert changed != cold and "objective-is-metric" in changed[1]
    target.unlink()
    gone = cli("check", "okrs")
    assert gone != changed and target.name not in gone[1]


def test_report_options_are_part_of_the_key(repo: Path, cli: CLI) -> None:
    plain = cli("check", "okrs")
    stats = cli("check", "okrs", "--statistics")
    assert stats != plain and ("Findings per rule:" in stats[1] or "按规则统计:" in stats[1])
    assert cli("check", "okrs") == plain
    assert cli("check", "okrs", "--statistics") == stats
    assert cli("check", "okrs", "--format", "json")[1].startswith("{")


def test_stdin_is_never_replayed(repo: Path, cli: CLI) -> None:
    text = "O: 打造行业领先的客户服务体验\nKR1: 收入达到1000万\n"
    first = cli("check", "-", "okrs", "--stdin-filename", "x.okr.md", stdin=text)
    second = cli("check", "-", "okrs", "--stdin-filename", "x.okr.md", stdin=text.replace("1000万", "2000万"))
    assert "2000万" in second[1] and "2000万" not in first[1]
