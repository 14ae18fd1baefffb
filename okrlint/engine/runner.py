"""One lint run: resolve which rules run with which options, then check documents."""
from __future__ import annotations

import os
import stat
from typing import Any, Iterable, Iterator

from okrlint.engine.config import Config, ConfigError
# Imported here, not per document: a function-level import costs two internal AttributeErrors per call.
# (The rule modules import the context, and with it the text facts, whenever an Engine is built.)
from okrlint.engine.context import Context
from okrlint.engine.messages import render
from okrlint.engine.registry import Registry, Rule, installed_rules
from okrlint.engine.suppress import scan
from okrlint.model import Document, Finding, Node, Problem, Span, Suppression
from okrlint.record import Record

# Rule documentation lives in the repository (generated from the rule modules); a
# deployment that publishes it elsewhere can point OKRLINT_DOCS_BASE there.
DOCS_BASE = os.environ.get("OKRLINT_DOCS_BASE", "docs/rules/")


def help_url(rule: Rule) -> str:
    return f"{DOCS_BASE}{rule.name}.md"


class Active(Record):
    __slots__ = ("rule", "severity", "options")
    rule: Rule
    severity: str
    options: dict[str, Any]

    def __init__(self, rule: Rule, severity: str, options: dict[str, Any]) -> None:
        self.rule = rule
        self.severity = severity
        self.options = options


class Options(Record):
    """What the command line adds to the configuration."""

    __slots__ = ("select", "extend_select", "ignore", "lang")
    select: list[str] | None
    extend_select: list[str]
    ignore: list[str]
    lang: str | None  # auto / zh / en; None: the config's

    def __init__(self, select: list[str] | None = None, extend_select: list[str] | None = None,
                 ignore: list[str] | None = None, lang: str | None = None) -> None:
        self.select = select
        self.extend_select = [] if extend_select is None else extend_select
        self.ignore = [] if ignore is None else ignore
        self.lang = lang


class Engine:
    def __init__(self, config: Config | None = None, options: Options | None = None,
                 rules: Iterable[Rule] | None = None) -> None:
        self.config = config or Config()
        opts = options or Options()
        self.registry = Registry(rules if rules is not None else installed_rules())
        self._load_packs()
        self.lang = opts.lang or self.config.get("lang") or "auto"
        self.active: dict[str, Active] = {}
        self._resolve(opts)
        self.options = opts  # worker processes rebuild the engine from config + options
        for act in self.active.values():  # e.g. spaCy token rules: import and compile now -> a config error
            prepare = getattr(act.rule.check, "prepare", None)
            if prepare is not None:
                prepare()
        by_scope: dict[str, list[Active]] = {}
        for act in self.active.values():
            if act.rule.check is not None:
                by_scope.setdefault(act.rule.scope, []).append(act)
        self.by_scope = by_scope

    # -- set-up --------------------------------------------------------------------------------
    def _load_packs(self) -> None:
        packs = self.config.get("rule-packs") or []
        if not packs:
            return
        from okrlint.engine.packs import load_packs

        for rule in load_packs(packs, self.config.root):
            try:
                self.registry.add(rule)
            except ValueError as exc:
                raise ConfigError(str(exc)) from None

    def _expand(self, selectors: Iterable[str], where: str) -> list[Rule]:
        out: list[Rule] = []
        for sel in selectors:
            got = self.registry.matching(sel)
            if not got:
                raise ConfigError(f"{where}: unknown rule '{sel}' (see 'okrlint rules')")
            out.extend(got)
        return out

    def _resolve(self, opts: Options) -> None:
        cfg = self.config
        where = str(cfg.path or "command line")
        select = opts.select if opts.select is not None else cfg.get("select")
        chosen = self._expand(select, where) if select is not None else \
            [r for r in self.registry.rules if r.enabled_by_default]
        chosen += self._expand(list(cfg.get("extend-select") or []) + opts.extend_select, where)
        ignored = {r.name for r in self._expand(list(cfg.get("ignore") or []) + opts.ignore, where)}
        rule_cfg: dict[str, Any] = cfg.get("rules") or {}
        severities = cfg.get("severity") or {}
        for key in list(rule_cfg) + list(severities):
            if self.registry.get(key) is None:
                raise ConfigError(f"{where}: unknown rule '{key}' (see 'okrlint rules')")
        for rule in chosen:
            if rule.name in ignored or rule.name in self.active:
                continue
            own = dict(rule_cfg.get(rule.name) or rule_cfg.get(rule.code) or {})
            if own.pop("enabled", True) is False:
                continue
            severity = own.pop("severity", None) or severities.get(rule.name) or severities.get(rule.code) \
                or rule.severity
            if severity not in ("error", "warning", "info"):
                raise ConfigError(f"{where}: rules.{rule.name}.severity: '{severity}' is not error, warning or info")
            if own:
                self._validate_options(rule, own, f"{where}: rules.{rule.name}")
            options = {**rule.defaults, **own}
            self.active[rule.name] = Active(rule, severity, options)
        if not any(a.rule.check is not None for a in self.active.values()):
            key = "select" if select is not None and not chosen else "ignore"
            raise ConfigError(f"{where}: {key}: the configuration selects no rule that checks anything")
        # parse problems are always reported unless explicitly ignored
        for rule in self.registry.rules:
            if rule.check is None and rule.name not in ignored and rule.name not in self.active:
                if rule.name in ("parse-error", "invalid-structure"):
                    self.active[rule.name] = Active(rule, rule.severity, dict(rule.defaults))
        cfg_lang = self.lang
        if cfg_lang not in ("auto", "zh", "en"):
            raise ConfigError(f"{where}: lang: '{cfg_lang}' is not auto, zh or en")

    def _validate_options(self, rule: Rule, options: dict[str, Any], where: str) -> None:
        schema = rule.options_schema or {"type": "object", "additionalProperties": False, "properties": {}}
        import jsonschema

        from okrlint.engine.config import describe_error

        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(options))
        if errors:
            raise ConfigError(f"{where}: {describe_error(errors[0])}")

    # -- checking ------------------------------------------------------------------------------
    def message_lang(self, doc: Document) -> str:
        return doc.language if self.lang == "auto" else self.lang

    def lint_document(self, doc: Document) -> list[Finding]:
        findings: list[Finding] = []
        append, file = findings.append, doc.path
        lang = self.message_lang(doc)
        facts: dict[Any, Any] = {}  # node facts by id(node), and Context.memo results

        def emit(act: Active, node: Node | Document | None, problem: Problem) -> None:
            rule = act.rule
            span = problem.span or (node.span if isinstance(node, Node) else None) or Span.at(1, 1)
            path = problem.node_path
            if path is None:
                path = node.node_path if isinstance(node, Node) else ""
            severity = problem.severity
            if severity is None or act.severity != rule.severity:
                severity = act.severity
            message_id, args = problem.message_id, problem.args
            append(Finding(rule.name, rule.code, severity, render(rule, message_id, lang, args),  # type: ignore[arg-type]
                           file, span.line, span.column, span.end_line, span.end_column, path, help_url(rule),
                           message_id, args))

        for rule_name, problem in doc.parse_problems:
            act = self.active.get(rule_name)
            if act is not None:
                emit(act, None, problem)

        by_scope, config = self.by_scope, self.config

        def contexts(scope: str) -> list[tuple[Active, Any, Context]]:
            acts = by_scope.get(scope)
            return [(act, act.rule.check, Context(doc, act.options, config, facts)) for act in acts] if acts else []

        def run(nodes: Iterable[Any], ctxs: list[tuple[Active, Any, Context]]) -> None:
            for node in nodes:
                for act, check, ctx in ctxs:
                    for problem in check(node, ctx):  # type: ignore[misc]
                        emit(act, node, problem)

        ctxs = contexts("document")
        if ctxs:
            run((doc,), ctxs)
        ctxs = contexts("objective")
        if ctxs:
            run(doc.objectives, ctxs)
        ctxs = contexts("key_result")
        if ctxs:
            for o in doc.objectives:  # a key result's objective is its context's parent
                for _, _, ctx in ctxs:
                    ctx.parent = o
                run(o.key_results, ctxs)
        ctxs = contexts("kpi")
        if ctxs:
            run(doc.kpis, ctxs)
        return self._suppress(doc, findings)

    def _suppress(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        findings = self._per_file_ignored(doc.path, findings)
        sups = scan(doc.text) if doc.text else []
        doc.suppressions = sups
        if not sups:
            return sorted(findings, key=Finding.sort_key)
        kept = _silence(findings, sups)
        # A suppression a repository rule may need is judged after the repository rules (lint_repository).
        kept += self._unused(doc, [s for s in sups if not self._for_repository(s)])
        return sorted(kept, key=Finding.sort_key)

    def _per_file_ignored(self, path: str, findings: list[Finding]) -> list[Finding]:
        ignored_here = self.config.per_file_ignores(path) if self.config.get("per-file-ignores") else []
        if not ignored_here:
            return findings
        names = {r.name for sel in ignored_here for r in self.registry.matching(sel)}
        return [f for f in findings if f.rule not in names]

    def _for_repository(self, s: Suppression) -> bool:
        """Whether ``s`` may silence a finding of an active repository-scope rule."""
        acts = self.by_scope.get("repository")
        return bool(acts) and (not s.rules or any(a.rule.name in s.rules or a.rule.code in s.rules for a in acts))

    def _unused(self, doc: Document, sups: list[Suppression]) -> list[Finding]:
        """``unused-suppression`` findings for those of ``sups`` that silenced nothing or name no rule."""
        act = self.active.get("unused-suppression")
        if act is None:
            return []

        out: list[Finding] = []
        for s in sups:
            unknown = [r for r in s.rules if self.registry.get(r) is None]
            if unknown:
                mid, args = "unknown-rule", {"rule": unknown[0]}
            elif s.used or any(self.registry.get(r).name not in self.active  # type: ignore[union-attr]
                               for r in s.rules):
                continue  # a suppression for a rule that is not running cannot be judged unused
            else:
                mid, args = "unused", {"rules": ", ".join(s.rules) or "*"}
            out.append(Finding(act.rule.name, act.rule.code, act.severity,  # type: ignore[arg-type]
                               render(act.rule, mid, self.message_lang(doc), args), doc.path, s.line, 1, s.line,
                               1, "", help_url(act.rule), mid, args))
        return out

    def lint_repository(self, docs: list[Document]) -> list[Finding]:
        """Rules that look across files (alignment, owners, ids); the files' per-file ignores and
        inline suppressions apply to their findings as to any other."""
        out: list[Finding] = []
        for act in self.by_scope.get("repository", []):
            ctx = Context(None, act.options, self.config, {})
            for doc, node, problem in act.rule.check(docs, ctx):  # type: ignore[misc]
                span = problem.span or (node.span if isinstance(node, Node) else Span.at(1, 1))
                out.append(Finding(act.rule.name, act.rule.code, act.severity,  # type: ignore[arg-type]
                                   render(act.rule, problem.message_id, self.message_lang(doc), problem.args),
                                   doc.path, span.line, span.column, span.end_line, span.end_column,
                                   problem.node_path if problem.node_path is not None else getattr(node, "node_path", ""),
                                   help_url(act.rule), problem.message_id, problem.args))
        if not out and not any(d.suppressions for d in docs):
            return out
        by_file: dict[str, list[Finding]] = {}
        for f in out:
            by_file.setdefault(f.file, []).append(f)
        kept: list[Finding] = []
        for doc in docs:
            found = self._per_file_ignored(doc.path, by_file.pop(doc.path, []))
            if doc.suppressions:
                found = _silence(found, doc.suppressions)
                found += self._unused(doc, [s for s in doc.suppressions if self._for_repository(s)])
            kept += found
        for rest in by_file.values():  # findings on files outside the run (not expected)
            kept += rest
        return kept

    def read_document(self, path: str, display: str | None = None) -> Document:
        """Read one file; I/O problems become parse-error findings, never exceptions."""
        from okrlint.parsing import parse_bytes

        shown = display or path
        limit = self.config.max_file_size
        try:
            st = os.stat(path)
            if stat.S_ISDIR(st.st_mode):
                return _problem_doc(shown, "is-directory")
            if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
                return _problem_doc(shown, "unreadable", reason="not a regular file")
            if st.st_size > limit:
                return _problem_doc(shown, "file-too-large", size=st.st_size, limit=limit)
            from okrlint.files import read_upto

            with open(path, "rb") as fh:
                data = read_upto(fh, st.st_size, limit)
            if len(data) > limit:  # grew after the stat
                return _problem_doc(shown, "file-too-large", size=len(data), limit=limit)
        except IsADirectoryError:
            return _problem_doc(shown, "is-directory")
        except FileNotFoundError:
            return _problem_doc(shown, "vanished")
        except OSError as exc:
            return _problem_doc(shown, "unreadable", reason=exc.strerror or str(exc))
        return parse_bytes(data, shown)

    def lint_documents(self, docs: list[Document]) -> list[Finding]:
        findings: list[Finding] = []
        for doc in docs:
            findings.extend(self.lint_document(doc))
        if self.by_scope.get("repository"):
            findings.extend(self.lint_repository(docs))
        findings.sort(key=Finding.sort_key)
        return findings


def _silence(findings: list[Finding], sups: list[Suppression]) -> list[Finding]:
    """The findings no suppression silences; the suppressions that silence one are marked used."""
    kept: list[Finding] = []
    for f in findings:
        hit = False
        for s in sups:
            if s.target_line in (0, f.line) and (not s.rules or f.rule in s.rules or f.code in s.rules):
                s.used = hit = True
        if not hit:
            kept.append(f)
    return kept


def _problem_doc(path: str, message_id: str, **args: Any) -> Document:
    doc = Document(path=path, format="text", text="")
    doc.parse_problems.append(("parse-error", Problem(message_id, args, Span.at(1, 1), "", "error")))
    return doc


def iter_errors(findings: Iterable[Finding]) -> Iterator[Finding]:
    return (f for f in findings if f.severity == "error")
