"""Inline suppressions written in the OKR file itself.

YAML (and any ``#`` comment)::

    - FTR达到95%  # okrlint: ignore[kr-no-baseline] -- baseline not measured yet
    # okrlint: ignore[kr-count]            (alone on a line: silences the next line)
    # okrlint: ignore-file[no-review-cadence] -- reviewed in the team wiki

Markdown: the same inside an HTML comment, ``<!-- okrlint: ignore[kr-count] -->``.
Without ``[...]`` every rule is silenced. A suppression that silences nothing is
reported by ``unused-suppression``.
"""
from __future__ import annotations

from okrlint.model import Suppression
from okrlint.regex_cache import compiled

_MARK = compiled(
    r"(?:#|<!--)[ \t]*okrlint:[ \t]*(ignore-file|ignore)\b(?:\[([^\]\n]*)\])?(?:[ \t]*--[ \t]*([^\n]*?))?[ \t]*(?:-->)?[ \t]*$"
)


def scan(text: str) -> list[Suppression]:
    if "okrlint:" not in text:  # the common case costs one substring search
        return []
    lines = text.split("\n")
    found: list[Suppression] = []
    pending: list[Suppression] = []  # own-line comments waiting for the next content line
    for number, line in enumerate(lines, start=1):
        m = _MARK.search(line) if "okrlint:" in line else None
        stripped = line.strip()
        if m is None:
            if stripped and not stripped.startswith(("#", "<!--")):
                for s in pending:
                    s.target_line = number
                pending.clear()
            continue
        kind, names, reason = m.groups()
        rules = tuple(n.strip() for n in (names or "").split(",") if n.strip())
        reason = (reason or "").removesuffix("-->").strip() or None
        before = line[: m.start()].strip()
        if kind == "ignore-file":
            found.append(Suppression(number, 0, rules, reason))
        elif before and before not in ("-", "*"):
            found.append(Suppression(number, number, rules, reason))
            for s in pending:
                s.target_line = number
            pending.clear()
        else:
            s = Suppression(number, -1, rules, reason)
            found.append(s)
            pending.append(s)
    return found
