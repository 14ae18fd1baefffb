"""The command line: exit codes, formats, stdin, selection, configuration errors."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT

BAD_ZH = "---\nperiod: 2026-Q1\nreview: {checkin: weekly}\n---\nO:NPS从45分提升到55分\n"
GOOD_ZH = (EXAMPLES / "zh" / "customer-experience.okr.md").read_text(encoding="utf-8")


def test_clean_file_exits_0(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("check", str(EXAMPLES / "zh" / "customer-experience.okr.md"))
    assert code == 0, out + err
    assert "全部通过" in out or "All clear" in out


def test_error_findings_exit_1(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "q1.okr.md"
    f.write_text(BAD_ZH, encoding="utf-8")
    code, out, _ = cli("check", str(f))
    assert code == 1
    assert f"{f.as_posix()}:5:3: OKR101 [error]" in out.replace(str(tmp_path), tmp_path.as_posix())
    assert "(objective-is-metric)" in out


def test_exit_zero_and_strict(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "q1.okr.md"
    f.write_text(BAD_ZH, encoding="utf-8")
    assert cli("check", "--exit-zero", str(f))[0] == 0
    # warnings only: exit 0, but 1 with --strict
    w = tmp_path / "w.okr.md"
    w.write_text("---\nperiod: 2026-Q1\nreview: {checkin: weekly}\n---\nO:打造一次修好的服务能力\n"
                 "KR1:FTR达到95%\nKR2:返修率从12%降至5%\nKR3:技师诊断准确率达到90%\n", encoding="utf-8")
    code, out, _ = cli("check", "--select", "kr-no-baseline", str(w))
    assert code == 0 and "kr-no-baseline" in out
    assert cli("check", "--strict", "--select", "kr-no-baseline", str(w))[0] == 1


def test_json_report_matches_schema(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("check", "--format", "json", str(EXAMPLES))
    assert code == 1
    report = json.loads(out)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report)
    assert report["summary"]["files"] == len(list(EXAMPLES.rglob("*.okr.*")))
    f = next(x for x in report["findings"] if x["rule"] == "kpi-as-okr" and "/zh/" in x["file"])
    assert (f["code"], f["line"], f["node_path"], f["message_id"]) == ("OKR102", 7, "objectives[0]", "kpi-renamed")


def test_stdin_with_filename(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("check", "--format", "json", "--stdin-filename", "okrs/q1.okr.md", "-", stdin=BAD_ZH)
    report = json.loads(out)
    assert code == 1
    assert [(f["file"], f["rule"], f["line"]) for f in report["findings"] if f["rule"] == "objective-is-metric"] == [
        ("okrs/q1.okr.md", "objective-is-metric", 5)]


def test_select_and_ignore(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "q1.okr.md"
    f.write_text(BAD_ZH, encoding="utf-8")
    _, out, _ = cli("check", "--format", "json", "--select", "OKR2", str(f))
    assert {x["rule"] for x in json.loads(out)["findings"]} == {"kr-count"}
    _, out, _ = cli("check", "--format", "json", "--ignore", "objective-is-metric,kr-count", str(f))
    assert json.loads(out)["findings"] == []


def test_lang_override(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "q1.okr.md"
    f.write_text(BAD_ZH, encoding="utf-8")
    _, zh, _ = cli("check", "--select", "objective-is-metric", str(f))
    _, en, _ = cli("check", "--lang", "en", "--select", "objective-is-metric", str(f))
    assert "目标写成了关键结果" in zh and "The objective is a key result" in en


@pytest.mark.parametrize("argv", [["check", "--select", "no-such-rule", "."], ["check", "--format", "nope", "."],
                                  ["check", "--lang", "fr", "."], ["rule", "no-such-rule"]])
def test_usage_errors_exit_2(cli, argv: list[str]) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(*argv)
    assert code == 2 and err.startswith("okrlint:")


def test_missing_path_exits_2_but_lints_the_rest(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("check", "no/such/file.okr.md", str(EXAMPLES / "zh" / "customer-experience.okr.md"))
    assert code == 2 and "no/such/file.okr.md" in err and ("1 个文件" in out or "1 file" in out)


def test_unknown_config_key_exits_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = tmp_path / ".okrlint.yaml"
    cfg.write_text("selct: [kr-count]\n", encoding="utf-8")
    code, _, err = cli("check", "--config", str(cfg), str(EXAMPLES / "zh"))
    assert code == 2 and "unknown key 'selct'" in err and str(cfg) in err


def test_bad_rule_option_exits_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = tmp_path / ".okrlint.yaml"
    cfg.write_text("rules:\n  kr-count: {min: many}\n", encoding="utf-8")
    code, _, err = cli("check", "--config", str(cfg), str(EXAMPLES / "zh"))
    assert code == 2 and "rules.kr-count" in err and "min" in err


def test_config_options_change_behaviour(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = tmp_path / ".okrlint.yaml"
    cfg.write_text("rules:\n  kr-count: {min: 1, max: 8}\nseverity: {objective-is-metric: warning}\n", encoding="utf-8")
    code, out, _ = cli("check", "--config", str(cfg), "--format", "json", "--select", "kr-count",
                       str(EXAMPLES / "zh" / "mistake-3-too-many.okr.md"))
    assert code == 0 and json.loads(out)["findings"] == []


def test_pyproject_config_is_found(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pyproject.toml").write_text("[tool.okrlint]\nignore = ['kr-count']\n", encoding="utf-8")
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "a.okr.md").write_text(BAD_ZH, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "okrs")
    _, out, _ = cli("check", "--format", "json", ".")
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"objective-is-metric"}


def test_rules_and_rule(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("rules")
    assert code == 0 and "OKR102" in out and "kpi-as-okr" in out
    code, out, _ = cli("rule", "OKR102")
    assert code == 0 and out.startswith("# kpi-as-okr (OKR102)") and "## Why is this bad?" in out
    assert cli("rule", "kpi-as-okr")[1] == out


def test_python_m_okrlint_works() -> None:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "okrlint", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.startswith("okrlint ")


def _buffered() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as a user's shell has it


@pytest.mark.parametrize(("args", "code"), [(["check", "--no-cache", "examples/en/after-sales-q1.okr.yaml"], 0),
                                             (["check", "--no-cache", "examples", "--format", "json"], 1),
                                             (["check", "--jobs", "x", "examples"], 2), (["rules"], 0)])
def test_the_command_exits_with_mains_code_and_all_its_output(cli, args: list[str], code: int) -> None:  # type: ignore[no-untyped-def]
    """``okrlint`` ends with os._exit (no interpreter teardown): nothing written may be lost."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "okrlint", *args], capture_output=True, text=True, cwd=ROOT,
                          env=_buffered())
    in_process = cli(*args)
    assert proc.returncode == in_process[0] == code
    assert proc.stdout == in_process[1] and (code == 2 or proc.stdout)
    if "json" in args:
        assert len(proc.stdout) > 4 * 8192 and json.loads(proc.stdout)["findings"]  # several stdout buffers


def test_the_command_runs_exit_handlers_and_survives_a_closed_pipe() -> None:
    import subprocess
    import sys

    code = ("import atexit, sys; atexit.register(lambda: print('handler ran', file=sys.stderr)); "
            "sys.argv = ['okrlint', 'check', '--no-cache', 'examples']; from okrlint.cli import console; console()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=_buffered())
    assert proc.returncode == 1 and proc.stderr.endswith("handler ran\n")
    reader = subprocess.Popen([sys.executable, "-m", "okrlint", "check", "--no-cache", "examples"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_buffered())
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()  # `okrlint check | head -1`
    err = reader.stderr.read().decode()
    assert reader.wait() in (0, 1) and "Traceback" not in err and "Exception ignored" not in err


def test_internal_error_is_one_line(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import okrlint.commands.check

    def boom(*a, **k):  # type: ignore[no-untyped-def]
        raise RuntimeError("kaboom")

    monkeypatch.setattr(okrlint.commands.check, "write_output", boom)  # every path of `check` ends there
    code, out, err = cli("check", str(EXAMPLES))
    assert code == 2 and err.count("\n") == 1 and "kaboom" in err and "Traceback" not in err
    with pytest.raises(RuntimeError):
        cli("check", "--debug", str(EXAMPLES))
