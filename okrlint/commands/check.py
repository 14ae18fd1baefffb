"""``okrlint check``: lint files and directories."""
from __future__ import annotations

import argparse
import gc
import os
import sys
from typing import Any, Iterable

HELP = "lint OKR files and directories"


def csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def add_engine_options(p: argparse.ArgumentParser) -> None:
    """Options every command that lints shares (check, review, tree, server)."""
    p.add_argument("--config", help="configuration file (default: nearest .okrlint.yaml or pyproject.toml)")
    p.add_argument("--select", type=csv, help="only these rules (names, codes, code prefixes; comma-separated)")
    p.add_argument("--extend-select", type=csv, default=[], help="rules to add to the selection")
    p.add_argument("--ignore", type=csv, default=[], help="rules to skip")
    p.add_argument("--lang", choices=("auto", "zh", "en"), help="message language (default: each document's)")
    p.add_argument("--debug", action="store_true", help="show a traceback on internal errors")


def configure(p: argparse.ArgumentParser) -> None:
    from okrlint.reporters import FORMATS

    p.add_argument("paths", nargs="*", default=["."], help="files, directories, or - for stdin")
    p.add_argument("--format", default="text", help=f"{', '.join(FORMATS)} (default: text)")
    p.add_argument("-o", "--output", help="write the report to this file instead of stdout")
    add_engine_options(p)
    p.add_argument("--stdin-filename", default="-", help="the name to report for text read from stdin")
    p.add_argument("--strict", action="store_true", help="exit 1 on any finding, not only errors")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    p.add_argument("--statistics", action="store_true", help="count findings per rule")
    p.add_argument("--force-exclude", action="store_true",
                   help="apply excludes and the OKR-file test to files named on the command line (pre-commit)")
    add_speed_options(p)


def jobs_value(value: str) -> int:
    from okrlint.parallel import parse_jobs

    try:
        return parse_jobs(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of processes or 'auto'") from None


def add_speed_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=jobs_value, default=0, metavar="N|auto",
                   help="worker processes (default: auto = the CPUs available; small runs stay in one process)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    p.add_argument("--cache-dir", help="where the result cache lives (default: .okrlint_cache beside the config)")


def open_cache(args: argparse.Namespace, engine, variant: str = ""):  # type: ignore[no-untyped-def]
    """The result cache for this run, or None (--no-cache, or reading stdin only)."""
    if getattr(args, "no_cache", False) or all(p == "-" for p in args.paths):
        return None
    from okrlint.cache import Cache, cache_dir

    return Cache.open(engine, cache_dir(engine.config, getattr(args, "cache_dir", None)), variant)


def engine_from_args(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from okrlint.api import make_engine
    from okrlint.engine.runner import Options

    return make_engine(args.config, Options(select=args.select, extend_select=args.extend_select,
                                            ignore=args.ignore, lang=args.lang))


def report_lang(engine, documents) -> str:  # type: ignore[no-untyped-def]
    if engine.lang != "auto":
        return str(engine.lang)
    return "zh" if documents and all(d.language == "zh" for d in documents) else "en"


def split_missing(paths: list[str]) -> tuple[list[str], list[str]]:
    """(paths that exist or are stdin, paths that do not); each missing one is reported on stderr."""
    missing = [p for p in paths if p != "-" and not os.path.exists(p) and not os.path.islink(p)]
    for p in missing:
        print(f"okrlint: error: {p}: no such file or directory", file=sys.stderr)
    return [p for p in paths if p not in missing], missing


_WRITE_CHUNK = 1 << 20  # characters


def write_output(text: str | Iterable[str], output: str | None, keep: Any = None) -> None:
    """Write a report given whole or in pieces (written as they come); ``keep.append`` gets each piece."""
    pieces = (text,) if isinstance(text, str) else text
    with open(output, "w", encoding="utf-8") if output else _Stdout() as fh:
        for piece in pieces:
            # In slices: writing a large piece at once encodes all of it into one more copy.
            for i in range(0, len(piece), _WRITE_CHUNK):
                fh.write(piece[i:i + _WRITE_CHUNK])
            if keep is not None:
                keep.append(piece)


class _Stdout:
    """sys.stdout as a context manager that flushes but does not close it."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        return sys.stdout

    def __exit__(self, *exc: object) -> None:
        sys.stdout.flush()


# Reports that depend only on the files, the configuration and these options, so a run whose
# every file is unchanged can print the previous run's report without loading any result.
# (html is left out: it is rendered for people and kept by jinja2 templates.)
REPLAYABLE = ("text", "json", "json-lines", "sarif", "github", "gitlab")


def exit_code(args: argparse.Namespace, engine, missing: list[str], errors: int, total: int) -> int:  # type: ignore[no-untyped-def]
    if missing:
        return 2
    if args.exit_zero:
        return 0
    strict = args.strict or bool(engine.config.get("strict"))
    return 1 if (total if strict else errors) else 0


def run(args: argparse.Namespace) -> int:
    from okrlint.api import Result, run as lint
    from okrlint.reporters import FORMATS, ReportContext, get_chunks

    if args.format not in FORMATS:
        print(f"okrlint: error: unknown format '{args.format}' (choose from {', '.join(FORMATS)})", file=sys.stderr)
        return 2
    # A run builds up Documents and findings and frees nearly nothing until it ends, and they hold
    # no reference cycles; every collection of the cyclic GC walks all of them again. On 20,000
    # files it was ~2/3 of loading cached results. (The API and the language server keep the GC.)
    gc.disable()
    engine = engine_from_args(args)
    stdin_text = None
    if "-" in args.paths:
        stdin_text = sys.stdin.buffer.read().decode("utf-8", errors="replace").lstrip("\ufeff")
    paths, missing = split_missing(args.paths)
    to_terminal = args.output is None and sys.stdout.isatty()
    color = to_terminal and not os.environ.get("NO_COLOR")  # no-color.org: set and non-empty
    jobs = getattr(args, "jobs", 1)
    from okrlint.engine.skeleton import wanted

    # Keep only what the repository rules, the scores and the report read of each file.
    skeletons = wanted(engine, args.format)
    cache = open_cache(args, engine, "skeleton" if skeletons else "")
    try:
        report_key = None
        if not skeletons and (cache is None or args.format not in REPLAYABLE):
            result = lint(engine, paths, stdin_text, args.stdin_filename, args.force_exclude, jobs=jobs, cache=cache)
        else:
            from okrlint.cache import digest
            from okrlint.parallel import finish, scan_files

            scan = scan_files(engine, paths, stdin_text, args.stdin_filename, args.force_exclude, cache)
            whole = scan.run_digest() if cache is not None and args.format in REPLAYABLE else None
            if whole is not None:
                report_key = digest(repr((whole, args.format, color, args.statistics)).encode("utf-8"))
                stored = cache.report(args.format, report_key) if scan.all_cached() else None
                if stored is not None:
                    from okrlint.cache import unpack_report

                    packed, errors, total = stored
                    write_output(unpack_report(packed), args.output)
                    return exit_code(args, engine, missing, errors, total)
            docs, findings = finish(engine, scan, jobs, cache, save=False, skeletons=skeletons)
            result = Result(findings, docs)
            if scan.changed:  # this report is not the report of the contents that were hashed
                report_key = None
        ctx = ReportContext(lang=report_lang(engine, result.documents), color=color,
                            statistics=args.statistics, engine=engine)
        errors = sum(1 for f in result.findings if f.severity == "error")
        total = len(result.findings)
        from okrlint.cache import ReportPieces

        kept = ReportPieces() if report_key is not None else None
        # Written as it is rendered: a 20,000-file text report is ~40 MB as Python text.
        write_output(get_chunks(args.format)(result, ctx), args.output, kept)
        if kept is not None:
            cache.put_report(args.format, report_key, (kept.packed(), errors, total))
        if cache is not None:
            cache.save()
        return exit_code(args, engine, missing, errors, total)
    finally:
        if cache is not None:
            cache.discard()  # a run that ends early leaves no half-written cache file
