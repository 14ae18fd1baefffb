"""The README's Python API example does what the README says it prints."""
from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest

from okrlint.model import Finding
from tests.conftest import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(marker: str) -> str:
    m = re.search(rf"<!-- {marker} -->\s*```\w+\n(.*?)```", README, re.S)
    assert m, marker
    return m.group(1)


def test_readme_api_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            cli: Callable[..., tuple[int, str, str]]) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "okrs")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block("api-example"), "README.md", "exec"), namespace)  # noqa: S102 - our own README
    assert out.getvalue() == block("api-example-output")

    findings = namespace["findings"]
    assert findings and all(isinstance(f, Finding) for f in findings)
    assert namespace["errors"] and all(f.severity == "error" for f in namespace["errors"])
    # the API and the command line give the same findings
    code, report, _ = cli("check", "--format", "json", "okrs/")
    reported = json.loads(report)["findings"]
    assert [f.to_dict() for f in findings] == [{k: r[k] for k in f.to_dict()} for f, r in zip(findings, reported)]
    assert len(findings) == len(reported)
