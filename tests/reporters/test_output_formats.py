"""Each machine format against its specification; text and HTML behaviour that goldens cannot show."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT, SHARED
from okrlint.reporters import get_renderer
from okrlint.reporters.github import escape_data, escape_property
from reporters_sample import ZH_PATH, sample_context, sample_result

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def _render(fmt: str, lang: str = "en") -> str:
    return get_renderer(fmt)(sample_result(), sample_context(lang))


# -- SARIF --------------------------------------------------------------------------------------
def _validate_sarif(text: str) -> dict:  # type: ignore[type-arg]
    log = json.loads(text)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    return log  # type: ignore[no-any-return]


def test_sarif_is_valid_against_the_official_schema() -> None:
    log = _validate_sarif(_render("sarif"))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert log["version"] == "2.1.0"
    for res in run["results"]:
        rule = rules[res["ruleIndex"]]
        assert rule["id"] == res["ruleId"]
        assert set(rule) >= {"id", "name", "shortDescription", "helpUri", "defaultConfiguration"}
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not loc["artifactLocation"]["uri"].startswith("/")
        assert set(loc["region"]) == {"startLine", "startColumn", "endLine", "endColumn"}
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["OKR301"] == "note" and levels["OKR101"] == "error" and levels["OKR202"] == "warning"
    # the non-ASCII, space-containing path is percent-encoded
    assert any(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "okrs/%E5%94%AE%E5%90%8E%20q1.okr.md"
               for r in run["results"])


def test_sarif_of_the_examples_is_valid(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("check", "--format", "sarif", str(EXAMPLES / "zh"))
    assert code == 1
    log = _validate_sarif(out)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris and all(u.startswith("examples/zh/") for u in uris)  # absolute paths made repo-relative


# -- GitHub -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("raw", "data", "prop"), [
    ("100%", "100%25", "100%25"),
    ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
    ("x: y, z", "x: y, z", "x%3A y%2C z"),
    ("%0A", "%250A", "%250A"),  # an already-escaped-looking text is escaped again
    ("目标\uff1a达成\uff0c好", "目标\uff1a达成\uff0c好", "目标\uff1a达成\uff0c好"),  # full-width punctuation is not syntax
])
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_github_commands() -> None:
    lines = _render("github").splitlines()
    assert len(lines) == len(sample_result().findings)
    pattern = re.compile(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,]+::.+$")
    assert all(pattern.match(ln) for ln in lines), lines
    notice = next(ln for ln in lines if ln.startswith("::notice"))
    assert "line%0Abreak, 100%25 sure" in notice


# -- JSON lines / GitLab / JSON -----------------------------------------------------------------
def test_json_lines_one_finding_per_line() -> None:
    lines = _render("json-lines").splitlines()
    objs = [json.loads(ln) for ln in lines]
    assert [o["rule"] for o in objs] == [f.rule for f in sample_result().findings]
    assert all({"file", "line", "column", "message_id", "cost"} <= set(o) for o in objs)


def test_gitlab_code_quality() -> None:
    issues = json.loads(_render("gitlab"))
    assert len(issues) == len(sample_result().findings)
    for i in issues:
        assert set(i) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert i["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(i["location"]["lines"]["begin"], int) and i["location"]["path"].startswith("okrs/")
    fps = [i["fingerprint"] for i in issues]
    assert len(set(fps)) == len(fps)
    assert fps == [i["fingerprint"] for i in json.loads(_render("gitlab"))]  # stable across runs


def test_gitlab_fingerprint_survives_line_moves() -> None:
    from okrlint.reporters.gitlab import fingerprint

    f = sample_result().findings[0]
    moved = type(f)(**{**{k: getattr(f, k) for k in f.__slots__}, "line": f.line + 5})  # type: ignore[attr-defined]
    assert fingerprint(f) == fingerprint(moved)


def test_json_scores_validate_against_report_schema() -> None:
    report = json.loads(_render("json"))
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report)
    scores = {f["path"]: f["score"] for f in report["files"]}
    assert scores == {ZH_PATH: 69, "okrs/platform.okr.yaml": 80, "okrs/broken.okr.yaml": 0}
    assert report["summary"]["score"] == 50
    zh = next(f for f in report["files"] if f["path"] == ZH_PATH)
    assert [(o["node_path"], o["score"], o["lost"]) for o in zh["objective_scores"]] == [
        ("objectives[0]", 40, 60), ("objectives[1]", 98, 2)]
    assert {f["cost"] for f in report["findings"]} == {25, 10, 2}


# -- text ---------------------------------------------------------------------------------------
def test_text_line_format_caret_and_summary_table() -> None:
    out = _render("text", "zh")
    assert re.search(r"^okrs/售后 q1\.okr\.md:8:10: OKR202 \[warning\] .+ \(kr-no-baseline\)$", out, re.M)
    # carets under "95%" after "KR1:FTR达到" (达到 are two cells each)
    assert "    | KR1:FTR达到95%\n    |            ^^^\n" in out
    assert re.search(r"^\s+0\s+1\s+0\s+0\s+okrs/broken\.okr\.yaml$", out, re.M)
    assert "\033[" not in out
    assert "line break, 100% sure" in out  # a message stays on one line


def test_text_statistics_only_when_asked(cli) -> None:  # type: ignore[no-untyped-def]
    path = str(EXAMPLES / "en" / "mistake-3-too-few.okr.md")
    _, plain, _ = cli("check", path)
    _, stats, _ = cli("check", "--statistics", path)
    assert "Findings per rule:" not in plain
    assert re.search(r"^\s+1\s+kr-count$", stats, re.M)


@pytest.mark.parametrize(("tty", "no_color", "coloured"), [(True, None, True), (True, "1", False), (True, "", True),
                                                           (False, None, False)])
def test_colour_only_on_a_terminal_without_no_color(cli, monkeypatch, tty, no_color, coloured) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("NO_COLOR", raising=False)
    if no_color is not None:
        monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: tty)
    _, out, _ = cli("check", str(EXAMPLES / "en" / "mistake-3-too-few.okr.md"))
    assert ("\033[" in out) is coloured


def test_neutralise_escapes_exactly_the_unsafe_characters() -> None:
    from okrlint.reporters.safe import neutralise

    unsafe = {*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F,
              *range(0x202A, 0x202F), *range(0x2066, 0x206A)}  # controls but tab and newline; bidi marks
    for cp in range(0x110000):
        c = chr(cp)
        assert neutralise(f"a{c}b") == (f"a\\u{cp:04x}b" if cp in unsafe else f"a{c}b"), hex(cp)


def test_colour_changes_nothing_but_the_colour() -> None:
    result, plain = sample_result(), sample_context("en")
    coloured = sample_context("en")
    coloured.color = True
    text, painted = get_renderer("text")(result, plain), get_renderer("text")(result, coloured)
    assert re.sub(r"\033\[[0-9;]*m", "", painted) == text
    first = result.findings[0]
    loc = f"{first.file}:{first.line}:{first.column}:"
    assert f"\033[1m{loc}\033[0m {first.code} \033[3" in painted  # bold location, coloured severity
    assert re.search(r"^\033\[2m    \| .+\033\[0m$", painted, re.M)  # the quoted line, dimmed
    assert re.search(r"^    \| \033\[3[136]m *\^+\033\[0m$", painted, re.M)  # carets in the severity's colour


# -- HTML (without a browser) -------------------------------------------------------------------
def test_html_escapes_okr_text_and_fetches_nothing() -> None:
    html = _render("html")
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html
    assert not re.search(r"""(?:src|href|url)\s*[=(]\s*["']?\s*(?:https?:|//|ftp:|data:text)""", html, re.I)
    assert "https://" not in html and "http://" not in html


def test_html_marks_the_flagged_words() -> None:
    html = _render("html")
    assert '<mark class="warning">95%</mark>' in html  # the finding's columns, not the whole title


def test_html_language_follows_the_report_language() -> None:
    assert "质量得分" in _render("html", "zh") and "Quality score" not in _render("html", "zh")
    assert "Quality score" in _render("html", "en")


@pytest.mark.parametrize("fmt", ["text", "json", "json-lines", "sarif", "github", "gitlab", "html"])
def test_output_file_for_every_format(cli, tmp_path, fmt) -> None:  # type: ignore[no-untyped-def]
    out_file = tmp_path / f"report.{fmt}"
    code, out, _ = cli("check", "--format", fmt, "-o", str(out_file), str(EXAMPLES / "zh" / "mistake-3-too-few.okr.md"))
    assert code == 1 and out == ""
    assert "kr-count" in out_file.read_text(encoding="utf-8")


def test_default_path_does_not_import_jinja2() -> None:
    code = ("import sys, argparse\n"
            "from okrlint.commands import check\n"
            "for fmt in ('text', 'json', 'json-lines', 'sarif', 'github', 'gitlab'):\n"
            "    p = argparse.ArgumentParser(); check.configure(p)\n"
            "    check.run(p.parse_args(['--format', fmt, '-o', '/dev/null', 'examples/zh']))\n"
            "print('jinja2' in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_github_message_has_no_raw_terminal_escapes() -> None:
    from okrlint.api import make_engine, run as lint
    from okrlint.engine.config import Config
    from okrlint.parsing import parse_text
    from okrlint.reporters import ReportContext, get_renderer

    engine = make_engine(Config(data={"select": ["objective-is-metric"]}))
    doc = parse_text("O:NPS从45分\x1b[31m提升到55分\x1b]8;;http://x\x07\n", "e.okr.md")
    findings = engine.lint_documents([doc])
    assert [f.rule for f in findings] == ["objective-is-metric"]
    out = get_renderer("github")(type("R", (), {"findings": findings, "documents": [doc]})(), ReportContext())
    assert "\x1b" not in out and "\x07" not in out and "\\u001b" in out
    assert out.startswith("::error file=e.okr.md,line=1,")
