"""Facts about an objective, KR or KPI: structured fields win over what its text says."""
from __future__ import annotations

import datetime as _dt
from typing import Any

from okrlint.model import Node
from okrlint.text import Deadline, Facts, Quantity, analyze


def to_quantity(value: Any, unit: str | None = None) -> Quantity | None:
    """A structured value (``45``, ``"45%"``, ``"1000万"``) as a Quantity."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Quantity(float(value), unit, str(value), -1, -1)
    text = str(value).strip()
    if not text:
        return None
    nums = analyze(text).numbers
    if not nums:
        return None
    q = nums[0]
    return Quantity(q.value, unit or q.unit, text, -1, -1, q.comparator)


def _deadline(value: Any, year: int | None) -> Deadline | None:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return Deadline(value.isoformat(), -1, -1, value)
    if value is None:
        return None
    text = str(value)
    found = analyze(text, year).deadline
    if found is not None:
        return Deadline(text, -1, -1, found.date, found.quarter)
    return Deadline(text, -1, -1, None)


def node_facts(node: Node, year: int | None = None) -> Facts:
    facts = analyze(node.title, year)
    fields = node.fields
    if not fields:
        return facts
    unit = fields.get("unit")
    unit = str(unit) if unit is not None else None
    if "metric" in fields and fields["metric"] is not None:
        facts.metric = str(fields["metric"])
    if "baseline" in fields:
        facts.baseline = to_quantity(fields["baseline"], unit) or facts.baseline
    if "target" in fields:
        facts.target = to_quantity(fields["target"], unit) or facts.target
    if "due" in fields:
        facts.deadline = _deadline(fields["due"], year) or facts.deadline
    return facts
