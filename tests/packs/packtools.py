"""Helpers for the rule-pack tests (imported by them): a team repository in a temporary folder, linted via the CLI."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

FIXTURES = Path(__file__).parent / "fixtures"
FRONT = "---\nperiod: 2026-Q1\nreview: {checkin: weekly}\n---\n"


def rule(code: str, name: str, check: dict[str, Any], scope: str = "key_result", **extra: Any) -> dict[str, Any]:
    """One pack rule with docs and a single message ``hit``."""
    return {
        "code": code, "name": name, "scope": scope,
        "docs": {"summary": {"zh": "摘要", "en": "Summary"}, "description": {"zh": "说明", "en": "Description"}},
        "messages": {"hit": {"zh": "命中「{match}」:请改写。", "en": "Hit '{match}': rewrite it."}},
        **check, **extra,
    }


@pytest.fixture
def repo(tmp_path: Path, cli: Callable[..., tuple[int, str, str]]) -> Callable[..., Any]:
    """``repo(rules_or_pack, okr_text, config_extra) -> (code, findings, err)`` with the pack in ./okr-rules."""

    def run(pack: list[dict[str, Any]] | str | None, okr: str, config: dict[str, Any] | None = None,
            name: str = "q1.okr.md", fmt: str = "json") -> tuple[int, list[dict[str, Any]], str]:
        folder = tmp_path / "okr-rules"
        folder.mkdir(exist_ok=True)
        if pack is not None:
            text = pack if isinstance(pack, str) else yaml.safe_dump({"rules": pack}, allow_unicode=True)
            (folder / "team.yaml").write_text(text, encoding="utf-8")
        cfg = {"rule-packs": ["./okr-rules"], **(config or {})}
        (tmp_path / ".okrlint.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
        f = tmp_path / name
        f.write_text(okr, encoding="utf-8")
        code, out, err = cli("check", "--config", str(tmp_path / ".okrlint.yaml"), "--format", fmt, str(f))
        findings = json.loads(out)["findings"] if fmt == "json" and out.strip() else []
        return code, findings, err

    return run


def pinned(findings: list[dict[str, Any]], prefix: str = "") -> list[tuple[str, int, str, str]]:
    """(rule, line, node_path, message_id) of findings whose code starts with ``prefix``."""
    return sorted((f["rule"], f["line"], f["node_path"], f["message_id"]) for f in findings
                  if f["code"].startswith(prefix))
