"""Declarative rule packs: YAML files of rules a team keeps in its own repository.

``rule-packs: [./okr-rules]`` in the configuration names folders (every ``*.yaml``/
``*.yml`` in them) or single files, relative to the configuration file; ``okrlint:NAME``
names a pack shipped with okrlint (``rules/packs/NAME.yaml``). Each file is validated
against ``schemas/rule-pack.schema.json``; a bad pack is a ConfigError naming the file
and the key. Each rule has exactly one check kind -- ``vocabulary``, ``pattern``,
``count``, ``compare`` or ``tokens`` (spaCy) -- turned here into a ``check`` callable
with the same contract as a built-in rule module. The format is documented in
docs/rule-packs.md.
"""
from __future__ import annotations

import json
import operator
import re
from pathlib import Path
from typing import Any, Callable, Iterator

from okrlint.engine.config import ConfigError
from okrlint.engine.registry import Rule
from okrlint.model import Document, Node, Objective, Problem, Span
from okrlint.regex_cache import compiled, longest_first

BUILTIN_PREFIX = "okrlint:"
KINDS = ("vocabulary", "pattern", "count", "compare", "tokens")
_OPS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne,
}
_LATIN_EDGE = compiled(r"^[A-Za-z0-9]|[A-Za-z0-9]$")


# -- finding and reading pack files ----------------------------------------------------------------
def load_packs(packs: list[str], root: Path) -> list[Rule]:
    """The rules of every configured pack, in the order given (files of a folder by name)."""
    rules: list[Rule] = []
    for entry in packs:
        for path in pack_files(entry, root):
            shown = entry if entry.startswith(BUILTIN_PREFIX) else _shown(path, root)
            rules.extend(load_pack_file(path, shown=shown))
    return rules


def pack_files(entry: str, root: Path) -> list[Path]:
    if entry.startswith(BUILTIN_PREFIX):
        from okrlint.packs import data_dir

        name = entry[len(BUILTIN_PREFIX):]
        path = data_dir() / "packs" / f"{name}.yaml"
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) or not path.is_file():
            shipped = sorted(p.stem for p in (data_dir() / "packs").glob("*.yaml"))
            raise ConfigError(f"rule-packs: no built-in pack '{name}' (shipped: {', '.join(shipped)})")
        return [path]
    path = Path(entry).expanduser()
    if not path.is_absolute():
        path = root / path
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise ConfigError(f"rule-packs: {entry}: the folder has no *.yaml files")
        return files
    if path.is_file():
        return [path]
    raise ConfigError(f"rule-packs: {entry}: no such file or folder (relative to {root})")


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_pack_file(path: Path, shown: str | None = None) -> list[Rule]:
    shown = shown or path.as_posix()
    data = _read_yaml(path, shown)
    _validate(data, shown)
    rules = [build_rule(raw, shown, i) for i, raw in enumerate(data["rules"])]
    return rules


def _read_yaml(path: Path, shown: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(path, "rb") as fh:
            data = yaml.load(fh, Loader=loader)
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read: {exc.strerror}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{shown}{where}: invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{shown}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{shown}: a rule pack must be a mapping with a 'rules' list")
    return data


def _validate(data: dict[str, Any], shown: str) -> None:
    import jsonschema

    from okrlint.packs import schema_path

    schema = json.loads(schema_path("rule-pack.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    if not errors:
        return
    # The "exactly one check kind" error says more than any error inside it.
    kinds = [e for e in errors if e.validator == "oneOf" and len(e.absolute_path) == 2]
    err = kinds[0] if kinds else jsonschema.exceptions.best_match(errors)
    raise ConfigError(f"{shown}: {_key(err.absolute_path, data)}: {_reason(err)}")


def _key(path: Any, data: Any) -> str:
    out = ""
    node = data
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            if out.startswith("rules[") and out.count("[") == 1 and isinstance(node, list):
                code = node[part].get("code") if isinstance(node[part], dict) else None
                out += f" ({code})" if isinstance(code, str) else ""
        else:
            out += ("." if out else "") + str(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return out or "(top level)"


def _reason(err: Any) -> str:
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        return f"unknown key '{extra[0]}'" if extra else err.message
    if err.validator == "oneOf" and len(err.absolute_path) == 2:
        given = [k for k in KINDS if k in err.instance]
        return (f"give exactly one check ({', '.join(KINDS)}); found "
                f"{', '.join(given) if given else 'none'}")
    if err.validator == "anyOf" and list(err.absolute_path)[-1:] == ["count"]:
        return "give min, max or both"
    if err.validator == "not" and list(err.absolute_path)[-1:] == ["code"]:
        return f"code '{err.instance}': OKR followed by digits is reserved for okrlint's own rules"
    return err.message


# -- building rules -------------------------------------------------------------------------------
def build_rule(raw: dict[str, Any], shown: str, index: int) -> Rule:
    where = f"{shown}: rules[{index}] ({raw['code']})"
    kind = next(k for k in KINDS if k in raw)
    spec = raw[kind]
    messages = {mid: {"zh": m["zh"], "en": m["en"]} for mid, m in raw["messages"].items()}
    message = spec.get("message") or next(iter(messages))
    if message not in messages:
        raise ConfigError(f"{where}.{kind}.message: no message '{message}' in messages")
    scope = raw["scope"]
    allowed = _SCOPES_OF[kind]
    if scope not in allowed:
        raise ConfigError(f"{where}.scope: a {kind} check works on {' or '.join(allowed)}, not {scope}")
    options_schema: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": {}}
    defaults: dict[str, Any] = {}
    check: Callable[..., Iterator[Problem]]
    needs: tuple[str, ...] = ()
    if kind == "vocabulary":
        check = _Vocabulary(spec, message)
    elif kind == "pattern":
        check = _Pattern(spec, message, f"{where}.pattern.regex")
    elif kind == "count":
        check = _Count(spec, messages, message, scope, where)
        defaults = {k: spec[k] for k in ("min", "max") if k in spec}
        options_schema["properties"] = {"min": {"type": "integer", "minimum": 0},
                                        "max": {"type": "integer", "minimum": 0}}
    elif kind == "compare":
        check = _Compare(spec, message)
        defaults = {"value": spec["value"]}
        options_schema["properties"] = {"value": {"type": "number"}}
    else:
        check = _Tokens(spec, message, f"{where}.tokens")
        needs = ("nlp",)
    return Rule(
        code=raw["code"], name=raw["name"], scope=scope, severity=raw.get("severity", "warning"),
        doc=_doc(raw, kind, shown), check=check, options_schema=options_schema,
        enabled_by_default=raw.get("enabled", True), defaults=defaults, messages=messages,
        origin=shown, needs=needs,
    )


_SCOPES_OF: dict[str, tuple[str, ...]] = {
    "vocabulary": ("document", "objective", "key_result", "kpi"),
    "pattern": ("document", "objective", "key_result", "kpi"),
    "count": ("document", "objective"),
    "compare": ("objective", "key_result", "kpi"),
    "tokens": ("objective", "key_result", "kpi"),
}


def _doc(raw: dict[str, Any], kind: str, shown: str) -> str:
    """The rule's documentation in the built-in docstring layout, English first, then Chinese."""
    docs = raw["docs"]
    parts = [docs["summary"]["en"].strip(), docs["summary"]["zh"].strip(), "## What it does",
             docs["description"]["en"].strip(), docs["description"]["zh"].strip()]
    if docs.get("bad") or docs.get("good"):
        parts.append("## Example")
        for label in ("bad", "good"):
            if docs.get(label):
                parts.append(f"{label.capitalize()}:\n```\n" + "\n".join(docs[label]) + "\n```")
    spec = {k: v for k, v in raw[kind].items() if k != "message"}
    parts += ["## How it checks", f"A `{kind}` check from the rule pack `{shown}`:",
              "```yaml\n" + _yaml_dump({kind: spec}).rstrip() + "\n```"]
    options = {"count": "`min`, `max` (integers; defaults from the pack).",
               "compare": "`value` (number; default from the pack)."}.get(kind, "None.")
    parts += ["## Options", options]
    return "\n\n".join(parts)


def _yaml_dump(data: Any) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)


# -- where a match is -----------------------------------------------------------------------------
def _target(node: Node | Document) -> tuple[str, str]:
    """The text a check reads and its language."""
    if isinstance(node, Document):
        return node.text, node.language
    from okrlint.text import detect_language

    return node.title, detect_language(node.title)


def _span(node: Node | Document, start: int, end: int) -> Span | None:
    """The match's own span when it can be placed exactly; None = the node's span."""
    if isinstance(node, Document):
        line = node.text.count("\n", 0, start) + 1
        col = start - (node.text.rfind("\n", 0, start) + 1) + 1
        return Span.at(line, col, max(end - start, 0)) if "\n" not in node.text[start:end] else Span.at(line, col)
    return None


def _node_span(node: Node, doc: Document | None, start: int, end: int) -> Span | None:
    # Narrow to the match only when the node's span holds its title verbatim (not a folded YAML scalar).
    s = node.span
    if doc is None or s.line != s.end_line or not doc.text:
        return None
    lines = doc.text.splitlines()
    if s.line > len(lines) or not lines[s.line - 1][s.column - 1:].startswith(node.title):
        return None
    return Span.at(s.line, s.column + start, end - start)


def _place(node: Node | Document, ctx: Any, start: int, end: int) -> Span | None:
    if isinstance(node, Document):
        return _span(node, start, end)
    return _node_span(node, ctx.doc, start, end)


# -- the check kinds ------------------------------------------------------------------------------
class _Vocabulary:
    """Words of the text's language (plus ``any``): a hit is a finding, or with ``absent`` the lack of all."""

    def __init__(self, spec: dict[str, Any], message: str) -> None:
        self.message = message
        self.absent = bool(spec.get("absent", False))
        words = spec["words"]
        self.regex = {lang: _word_regex(list(words.get(lang, [])) + list(words.get("any", []))) for lang in ("zh", "en")}

    def __call__(self, node: Node | Document, ctx: Any) -> Iterator[Problem]:
        text, lang = _target(node)
        regex = self.regex[lang]
        title = getattr(node, "title", "")
        if regex is None:
            if self.absent:
                yield Problem(self.message, {"text": title, "lang": lang})
            return
        if self.absent:
            if regex.search(text) is None:
                yield Problem(self.message, {"text": title, "lang": lang})
            return
        for m in regex.finditer(text):
            yield Problem(self.message, {"text": title, "word": m.group(), "match": m.group(), "lang": lang},
                          _place(node, ctx, m.start(), m.end()))


def _word_regex(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    # Longest first so "try to" wins over "try"; Latin words match whole words only.
    alts = []
    for w in longest_first(set(words)):
        esc = re.escape(w)
        if _LATIN_EDGE.search(w[0]):
            esc = r"(?<![A-Za-z0-9])" + esc
        if _LATIN_EDGE.search(w[-1]):
            esc = esc + r"(?![A-Za-z0-9])"
        alts.append(esc)
    return compiled("|".join(alts), re.IGNORECASE)


class _Pattern:
    """A regular expression per language (or ``any``): each match is a finding, or with ``absent`` no match."""

    def __init__(self, spec: dict[str, Any], message: str, where: str) -> None:
        self.message = message
        self.absent = bool(spec.get("absent", False))
        flags = re.IGNORECASE if spec.get("ignore-case", True) else 0
        patterns: dict[str, re.Pattern[str]] = {}
        for lang, source in spec["regex"].items():
            try:
                patterns[lang] = compiled(source, flags)
            except re.error as exc:
                raise ConfigError(f"{where}.{lang}: invalid regular expression: {exc}") from None
            if _nested_unbounded(source):
                raise ConfigError(f"{where}.{lang}: nested unbounded repetition (like '(a+)+') can take "
                                  f"exponential time; rewrite it without a repeat inside a repeat")
        self.by_lang = {lang: [p for k, p in patterns.items() if k in (lang, "any")] for lang in ("zh", "en")}

    def __call__(self, node: Node | Document, ctx: Any) -> Iterator[Problem]:
        text, lang = _target(node)
        patterns = self.by_lang[lang]
        title = getattr(node, "title", "")
        if self.absent:
            if not any(p.search(text) for p in patterns):
                yield Problem(self.message, {"text": title, "lang": lang})
            return
        for p in patterns:
            for m in p.finditer(text):
                if m.end() > m.start():
                    yield Problem(self.message, {"text": title, "match": m.group(), "lang": lang},
                                  _place(node, ctx, m.start(), m.end()))


def _nested_unbounded(source: str) -> bool:
    """True for a repeat of unbounded size inside another repeat: the classic catastrophic backtracking shape.

    Reads the parse tree of stdlib ``re`` (private module, so any surprise means "not detected").
    Overlapping alternatives (``(a|a)*``) are not detected; docs/rule-packs.md says so.
    """
    try:
        try:
            from re import _constants as c, _parser as p  # type: ignore[attr-defined]
        except ImportError:  # Python 3.10
            import sre_constants as c  # type: ignore[no-redef]
            import sre_parse as p  # type: ignore[no-redef]
        tree = p.parse(source)
        repeats = {c.MAX_REPEAT, c.MIN_REPEAT}

        def walk(items: Any, inside: bool) -> bool:
            for op, av in items:
                if op in repeats:
                    _lo, hi, sub = av
                    unbounded = hi == c.MAXREPEAT
                    if unbounded and inside:
                        return True
                    if walk(sub, inside or unbounded):
                        return True
                elif op == c.SUBPATTERN:
                    if walk(av[-1], inside):
                        return True
                elif op == c.BRANCH:
                    if any(walk(b, inside) for b in av[1]):
                        return True
                elif op in (c.ASSERT, c.ASSERT_NOT):
                    if walk(av[1], inside):
                        return True
            return False

        return walk(tree, False)
    except Exception:  # noqa: BLE001 - a heuristic; never block a pattern because of it
        return False


class _Count:
    """Key results per objective, or objectives / KPIs / key results per document, against min and max."""

    def __init__(self, spec: dict[str, Any], messages: dict[str, Any], message: str, scope: str, where: str) -> None:
        self.of = spec["of"]
        if scope == "objective" and self.of != "key_results":
            raise ConfigError(f"{where}.count.of: an objective holds key_results, not {self.of}")
        # Separate messages when the pack gives them, else the one message for both.
        chosen = spec.get("message")
        self.too_few = chosen or ("too-few" if "too-few" in messages else message)
        self.too_many = chosen or ("too-many" if "too-many" in messages else message)

    def __call__(self, node: Objective | Document, ctx: Any) -> Iterator[Problem]:
        if isinstance(node, Document):
            n = len(node.key_results()) if self.of == "key_results" else len(getattr(node, self.of))
            title = ""
        else:
            n, title = len(node.key_results), node.title
        low, high = ctx.options.get("min"), ctx.options.get("max")
        args = {"count": n, "min": low if low is not None else "-", "max": high if high is not None else "-",
                "text": title}
        if low is not None and n < low:
            yield Problem(self.too_few, args)
        elif high is not None and n > high:
            # Point at the first item past the limit: that is where the cut should go.
            extra = self._items(node)[high]
            yield Problem(self.too_many, args, extra.span, extra.node_path)

    def _items(self, node: Objective | Document) -> list[Node]:
        if isinstance(node, Document):
            return [kr for _, kr in node.key_results()] if self.of == "key_results" else list(getattr(node, self.of))
        return list(node.key_results)


class _Compare:
    """One numeric comparison on the extracted facts (baseline, target, relative, delta, ratio)."""

    def __init__(self, spec: dict[str, Any], message: str) -> None:
        self.message = message
        self.field = spec["field"].removesuffix(".value")
        self.op = _OPS[spec["op"]]
        self.op_text = spec["op"]
        when = spec.get("when") or {}
        unit = when.get("unit")
        self.units = None if unit is None else ({unit} if isinstance(unit, str) else set(unit))
        self.direction = when.get("direction")
        self.limit = when.get("limit")
        self.lang = when.get("lang")
        self.metric = _word_regex(when["metric"]) if when.get("metric") else None

    def __call__(self, node: Node, ctx: Any) -> Iterator[Problem]:
        facts = ctx.facts(node)
        base, target = facts.baseline, facts.target
        if self.field in ("delta", "ratio"):
            if base is None or target is None:
                return
            if base.unit and target.unit and base.unit != target.unit:
                return  # 45分 -> 55%: no meaningful difference
            if self.field == "delta":
                value = target.value - base.value
            elif base.value == 0:
                return
            else:
                value = target.value / base.value
            unit = target.unit or base.unit
        else:
            q = getattr(facts, self.field)
            if q is None:
                return
            value, unit = q.value, q.unit
        if self.units is not None and unit not in self.units:
            return
        if self.direction is not None and facts.direction != self.direction:
            return
        if self.limit is not None and facts.limit != self.limit:
            return
        if self.lang is not None and facts.lang != self.lang:
            return
        if self.metric is not None and not (facts.metric and self.metric.search(facts.metric)):
            return
        threshold = ctx.options.get("value")
        if not self.op(value, threshold):
            return
        yield Problem(self.message, {
            "text": node.title, "field": self.field, "value": round(value, 4), "op": self.op_text,
            "threshold": threshold, "unit": unit or "", "metric": facts.metric or "",
            "baseline": base.text if base is not None else "", "target": target.text if target is not None else "",
        })


class _Tokens:
    """spaCy Matcher patterns on blank en / zh (jieba) pipelines; spaCy is imported by ``prepare``."""

    def __init__(self, spec: dict[str, Any], message: str, where: str) -> None:
        from okrlint.engine.nlp import TokenMatcher

        self.message = message
        self.absent = bool(spec.get("absent", False))
        self.matcher = TokenMatcher(spec["patterns"], where)

    def prepare(self) -> None:
        self.matcher.prepare()

    def __call__(self, node: Node, ctx: Any) -> Iterator[Problem]:
        text, lang = _target(node)
        if lang not in self.matcher.patterns:
            return
        hits = self.matcher.find(text, lang)
        if self.absent:
            if not hits:
                yield Problem(self.message, {"text": node.title, "lang": lang})
            return
        seen_end = -1
        for start, end, matched in hits:
            if start < seen_end:
                continue  # overlapping matches of several patterns: report the first
            seen_end = end
            yield Problem(self.message, {"text": node.title, "match": matched, "word": matched, "lang": lang},
                          _place(node, ctx, start, end))
