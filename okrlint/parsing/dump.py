"""Document -> canonical YAML (``yaml.safe_dump``): what okrlint writes when it writes an OKR file.

Reading the output back with :func:`okrlint.parsing.parse_text` gives the same model (titles,
ids, owners, node paths, structured fields); the property tests hold it to that.
"""
from __future__ import annotations

from typing import Any

import yaml

from okrlint.model import Document, Node, Objective

_DOC_META = ("level", "title", "description", "links", "id")
# YAML line breaks PyYAML writes raw inside plain/quoted scalars with allow_unicode, and then
# reads back as a space: such strings are written double-quoted, where they are escaped.
_BREAKS = ("\x85", "\u2028", "\u2029")


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(b in value for b in _BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _node(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if node.id is not None:
        out["id"] = node.id
    out["title"] = node.title
    if node.owner is not None:
        out["owner"] = node.owner
    for key, value in node.fields.items():
        if key not in ("id", "title", "owner", "aligns_to", "key_results"):
            out[key] = value
    if isinstance(node, Objective):
        if node.aligns_to is not None:
            out["aligns_to"] = node.aligns_to
        out["key_results"] = [_node(kr) for kr in node.key_results]
    return out


def to_data(doc: Document) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if doc.period_raw is not None:
        data["period"] = doc.period_raw
    for key in ("team", "owner"):
        if getattr(doc, key) is not None:
            data[key] = getattr(doc, key)
    if doc.review is not None:
        data["review"] = doc.review
    data.update({k: v for k, v in doc.meta.items() if k in _DOC_META})
    data["objectives"] = [_node(o) for o in doc.objectives]
    if doc.kpis:
        data["kpis"] = [_node(k) for k in doc.kpis]
    return data


def dump_yaml(doc: Document) -> str:
    return yaml.dump(to_data(doc), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)
