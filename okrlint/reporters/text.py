"""``--format text``: ``path:line:col: CODE [severity] message (rule-name)``, grouped by file.

Under each finding the offending line is quoted, with carets under the flagged
columns (East Asian wide characters count two cells). After the findings: the
lowest-scoring objectives with what cost them points, a table of the files that
have findings (score, errors, warnings, infos), ``--statistics`` (count per
rule), and the one-line summary. Colour only when ``ctx.color`` (a terminal
without ``NO_COLOR``); text from OKR files is neutralised (okrlint/reporters/safe.py).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from itertools import groupby
from typing import Any, Iterator

from okrlint.regex_cache import compiled
from okrlint.reporters.safe import neutralise
from okrlint.reporters.summary import summarise
from okrlint.score import RunScore, score_run

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m",
           "good": "\033[32m"}
_RESET = "\033[0m"
_QUOTE_MAX = 200  # characters of a quoted line
_WORST_MAX = 5  # objectives listed under "lowest scores"

WORDS = {
    "en": {"summary": "{findings} finding(s) in {files} file(s): {errors} error(s), {warnings} warning(s), {infos} info",
           "clean": "All clear: {files} file(s), no findings.", "stats": "Findings per rule:",
           "worst": "Lowest-scoring objectives:", "table": ("score", "errors", "warnings", "infos", "file"),
           "total": "all {files} file(s)", "score": "Quality score: {score}/100 (docs/scoring.md)"},
    "zh": {"summary": "{files} 个文件,{findings} 个问题:错误 {errors},警告 {warnings},提示 {infos}",
           "clean": "全部通过:{files} 个文件,没有问题。", "stats": "按规则统计:",
           "worst": "得分最低的目标:", "table": ("得分", "错误", "警告", "提示", "文件"),
           "total": "全部 {files} 个文件", "score": "质量得分:{score}/100(算法见 docs/scoring.md)"},
}


@functools.cache
def _common_wide() -> re.Pattern[str]:
    # CJK ideographs and punctuation that are wide in every Unicode version (assigned since 1.1-3.0):
    # removed in one pass, so that a Chinese line does not go through the Unicode table per character.
    return compiled(r"[\u3400-\u4db5\u4e00-\u9fa5\u3001-\u3003\u3008-\u3011\uff01-\uff5e]+")


def width(text: str) -> int:
    """Terminal cells: wide and full-width characters take two."""
    if text.isascii():
        return len(text)
    rest = _common_wide().sub("", text)
    cells = 2 * len(text) - len(rest)
    if rest.isascii():
        return cells
    # Nothing below U+0378 is wide: skip the Unicode table for Latin letters and symbols.
    return cells + sum(1 for ch in rest if ch >= "\u0378" and unicodedata.east_asian_width(ch) in "WF")


def one_line(text: str) -> str:
    """A finding is one line: line breaks inside a message become spaces."""
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


def pad(text: str, cells: int, right: bool = False) -> str:
    fill = " " * max(0, cells - width(text))
    return fill + text if right else text + fill


def quote(line: str, f: Any) -> tuple[str, str | None]:
    """The stripped, neutralised line and a caret line under the finding's columns (None if off-line)."""
    lead = len(line) - len(line.lstrip())
    body = line.strip()[:_QUOTE_MAX]
    start = f.column - 1 - lead
    end = (f.end_column - 1 - lead) if f.end_line == f.line else len(body)
    end = min(end, len(body))
    shown = neutralise(body)
    if not 0 <= start < end:
        return shown, None
    clean = shown is body  # nothing was escaped: its parts need no neutralising either
    before, flagged = body[:start], body[start:end]
    if not clean:
        before, flagged = neutralise(before), neutralise(flagged)
    caret = " " * width(before) + "^" * max(1, width(flagged))
    return shown, caret


def render(result: Any, ctx: Any) -> str:
    return "".join(chunks(result, ctx))


def chunks(result: Any, ctx: Any) -> Iterator[str]:
    """The report in pieces, one per file with findings and one for the end, so that a large run
    can be written as it is rendered instead of held twice (as lines, then joined)."""
    def paint(text: str, what: str) -> str:
        return f"{_COLORS[what]}{text}{_RESET}" if ctx.color else text

    text_of = {d.path: d.text for d in result.documents}
    words = WORDS.get(ctx.lang, WORDS["en"])
    tags: dict[str, str] = {}  # severity -> "[severity]", painted
    shown_message: dict[str, str] = {}  # many findings share a message
    if ctx.color:
        bold, dim = _COLORS["bold"], _COLORS["dim"]
    for path, group in groupby(result.findings, key=lambda f: f.file):
        out: list[str] = []
        src = (text_of.get(path) or "").split("\n")  # only files with findings are split
        shown_path = neutralise(path)
        for f in group:
            sev = f.severity
            tag = tags.get(sev)
            if tag is None:
                tag = tags[sev] = paint(f"[{sev}]", sev)
            message = shown_message.get(f.message)
            if message is None:
                message = shown_message[f.message] = neutralise(one_line(f.message))
            if ctx.color:
                out.append(f"{bold}{shown_path}:{f.line}:{f.column}:{_RESET} {f.code} {tag} {message} ({f.rule})")
            else:
                out.append(f"{shown_path}:{f.line}:{f.column}: {f.code} {tag} {message} ({f.rule})")
            if 0 < f.line <= len(src) and src[f.line - 1].strip():
                shown, caret = quote(src[f.line - 1], f)
                out.append(f"{dim}    | {shown}{_RESET}" if ctx.color else f"    | {shown}")
                if caret is not None:
                    out.append(f"    | {paint(caret, sev)}")
        out.append("")
        yield "\n".join(out) + "\n"
    out = []
    summary = summarise(result.findings, len(result.documents))
    scores = score_run(result.documents, result.findings, clean=False)  # the tail lists what lost points
    if result.findings:
        out.extend(_worst(scores, words, paint))
        out.extend(_table(scores, len(result.documents), words, paint))
    if ctx.statistics and summary["by_rule"]:
        out.append(words["stats"])
        for rule, count in sorted(summary["by_rule"].items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"  {count:5d}  {rule}")
        out.append("")
    if scores.score is not None and result.findings:
        out.append(words["score"].format(score=scores.score))
    out.append(words["summary" if result.findings else "clean"].format(**summary))
    yield "\n".join(out) + "\n"


def _grade(score: int) -> str:
    return "good" if score >= 90 else "warning" if score >= 60 else "error"


def _worst(scores: RunScore, words: dict[str, Any], paint: Any) -> list[str]:
    worst = scores.worst_objectives(_WORST_MAX)
    if not worst:
        return []
    out = [words["worst"]]
    for doc, obj in worst:
        o = obj.objective
        costs = ", ".join(f"-{c.cost} {c.finding.rule}" for c in obj.charges)
        title = neutralise(o.title)[:60]
        out.append(f"  {paint(f'{obj.score:3d}', _grade(obj.score))}  "
                   f"{neutralise(doc.document.path)}:{o.span.line}  {title}  ({costs})")
    out.append("")
    return out


def _table(scores: RunScore, files: int, words: dict[str, Any], paint: Any) -> list[str]:
    rows: list[tuple[int, int, int, int, str]] = []
    for d in scores.documents:
        fs = [c.finding for o in d.objectives for c in o.charges] + [c.finding for c in d.charges]
        if not fs:
            continue
        sev = [f.severity for f in fs]
        rows.append((d.score, sev.count("error"), sev.count("warning"), sev.count("info"),
                     neutralise(d.document.path)))
    if not rows:
        return []
    rows.sort(key=lambda r: (r[0], r[4]))
    head = words["table"]
    cells = [max(width(head[i]), 3) for i in range(4)]
    out = ["  ".join(pad(h, cells[i], right=True) for i, h in enumerate(head[:4])) + "  " + head[4]]
    for r in rows:
        nums = [paint(pad(str(r[0]), cells[0], right=True), _grade(r[0]))] + \
               [pad(str(v), cells[i + 1], right=True) for i, v in enumerate(r[1:4])]
        out.append("  ".join(nums) + "  " + r[4])
    total = [sum(r[i] for r in rows) for i in (1, 2, 3)]
    run = scores.score if scores.score is not None else 0
    out.append("  ".join([paint(pad(str(run), cells[0], right=True), _grade(run))] +
                         [pad(str(v), cells[i + 1], right=True) for i, v in enumerate(total)])
               + "  " + words["total"].format(files=files))
    out.append("")
    return out


__all__ = ["render", "chunks", "width", "quote"]
