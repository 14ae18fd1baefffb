"""Time okrlint against ``yamllint -d relaxed`` on generated planning repositories.

    python bench/run.py                      # 2,000 files, one-file cold start, warm cache, growth curve
    python bench/run.py --sizes 2000 --repeat 7 --skip-growth
    python bench/run.py --growth 200,2000,20000

Every figure is the median of ``--repeat`` runs of a fresh process, measured in
the same invocation as the peer, the runs compared with the peer's taking turns with them: wall time, CPU time (user + system, the
process and its workers) and peak resident memory of the largest process
(``ru_maxrss`` from ``wait4``). Not a test: the numbers depend on the machine
(see docs/performance.md for the figures and the machine they came from).
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mib: float


def measure(argv: list[str], cwd: str) -> Sample:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    # An installed okrlint has its bytecode compiled (pip does it), like the peer: do not measure compiling.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def _median(samples: list[Sample]) -> Sample:
    return Sample(statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples),
                  statistics.median(s.rss_mib for s in samples))


def median(argv: list[str], cwd: str, repeat: int, before: list[str] | None = None) -> Sample:
    return interleaved([(argv, before)], cwd, repeat)[0]


def interleaved(runs: list[tuple[list[str], list[str] | None]], cwd: str, repeat: int) -> list[Sample]:
    """The median of each of ``runs`` (command, command to run before it), taking turns: round after
    round, each command once. On a shared machine the speed drifts over seconds; taking turns lets
    every command see the same drift, so their ratios hold even when the absolute times move."""
    samples: list[list[Sample]] = [[] for _ in runs]
    for _ in range(repeat):
        for (argv, before), out in zip(runs, samples):
            if before:
                measure(before, cwd)
            out.append(measure(argv, cwd))
    return [_median(s) for s in samples]


def okrlint(*args: str) -> list[str]:
    return [sys.executable, "-m", "okrlint", *args]


def yamllint(*args: str) -> list[str]:
    exe = shutil.which("yamllint")
    return [exe, *args] if exe else [sys.executable, "-m", "yamllint", *args]


def row(label: str, s: Sample, peer: Sample | None = None) -> str:
    ratio = f"  ratio {s.wall / peer.wall:5.2f}" if peer else ""
    return f"  {label:<34} wall {s.wall:7.3f} s  cpu {s.cpu:7.3f} s  peak {s.rss_mib:6.1f} MiB{ratio}"


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPU(s), {model}, Python {platform.python_version()}, {platform.system()}"


def compare(size: int, base: str, repeat: int, jobs: str) -> None:
    tree = os.path.join(base, f"repo-{size}")
    generate(size, tree)
    print(f"\n{size} files ({tree}; the first four take turns, medians of {repeat})")
    peer, serial, parallel, cold = interleaved([
        (yamllint("-d", "relaxed", "."), None),
        (okrlint("check", ".", "--no-cache", "--jobs", "1"), None),
        (okrlint("check", ".", "--no-cache", "--jobs", jobs), None),
        (okrlint("check", ".", "--jobs", jobs), okrlint("clean")),
    ], tree, repeat)
    print(row("yamllint -d relaxed", peer))
    print(row("okrlint --no-cache --jobs 1", serial, peer))
    print(row(f"okrlint --no-cache --jobs {jobs}", parallel, peer))
    print(row(f"okrlint cold cache --jobs {jobs}", cold, peer))
    measure(okrlint("check", ".", "--jobs", jobs), tree)  # make sure the cache is warm
    warm = median(okrlint("check", ".", "--jobs", jobs), tree, repeat)
    print(row("okrlint warm cache", warm, peer) + f"  ({warm.wall / cold.wall:.0%} of cold)")
    # The usual CI run: one file edited since the last run (a new line each time, so always one miss).
    first = sorted(Path(tree).rglob("*.okr.yaml"))[0]
    touch = [sys.executable, "-c", f"open({str(first)!r}, 'a', encoding='utf-8').write('# edited\\n')"]
    one = median(okrlint("check", ".", "--jobs", jobs), tree, repeat, before=touch)
    print(row("okrlint warm cache, 1 file edited", one, peer) + f"  ({one.wall / cold.wall:.0%} of cold)")


def one_file(repeat: int) -> None:
    path = str(ROOT / "examples" / "zh" / "first-time-fix.okr.yaml")
    print(f"\none file, cold process ({os.path.relpath(path, ROOT)}; runs alternate, medians of {2 * repeat + 1})")
    # Runs of ~0.1 s are at the mercy of whatever else the machine does: alternate the two so
    # both see the same conditions.
    peer_runs, ok_runs = [], []
    for _ in range(2 * repeat + 1):
        peer_runs.append(measure(yamllint("-d", "relaxed", path), str(ROOT)))
        ok_runs.append(measure(okrlint("check", path, "--no-cache"), str(ROOT)))
    peer, s = _median(peer_runs), _median(ok_runs)
    print(row("yamllint -d relaxed", peer))
    print(row("okrlint --no-cache", s, peer))


def growth(sizes: list[int], base: str, repeat: int, jobs: str) -> None:
    print(f"\ngrowth (okrlint --no-cache --jobs {jobs}; median of {repeat})")
    for size in sizes:
        tree = os.path.join(base, f"repo-{size}")
        generate(size, tree)
        s = median(okrlint("check", ".", "--no-cache", "--jobs", jobs), tree, repeat)
        print(row(f"{size:>6} files: {1000 * s.wall / size:6.3f} ms/file", s))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="2000", help="comma-separated repository sizes to compare (default 2000)")
    ap.add_argument("--growth", default="200,2000,20000", help="sizes for the growth curve")
    ap.add_argument("--repeat", type=int, default=5, help="runs per figure; the median is shown (default 5)")
    ap.add_argument("--jobs", default="auto", help="okrlint --jobs for the parallel figures (default auto)")
    ap.add_argument("--skip-growth", action="store_true")
    ap.add_argument("--workdir", help="where to generate the trees (default: a temporary folder)")
    args = ap.parse_args()
    print(machine())
    base = args.workdir or tempfile.mkdtemp(prefix="okrlint-bench-")
    measure(okrlint("check", "examples", "--no-cache"), str(ROOT))  # writes bytecode, as an install would have
    try:
        one_file(args.repeat)
        for size in (int(s) for s in args.sizes.split(",") if s):
            compare(size, base, args.repeat, args.jobs)
        if not args.skip_growth:
            growth([int(s) for s in args.growth.split(",") if s], base, max(1, args.repeat // 2), args.jobs)
    finally:
        if not args.workdir:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
