"""Start-up guard: the default path imports nothing heavy (checked with ``python -X importtime``)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from perf_support import private_cache_home, repo  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("spacy", "jieba", "jinja2", "pygls")


def imported(args: list[str], cwd: Path, cache_home: Path) -> set[str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "okrlint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "okrlint" in names
    return names


@pytest.mark.parametrize("extra", [[], ["--no-cache"], ["--format", "json"]])
def test_default_check_imports_nothing_heavy(extra: list[str], tmp_path: Path) -> None:
    names = imported(["check", "examples/zh/customer-experience.okr.md", *extra], ROOT, tmp_path)
    assert not names & {*HEAVY, "jsonschema"}


def test_config_validated_once_then_no_jsonschema(tmp_path: Path) -> None:
    (tmp_path / ".okrlint.yaml").write_text("lang: zh\n", encoding="utf-8")
    (tmp_path / "q1.okr.md").write_text("O:提升服务质量\nKR1:NPS从45分提升到55分\n", encoding="utf-8")
    first = imported(["check", "q1.okr.md"], tmp_path, tmp_path / "home")
    second = imported(["check", "q1.okr.md"], tmp_path, tmp_path / "home")
    assert "jsonschema" in first
    assert "jsonschema" not in second
    assert not second & set(HEAVY)
