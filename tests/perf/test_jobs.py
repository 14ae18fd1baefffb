"""--jobs: the same report whatever the number of processes; documents in discovery order; picklable models."""
from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Callable

import pytest
from perf_support import private_cache_home, repo  # noqa: F401 - fixtures

from okrlint import parallel
from okrlint.api import make_engine, read_paths, run
from okrlint.cache import dumps
from okrlint.engine.registry import installed_rules

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REPO_RULES = {r.name for r in installed_rules() if r.scope == "repository"}


@pytest.fixture
def parallel_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let 60 files use two workers (the default threshold keeps runs under 200 files in one process)."""
    monkeypatch.setattr(parallel, "MIN_FILES_PER_JOB", 5)
    monkeypatch.setattr(parallel, "available_cpus", lambda: 2)


def _with_duplicate_ids(repo: Path) -> None:
    # two documents with one document id, far apart in discovery order (different worker chunks)
    for name in ("aaa/first.okr.yaml", "zzz/last.okr.yaml"):
        path = repo / "okrs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("id: team-x\nperiod: 2026-Q1\nreview: {checkin: weekly}\nobjectives:\n"
                        "  - title: 打造一次修好的服务能力\n    key_results:\n      - FTR从88%提升到95%\n"
                        "      - 返修率从12%降至5%\n", encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_report_identical_for_any_number_of_jobs(repo: Path, parallel_small: None,
                                                 cli: Callable[..., tuple[int, str, str]], fmt: str) -> None:
    _with_duplicate_ids(repo)
    runs = [cli("check", "okrs", "--no-cache", "--format", fmt, "--jobs", jobs) for jobs in ("1", "2", "3", "auto")]
    assert {code for code, _, _ in runs} == {1}
    assert all(out == runs[0][1] for _, out, _ in runs)
    if fmt == "json":
        rules = {f["rule"] for f in json.loads(runs[0][1])["findings"]}
        assert rules & REPO_RULES, "a repository-scope rule sees documents from every worker"


def test_documents_keep_discovery_order(repo: Path, parallel_small: None) -> None:
    engine = make_engine()
    serial = read_paths(engine, ["okrs"])
    result = run(engine, ["okrs"], jobs=2)
    assert [d.path for d in result.documents] == [d.path for d in serial]
    assert result.findings == engine.lint_documents(serial)
    assert parallel.workers_for(2, len(serial)) == 2  # the run above really used two processes


def test_workers_only_for_enough_files() -> None:
    assert parallel.workers_for(4, 1) == 1
    assert parallel.workers_for(4, parallel.MIN_FILES_PER_JOB * 10) == 4
    assert parallel.workers_for(1, 100_000) == 1
    assert 1 <= parallel.workers_for(0, 100_000) <= parallel.available_cpus()


@pytest.mark.parametrize("value,expected", [("auto", 0), ("AUTO", 0), ("1", 1), ("8", 8), ("0", 0)])
def test_parse_jobs(value: str, expected: int) -> None:
    assert parallel.parse_jobs(value) == expected


@pytest.mark.parametrize("value", ["-1", "many", ""])
def test_bad_jobs_value_is_a_usage_error(value: str, cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, err = cli("check", str(EXAMPLES / "zh"), "--jobs", value)
    assert code == 2
    assert "Traceback" not in err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_documents_and_findings_survive_pickling(lang: str) -> None:
    engine = make_engine()
    docs = read_paths(engine, [str(EXAMPLES / lang)])
    findings = [engine.lint_document(d) for d in docs]
    assert docs and any(findings)
    for blob in (dumps((docs, findings)), pickle.dumps((docs, findings))):
        docs2, findings2 = pickle.loads(blob)
        assert docs2 == docs
        assert findings2 == findings


@pytest.mark.parametrize(("files", "workers"), [(1, 2), (100, 2), (2000, 2), (20000, 2), (5000, 8)])
def test_chunks_shrink_and_keep_every_file_in_order(files: int, workers: int) -> None:
    items = list(range(files))
    chunks = parallel.guided_chunks(items, workers)
    assert [i for c in chunks for i in c] == items
    sizes = [len(c) for c in chunks]
    assert all(a >= b for a, b in zip(sizes, sizes[1:-1]))  # the last one takes what is left
    assert max(sizes) <= 256 and all(s >= 16 for s in sizes[:-1])
    if files >= 2000:  # the tail, where one worker may wait for another, is one small chunk
        assert sizes[-2] == 16 and sizes[0] > 16 * 4
