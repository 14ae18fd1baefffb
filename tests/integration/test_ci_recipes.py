"""docs/ci.md's recipes, run for real: the okrlint commands of every ``<!-- ci-recipe: NAME -->`` block.

The hosted services are not involved: the workflow files are parsed, their
okrlint commands run with bash in a directory holding the examples as ``okrs/``,
and the files they write are checked against what the service reads.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from okrlint import lint_paths
from tests.conftest import EXAMPLES, ROOT

CI_MD = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"<!-- ci-recipe: ([\w-]+) -->\s*```(\w+)\n(.*?)```", re.S)
RECIPES: dict[str, tuple[str, str]] = {m.group(1): (m.group(2), m.group(3)) for m in _BLOCK.finditer(CI_MD)}


def test_the_recipes_are_there() -> None:
    assert sorted(RECIPES) == ["github-actions", "gitlab-ci", "shell"]


@pytest.fixture(params=["all", "clean"])
def workdir(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, dict[str, str], bool]:
    """A repository with okrs/: all examples (errors expected) or only those without error findings."""
    okrs = tmp_path / "okrs"
    shutil.copytree(EXAMPLES, okrs)
    if request.param == "clean":
        failing = {f.file for f in lint_paths([okrs]) if f.severity == "error"}
        for path in failing:
            Path(path).unlink()
        assert any(okrs.rglob("*.okr.*"))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "okrlint"  # what `pip install okrlint` puts on PATH
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m okrlint "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    env.pop("GITHUB_ACTIONS", None)
    return tmp_path, env, request.param == "all"


def sh(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-e", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def okrlint_commands(lines: list[str]) -> list[str]:
    cmds = [c for c in lines if c.lstrip().startswith("okrlint ")]
    assert cmds, lines
    return cmds


def findings_in(cwd: Path, env: dict[str, str]) -> list[dict[str, Any]]:
    out = sh("okrlint check --format json --exit-zero okrs/", cwd, env)
    return json.loads(out.stdout)["findings"]  # type: ignore[no-any-return]


def test_github_actions(workdir: tuple[Path, dict[str, str], bool]) -> None:
    cwd, env, has_errors = workdir
    lang, body = RECIPES["github-actions"]
    assert lang == "yaml"
    workflow = yaml.safe_load(body)
    steps = workflow["jobs"]["okrlint"]["steps"]
    assert workflow["permissions"]["security-events"] == "write"
    runs = [s for s in steps if "run" in s and s["run"].startswith("okrlint ")]
    annotate, sarif_step = runs
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert sarif_step.get("if") == upload.get("if") == "always()"
    expected = findings_in(cwd, env)

    done = sh(annotate["run"], cwd, env)
    assert done.returncode == (1 if has_errors else 0), done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(expected)
    assert all(re.match(r"::(error|warning|notice) file=okrs/[^,]+,line=\d+,col=\d+", line) for line in lines)
    assert any(line.startswith("::error ") for line in lines) == has_errors

    done = sh(sarif_step["run"], cwd, env)
    assert done.returncode == 0, done.stderr
    sarif = json.loads((cwd / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    assert run["tool"]["driver"]["name"] == "okrlint"
    assert len(run["results"]) == len(expected)
    for result in run["results"]:
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].startswith("okrs/")
        assert loc["region"]["startLine"] >= 1


def test_gitlab_ci(workdir: tuple[Path, dict[str, str], bool]) -> None:
    cwd, env, has_errors = workdir
    lang, body = RECIPES["gitlab-ci"]
    assert lang == "yaml"
    job = yaml.safe_load(body)["okrlint"]
    assert job["artifacts"]["when"] == "always"
    report = job["artifacts"]["reports"]["codequality"]
    expected = findings_in(cwd, env)
    codes = [sh(cmd, cwd, env).returncode for cmd in okrlint_commands(job["script"])]
    assert codes[-1] == (1 if has_errors else 0)
    issues = json.loads((cwd / report).read_text(encoding="utf-8"))
    assert isinstance(issues, list) and len(issues) == len(expected)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for issue in issues:
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["check_name"] and issue["description"]
        assert issue["location"]["path"].startswith("okrs/")
        assert issue["location"]["lines"]["begin"] >= 1


def test_shell(workdir: tuple[Path, dict[str, str], bool]) -> None:
    cwd, env, has_errors = workdir
    lang, body = RECIPES["shell"]
    assert lang == "sh"
    done = sh(body, cwd, env)
    assert done.returncode == (1 if has_errors else 0), done.stderr
    report = json.loads((cwd / "okrlint-report.json").read_text(encoding="utf-8"))
    assert report["summary"]["errors"] > 0 if has_errors else report["summary"]["errors"] == 0
    assert report["summary"]["files"] == len(list((cwd / "okrs").rglob("*.okr.*")))
