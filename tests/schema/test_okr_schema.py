"""schemas/okr.schema.json (what YAML editors validate and complete) agrees with okrlint's own parser."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from okrlint import lint_text
from okrlint.parsing import yaml_doc
from tests.conftest import EXAMPLES, ROOT

SCHEMA = json.loads((ROOT / "schemas" / "okr.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


class _EditorLoader(yaml.SafeLoader):
    """Loads YAML the way yaml-language-server sees it: dates stay strings."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str) -> Any:
    return yaml.load(text, Loader=_EditorLoader)


def schema_errors(text: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(load(text))]


def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_there_are_yaml_examples() -> None:
    assert len(example_files()) >= 6


@pytest.mark.parametrize("path", example_files(), ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_example_validates(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert schema_errors(text) == []
    # ... and the parser finds no structural problem in it either
    assert [f.rule for f in lint_text(text, path.name) if f.rule in ("unknown-key", "invalid-structure")] == []


@pytest.mark.parametrize("keys, level", [
    (yaml_doc.DOCUMENT_KEYS, SCHEMA),
    (yaml_doc.OBJECTIVE_KEYS, SCHEMA["$defs"]["objective"]),
    (yaml_doc.KR_KEYS, SCHEMA["$defs"]["key_result"]),
    (yaml_doc.KPI_KEYS, SCHEMA["$defs"]["kpi"]),
], ids=["document", "objective", "key_result", "kpi"])
def test_schema_knows_exactly_the_parsers_keys(keys: frozenset[str], level: dict[str, Any]) -> None:
    assert set(level["properties"]) == set(keys)
    assert level["additionalProperties"] is False


VALID = [
    # zh: plain-text KRs
    "period: 2026-Q1\nreview: {checkin: 每周, retro: 2026-03-31}\nobjectives:\n"
    "  - title: 打造一次修好的服务能力\n    key_results:\n      - FTR从88%提升到95%\n      - 返修率从12%降至5%\n",
    # en: mapping KRs with numbers and strings
    "period: 2026-Q1\nreview: {checkin: weekly}\nobjectives:\n  - id: O1\n    title: Delight our customers\n"
    "    aligns_to: company.okr.yaml#O2\n    key_results:\n"
    "      - {title: Raise NPS from 45 to 55, metric: NPS, baseline: 45, target: 55, due: 2026-03-31,"
    " type: aspirational, actual: 52, score: 0.7}\n"
    "      - {title: Raise retention from 65% to 75%, baseline: 65%, target: '75%', type: committed, score: 1}\n",
    # zh: a plain-string objective and a KPI floor
    "period: 2026年第一季度\nreview: 每周一例会\nobjectives:\n  - 打造让客户惊喜的服务体验\n"
    "kpis:\n  - {title: 安全事故率, target: 0, binding: 一票否决}\n",
    # en: JSON
    '{"period": "2026-Q2", "objectives": [{"title": "Ship a faster app", "key_results": '
    '[{"title": "Cut p95 latency from 800ms to 300ms", "baseline": 800, "target": 300, "unit": "ms"}]}]}',
]


@pytest.mark.parametrize("text", VALID)
def test_valid_documents(text: str) -> None:
    assert schema_errors(text) == []
    assert [f.rule for f in lint_text(text, "x.okr.yaml") if f.rule in ("unknown-key", "invalid-structure")] == []


INVALID = [
    ("period: 2026-Q1\nobjectives:\n  - title: 提升体验\n    key_results:\n      - {title: NPS从45到55, score: 1.5}\n",
     "objectives/0/key_results/0"),
    ("period: 2026-Q1\nobjectives:\n  - title: Delight users\n    key_results:\n"
     "      - {title: Raise NPS from 45 to 55, type: stretch}\n", "objectives/0/key_results/0"),
    ("period: 2026-Q1\nobjectives:\n  - title: Delight users\n    key_results:\n"
     "      - {title: Raise NPS from 45 to 55, baseline: [45]}\n", "objectives/0/key_results/0"),
    ("period: 2026-Q1\nobjectives: 打造服务体验\n", "objectives"),
]


@pytest.mark.parametrize("text, where", INVALID)
def test_invalid_documents(text: str, where: str) -> None:
    assert any(e.startswith(where) for e in schema_errors(text))


UNKNOWN_KEY = [
    # (document, node_path of the finding, schema error location)
    ("period: 2026-Q1\nsponsor: 李四\nobjectives:\n  - title: 打造一次修好的服务能力\n", "", ""),
    ("period: 2026-Q1\nobjectives:\n  - title: 打造一次修好的服务能力\n    deadline: 2026-03-31\n",
     "objectives[0]", "objectives/0"),
    ("period: 2026-Q1\nobjectives:\n  - title: Delight users\n    key_results:\n"
     "      - {title: Raise NPS from 45 to 55, goal: 55}\n", "objectives[0].key_results[0]",
     "objectives/0/key_results/0"),
    ("period: 2026-Q1\nkpis:\n  - {title: Safety incidents, limit: 0}\n", "kpis[0]", "kpis/0"),
]


@pytest.mark.parametrize("text, node_path, where", UNKNOWN_KEY)
def test_unknown_key_is_a_schema_error_and_a_finding(text: str, node_path: str, where: str) -> None:
    errors = schema_errors(text)
    assert any(e.split(":")[0] == where for e in errors), errors
    found = [(f.rule, f.node_path, f.message_id) for f in lint_text(text, "x.okr.yaml") if f.rule == "unknown-key"]
    assert found == [("unknown-key", node_path, "unknown-key")]
