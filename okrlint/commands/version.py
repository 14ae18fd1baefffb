"""``okrlint version``."""
from __future__ import annotations

import argparse

from okrlint import __version__

HELP = "print the version"


def configure(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    print(f"okrlint {__version__}")
    return 0
