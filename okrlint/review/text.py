"""The review as text: per document, objective and key result, with score bars and the 0.6–0.7 band."""
from __future__ import annotations

from okrlint.model import Finding
from okrlint.reporters.safe import neutralise
from okrlint.review.grading import Grade, fmt_score
from okrlint.review.report import Review

LABELS = {
    "en": {"average": "average", "teams": "Teams", "run": "Overall", "band": "sweet spot 0.6–0.7",
           "ungraded": "not graded", "kpis": "KPIs", "findings": "Findings", "none": "No review findings.",
           "declared": "declared", "computed": "computed"},
    "zh": {"average": "平均", "teams": "各团队", "run": "整体", "band": "最佳区间 0.6–0.7",
           "ungraded": "未打分", "kpis": "KPI", "findings": "复盘发现", "none": "没有复盘问题。",
           "declared": "填写", "computed": "计算"},
}
BAR_WIDTH = 20


def bar(value: float | None) -> str:
    """A bar of BAR_WIDTH cells; the cells of the 0.6–0.7 band are drawn as ▒ when empty."""
    if value is None:
        return " " * (BAR_WIDTH + 2)
    full = round(value * BAR_WIDTH)
    cells = []
    for i in range(BAR_WIDTH):
        if i < full:
            cells.append("█")
        else:
            cells.append("▒" if 0.6 * BAR_WIDTH <= i < 0.7 * BAR_WIDTH else "·")
    return "[" + "".join(cells) + "]"


def _grade_line(g: Grade, lab: dict[str, str]) -> str:
    src = lab[g.source] if g.source in ("declared", "computed") else lab["ungraded"]
    owner = f"  {g.owner}" if g.owner else ""
    kind = "" if g.type == "aspirational" else f" ({g.type})"
    return f"    {g.id or '':<5} {fmt_score(g.score):>5} {bar(g.score)} {src}{kind}{owner}  {g.title}"


def render(review: Review, findings: list[Finding], lang: str = "en") -> str:
    """Titles and owners come from the files: neutralised before they reach a terminal."""
    lab = LABELS.get(lang, LABELS["en"])
    out: list[str] = []
    for d in review.documents:
        out.append(f"{d.path}  {d.team}  {lab['average']} {fmt_score(d.average)}")
        for o in d.objectives:
            out.append(f"  {o.id} {o.title}  {lab['average']} {fmt_score(o.average)}")
            out.extend(_grade_line(g, lab) for g in o.key_results)
        if d.kpis:
            out.append(f"  {lab['kpis']}")
            out.extend(_grade_line(g, lab) for g in d.kpis)
        out.append("")
    if review.teams:
        out.append(f"{lab['teams']}: " + ", ".join(f"{t} {fmt_score(v)}" for t, v in review.teams.items()))
    out.append(f"{lab['run']}: {fmt_score(review.average)}  ({lab['band']})")
    out.append("")
    if findings:
        out.append(f"{lab['findings']}:")
        out.extend(f"{f.file}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message} ({f.rule})" for f in findings)
    else:
        out.append(lab["none"])
    return neutralise("\n".join(out)) + "\n"
