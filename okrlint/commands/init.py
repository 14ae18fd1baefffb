"""``okrlint init``: write a starter OKR file (that passes okrlint) and a commented ``.okrlint.yaml``.

The starter's period is the current quarter, so its deadlines are real ones.
Nothing is ever overwritten: if a target file exists, nothing is written at all.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from string import Template

HELP = "write a starter OKR file and a commented .okrlint.yaml"

STARTER_DIR = Path(__file__).resolve().parent.parent / "starter"
CONFIG_NAME = ".okrlint.yaml"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the starter (default: zh)")
    p.add_argument("--format", choices=("yaml", "md"), default="yaml", help="OKR file format (default: yaml)")
    p.add_argument("--dir", default=".", help="where to write the files (created if missing; default: .)")


def quarter(today: dt.date) -> tuple[str, dt.date]:
    """The quarter containing ``today`` as ``YYYY-Qn`` and its last day."""
    q = (today.month - 1) // 3 + 1
    next_start = dt.date(today.year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
    return f"{today.year}-Q{q}", next_start - dt.timedelta(days=1)


def starter_files(lang: str, fmt: str, today: dt.date | None = None) -> dict[str, str]:
    """File name -> content of what ``init`` writes."""
    period, end = quarter(today or dt.date.today())
    okr = Template((STARTER_DIR / f"okr.{lang}.{fmt}").read_text(encoding="utf-8"))
    return {
        f"team.okr.{fmt}": okr.substitute(period=period, end=end.isoformat()),
        CONFIG_NAME: (STARTER_DIR / f"okrlint.{lang}.yaml").read_text(encoding="utf-8"),
    }


MESSAGES = {
    "exists": {"en": "{path} already exists; nothing was written (move it away or use --dir)",
               "zh": "{path} 已存在,没有写入任何文件(请先移走它,或用 --dir 换个目录)"},
    "wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
    "next": {"en": "next: edit it, then run okrlint check {dir}", "zh": "下一步:修改内容,然后运行 okrlint check {dir}"},
}


def say(key: str, lang: str, **args: str) -> str:
    return MESSAGES[key][lang].format(**args)


def run(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    files = starter_files(args.lang, args.format)
    existing = [target / name for name in files if (target / name).exists() or (target / name).is_symlink()]
    if existing:
        print(f"okrlint: error: {say('exists', args.lang, path=str(existing[0]))}", file=sys.stderr)
        return 2
    written: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            # "x": fail rather than overwrite, even if the file appeared since the check above
            with open(target / name, "x", encoding="utf-8", newline="\n") as fh:
                written.append(target / name)
                fh.write(content)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)  # all or nothing
        print(f"okrlint: error: {exc.filename or target}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for path in written:
        print(say("wrote", args.lang, path=str(path)))
    print(say("next", args.lang, dir=str(target)))
    return 0
