"""The article's OKRs under examples/ give exactly the expected findings, rule by rule.

Each rule that fires on the examples has ``expected/<rule-name>.txt``: one line per
finding, ``file:line:node_path:message_id``. A rule without such a file must stay
silent on every example (the ✅ files above all).
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from okrlint.api import make_engine, run
from okrlint.engine.config import Config
from okrlint.engine.registry import installed_rules

EXPECTED = Path(__file__).parent / "expected"


@pytest.fixture(scope="module")
def actual() -> dict[str, list[str]]:
    engine = make_engine(Config(root=ROOT))
    result = run(engine, [str(EXAMPLES)])
    by_rule: dict[str, list[str]] = defaultdict(list)
    for f in result.findings:
        rel = Path(f.file).resolve().relative_to(ROOT).as_posix()
        by_rule[f.rule].append(f"{rel}:{f.line}:{f.node_path}:{f.message_id}")
    return by_rule


def _expected(rule: str) -> list[str]:
    path = EXPECTED / f"{rule}.txt"
    if not path.exists():
        return []
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


@pytest.mark.parametrize("rule", sorted(r.name for r in installed_rules() if r.enabled_by_default))
def test_rule_on_examples(actual: dict[str, list[str]], rule: str) -> None:
    assert sorted(actual.get(rule, [])) == sorted(_expected(rule))


def test_good_examples_are_clean_of_errors(actual: dict[str, list[str]]) -> None:
    good = ("customer-experience", "google-first-okr", "first-time-fix", "mistake-1-fixed", "mistake-2-fixed",
            "craft-good")
    noisy = [f for fs in actual.values() for f in fs if any(g in f for g in good)]
    assert noisy == []


def test_every_expected_file_names_a_rule() -> None:
    names = {r.name for r in installed_rules()}
    assert {p.stem for p in EXPECTED.glob("*.txt")} <= names
