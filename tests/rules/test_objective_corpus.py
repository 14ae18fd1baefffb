"""Precision and recall of the objective and document rules on a labelled corpus of real-world lines.

tests/corpus/objective_rules.yaml holds objective lines and policy sentences as real teams write
them, each labelled with the rules a careful reviewer would expect. Precision first: each rule must
be right at least 19 times out of 20 when it fires; recall must stay useful. Run with ``-s`` to see
the figures.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from okrlint.api import lint_text
from okrlint.engine.config import Config

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "objective_rules.yaml"
OBJECTIVE_RULES = ("objective-vague", "objective-is-task")
POLICY_RULES = ("tied-to-compensation",)
MIN_PRECISION = 0.95
MIN_RECALL = {"objective-vague": 0.8, "objective-is-task": 0.8, "tied-to-compensation": 0.7}

# Neutral key results, so that only the line under test can make a rule fire.
_KRS = {"zh": ["NPS从45分提升到55分", "客户留存率从65%提升到75%", "首次修复率从88%提升到95%"],
        "en": ["Increase NPS from 45 to 55", "Raise customer retention from 65% to 75%",
               "Raise first-time fix rate from 88% to 95%"]}
_HEAD = "---\nperiod: 2026-Q1\nreview: {checkin: weekly}\n---\n"  # lines 1-4


def _doc(lang: str, objective: str, prose: str | None = None) -> str:
    label = "O:" if lang == "zh" else "Objective:"
    body = _HEAD + f"{label} {objective}\n" + "".join(f"KR{i}: {kr}\n" for i, kr in enumerate(_KRS[lang], 1))
    if prose is not None:
        body += "\n" + prose + "\n"  # line 10
    return body


def _corpus() -> dict[str, Any]:
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


def _fired(text: str, rules: tuple[str, ...], line: int) -> set[str]:
    config = Config(data={"select": list(rules)})
    return {f.rule for f in lint_text(text, "corpus.okr.md", config) if f.line == line}


def _score(items: list[tuple[set[str], set[str]]], rules: tuple[str, ...]) -> dict[str, tuple[float, float, int]]:
    counts: dict[str, Counter[str]] = {r: Counter() for r in rules}
    for expected, got in items:
        for r in rules:
            if r in got:
                counts[r]["tp" if r in expected else "fp"] += 1
            elif r in expected:
                counts[r]["fn"] += 1
    out = {}
    for r, c in counts.items():
        fired, relevant = c["tp"] + c["fp"], c["tp"] + c["fn"]
        out[r] = (c["tp"] / fired if fired else 1.0, c["tp"] / relevant if relevant else 1.0, fired)
    return out


def _report(title: str, scores: dict[str, tuple[float, float, int]], n: int) -> None:
    print(f"\n{title} ({n} lines)")
    for r, (p, rc, fired) in scores.items():
        print(f"  {r:22} precision {p:.3f}  recall {rc:.3f}  (fired {fired})")


@pytest.fixture(scope="module")
def objective_results() -> list[tuple[str, set[str], set[str]]]:
    rows = []
    for lang, items in _corpus()["objectives"].items():
        for item in items:
            got = _fired(_doc(lang, item["text"]), OBJECTIVE_RULES, 5)
            rows.append((item["text"], set(item["expect"]), got))
    return rows


@pytest.fixture(scope="module")
def policy_results() -> list[tuple[str, set[str], set[str]]]:
    rows = []
    for lang, items in _corpus()["policy"].items():
        objective = "打造一次修好的服务能力" if lang == "zh" else "Make fixing it right the first time our signature"
        for item in items:
            got = _fired(_doc(lang, objective, item["text"]), POLICY_RULES, 10)
            rows.append((item["text"], set(item["expect"]), got))
    return rows


def test_corpus_is_big_enough() -> None:
    data = _corpus()
    assert all(len(data["objectives"][lang]) >= 40 for lang in ("zh", "en"))
    labelled = {r for part in ("objectives", "policy") for items in data[part].values() for i in items
                for r in i["expect"]}
    assert labelled == set(OBJECTIVE_RULES + POLICY_RULES)


@pytest.mark.parametrize("rule", OBJECTIVE_RULES)
def test_objective_rule_precision_and_recall(objective_results: list[tuple[str, set[str], set[str]]],
                                             rule: str) -> None:
    scores = _score([(e, g) for _, e, g in objective_results], OBJECTIVE_RULES)
    _report("objective rules", scores, len(objective_results))
    wrong = [t for t, e, g in objective_results if rule in g and rule not in e]
    precision, recall, _ = scores[rule]
    assert precision >= MIN_PRECISION, wrong
    assert recall >= MIN_RECALL[rule]


def test_policy_rule_precision_and_recall(policy_results: list[tuple[str, set[str], set[str]]]) -> None:
    scores = _score([(e, g) for _, e, g in policy_results], POLICY_RULES)
    _report("policy sentences", scores, len(policy_results))
    wrong = [t for t, e, g in policy_results if g - e]
    precision, recall, _ = scores["tied-to-compensation"]
    assert precision >= MIN_PRECISION, wrong
    assert recall >= MIN_RECALL["tied-to-compensation"]


def test_corpus_misses_are_listed(objective_results: list[tuple[str, set[str], set[str]]],
                                  policy_results: list[tuple[str, set[str], set[str]]]) -> None:
    """Not a threshold: prints every disagreement so a rule change shows what it fixed or broke."""
    for text, expected, got in objective_results + policy_results:
        if expected != got:
            print(f"  expected {sorted(expected)} got {sorted(got)}: {text}")
    assert objective_results and policy_results
