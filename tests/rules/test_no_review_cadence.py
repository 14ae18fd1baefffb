"""no-review-cadence (OKR401): the article's mistake 4."""
from __future__ import annotations

from typing import Any

import pytest

from okrlint.api import lint_text
from okrlint.engine.config import Config

OKR_ZH = "O:打造让客户惊喜的服务体验\nKR1:NPS从45分提升到55分\n"
OKR_EN = "Objective: Create a service experience that delights customers\n- KR1: Increase NPS from 45 to 55\n"


def _lint(text: str, name: str = "t.okr.md", **config: Any) -> list[tuple[int, str, str]]:
    found = lint_text(text, name, Config(data={"select": ["no-review-cadence"], **config}))
    return [(f.line, f.node_path, f.message_id) for f in found]


@pytest.mark.parametrize("text,name,line", [
    ("period: 2026-Q1\nteam: 售后服务中心\nobjectives:\n  - title: 打造让客户惊喜的服务体验\n    key_results: [a]\n",
     "t.okr.yaml", 1),
    ("team: x\nperiod: 2026-Q1\nobjectives:\n  - title: Delight customers\n    key_results: [a]\n", "t.okr.yaml", 2),
    ("---\nperiod: 2026-Q1\n---\n" + OKR_ZH, "t.okr.md", 2),  # reported on the period line
    (OKR_ZH, "t.okr.md", 1),
    (OKR_EN, "t.okr.md", 1),
    ("# Mistake 4: OKRs set and never reviewed (no review: cadence)\n" + OKR_EN, "t.okr.md", 1),
    ("我们从不每周复盘。\n" + OKR_ZH, "t.okr.md", 1),  # a denied cadence is none
])
def test_flags_documents_without_cadence(text: str, name: str, line: int) -> None:
    assert _lint(text, name) == [(line, "", "no-review")]


@pytest.mark.parametrize("text,name", [
    ("period: 2026-Q1\nreview: {checkin: weekly, retro: 2026-03-31}\nobjectives:\n  - title: x\n    key_results: [a]\n",
     "t.okr.yaml"),
    ("---\nperiod: 2026-Q1\nreview: {checkin: weekly}\n---\n" + OKR_ZH, "t.okr.md"),
    (OKR_ZH + "\n节奏:每周一进度同步会,每月深度复盘。\n", "t.okr.md"),
    (OKR_EN + "\nWeekly check-ins on Mondays; we grade at the end of the quarter.\n", "t.okr.md"),
    ("# no objectives here\n", "t.okr.md"),
])
def test_passes_documents_with_cadence(text: str, name: str) -> None:
    assert _lint(text, name) == []


def test_team_default_in_config() -> None:
    assert _lint(OKR_EN, review={"checkin": "weekly"}) == []


def test_empty_review_section() -> None:
    text = "period: 2026-Q1\nreview: {}\nobjectives:\n  - title: x\n    key_results: [a]\n"
    assert _lint(text, "t.okr.yaml") == [(2, "review", "empty-review")]
