"""``--format json-lines``: one finding per line (the ``--format json`` finding object), for streaming consumers.

Nothing else is written: no summary line, and no output at all when there are no findings.
"""
from __future__ import annotations

import json
from typing import Any

from okrlint.score import cost


def render(result: Any, ctx: Any) -> str:
    return "".join(json.dumps({**f.to_dict(), "cost": cost(f)}, ensure_ascii=False) + "\n"
                   for f in result.findings)
