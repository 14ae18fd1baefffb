"""``okrlint check``: lint files and directories."""
from __future__ import annotations

import argparse
import gc
import os
import sys

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


def open_cache(args: argparse.Namespace, engine):  # type: ignore[no-untyped-def]
    """The result cache for this run, or None (--no-cache, or reading stdin only)."""
    if getattr(args, "no_cache", False) or all(p == "-" for p in args.paths):
        return None
    from okrlint.cache import Cache, cache_dir

    return Cache.open(engine, cache_dir(engine.config, getattr(args, "cache_dir", None)))


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


def write_output(text: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
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
    from okrlint.reporters import FORMATS, ReportContext, get_renderer

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
    cache = open_cache(args, engine)
    report_key = None
    if cache is None or args.format not in REPLAYABLE:
        result = lint(engine, paths, stdin_text, args.stdin_filename, args.force_exclude, jobs=jobs, cache=cache)
    else:
        from okrlint.cache import digest
        from okrlint.parallel import finish, scan_files

        scan = scan_files(engine, paths, stdin_text, args.stdin_filename, args.force_exclude, cache)
        whole = scan.run_digest()
        if whole is not None:
            report_key = digest(repr((whole, args.format, color, args.statistics)).encode("utf-8"))
            stored = cache.report(args.format, report_key) if scan.all_cached() else None
            if stored is not None:
                text, errors, total = stored
                write_output(text, args.output)
                return exit_code(args, engine, missing, errors, total)
        docs, findings = finish(engine, scan, jobs, cache, save=False)
        result = Result(findings, docs)
    ctx = ReportContext(lang=report_lang(engine, result.documents), color=color,
                        statistics=args.statistics, engine=engine)
    text = get_renderer(args.format)(result, ctx)
    errors = sum(1 for f in result.findings if f.severity == "error")
    if report_key is not None:
        cache.put_report(args.format, report_key, (text, errors, len(result.findings)))
    if cache is not None:
        cache.save()
    write_output(text, args.output)
    return exit_code(args, engine, missing, errors, len(result.findings))
