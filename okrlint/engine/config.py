"""Configuration: ``.okrlint.yaml`` or ``[tool.okrlint]`` in ``pyproject.toml``, validated by JSON Schema.

The nearest file upward from the working directory wins; ``--config`` overrides.
jsonschema is imported only when there is a configuration to validate.
"""
from __future__ import annotations

import fnmatch
import functools
import json
import os
import re
from pathlib import Path
from typing import Any, Callable

from okrlint.record import Record

CONFIG_NAMES = (".okrlint.yaml", ".okrlint.yml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.okr.yaml", "*.okr.yml", "*.okr.json", "*.okr.md")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".okrlint_cache",
                   ".tox", "site-packages")
DEFAULT_MAX_FILE_SIZE = 5_000_000


class ConfigError(Exception):
    """A configuration problem: the CLI prints it on one line and exits 2."""


class Config(Record):
    __slots__ = ("path", "root", "data")
    path: Path | None  # the file it came from, if any
    root: Path  # globs and packs are relative to this
    data: dict[str, Any]

    def __init__(self, path: Path | None = None, root: Path | None = None, data: dict[str, Any] | None = None) -> None:
        self.path = path
        self.root = Path.cwd() if root is None else root
        self.data = {} if data is None else data

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def include(self) -> tuple[str, ...]:
        return tuple(self.data.get("include") or DEFAULT_INCLUDE)

    @property
    def exclude(self) -> tuple[str, ...]:
        return DEFAULT_EXCLUDE + tuple(self.data.get("exclude") or ())

    @property
    def max_file_size(self) -> int:
        return int(self.data.get("max-file-size") or DEFAULT_MAX_FILE_SIZE)

    def relpath(self, path: str) -> str:
        # lexical, like Path.relative_to, but without building Path objects (hot in directory walks)
        full, root = os.path.abspath(path), _resolved(self.root)
        if full == root:
            return "."
        prefix = root.rstrip(os.sep) + os.sep
        if full.startswith(prefix):
            return full[len(prefix):].replace(os.sep, "/")
        return Path(path).as_posix()

    def is_included(self, name: str) -> bool:
        """Whether a file name matches an ``include`` glob (fnmatch semantics, as one regex)."""
        return glob_matcher(self.include)(os.path.normcase(name)) is not None

    def is_excluded(self, path: str) -> bool:
        # called for every file and folder of a walk: one compiled regex instead of fnmatch per pattern
        rel = self.relpath(path)
        match = glob_matcher(self.exclude)
        return any(match(os.path.normcase(p)) for p in (rel, *rel.split("/")))

    def is_excluded_child(self, parent_rel: str, name: str) -> bool:
        """``is_excluded`` for an entry of a walked folder whose own path (``parent_rel``, from
        :meth:`relpath`) was checked already: only the entry's path and name remain to test."""
        match = glob_matcher(self.exclude)
        rel = name if parent_rel == "." else f"{parent_rel}/{name}"
        return bool(match(os.path.normcase(rel)) or match(os.path.normcase(name)))

    def per_file_ignores(self, path: str) -> list[str]:
        rel = self.relpath(path)
        out: list[str] = []
        for pattern, selectors in (self.data.get("per-file-ignores") or {}).items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(rel).name, pattern):
                out.extend(selectors)
        return out


@functools.lru_cache(maxsize=16)
def _resolved(root: Path) -> str:
    return str(root.resolve())


@functools.lru_cache(maxsize=16)
def glob_matcher(patterns: tuple[str, ...]) -> Callable[[str], Any]:
    """fnmatch semantics (same translation) for any of ``patterns``, as one regex; give it normcase'd text."""
    if not patterns:
        return lambda text: None
    return re.compile("|".join(f"(?:{fnmatch.translate(os.path.normcase(p))})" for p in patterns)).match


def find_config(start: Path) -> Path | None:
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _pyproject_has_section(candidate):
                    continue
                return candidate
    return None


def _pyproject_has_section(path: Path) -> bool:
    try:
        return "[tool.okrlint" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        import tomllib

        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        return data.get("tool", {}).get("okrlint", {}) or {}
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(raw, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping, not {type(data).__name__}")
    return data


def validate(data: dict[str, Any], schema_name: str, where: str) -> None:
    """Validate ``data`` against a shipped schema; raise ConfigError naming the key and the reason."""
    import jsonschema

    from okrlint.packs import schema_path

    schema = json.loads(schema_path(schema_name).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        raise ConfigError(f"{where}: {describe_error(errors[0])}")


def describe_error(err: Any) -> str:
    path = ".".join(str(p) for p in err.absolute_path)
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        key = ".".join(filter(None, [path, extra[0] if extra else ""]))
        return f"unknown key '{key}'"
    return f"'{path or '(top level)'}': {err.message}"


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    if explicit:
        path: Path | None = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
    else:
        path = find_config(start or Path.cwd())
    if path is None:
        return Config()
    data = _read(path)
    from okrlint.cache import remember_valid, validated_before  # skip jsonschema for a config seen valid
    from okrlint.packs import schema_path

    schema = schema_path("config.schema.json")
    if not validated_before(data, schema):
        validate(data, "config.schema.json", str(path))
        remember_valid(data, schema)
    return Config(path=path, root=path.resolve().parent, data=data)
