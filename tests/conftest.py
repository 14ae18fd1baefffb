"""Shared fixtures: paths into the repository and an in-process CLI runner."""
from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``okrlint`` in-process: ``code, out, err = cli("check", path, stdin=...)``."""
    from okrlint.cli import main

    def run(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
