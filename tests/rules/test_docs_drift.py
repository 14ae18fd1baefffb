"""docs/rules/ is generated from the rule modules (`python -m okrlint docs`) and must not drift."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from conftest import ROOT
from okrlint.commands.docs import drift, generate
from okrlint.engine.registry import builtin_rules

DOCS = ROOT / "docs" / "rules"


def test_docs_match_the_rule_modules() -> None:
    problems = drift(DOCS, generate())
    assert problems == [], "run 'python -m okrlint docs' to regenerate docs/rules/"


def test_every_builtin_rule_has_a_page_with_its_messages() -> None:
    files = generate()
    for rule in builtin_rules():
        page = files[f"{rule.name}.md"]
        assert page.startswith(f"# {rule.name} ({rule.code})")
        assert f"[{rule.name}]({rule.name}.md)" in files["README.md"]
    assert "`tied-to-pay`" in files["tied-to-compensation.md"] and "- zh: " in files["tied-to-compensation.md"]


def test_check_mode_exit_codes(cli: Callable[..., tuple[int, str, str]], tmp_path: Path) -> None:
    out = tmp_path / "rules"
    assert cli("docs", "--check", "--output", str(out))[0] == 1  # nothing written yet
    assert cli("docs", "--output", str(out))[0] == 0
    assert cli("docs", "--check", "--output", str(out))[0] == 0
    (out / "kr-count.md").write_text("edited by hand\n", encoding="utf-8")
    (out / "retired-rule.md").write_text("old\n", encoding="utf-8")
    code, stdout, _ = cli("docs", "--check", "--output", str(out))
    assert code == 1 and "kr-count.md" in stdout and "retired-rule.md" in stdout
    assert cli("docs", "--output", str(out))[0] == 0
    assert not (out / "retired-rule.md").exists()
    assert cli("docs", "--check", "--output", str(out))[0] == 0


def test_rule_command_prints_the_same_page(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("rule", "OKR402")
    assert code == 0 and out == generate()["tied-to-compensation.md"]
