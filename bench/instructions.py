"""Count the CPU instructions okrlint spends per file, with valgrind: a figure that does not move
with the machine's load, for comparing two versions of the code on a shared machine.

    python bench/instructions.py                       # 200 of the files of a generated 2,000-file repo
    python bench/instructions.py --files 100 --src /path/to/another/checkout

It runs ``valgrind --tool=callgrind`` twice on a process that builds the engine, finds the files
and warms up on 30 of them, then lints none or ``--files`` of them the way a worker does (read,
parse, lint, skeleton, pickle); the difference divided by the number of files is the per-file
cost. Bytecode is compiled and the pattern and data stores are filled before counting, in a
private cache folder, so neither is counted. Needs valgrind (Debian package ``valgrind``).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

# Run inside the tree: lint argv[1] files evenly spread over the tree, after a warm-up.
WORKER = """
import gc, sys
gc.disable()
from okrlint.cli import build_parser
from okrlint.commands.check import engine_from_args
from okrlint import parallel
engine = engine_from_args(build_parser("check").parse_args(["check", "--no-cache", "."]))
scan = parallel.scan_files(engine, ["."], None, "-", False, None)
items = [(shown, path) for _, shown, path, _, _ in scan.pending]
n = int(sys.argv[1])
for shown, path in items[:30]:
    parallel.lint_path(engine, shown, path, True)
for shown, path in items[::max(1, len(items) // max(n, 1))][:n]:
    parallel.lint_path(engine, shown, path, True)
"""


def count(src: str, tree: str, files: int, env: dict[str, str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c",
                        WORKER, str(files)], cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        text = Path(out).read_text(encoding="utf-8", errors="replace")
    m = re.search(r"^totals:\s+(\d+)", text, re.M) or re.search(r"^summary:\s+(\d+)", text, re.M)
    if m is None:
        raise SystemExit("no instruction total in valgrind's output")
    return int(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=200, help="files linted in the counted run (default 200)")
    ap.add_argument("--src", default=str(ROOT), help="the okrlint checkout to measure (default: this one)")
    ap.add_argument("--workdir", help="where to generate the 2,000-file repo (default: a temporary folder)")
    args = ap.parse_args()
    base = args.workdir or tempfile.mkdtemp(prefix="okrlint-instr-")
    try:
        tree = os.path.join(base, "repo-2000")
        generate(2000, tree)
        env = dict(os.environ, PYTHONPATH=args.src, PYTHONHASHSEED="0",
                   XDG_CACHE_HOME=os.path.join(base, "cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-c", WORKER, str(args.files)], cwd=tree, env=env, check=True)  # warm up
        none, some = count(args.src, tree, 0, env), count(args.src, tree, args.files, env)
    finally:
        if not args.workdir:
            shutil.rmtree(base, ignore_errors=True)
    print(f"{(some - none) / args.files / 1e6:.3f} M instructions per file "
          f"({args.files} files: {some / 1e6:.1f} M, none: {none / 1e6:.1f} M)")


if __name__ == "__main__":
    main()
