"""Finds and loads the rule data shipped in ``rules/`` (vocabularies, messages, defaults).

In a wheel the folder is installed as ``okrlint/packs``; in a source checkout
(editable install, tests) it is the top-level ``rules/`` beside the package.
"""
from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import yaml

try:  # hashlib would load OpenSSL (~20 ms at start-up); BLAKE2 alone is enough here
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def user_cache_home() -> str:
    """``$XDG_CACHE_HOME/okrlint`` (default ``~/.cache/okrlint``): per-user files kept between runs."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "okrlint")


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


def load_data(path: Path) -> Any:
    """A shipped data file, parsed once per content: the vocabularies and messages take ~20 ms
    to construct from YAML at every start, their JSON copy ~1 ms. The copy lives in the user's
    cache folder, named by the BLAKE2 digest of the YAML bytes; any problem falls back to YAML."""
    with open(path, "rb") as fh:
        raw = fh.read()
    copy = os.path.join(user_cache_home(), "data", blake2b(raw, digest_size=16).hexdigest() + ".json")
    try:
        with open(copy, "rb") as fh:
            return json.loads(fh.read())
    except (OSError, ValueError):
        pass
    data = yaml.load(raw, Loader=_Loader)
    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) == data:  # only plain strings, numbers, lists and string-keyed maps
            from okrlint.atomic import write_atomic

            os.makedirs(os.path.dirname(copy), mode=0o700, exist_ok=True)
            write_atomic(copy, text.encode("utf-8"))
    except (OSError, TypeError, ValueError):
        pass
    return data


@functools.cache
def vocabulary(lang: str) -> dict[str, list[str]]:
    """Word lists for one language (``rules/vocabulary/<lang>.yaml``)."""
    data = load_data(data_dir() / "vocabulary" / f"{lang}.yaml") or {}
    return {key: [str(w) for w in (words or [])] for key, words in data.items()}


@functools.cache
def thresholds() -> dict[str, dict[str, Any]]:
    """Default options of the built-in rules (``rules/core/thresholds.yaml``)."""
    return load_data(data_dir() / "core" / "thresholds.yaml") or {}


@functools.cache
def messages() -> dict[str, dict[str, dict[str, str]]]:
    """Messages of the built-in rules by rule name, message id and language."""
    return load_data(data_dir() / "core" / "messages.yaml") or {}
