"""Generate a deterministic planning repository of N OKR files for benchmarks.

    python bench/generate.py 2000 /tmp/okr-2000        # N files under the folder (replaced)

Half Chinese, half English; YAML and Markdown; about 70 % well-written OKRs and
30 % with the article's mistakes (KPI renamed as OKR, objective written as a
metric, too few / too many KRs, no baseline, no review cadence, no period).
The same N and seed always give the same bytes, so runs are comparable.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil

# Phrasing from examples/ and the article (000_cfd7a3febe1c76b7.txt).
ZH_OBJECTIVES = ["打造行业领先的客户服务体验", "建立数据驱动的服务运营体系", "打造一次修好的服务能力",
                 "打造让客户惊喜的服务体验", "建立世界上最好的搜索引擎", "让一线随时看到中台在做什么",
                 "成为客户首选的售后服务品牌", "打造高效协同的技师团队"]
ZH_GOOD_KRS = ["NPS从{a}分提升到{b}分", "客户留存率从{a}%提升到{b}%", "首次修复率从{a}%提升到{b}%",
               "返修率从{c}%降至{d}%", "客户投诉率从{c}%降至{d}%", "转介绍率从{a}%提升到{b}%",
               "技师诊断准确率从{a}%提升到{b}%", "客户自助服务率从{c}%提升到{a}%"]
ZH_BAD_KRS = ["收入达到{m}万", "毛利率达到{a}%", "成本控制在{m}万以内", "提升客户满意度", "优化服务流程",
              "FTR提升到{b}%", "加强团队建设"]
EN_OBJECTIVES = ["Create a service experience that delights customers", "Build a data-driven service operations system",
                 "Make fixing it right the first time our signature", "Build the best search engine in the world",
                 "Become the after-sales brand customers choose first", "Give the front line real-time visibility"]
EN_GOOD_KRS = ["Increase NPS from {a} to {b}", "Raise the referral rate from {a}% to {b}%",
               "Reduce the complaint rate from {c}% to {d}%", "Raise FTR from {a}% to {b}%",
               "Cut the repeat-repair rate from {c}% to {d}%", "Raise retention from {a}% to {b}%"]
EN_BAD_KRS = ["Revenue reaches {m} million", "Gross margin reaches {a}%", "Improve customer satisfaction",
              "Optimise the service process", "FTR reaches {b}%", "Strengthen the team"]
DIVISIONS = ["ads", "cloud", "search", "devices", "people", "finance", "support", "research"]


def _kr(rng: random.Random, pool: list[str]) -> str:
    a = rng.randint(20, 80)
    c = rng.randint(5, 20)
    return rng.choice(pool).format(a=a, b=min(a + rng.randint(5, 15), 99), c=c, d=max(c - rng.randint(2, 5), 1),
                                   m=rng.randint(100, 5000))


def _objectives(rng: random.Random, zh: bool, bad: bool) -> list[tuple[str, list[str]]]:
    objs, good, badk = (ZH_OBJECTIVES, ZH_GOOD_KRS, ZH_BAD_KRS) if zh else (EN_OBJECTIVES, EN_GOOD_KRS, EN_BAD_KRS)
    out = []
    for _ in range(rng.randint(1, 3)):
        n = rng.randint(2, 4)
        if bad and rng.random() < 0.3:
            n = rng.choice([1, 6, 8])  # too few / too many
        krs = [_kr(rng, badk if bad and rng.random() < 0.5 else good) for _ in range(n)]
        title = rng.choice(objs)
        if bad and rng.random() < 0.2:
            title = _kr(rng, good)  # objective written as a KR
        out.append((title, krs))
    return out


def render_markdown(rng: random.Random, zh: bool, bad: bool, team: str) -> str:
    head = ["---"]
    if not (bad and rng.random() < 0.3):
        head.append(f"period: 2026-Q{rng.randint(1, 4)}")
    head.append(f"team: {team}")
    if not (bad and rng.random() < 0.4):
        head.append("review: {checkin: weekly, retro: 2026-12-31}")
    head += ["---", f"# {team} OKR", ""]
    for i, (title, krs) in enumerate(_objectives(rng, zh, bad), start=1):
        head.append(f"O{i}(目标):{title}" if zh else f"## Objective {i}: {title}")
        for j, kr in enumerate(krs, start=1):
            head.append(f"KR{j}(关键结果{j}):{kr}" if zh else f"- KR{j}: {kr}")
        head.append("")
    if bad and rng.random() < 0.1:
        head.append("考核规则:OKR完成度低于0.6,扣绩效奖金。" if zh else "Pay rule: bonus cut if OKR completion is below 0.6.")
    return "\n".join(head) + "\n"


def render_yaml(rng: random.Random, zh: bool, bad: bool, team: str) -> str:
    lines = [f"# {team}"]
    if not (bad and rng.random() < 0.3):
        lines.append(f"period: 2026-Q{rng.randint(1, 4)}")
    lines.append(f"team: {team}")
    lines.append(f"owner: {'张三' if zh else 'Project manager'}")
    if not (bad and rng.random() < 0.4):
        lines.append("review: {checkin: weekly, retro: 2026-12-31}")
    lines.append("objectives:")
    for i, (title, krs) in enumerate(_objectives(rng, zh, bad), start=1):
        lines += [f"  - id: O{i}", f"    title: {title}", "    key_results:"]
        for kr in krs:
            if rng.random() < 0.3:
                lines += [f"      - title: {kr}", f"        owner: {'客户运营专员' if zh else 'Data analyst'}",
                          f"        score: {rng.choice([0.3, 0.6, 0.7, 1.0])}"]
            else:
                lines.append(f"      - {kr}")
    if rng.random() < 0.3:
        lines += ["kpis:", f"  - {{title: {'安全事故率' if zh else 'Safety incident rate'}, target: 0}}"]
    return "\n".join(lines) + "\n"


def generate(n: int, out: str, seed: int = 7) -> list[str]:
    """Write ``n`` OKR files under ``out`` (about 100 per folder); return their paths in order."""
    rng = random.Random(seed)
    if os.path.isdir(out):
        shutil.rmtree(out)
    paths = []
    for i in range(n):
        zh = i % 2 == 0
        bad = rng.random() < 0.3
        division = DIVISIONS[i % len(DIVISIONS)]
        folder = os.path.join(out, division, f"dept-{i // 100:03d}")
        os.makedirs(folder, exist_ok=True)
        team = f"{'团队' if zh else 'Team'} {i:05d}"
        if rng.random() < 0.5:
            path, text = os.path.join(folder, f"team-{i:05d}.okr.yaml"), render_yaml(rng, zh, bad, team)
        else:
            path, text = os.path.join(folder, f"team-{i:05d}.okr.md"), render_markdown(rng, zh, bad, team)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of files")
    ap.add_argument("out", help="folder to (re)create")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    generate(args.n, args.out, args.seed)
    print(f"wrote {args.n} files under {args.out}")


if __name__ == "__main__":
    main()
