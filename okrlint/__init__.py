"""okrlint: a linter for OKRs (Objectives and Key Results), in Chinese and English."""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "lint_paths", "lint_text"]


def __getattr__(name: str) -> Any:
    # The API is imported on first use so `import okrlint` stays cheap.
    if name in ("lint_paths", "lint_text"):
        from okrlint import api

        return getattr(api, name)
    raise AttributeError(name)
