"""``okrlint tree``: print the alignment cascade (company → teams → objectives → key results with owners)."""
from __future__ import annotations

import argparse
import json
import sys

HELP = "print the OKR cascade: company, teams, objectives and key results with owners"


def configure(p: argparse.ArgumentParser) -> None:
    from okrlint.commands.check import add_engine_options

    p.add_argument("paths", nargs="*", default=["."], help="files and directories")
    p.add_argument("--format", default="text", help="text or json (default: text)")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    add_engine_options(p)


def run(args: argparse.Namespace) -> int:
    from okrlint.api import read_paths
    from okrlint.commands.check import engine_from_args, split_missing, write_output
    from okrlint.org.tree import build_tree, render_text

    if args.format not in ("text", "json"):
        print(f"okrlint: error: unknown format '{args.format}' (choose from text, json)", file=sys.stderr)
        return 2
    paths, missing = split_missing(args.paths)
    engine = engine_from_args(args)
    docs = read_paths(engine, paths)
    tree = build_tree(docs)
    if args.format == "json":
        out = json.dumps(tree, ensure_ascii=False, indent=2) + "\n"
    else:
        out = render_text(tree)
    write_output(out, args.output)
    return 2 if missing else 0
