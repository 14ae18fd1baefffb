"""`okrlint review --since REV`: targets and baselines moved since a git revision (a temporary repository)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

START = """period: 2026-Q1
review: {checkin: weekly}
objectives:
  - id: O1
    title: 打造一次修好的服务能力
    key_results:
      - {title: FTR从88%提升到95%, owner: 李技师长}
      - {title: 返修原因识别准确率达到90%, owner: 质量管理专员}
      - {title: Cut the repeat-repair rate, baseline: 12%, target: 5%, owner: Zhao}
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                    *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "hub.okr.yaml").write_text(START, encoding="utf-8")
    git(tmp_path, "add", "hub.okr.yaml")
    git(tmp_path, "commit", "-q", "-m", "start of Q1")
    git(tmp_path, "tag", "q1-start")
    return tmp_path


def edit(repo: Path, old: str, new: str, commit: bool = True) -> Path:
    p = repo / "hub.okr.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    if commit:
        git(repo, "commit", "-q", "-am", "edit")
    return p


def moved(cli, repo: Path, rev: str = "q1-start") -> list[tuple]:  # type: ignore[no-untyped-def, type-arg]
    code, out, err = cli("review", "--format", "json", "--since", rev, str(repo / "hub.okr.yaml"))
    assert code == 0, err
    return [(f["line"], f["node_path"], f["message_id"]) for f in json.loads(out)["findings"]
            if f["rule"] == "target-changed"]


def test_unchanged_file_has_no_finding(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    edit(repo, "owner: Zhao", "owner: Supervisor Zhao")  # an owner change is not a moved goalpost
    assert moved(cli, repo) == []


def test_target_lowered_in_text(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    edit(repo, "准确率达到90%", "准确率达到85%")
    code, out, _ = cli("review", "--format", "json", "--since", "q1-start", str(repo / "hub.okr.yaml"))
    (f,) = [f for f in json.loads(out)["findings"] if f["rule"] == "target-changed"]
    assert (f["line"], f["node_path"], f["message_id"]) == (8, "objectives[0].key_results[1]", "changed")
    assert "90%" in f["message"] and "85%" in f["message"]  # old and new values are reported


def test_structured_baseline_and_target(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    edit(repo, "baseline: 12%, target: 5%", "baseline: 10%, target: 6%", commit=False)  # uncommitted counts too
    assert sorted(moved(cli, repo)) == [(9, "objectives[0].key_results[2]", "changed")] * 2


def test_recorded_change_is_not_flagged(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    edit(repo, "{title: 返修原因识别准确率达到90%, owner: 质量管理专员}",
         "{title: 返修原因识别准确率达到85%, owner: 质量管理专员, changes: "
         "[{date: 2026-02-15, field: target, from: 90%, to: 85%, reason: 二月复盘:样本不足}]}")
    assert moved(cli, repo) == []


def test_document_level_change_log(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    p = edit(repo, "FTR从88%提升到95%", "FTR从88%提升到93%", commit=False)
    p.write_text(p.read_text(encoding="utf-8") + "changes:\n  - {date: 2026-02-15, kr: O1.KR1, reason: Feb check-in}\n",
                 encoding="utf-8")
    assert moved(cli, repo) == []


def test_incomplete_or_stale_record_is_flagged(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    edit(repo, "FTR从88%提升到95%, owner: 李技师长}", "FTR从88%提升到93%, owner: 李技师长, changes: [{date: 2026-02-15}]}")
    assert moved(cli, repo) == [(7, "objectives[0].key_results[0]", "record-incomplete")]


def test_record_for_another_field_does_not_cover(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    edit(repo, "baseline: 12%, target: 5%, owner: Zhao", "baseline: 12%, target: 6%, owner: Zhao, changes: "
         "[{date: 2026-02-15, field: baseline, reason: re-measured}]")
    assert moved(cli, repo) == [(9, "objectives[0].key_results[2]", "changed")]


def test_new_file_is_skipped(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    new = repo / "new.okr.yaml"
    new.write_text(START, encoding="utf-8")
    code, out, _ = cli("review", "--format", "json", "--since", "q1-start", str(new))
    assert code == 0 and json.loads(out)["findings"] == []


@pytest.mark.parametrize("rev", ["no-such-rev", "--output=x"])
def test_bad_revision_is_one_line(cli, repo: Path, rev: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("review", "--since", rev, str(repo / "hub.okr.yaml"))
    assert code == 2 and out == "" and err.count("\n") == 1


def test_outside_a_repository(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "q.okr.yaml"
    p.write_text(START, encoding="utf-8")
    code, _, err = cli("review", "--since", "HEAD", str(p))
    assert code == 2 and err.count("\n") == 1


def test_check_without_since_is_silent(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    edit(repo, "准确率达到90%", "准确率达到85%")
    code, out, _ = cli("check", "--select", "target-changed", "--format", "json", str(repo))
    assert json.loads(out)["findings"] == []
