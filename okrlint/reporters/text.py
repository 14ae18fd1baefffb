"""``--format text``: ``path:line:col: CODE [severity] message (rule-name)``, grouped by file."""
from __future__ import annotations

from itertools import groupby
from typing import Any

from okrlint.reporters.safe import neutralise
from okrlint.reporters.summary import summarise

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m"}
_RESET = "\033[0m"

WORDS = {
    "en": {"summary": "{findings} finding(s) in {files} file(s): {errors} error(s), {warnings} warning(s), {infos} info",
           "clean": "All clear: {files} file(s), no findings.", "stats": "Findings per rule:"},
    "zh": {"summary": "{files} 个文件,{findings} 个问题:错误 {errors},警告 {warnings},提示 {infos}",
           "clean": "全部通过:{files} 个文件,没有问题。", "stats": "按规则统计:"},
}


def render(result: Any, ctx: Any) -> str:
    def paint(text: str, what: str) -> str:
        return f"{_COLORS[what]}{text}{_RESET}" if ctx.color else text

    lines_of = {d.path: d.text.split("\n") for d in result.documents}
    words = WORDS.get(ctx.lang, WORDS["en"])
    out: list[str] = []
    for path, group in groupby(result.findings, key=lambda f: f.file):
        src = lines_of.get(path) or []
        for f in group:
            loc = paint(f"{neutralise(f.file)}:{f.line}:{f.column}:", "bold")
            out.append(f"{loc} {f.code} {paint('[' + f.severity + ']', f.severity)} "
                       f"{neutralise(f.message)} ({f.rule})")
            if 0 < f.line <= len(src) and src[f.line - 1].strip():
                quoted = neutralise(src[f.line - 1].strip())
                out.append(paint(f"    | {quoted[:200]}", "dim"))
        out.append("")
    summary = summarise(result.findings, len(result.documents))
    if ctx.statistics and summary["by_rule"]:
        out.append(words["stats"])
        for rule, count in sorted(summary["by_rule"].items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"  {count:5d}  {rule}")
        out.append("")
    out.append(words["summary" if result.findings else "clean"].format(**summary))
    return "\n".join(out) + "\n"
