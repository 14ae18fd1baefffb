"""The ``okrlint`` pre-commit hook, run by the real pre-commit on real ``git commit``s.

pre-commit installs a hook repository by cloning a git revision, so committed
state is all it sees. To test *this working tree* (tracked and new, not-ignored
files alike), the test snapshots it into a temporary git repository and points
``repo:``/``rev:`` there. (``pre-commit try-repo`` would drop new untracked files:
it only adds staged and modified tracked ones.) The first run builds the hook's
virtualenv (pip install of okrlint and its dependencies); PRE_COMMIT_HOME is a
temporary directory shared by the tests of this module.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import ROOT

BAD = "---\nperiod: 2026-Q1\nreview: {checkin: 每周}\n---\n# 售后\n\nO:打造一次修好的服务能力\nKR1:FTR从88%提升到95%\n"
GOOD = BAD + "KR2:技师诊断准确率从80%提升到90%\nKR3:返修率从12%降至5%\n"
NOT_OKR_YAML = "services:\n  web: [unclosed\n"  # a YAML syntax error: an error finding if okrlint read it
README = "# Planning\n\nOur OKRs live in okrs/. Run `pre-commit install`.\n"


def git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("home")
    return {
        **os.environ,
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
    }


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """A git snapshot of this checkout's working tree: (path, commit)."""
    snap = tmp_path_factory.mktemp("okrlint-snapshot")
    listed = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=ROOT, env=env)
    assert listed.returncode == 0, listed.stderr
    for rel in filter(None, listed.stdout.split("\0")):
        src = ROOT / rel
        if src.is_file() and not rel.startswith(("tests/", "bench/")):
            (snap / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, snap / rel)
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "snapshot")):
        done = git(*args, cwd=snap, env=env)
        assert done.returncode == 0, done.stderr
    return snap, git("rev-parse", "HEAD", cwd=snap, env=env).stdout.strip()


@pytest.fixture
def planning_repo(tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str]) -> Path:
    repo_path, rev = hook_repo
    repo = tmp_path / "planning"
    repo.mkdir()
    assert git("init", "-q", cwd=repo, env=env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo_path}\n    rev: {rev}\n    hooks:\n      - id: okrlint\n", encoding="utf-8")
    (repo / ".okrlint.yaml").write_text('exclude: ["archive/*"]\n', encoding="utf-8")
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env,
                               capture_output=True, text=True, timeout=120)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    assert git("add", "-A", cwd=repo, env=env).returncode == 0
    return subprocess.run(["git", "commit", "-m", message], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=900)


def test_hook_fails_on_a_bad_okr_and_passes_once_fixed(planning_repo: Path, env: dict[str, str]) -> None:
    repo = planning_repo
    (repo / "okrs").mkdir()
    (repo / "okrs" / "q1.okr.md").write_text(BAD, encoding="utf-8")
    started = time.monotonic()
    bad = commit(repo, env, "bad OKRs")
    print(f"first commit (builds the hook environment): {time.monotonic() - started:.1f}s")
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0, output
    assert "okrlint" in output and "Failed" in output
    assert "okrs/q1.okr.md:7:3: OKR201" in output  # the finding, with its position and code
    assert git("rev-parse", "--verify", "HEAD", cwd=repo, env=env).returncode != 0  # nothing committed

    (repo / "okrs" / "q1.okr.md").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    good = commit(repo, env, "good OKRs")
    print(f"second commit (warm): {time.monotonic() - started:.1f}s")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout + good.stderr
    assert git("rev-parse", "--verify", "HEAD", cwd=repo, env=env).returncode == 0


def test_hook_ignores_files_that_are_not_okrs_and_excluded_ones(planning_repo: Path, env: dict[str, str]) -> None:
    repo = planning_repo
    (repo / "deploy.yaml").write_text(NOT_OKR_YAML, encoding="utf-8")
    (repo / "README.md").write_text(README, encoding="utf-8")
    (repo / "archive").mkdir()
    (repo / "archive" / "2020.okr.md").write_text(BAD, encoding="utf-8")
    # control: named without --force-exclude, okrlint does read them and fails
    control = subprocess.run([sys.executable, "-m", "okrlint", "check", "deploy.yaml", "archive/2020.okr.md"],
                             cwd=repo, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert control.returncode == 1, control.stdout + control.stderr
    done = commit(repo, env, "infrastructure")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "okrlint" in output and "Passed" in output  # the hook ran on them (yaml, markdown) and passed
