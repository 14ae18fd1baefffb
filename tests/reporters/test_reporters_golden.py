"""Every output format, rendered from the same fixed input, equals its golden file.

Regenerate after an intended change with ``OKRLINT_UPDATE_GOLDEN=1 python -m pytest tests/reporters``
and review the diff. The tool version is replaced by ``<VERSION>`` so a release does not touch them.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from okrlint import __version__
from okrlint.reporters import FORMATS, get_renderer
from reporters_sample import sample_context, sample_result

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("OKRLINT_UPDATE_GOLDEN") == "1"

# (format, language, golden file)
CASES = [
    ("text", "en", "text.en.txt"),
    ("text", "zh", "text.zh.txt"),
    ("json", "en", "json.json"),
    ("json-lines", "en", "json-lines.jsonl"),
    ("sarif", "en", "sarif.sarif"),
    ("github", "en", "github.txt"),
    ("gitlab", "en", "gitlab.json"),
    ("html", "en", "html.en.html"),
    ("html", "zh", "html.zh.html"),
]


def test_every_format_has_a_golden_file() -> None:
    assert {fmt for fmt, _, _ in CASES} == set(FORMATS)


@pytest.mark.parametrize(("fmt", "lang", "name"), CASES, ids=[c[2] for c in CASES])
def test_golden(fmt: str, lang: str, name: str) -> None:
    out = get_renderer(fmt)(sample_result(), sample_context(lang)).replace(__version__, "<VERSION>")
    path = GOLDEN / name
    if UPDATE:
        path.write_text(out, encoding="utf-8", newline="")
    assert path.exists(), f"missing {path}: run with OKRLINT_UPDATE_GOLDEN=1"
    assert out == path.read_bytes().decode("utf-8")
