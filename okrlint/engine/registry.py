"""The rule registry: built-in rule modules, rules from packs, and third-party rules.

A rule is a module (or an object) with ``CODE``, ``NAME``, ``SCOPE``, ``SEVERITY``,
``OPTIONS_SCHEMA`` and a ``check`` generator; its docstring is its documentation.
The engine, not the rule, stamps name, code and severity on what ``check`` yields.
"""
from __future__ import annotations

import functools
import importlib
import os
import sys
from types import ModuleType
from typing import Any, Callable, Iterable, Iterator

from okrlint.model import Problem
from okrlint.record import Record

SCOPES = ("document", "objective", "key_result", "kpi", "repository")

# Built-in rules are the modules of okrlint.rules whose names do not start with "_";
# the catalogue is ordered by code.
def _builtin_module_names() -> list[str]:
    import okrlint.rules as pkg

    names: list[str] = []
    for folder in pkg.__path__:
        found = _folder_modules(folder)
        if found is None:  # not a folder (a zip archive, ...): pkgutil knows the other importers
            import pkgutil

            found = [m.name for m in pkgutil.iter_modules([folder])]
        names.extend(n for n in found if n not in names)
    return [n for n in names if not n.startswith("_")]


def _folder_modules(folder: str) -> list[str] | None:
    """The modules and packages of ``folder`` in the order ``pkgutil.iter_modules`` lists them.

    pkgutil does the same, but imports inspect for getmodulename (~10 ms at start-up)."""
    from importlib.machinery import all_suffixes

    if not os.path.isdir(folder):
        return None
    suffixes = sorted(all_suffixes(), key=len, reverse=True)  # as inspect.getmodulename tries them

    def module_name(filename: str) -> str | None:
        for suffix in suffixes:
            if filename.endswith(suffix):
                return filename[:-len(suffix)]
        return None

    try:
        filenames = sorted(os.listdir(folder))
    except OSError:
        filenames = []
    out: list[str] = []
    for fn in filenames:
        name = module_name(fn)
        if name == "__init__" or name in out:
            continue
        path = os.path.join(folder, fn)
        if not name and os.path.isdir(path) and "." not in fn:
            try:
                inside = os.listdir(path)
            except OSError:
                inside = []
            if not any(module_name(sub) == "__init__" for sub in inside):
                continue  # not a package
            name = fn
        if name and "." not in name:
            out.append(name)
    return out


class Rule(Record):
    __slots__ = ("code", "name", "scope", "severity", "doc", "check", "options_schema", "enabled_by_default",
                 "defaults", "messages", "origin", "needs")
    code: str
    name: str
    scope: str
    severity: str
    doc: str
    check: Callable[..., Iterable[Problem]] | None
    options_schema: dict[str, Any]
    enabled_by_default: bool
    defaults: dict[str, Any]
    messages: dict[str, dict[str, str]]  # packs carry their own
    origin: str
    needs: tuple[str, ...]  # optional features, e.g. ("nlp",)

    def __init__(self, code: str, name: str, scope: str, severity: str, doc: str,
                 check: Callable[..., Iterable[Problem]] | None, options_schema: dict[str, Any] | None = None,
                 enabled_by_default: bool = True, defaults: dict[str, Any] | None = None,
                 messages: dict[str, dict[str, str]] | None = None, origin: str = "builtin",
                 needs: tuple[str, ...] = ()) -> None:
        self.code = code
        self.name = name
        self.scope = scope
        self.severity = severity
        self.doc = doc
        self.check = check
        self.options_schema = {} if options_schema is None else options_schema
        self.enabled_by_default = enabled_by_default
        self.defaults = {} if defaults is None else defaults
        self.messages = {} if messages is None else messages
        self.origin = origin
        self.needs = needs

    @property
    def summary(self) -> str:
        return (self.doc.strip().splitlines() or [self.name])[0]


def rule_from_module(mod: ModuleType, origin: str = "builtin") -> Rule:
    return Rule(
        code=mod.CODE,
        name=mod.NAME,
        scope=mod.SCOPE,
        severity=mod.SEVERITY,
        doc=(mod.__doc__ or "").strip(),
        check=getattr(mod, "check", None),
        options_schema=getattr(mod, "OPTIONS_SCHEMA", {}),
        enabled_by_default=getattr(mod, "ENABLED", True),
        defaults=dict(getattr(mod, "DEFAULTS", {})),  # plugins: built-ins take theirs from thresholds.yaml
        messages=dict(getattr(mod, "MESSAGES", {})),  # plugins: built-ins use rules/core/messages.yaml
        origin=origin,
    )


def _builtin() -> list[Rule]:
    from okrlint.packs import thresholds

    rules = []
    for name in _builtin_module_names():
        mod = importlib.import_module(f"okrlint.rules.{name}")
        rule = rule_from_module(mod)
        rule.defaults = dict(thresholds().get(rule.name, {}))
        rules.append(rule)
    return sorted(rules, key=lambda r: r.code)


def _may_have_plugins() -> bool:
    """Whether any distribution on sys.path declares ``okrlint.rules`` entry points.

    importlib.metadata costs ~50 ms per start (import plus parsing every
    distribution); reading the few entry_points.txt files directly costs ~2 ms,
    and the full lookup runs only when one of them names our group.
    """
    for folder in sys.path:
        try:
            entries = os.scandir(folder or ".")
        except OSError:
            continue
        with entries:
            for entry in entries:
                if not entry.name.endswith((".dist-info", ".egg-info")):
                    continue
                try:
                    with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8",
                              errors="replace") as fh:
                        if "okrlint.rules" in fh.read():
                            return True
                except OSError:
                    continue
    return False


def _entry_point_rules() -> Iterator[Rule]:
    if not _may_have_plugins():
        return
    from importlib.metadata import entry_points

    for ep in entry_points(group="okrlint.rules"):
        obj = ep.load()
        if isinstance(obj, ModuleType):
            yield rule_from_module(obj, origin=ep.value)
        elif isinstance(obj, Rule):
            yield obj
        elif callable(obj):  # a factory returning rules
            yield from obj()


@functools.cache
def builtin_rules() -> tuple[Rule, ...]:
    return tuple(_builtin())


@functools.cache
def installed_rules() -> tuple[Rule, ...]:
    """Built-in rules plus those of installed plugins (entry point group ``okrlint.rules``)."""
    return builtin_rules() + tuple(_entry_point_rules())


class Registry:
    """The rules known to one run: installed ones plus the configured rule packs."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: list[Rule] = []
        self._by_key: dict[str, Rule] = {}
        for rule in rules:
            self.add(rule)

    def add(self, rule: Rule) -> None:
        clash = self._by_key.get(rule.name) or self._by_key.get(rule.code)
        if clash is not None:
            raise ValueError(f"rule {rule.name} ({rule.code}) from {rule.origin} clashes with "
                             f"{clash.name} ({clash.code}) from {clash.origin}")
        self.rules.append(rule)
        self._by_key[rule.name] = rule
        self._by_key[rule.code] = rule

    def get(self, key: str) -> Rule | None:
        return self._by_key.get(key) or self._by_key.get(key.upper())

    def matching(self, selector: str) -> list[Rule]:
        """Rules a selector names: an exact name or code, a code prefix (``OKR2``), or ``ALL``."""
        sel = selector.strip()
        if sel.upper() == "ALL":
            return list(self.rules)
        exact = self.get(sel)
        if exact is not None:
            return [exact]
        up = sel.upper()
        return [r for r in self.rules if r.code.startswith(up)]
