"""Precision and recall of the key-result rules over a labelled corpus of real-style KR lines.

Run with ``pytest -s`` to see the figures. Each rule must be right at least 19 times out of 20
when it fires (precision >= 0.95).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from okrlint import lint_text
from okrlint.engine.config import Config

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "kr_rules.yaml"
RULES = ("kr-not-measurable", "kr-is-task", "kr-unambitious", "kr-unrealistic", "kr-direction-mismatch",
         "kr-metric-polarity", "kr-unit-mismatch", "kr-duplicate", "kr-due-outside-period")
MIN_PRECISION = 0.95
MIN_RECALL = 0.7  # not the quality bar (precision is), but a rule that stops catching must fail


def _items() -> list[dict[str, Any]]:
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


def _fired(item: dict[str, Any]) -> set[str]:
    before = list(item.get("before") or [])
    lines = ["---", f"period: {item.get('period', '2026-Q1')}", "---", "",
             "O: 打造行业领先的客户服务体验" if item["lang"] == "zh" else "Objective: Delight our customers"]
    lines += [f"- {b}" for b in before]
    lines.append(f"- {item['text']}")
    target_line = len(lines)
    config = Config(data={"select": list(RULES)})
    found = lint_text("\n".join(lines) + "\n", "corpus.okr.md", config=config)
    return {f.rule for f in found if f.line == target_line and f.rule in RULES}


@pytest.fixture(scope="module")
def results() -> list[tuple[dict[str, Any], set[str]]]:
    return [(item, _fired(item)) for item in _items()]


def test_corpus_shape() -> None:
    items = _items()
    for lang in ("zh", "en"):
        assert sum(1 for i in items if i["lang"] == lang) >= 40
    assert all(set(i["expect"]) <= set(RULES) for i in items)
    for rule in RULES:
        assert any(rule in i["expect"] for i in items), f"no positive example for {rule}"


@pytest.mark.parametrize("split", ["all", "heldout"])
@pytest.mark.parametrize("rule", RULES)
def test_precision_and_recall(results: list[tuple[dict[str, Any], set[str]]], rule: str, split: str) -> None:
    """Over the whole corpus, and over the held-out part (labelled before the rules ran on it)."""
    if split == "heldout":
        results = [(i, f) for i, f in results if i.get("split") == "heldout"]
    tp = fp = fn = 0
    wrong: list[str] = []
    for item, fired in results:
        want = rule in item["expect"]
        got = rule in fired
        if got and want:
            tp += 1
        elif got:
            fp += 1
            wrong.append(f"false alarm: {item['text']}")
        elif want:
            fn += 1
            wrong.append(f"missed: {item['text']}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"\n{split:8} {rule:24} precision {precision:.2f} ({tp}/{tp + fp})  recall {recall:.2f} ({tp}/{tp + fn})")
    for w in wrong:
        print("   ", w)
    assert precision >= MIN_PRECISION, wrong
    if split == "all":  # the held-out part is too small for a recall floor
        assert recall >= MIN_RECALL, wrong
