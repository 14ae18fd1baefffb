"""``okrlint rules`` (the catalogue) and ``okrlint rule NAME`` (one rule's documentation)."""
from __future__ import annotations

import argparse
import json
import sys

from okrlint.engine.registry import Rule

HELP = "list all rules: code, name, default severity, enabled"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", help="configuration file (enabled/disabled follows it)")
    p.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    return list_rules(args)


def _engine_rules(config: str | None) -> tuple[list[Rule], set[str]]:
    from okrlint.api import make_engine

    engine = make_engine(config)
    return engine.registry.rules, set(engine.active)


def list_rules(args: argparse.Namespace) -> int:
    rules, active = _engine_rules(args.config)
    if args.format == "json":
        rows = [{"code": r.code, "name": r.name, "scope": r.scope, "severity": r.severity,
                 "enabled": r.name in active, "summary": r.summary, "origin": r.origin} for r in rules]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    width = max(len(r.name) for r in rules)
    print(f"{'CODE':7} {'NAME':{width}} {'SEVERITY':8} {'ENABLED':7} SUMMARY")
    for r in rules:
        print(f"{r.code:7} {r.name:{width}} {r.severity:8} {'yes' if r.name in active else 'no':7} {r.summary}")
    return 0


def render_rule_doc(rule: Rule) -> str:
    """A rule's documentation: its docstring, then its default options and its messages in zh and en.

    ``okrlint rule NAME`` prints it and ``okrlint docs`` writes it to docs/rules/<name>.md.
    """
    head = f"# {rule.name} ({rule.code})\n\n"
    meta = (f"Scope: {rule.scope} · Default severity: {rule.severity} · "
            f"Enabled by default: {'yes' if rule.enabled_by_default else 'no'}\n\n")
    body = rule.doc.strip()
    if rule.defaults:
        body += "\n\n## Defaults\n\n" + "\n".join(f"- `{k}`: `{_value(v)}`" for k, v in rule.defaults.items())
    table = rule.messages
    if not table:
        from okrlint.packs import messages

        table = messages().get(rule.name, {})
    if table:
        body += "\n\n## Messages\n"
        for mid, texts in table.items():
            body += f"\n`{mid}`\n"
            for lang in ("zh", "en"):
                if isinstance(texts, dict) and texts.get(lang):
                    text = " ".join(str(texts[lang]).split()).replace("{{", "{").replace("}}", "}")
                    body += f"- {lang}: {text}\n"
    return head + meta + body.rstrip() + "\n"


def _value(value: object) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def explain_rule(name: str) -> int:
    from okrlint.engine.config import load_config
    from okrlint.engine.registry import Registry, installed_rules

    registry = Registry(installed_rules())
    rule = registry.get(name)
    if rule is None:
        try:
            from okrlint.api import make_engine

            rule = make_engine(load_config()).registry.get(name)
        except Exception:  # noqa: BLE001 - a broken config must not hide built-in docs
            rule = None
    if rule is None:
        print(f"okrlint: error: unknown rule '{name}' (see 'okrlint rules')", file=sys.stderr)
        return 2
    sys.stdout.write(render_rule_doc(rule))
    return 0
