"""The pygls language server: one warm engine, diagnostics on open/change/save, a quick fix per finding."""
from __future__ import annotations

import os
from pathlib import PurePath
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from okrlint import __version__
from okrlint.engine.runner import Engine
from okrlint.lsp.convert import SOURCE, ignore_edit, to_diagnostic

_MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")


class OkrLanguageServer(LanguageServer):
    def __init__(self, engine: Engine) -> None:
        super().__init__("okrlint", __version__)
        self.engine = engine  # built once: rules, vocabularies and config stay loaded between keystrokes


def document_path(doc: TextDocument) -> str:
    return to_fs_path(doc.uri) or PurePath(doc.uri).name or "untitled.okr.md"


def is_okr_document(path: str, text: str, engine: Engine) -> bool:
    """The test ``okrlint check`` applies to files in directories: OKR file names, or OKR content."""
    from okrlint.files import _YAML_OBJECTIVES, SNIFF_SUFFIXES

    config = engine.config
    name = os.path.basename(path)
    if os.path.isabs(path) and config.is_excluded(path):
        return False
    if config.is_included(name):
        return True
    lower = name.lower()
    if lower.endswith((".md", ".markdown", ".txt")):
        from okrlint.parsing.markdown import looks_like_okr_markdown

        return looks_like_okr_markdown(text)
    return lower.endswith(SNIFF_SUFFIXES) and bool(_YAML_OBJECTIVES.search(text.encode("utf-8", "replace")))


def diagnostics_for(server: OkrLanguageServer, doc: TextDocument) -> list[lsp.Diagnostic]:
    from okrlint.parsing import parse_text

    path = document_path(doc)
    text = doc.source.lstrip("\ufeff")
    if not is_okr_document(path, text, server.engine):
        return []
    findings = server.engine.lint_documents([parse_text(text, path)])
    lines = doc.lines
    return [to_diagnostic(f, lines, doc.position_codec) for f in findings]


def publish(server: OkrLanguageServer, uri: str) -> None:
    doc = server.workspace.get_text_document(uri)
    try:
        diagnostics = diagnostics_for(server, doc)
    except Exception as exc:  # noqa: BLE001 - a bad buffer must never take the editor's server down
        server.window_log_message(lsp.LogMessageParams(
            type=lsp.MessageType.Error, message=f"okrlint: internal error on {uri}: {type(exc).__name__}: {exc}"))
        diagnostics = []
    server.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, version=doc.version, diagnostics=diagnostics))


def quick_fixes(server: OkrLanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    doc = server.workspace.get_text_document(params.text_document.uri)
    markdown = document_path(doc).lower().endswith(_MARKDOWN_SUFFIXES)
    actions: list[lsp.CodeAction] = []
    for diag in params.context.diagnostics:
        if diag.source != SOURCE:
            continue
        data: Any = diag.data
        rule = data.get("rule") if isinstance(data, dict) else None
        rule = rule or (str(diag.code) if diag.code is not None else None)
        if not rule:
            continue
        # the diagnostic's line as the client counts it is the same line for us: lines are not re-encoded
        edit = ignore_edit(doc.lines, diag.range.start.line, rule, markdown, doc.position_codec)
        if edit is None:
            continue
        actions.append(lsp.CodeAction(
            title=f"Ignore {rule} on this line (okrlint: ignore[{rule}])",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diag],
            edit=lsp.WorkspaceEdit(changes={doc.uri: [edit]}),
        ))
    return actions


_WARM_UP = {
    "warm-up.okr.yaml": "period: 2026-Q1\nobjectives:\n  - title: 打造一次修好的服务能力\n    key_results: [FTR从88%提升到95%]\n",
    "warm-up.okr.md": "Objective: Make fixing it right the first time our signature\n- KR1: Raise FTR from 88% to 95%\n",
}


def warm_up(engine: Engine) -> None:
    """Lint two tiny documents so that rules, vocabularies and facts are loaded before the first real one."""
    from okrlint.parsing import parse_text

    engine.lint_documents([parse_text(text, name) for name, text in _WARM_UP.items()])


def build_server(engine: Engine) -> OkrLanguageServer:
    server = OkrLanguageServer(engine)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: OkrLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: OkrLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: OkrLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: OkrLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(ls: OkrLanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return quick_fixes(ls, params)

    return server
