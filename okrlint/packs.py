"""Finds and loads the rule data shipped in ``rules/`` (vocabularies, messages, defaults).

In a wheel the folder is installed as ``okrlint/packs``; in a source checkout
(editable install, tests) it is the top-level ``rules/`` beside the package.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def schema_path(name: str) -> Path:
    """A JSON Schema shipped with okrlint (``schemas/<name>``)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "schemas" / name, here.parent / "schemas" / name):
        if candidate.is_file():
            return candidate
    raise RuntimeError(f"okrlint's schema {name} is missing")


@functools.cache
def data_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "packs", here.parent / "rules"):
        if (candidate / "vocabulary").is_dir():
            return candidate
    raise RuntimeError(f"okrlint's rule data is missing (looked in {here / 'packs'} and {here.parent / 'rules'})")


def load_yaml(path: Path) -> Any:
    with open(path, "rb") as fh:
        return yaml.load(fh, Loader=_Loader)


@functools.cache
def vocabulary(lang: str) -> dict[str, list[str]]:
    """Word lists for one language (``rules/vocabulary/<lang>.yaml``)."""
    data = load_yaml(data_dir() / "vocabulary" / f"{lang}.yaml") or {}
    return {key: [str(w) for w in (words or [])] for key, words in data.items()}


@functools.cache
def thresholds() -> dict[str, dict[str, Any]]:
    """Default options of the built-in rules (``rules/core/thresholds.yaml``)."""
    return load_yaml(data_dir() / "core" / "thresholds.yaml") or {}


@functools.cache
def messages() -> dict[str, dict[str, dict[str, str]]]:
    """Messages of the built-in rules by rule name, message id and language."""
    return load_yaml(data_dir() / "core" / "messages.yaml") or {}
