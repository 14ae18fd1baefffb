"""Grade one key result or KPI 0–1, the way the article's quarterly review does.

* A declared ``score:`` (a number, or "95%") is the grade when it lies in 0–1.
* Otherwise the grade is computed from ``actual`` against ``target`` (structured
  fields, else the numbers in the title): with a ``baseline``, the share of the
  way travelled, ``(actual - baseline) / (target - baseline)`` -- which is
  direction-aware by itself (12 % → 5 % repeat repairs, actual 8 % → 0.57);
  without one, ``actual / target``, or ``target / actual`` when the target is a
  ceiling (a "down" verb or a "≤" limit: 降至/控制在…以内/under). A target of 0 is met
  by an actual of 0 or less. A "≥"/"≤" target already met grades 1.0. The
  result is clamped to 0–1.
* Nothing is computed when actual and target are in different units.

Everything here is pure: the review command, the OKR6xx rules and the HTML
report read the same :class:`Grade`.
"""
from __future__ import annotations

from typing import Any, Callable, Literal

from okrlint.engine.facts import to_quantity
from okrlint.model import Kpi, Node
from okrlint.record import Record
from okrlint.text import Facts, Quantity

KrType = Literal["aspirational", "committed"]
SWEET_SPOT = (0.6, 0.7)  # the article: 0.6–0.7 is the best grade for an aspirational KR


class Grade(Record):
    __slots__ = ("node_path", "id", "title", "owner", "line", "type", "kind", "score", "declared", "declared_raw",
                 "declared_valid", "computed", "actual", "target", "baseline", "unit", "source")
    node_path: str
    id: str | None
    title: str
    owner: str | None
    line: int
    type: KrType  # KPIs are always committed: the floor must be held
    kind: Literal["key_result", "kpi"]
    score: float | None  # the grade used: declared when valid, else computed
    declared: float | None  # the valid declared score
    declared_raw: Any  # as written, when present (also when invalid)
    declared_valid: bool
    computed: float | None
    actual: float | None
    target: float | None
    baseline: float | None
    unit: str | None
    source: Literal["declared", "computed", "none"]

    def __init__(self, node_path: str, id: str | None, title: str, owner: str | None, line: int, type: KrType,
                 kind: Literal["key_result", "kpi"], score: float | None, declared: float | None = None,
                 declared_raw: Any = None, declared_valid: bool = True, computed: float | None = None,
                 actual: float | None = None, target: float | None = None, baseline: float | None = None,
                 unit: str | None = None, source: Literal["declared", "computed", "none"] = "none") -> None:
        self.node_path = node_path
        self.id = id
        self.title = title
        self.owner = owner
        self.line = line
        self.type = type
        self.kind = kind
        self.score = score
        self.declared = declared
        self.declared_raw = declared_raw
        self.declared_valid = declared_valid
        self.computed = computed
        self.actual = actual
        self.target = target
        self.baseline = baseline
        self.unit = unit
        self.source = source

    def to_dict(self) -> dict[str, Any]:
        out = dict(zip(self._fields, self._values(self)))
        raw = self.declared_raw
        if not isinstance(raw, (str, int, float, type(None))):
            # as dataclasses.asdict did: a list or mapping as written is copied, not shared
            import copy

            out["declared_raw"] = copy.deepcopy(raw)
        return out


def parse_score(value: Any) -> tuple[float | None, bool]:
    """(score, valid): 0.95, "0.95" and "95%" are 0.95; 95 or "high" are invalid."""
    if value is None:
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, (int, float)):
        v = float(value)
    else:
        q = to_quantity(value)
        if q is None:
            return None, False
        v = q.value / 100.0 if q.unit == "%" else q.value
    if v != v or not 0.0 <= v <= 1.0:  # NaN or out of range
        return v if v == v else None, False
    return v, True


def kr_type(node: Node) -> KrType:
    if isinstance(node, Kpi):
        return "committed"
    raw = str(node.fields.get("type") or "").strip().lower()
    return "committed" if raw in ("committed", "commit", "承诺", "承诺型", "必达") else "aspirational"


def _clamp(v: float) -> float:
    return max(0.0, min(1.0, v))


def compute(actual: Quantity | None, facts: Facts) -> float | None:
    target = facts.target
    if actual is None or target is None:
        return None
    if actual.unit and target.unit and actual.unit != target.unit:
        return None
    a, t = actual.value, target.value
    base = facts.baseline
    ceiling = facts.limit == "<=" or (facts.limit is None and facts.direction == "down")
    if facts.limit == ">=" and a >= t:
        return 1.0
    if facts.limit == "<=" and a <= t:
        return 1.0
    if base is not None and not (base.unit and target.unit and base.unit != target.unit) and base.value != t:
        return round(_clamp((a - base.value) / (t - base.value)), 4)
    if t == 0:
        return 1.0 if a <= 0 else 0.0
    if ceiling:
        return round(_clamp(t / a), 4) if a > 0 else 1.0
    return round(_clamp(a / t), 4)


def grade(node: Node, facts_of: Callable[[Node], Facts]) -> Grade:
    actual = to_quantity(node.fields.get("actual"), None) if node.fields.get("actual") is not None else None
    # The text is analysed only when there is an actual to grade: that is the slow part.
    facts = facts_of(node) if actual is not None else Facts(lang="en")
    declared, valid = parse_score(node.fields.get("score"))
    computed = compute(actual, facts)
    g = Grade(node_path=node.node_path, id=node.id, title=node.title, owner=node.owner, line=node.span.line,
              type=kr_type(node), kind="kpi" if isinstance(node, Kpi) else "key_result", score=None,
              declared=declared if valid else None, declared_raw=node.fields.get("score"), declared_valid=valid,
              computed=computed, actual=actual.value if actual else None,
              target=facts.target.value if facts.target else None,
              baseline=facts.baseline.value if facts.baseline else None,
              unit=(facts.target.unit if facts.target else None) or (actual.unit if actual else None))
    if declared is not None and valid:
        g.score, g.source = declared, "declared"
    elif computed is not None:
        g.score, g.source = computed, "computed"
    return g


def average(scores: list[float | None]) -> float | None:
    got = [s for s in scores if s is not None]
    return round(sum(got) / len(got), 4) if got else None


def graded(doc: Any, facts_of: Callable[[Node], Facts]) -> list[tuple[Node, Node | None, Grade]]:
    """(node, its objective or None for a KPI, grade) for every key result and KPI of a document."""
    out: list[tuple[Node, Node | None, Grade]] = [(kr, o, grade(kr, facts_of)) for o, kr in doc.key_results()]
    out += [(k, None, grade(k, facts_of)) for k in doc.kpis]
    return out


def fmt_score(value: float | None) -> str:
    """0.95 -> "0.95", 1.0 -> "1.0", 0.875 -> "0.875"."""
    if value is None:
        return "-"
    s = f"{value:.3f}".rstrip("0")
    return s + "0" if s.endswith(".") else s
