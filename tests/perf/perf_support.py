"""Shared fixtures of tests/perf (imported by each test module; a conftest.py here would shadow tests/conftest.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def private_cache_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache's MAC secret and validation markers go to a temporary folder, not the user's ~/.cache."""
    home = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """60 generated OKR files (zh/en, YAML/Markdown, good and bad); the working directory is the repo."""
    from bench.generate import generate

    generate(60, str(tmp_path / "okrs"))
    monkeypatch.chdir(tmp_path)
    return tmp_path
