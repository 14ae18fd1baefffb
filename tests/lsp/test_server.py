"""``okrlint server`` spoken to over real JSON-RPC on stdio, the way an editor does."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from tests.lsp.rpc import ROOT, LspClient

BAD_ZH = "period: 2026-Q1\nreview: {checkin: 每周}\nobjectives:\n  - title: 打造一次修好的服务能力\n    key_results:\n      - FTR从88%提升到95%\n"
GOOD_ZH = ("period: 2026-Q1\nreview: {checkin: 每周}\nobjectives:\n  - title: 打造一次修好的服务能力\n    key_results:\n"
           "      - FTR从88%提升到95%\n      - 技师诊断准确率从80%提升到90%\n      - 返修率从12%降至5%\n")
BAD_EN_MD = ("---\nperiod: 2026-Q1\nreview: {checkin: weekly}\n---\n# Q1\n\n"
             "Objective: Make fixing it right the first time our signature\n- KR1: Raise FTR from 88% to 95%\n")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[LspClient]:
    c = LspClient(cwd=str(tmp_path))  # no .okrlint.yaml there: default rules
    result = c.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
    assert result["serverInfo"]["name"] == "okrlint"
    caps = result["capabilities"]
    assert caps["textDocumentSync"]["openClose"] is True
    assert "codeActionProvider" in caps
    c.notify("initialized")
    yield c
    if c.proc.poll() is None:
        c.close()


def open_doc(c: LspClient, uri: str, text: str, language: str = "yaml") -> None:
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": 1,
                                                       "text": text}})


def test_diagnostics_on_open_change_save_close(client: LspClient, tmp_path: Path) -> None:
    uri = (tmp_path / "q1.okr.yaml").as_uri()
    open_doc(client, uri, BAD_ZH)
    diags = client.diagnostics(uri)
    kr_count = [d for d in diags if d["code"] == "OKR201"]
    assert len(kr_count) == 1
    d = kr_count[0]
    # okrlint reports line 4, column 12 (1-based) for the objective title; LSP is 0-based
    assert d["range"]["start"] == {"line": 3, "character": 11}
    assert d["range"]["end"]["line"] == 3
    assert d["severity"] == 1  # error
    assert d["source"] == "okrlint"
    assert d["data"]["rule"] == "kr-count"
    assert d["codeDescription"]["href"].startswith("file://") and "kr" in d["codeDescription"]["href"]

    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": GOOD_ZH}]})
    assert client.diagnostics(uri) == []

    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                             "contentChanges": [{"text": BAD_ZH}]})
    assert [d["code"] for d in client.diagnostics(uri)] == ["OKR201"]
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert [d["code"] for d in client.diagnostics(uri)] == ["OKR201"]

    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []
    assert client.close() == 0


def test_quick_fix_inserts_an_ignore_comment_that_silences_the_finding(client: LspClient, tmp_path: Path) -> None:
    uri = (tmp_path / "q1.okr.yaml").as_uri()
    open_doc(client, uri, BAD_ZH)
    diag = next(d for d in client.diagnostics(uri) if d["code"] == "OKR201")
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag]}})
    assert len(actions) == 1
    assert actions[0]["kind"] == "quickfix"
    (edit,) = actions[0]["edit"]["changes"][uri]
    assert edit["newText"].strip() == "# okrlint: ignore[kr-count]"
    assert edit["range"]["start"] == {"line": 3, "character": len("  - title: 打造一次修好的服务能力")}

    # applying the edit leaves no finding (and no unused suppression)
    lines = BAD_ZH.split("\n")
    lines[3] += edit["newText"]
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": "\n".join(lines)}]})
    assert client.diagnostics(uri) == []


def test_markdown_quick_fix_uses_an_html_comment(client: LspClient, tmp_path: Path) -> None:
    uri = (tmp_path / "q1.okr.md").as_uri()
    open_doc(client, uri, BAD_EN_MD, "markdown")
    diag = next(d for d in client.diagnostics(uri) if d["code"] == "OKR201")
    assert diag["range"]["start"]["line"] == 6
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag]}})
    (edit,) = actions[0]["edit"]["changes"][uri]
    assert edit["newText"].strip() == "<!-- okrlint: ignore[kr-count] -->"
    lines = BAD_EN_MD.split("\n")
    lines[6] += edit["newText"]
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": "\n".join(lines)}]})
    assert [d["code"] for d in client.diagnostics(uri) if d["code"] == "OKR201"] == []


def test_columns_are_utf16_code_units(client: LspClient, tmp_path: Path) -> None:
    # an emoji before the finding takes two UTF-16 units: the client's column must count it twice
    text = BAD_ZH.replace("title: 打造", "title: 🚀打造")
    uri = (tmp_path / "q1.okr.yaml").as_uri()
    open_doc(client, uri, text)
    diag = next(d for d in client.diagnostics(uri) if d["code"] == "OKR201")
    assert diag["range"]["start"] == {"line": 3, "character": 11}
    assert diag["range"]["end"]["character"] == len("  - title: 🚀打造一次修好的服务能力".encode("utf-16-le")) // 2


def test_non_okr_yaml_gets_no_diagnostics(client: LspClient, tmp_path: Path) -> None:
    uri = (tmp_path / "docker-compose.yml").as_uri()
    open_doc(client, uri, "services:\n  web: {image: nginx}\n")
    assert client.diagnostics(uri) == []


def test_without_pygls_the_command_says_how_to_install_it(tmp_path: Path) -> None:
    (tmp_path / "pygls").mkdir()
    (tmp_path / "pygls" / "__init__.py").write_text("raise ImportError('blocked for the test', name='pygls')\n")
    proc = subprocess.run([sys.executable, "-m", "okrlint", "server"], cwd=str(tmp_path), capture_output=True,
                          text=True, timeout=60, env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "pip install 'okrlint[lsp]'" in proc.stderr
