"""``okrlint init`` writes a starter that passes okrlint, and never overwrites anything."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Callable

import jsonschema
import pytest
import yaml

from okrlint import lint_text
from okrlint.commands.init import quarter, starter_files
from okrlint.engine.config import load_config
from okrlint.parsing import parse_text
from tests.conftest import ROOT

Cli = Callable[..., tuple[int, str, str]]
KINDS = [("zh", "yaml"), ("zh", "md"), ("en", "yaml"), ("en", "md")]


@pytest.mark.parametrize("lang, fmt", KINDS)
def test_starter_passes_every_rule(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   lang: str, fmt: str) -> None:
    code, out, err = cli("init", "--lang", lang, "--format", fmt, "--dir", str(tmp_path))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".okrlint.yaml", f"team.okr.{fmt}"]
    monkeypatch.chdir(tmp_path)  # so the written .okrlint.yaml is the one in effect
    for select in ([], ["--select", "ALL"]):
        code, out, err = cli("check", "--format", "json", *select, ".")
        report = json.loads(out)
        assert [(f["rule"], f["line"]) for f in report["findings"]] == []
        assert (code, report["summary"]["files"]) == (0, 1)


@pytest.mark.parametrize("lang, fmt", KINDS)
def test_starter_has_period_review_and_three_key_results(lang: str, fmt: str) -> None:
    today = dt.date(2026, 5, 17)
    files = starter_files(lang, fmt, today)
    doc = parse_text(files[f"team.okr.{fmt}"], f"team.okr.{fmt}")
    assert doc.period_raw == "2026-Q2"
    assert doc.period is not None and doc.period.end == dt.date(2026, 6, 30)
    assert doc.review and doc.review["checkin"]
    assert doc.language == lang
    assert [len(o.key_results) for o in doc.objectives] == [3]
    assert all(kr.owner for kr in doc.objectives[0].key_results)


@pytest.mark.parametrize("today", [dt.date(2026, 1, 1), dt.date(2026, 8, 31), dt.date(2027, 12, 31)])
@pytest.mark.parametrize("lang, fmt", KINDS)
def test_starter_passes_in_any_quarter(lang: str, fmt: str, today: dt.date) -> None:
    text = starter_files(lang, fmt, today)[f"team.okr.{fmt}"]
    assert [f.rule for f in lint_text(text, f"team.okr.{fmt}")] == []


def test_yaml_starters_follow_the_document_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "okr.schema.json").read_text(encoding="utf-8"))
    for lang in ("zh", "en"):
        data = yaml.safe_load(starter_files(lang, "yaml", dt.date(2026, 2, 1))["team.okr.yaml"])
        data = json.loads(json.dumps(data, default=str))  # dates as editors see them: strings
        jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize("lang, marker", [("zh", "规则"), ("en", "rule")])
def test_config_is_commented_valid_and_in_the_chosen_language(cli: Cli, tmp_path: Path, lang: str,
                                                              marker: str) -> None:
    assert cli("init", "--lang", lang, "--dir", str(tmp_path))[0] == 0
    path = tmp_path / ".okrlint.yaml"
    config = load_config(str(path))  # validated against schemas/config.schema.json
    assert config.get("lang") == "auto"
    comments = [line for line in path.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]
    assert len(comments) >= 5
    assert marker in comments[0] + comments[1]


@pytest.mark.parametrize("existing", ["team.okr.yaml", ".okrlint.yaml"])
def test_never_overwrites(cli: Cli, tmp_path: Path, existing: str) -> None:
    (tmp_path / existing).write_text("mine\n", encoding="utf-8")
    code, out, err = cli("init", "--dir", str(tmp_path))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and existing in err
    assert [p.name for p in tmp_path.iterdir()] == [existing]  # nothing else written
    assert (tmp_path / existing).read_text(encoding="utf-8") == "mine\n"


def test_markdown_starter_does_not_collide_with_an_existing_yaml_one(cli: Cli, tmp_path: Path) -> None:
    assert cli("init", "--dir", str(tmp_path))[0] == 0
    code, _, err = cli("init", "--format", "md", "--dir", str(tmp_path))
    assert code == 2 and ".okrlint.yaml" in err
    assert not (tmp_path / "team.okr.md").exists()


def test_creates_the_directory(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "okrs" / "2026"
    assert cli("init", "--lang", "en", "--dir", str(target))[0] == 0
    assert (target / "team.okr.yaml").is_file()


@pytest.mark.parametrize("today, period, end", [
    (dt.date(2026, 2, 10), "2026-Q1", dt.date(2026, 3, 31)),
    (dt.date(2026, 4, 1), "2026-Q2", dt.date(2026, 6, 30)),
    (dt.date(2026, 9, 30), "2026-Q3", dt.date(2026, 9, 30)),
    (dt.date(2026, 12, 5), "2026-Q4", dt.date(2026, 12, 31)),
])
def test_quarter(today: dt.date, period: str, end: dt.date) -> None:
    assert quarter(today) == (period, end)
