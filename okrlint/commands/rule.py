"""``okrlint rule NAME|CODE``: print one rule's documentation."""
from __future__ import annotations

import argparse

HELP = "explain one rule: what it checks, why, examples, options"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="rule name or code, e.g. kpi-as-okr or OKR102")


def run(args: argparse.Namespace) -> int:
    from okrlint.commands.rules import explain_rule

    return explain_rule(args.name)
