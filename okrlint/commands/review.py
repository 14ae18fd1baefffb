"""``okrlint review``: grade each key result 0–1, average per objective, document, team and run,
and report the review findings (OKR6xx); ``--since REV`` adds targets moved since a git revision."""
from __future__ import annotations

import argparse
import json
import os
import sys

HELP = "quarterly review: grade key results 0-1, averages, and targets changed since a git revision"
REVIEW_RULES = "OKR6"  # score-out-of-range, score-mismatch, score-too-high, -too-low, committed-missed, target-changed


def configure(p: argparse.ArgumentParser) -> None:
    from okrlint.commands.check import add_engine_options

    p.add_argument("paths", nargs="*", default=["."], help="files and directories")
    p.add_argument("--format", default="text", help="text or json (default: text)")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p.add_argument("--since", metavar="REV", help="git revision at the start of the cycle: report moved targets")
    p.add_argument("--strict", action="store_true", help="exit 1 on any finding, not only errors")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    add_engine_options(p)


def run(args: argparse.Namespace) -> int:
    from okrlint.api import make_engine
    from okrlint.api import run as lint
    from okrlint.commands.check import report_lang, split_missing, write_output
    from okrlint.engine.runner import Options
    from okrlint.review.report import review_documents

    if args.format not in ("text", "json"):
        print(f"okrlint: error: unknown format '{args.format}' (choose from text, json)", file=sys.stderr)
        return 2
    paths, missing = split_missing(args.paths)
    if args.since is not None:
        from okrlint.review.since import revision_error

        first = paths[0] if paths else "."
        err = revision_error(args.since, first if os.path.isdir(first) else os.path.dirname(first) or ".")
        if err:
            print(f"okrlint: error: --since: {err}", file=sys.stderr)
            return 2
    # Only the review rules by default: the writing rules belong to `okrlint check`.
    engine = make_engine(args.config, Options(select=args.select if args.select is not None else [REVIEW_RULES],
                                              extend_select=args.extend_select, ignore=args.ignore, lang=args.lang))
    moved = engine.active.get("target-changed")
    if moved is not None and args.since is not None:
        moved.options["since"] = args.since
    result = lint(engine, paths)
    review = review_documents(result.documents)
    lang = report_lang(engine, result.documents)
    if args.format == "json":
        data = {"review": review.to_dict(), "since": args.since,
                "findings": [f.to_dict() for f in result.findings]}
        out = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        from okrlint.review.text import render

        out = render(review, result.findings, lang)
    write_output(out, args.output)
    if missing:
        return 2
    if args.exit_zero:
        return 0
    failing = result.findings if args.strict else [f for f in result.findings if f.severity == "error"]
    return 1 if failing else 0
