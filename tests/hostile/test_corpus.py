"""The hostile corpus (tests/hostile/cases/): each file ends in exactly the expected reading findings, fast,
with every output format well-formed and the text output free of raw control characters."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from okrlint.api import Result, make_engine
from okrlint.engine.config import Config
from okrlint.reporters import FORMATS, ReportContext, get_renderer

HERE = Path(__file__).parent
CASES = HERE / "cases"
EXPECTED: dict[str, list[str]] = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
READING_RULES = {"parse-error", "invalid-structure", "duplicate-key", "unknown-key", "file-encoding"}
# What a terminal would act on: C0 (but tab/newline), DEL, C1, bidi overrides and isolates.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


ENGINE = make_engine(Config())


def lint_case(name: str) -> Result:
    doc = ENGINE.read_document(str(CASES / name), name)
    return Result(ENGINE.lint_documents([doc]), [doc])


def test_every_case_file_has_an_expectation() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in CASES.iterdir())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_case_outcome(name: str) -> None:
    started = time.process_time()
    result = lint_case(name)
    assert time.process_time() - started < 1.0
    got = sorted(f"{f.rule}:{f.message_id}:{f.line}" for f in result.findings if f.rule in READING_RULES)
    assert got == sorted(EXPECTED[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_case_renders_safely_in_every_format(name: str) -> None:
    result = lint_case(name)
    for fmt in FORMATS:
        out = get_renderer(fmt)(result, ReportContext(lang="en", engine=None))
        assert isinstance(out, str)
        if fmt == "text":
            assert not RAW_CONTROL.search(out)
        if fmt == "github":  # one command per line; properties carry no raw control character
            for line in out.splitlines():
                assert line.startswith("::")
                props = line[2:].split("::", 1)[0]
                assert not RAW_CONTROL.search(props)
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(out)
        if fmt == "json-lines":
            for line in out.splitlines():
                if line.strip():
                    json.loads(line)


def test_text_output_neutralises_escapes_and_bidi(cli: Any) -> None:
    code, out, err = cli("check", str(CASES / "terminal-escapes.okr.md"), str(CASES / "bidi-controls.okr.md"))
    assert code in (0, 1) and err == ""
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\u2066" not in out
    assert "\\u001b" in out  # shown, not executed


def test_unsafe_tags_execute_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any) -> None:
    """The python tags in the corpus write pwned.txt into the working directory if executed."""
    monkeypatch.chdir(tmp_path)
    for name in ("yaml-python-apply.okr.yaml", "front-matter-python-tag.okr.md", "yaml-python-object.okr.yaml"):
        code, _out, _err = cli("check", str(CASES / name), "--format", "json")
        assert code == 1
    assert not (tmp_path / "pwned.txt").exists()
