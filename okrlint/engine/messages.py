"""Message texts by rule, message id and language; rules refer to messages by id only."""
from __future__ import annotations

from typing import Any

from okrlint.engine.registry import Rule
# At module level: an import statement in _builtin ran for every finding (the engine imports packs anyway).
from okrlint.packs import messages


class _Missing(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(rule: Rule, message_id: str, lang: str, args: dict[str, Any]) -> str:
    table = rule.messages or _builtin(rule.name)
    entry = table.get(message_id) or {}
    template = entry.get(lang) or entry.get("en") or entry.get("zh") or message_id
    try:
        # str.format_map is string.Formatter().vformat(template, (), mapping) in C: same fields, same errors.
        # A whole float is shown as an int ("5", not "5.0"); written out here, it costs no call per argument.
        return template.format_map(_Missing({k: int(v) if isinstance(v, float) and v.is_integer() else v
                                             for k, v in args.items()}))
    except (ValueError, IndexError, KeyError, AttributeError):
        return template


def _builtin(name: str) -> dict[str, dict[str, str]]:
    return messages().get(name, {})  # loaded once (functools.cache)
