"""``okrlint clean``: remove the result cache (``.okrlint_cache`` or the configured ``cache-dir``)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "remove the result cache"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", help="configuration file (default: nearest .okrlint.yaml or pyproject.toml)")
    p.add_argument("--cache-dir", help="the cache folder to remove (default: from the configuration)")


def run(args: argparse.Namespace) -> int:
    from okrlint.cache import cache_dir, clean
    from okrlint.engine.config import Config, load_config

    # only the cache-dir key matters here: a broken config must not stop `clean`
    config: Config
    try:
        config = load_config(args.config)
    except Exception:  # noqa: BLE001
        config = Config(root=Path(args.config).resolve().parent) if args.config else Config()
    folder = cache_dir(config, args.cache_dir)
    removed = clean(folder)
    print(f"okrlint: removed {len(removed)} cache file(s) from {folder}", file=sys.stderr)
    return 0
