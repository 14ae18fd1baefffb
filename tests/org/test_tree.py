"""`okrlint tree`: the cascade company → team objectives → key results with owners, as text and JSON."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def objectives(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for n in nodes:
        out.append(n)
        out.extend(objectives(n["children"]))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tree_json_cascade(cli, lang: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("tree", "--format", "json", str(FIXTURES / lang / "company"))
    assert code == 0, err
    docs = json.loads(out)["documents"]
    # only the company is a root: every team objective hangs under a company objective
    assert [Path(d["file"]).name for d in docs] == ["company.okr.yaml"]
    assert docs[0]["level"] == "company"
    top = docs[0]["objectives"]
    assert [o["id"] for o in top] == ["O1", "CO-FTR"]
    assert [Path(c["file"]).name for c in top[0]["children"]] == ["team-hub.okr.yaml"]
    assert sorted(Path(c["file"]).name for c in top[1]["children"]) == ["team-field.okr.yaml", "team-quality.okr.yaml"]
    hub = top[0]["children"][0]
    assert hub["owner"] and all(kr["owner"] for kr in hub["key_results"]) and len(hub["key_results"]) == 4
    assert len(objectives(top)) == 5  # each objective exactly once


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tree_text(cli, lang: str) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("tree", str(FIXTURES / lang / "company"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("company.okr.yaml)")
    # a team objective is drawn one level below the company objective it aligns to, after that objective's KRs
    hub = next(i for i, ln in enumerate(lines) if "team-hub.okr.yaml:9" in ln)
    assert lines[hub].startswith("│   └── ") and lines[hub - 1].startswith("│   ├── KR3 ")
    assert lines[hub + 1].startswith("│       ├── KR1 ")


def test_tree_shows_cycles_and_unaligned(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("tree", "--format", "json", str(FIXTURES / "zh" / "broken"))
    assert code == 0
    docs = {Path(d["file"]).name: d for d in json.loads(out)["documents"]}
    all_objs = [o for d in docs.values() for o in objectives(d["objectives"])]
    assert sorted((Path(o["file"]).name, o["id"]) for o in all_objs) == sorted(
        [("company.okr.yaml", "O1"), ("company.okr.yaml", "O1"), ("team-b.okr.yaml", "B1"), ("team-c.okr.yaml", "C1"),
         ("team-c.okr.yaml", "C2")] + [("team-a.okr.yaml", f"A{i}") for i in range(1, 6)])
    assert {(Path(o["file"]).name, o["id"]) for o in all_objs if o.get("cycle")} == {
        ("team-b.okr.yaml", "B1"), ("team-c.okr.yaml", "C2")}


def test_tree_bad_format_and_missing_path(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("tree", "--format", "xml", str(tmp_path))[0] == 2
    code, _, err = cli("tree", str(tmp_path / "nope"))
    assert code == 2 and err.count("\n") == 1
