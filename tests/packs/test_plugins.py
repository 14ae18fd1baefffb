"""Third-party Python rules: a distribution's entry point in the group ``okrlint.rules`` adds a rule.

Instead of pip-installing a real plugin into a fresh virtual environment (slow), the test puts a
fake installed distribution on sys.path: a module plus ``*.dist-info/METADATA`` and
``entry_points.txt``, which is all ``importlib.metadata.entry_points`` reads.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest

from okrlint.engine.registry import installed_rules

PLUGIN = '''"""A key result names no owner (``@someone``).

## What it does
Flags key results without an ``@owner`` mention.

## Why is this bad?
A key result nobody owns is a key result nobody moves.

## Example
Bad: ``KR1:NPS从45分提升到55分`` / ``KR1: Raise NPS from 45 to 55``
Good: ``KR1:NPS从45分提升到55分 @张三`` / ``KR1: Raise NPS from 45 to 55 @ana``

## Options
None.
"""
from okrlint.model import Problem

CODE = "XYZ201"
NAME = "kr-no-owner-mention"
SCOPE = "key_result"
SEVERITY = "error"
OPTIONS_SCHEMA = {"type": "object", "additionalProperties": False, "properties": {}}
MESSAGES = {"no-owner": {"zh": "「{text}」没有负责人:在行末写上 @负责人。",
                         "en": "'{text}' has no owner: add @owner at the end of the line."}}


def check(kr, ctx):
    if "@" not in kr.title:
        yield Problem("no-owner", {"text": kr.title})
'''


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    site = tmp_path / "site"
    dist = site / "okrlint_xyz-0.1.dist-info"
    dist.mkdir(parents=True)
    (site / "okrlint_xyz.py").write_text(PLUGIN, encoding="utf-8")
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: okrlint-xyz\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[okrlint.rules]\nxyz = okrlint_xyz\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    installed_rules.cache_clear()
    yield tmp_path
    installed_rules.cache_clear()  # later tests must not see the plugin


@pytest.mark.parametrize(("kr", "message"), [
    ("KR1:NPS从45分提升到55分", "「NPS从45分提升到55分」没有负责人:在行末写上 @负责人。"),
    ("KR1:NPS从45分提升到55分 @张三", None),
    ("KR1: Raise NPS from 45 to 55", "'Raise NPS from 45 to 55' has no owner: add @owner at the end of the line."),
    ("KR1: Raise NPS from 45 to 55 @ana", None),
])
def test_plugin_rule_runs_through_the_cli(plugin: Path, cli, kr: str, message: str | None) -> None:  # type: ignore[no-untyped-def]
    f = plugin / "q1.okr.md"
    objective = "O1:让客户一次修好" if "从" in kr else "O1: Delight customers"  # the document's language
    f.write_text(f"---\nperiod: 2026-Q1\n---\n{objective}\n{kr}\n", encoding="utf-8")
    code, out, err = cli("check", "--select", "XYZ", "--format", "json", str(f))
    # The message text is the plugin's own MESSAGES (defined above), rendered in the document's language.
    found = [(x["rule"], x["line"], x["node_path"], x["message_id"], x["message"])
             for x in json.loads(out)["findings"]]
    if message is None:
        assert (code, found) == (0, [])
    else:
        assert code == 1
        assert found == [("kr-no-owner-mention", 5, "objectives[0].key_results[0]", "no-owner", message)]


def test_plugin_rule_is_listed_and_documented(plugin: Path, cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("rules", "--format", "json")
    row = next(r for r in json.loads(out) if r["code"] == "XYZ201")
    assert (code, row["name"], row["enabled"], row["origin"]) == (0, "kr-no-owner-mention", True, "okrlint_xyz")
    code, out, _ = cli("rule", "XYZ201")
    assert code == 0 and out.startswith("# kr-no-owner-mention (XYZ201)") and "## Why is this bad?" in out


def test_without_the_plugin_the_rule_is_unknown(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    installed_rules.cache_clear()
    assert cli("check", "--select", "XYZ201", str(tmp_path))[0] == 2
