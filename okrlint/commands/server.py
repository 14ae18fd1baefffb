"""``okrlint server``: the Language Server over stdio, for editors (needs ``pip install 'okrlint[lsp]'``)."""
from __future__ import annotations

import argparse
import sys

HELP = "run the Language Server (LSP over stdio) for editors"


def configure(p: argparse.ArgumentParser) -> None:
    from okrlint.commands.check import add_engine_options

    p.add_argument("--stdio", action="store_true", help="talk LSP on stdin/stdout (the default and only transport)")
    add_engine_options(p)


def run(args: argparse.Namespace) -> int:
    try:
        from okrlint.lsp.server import build_server, warm_up
    except ImportError as exc:
        print(f"okrlint: error: the language server needs pygls ({exc.name or exc}): pip install 'okrlint[lsp]'"
              " / 语言服务器需要 pygls,请安装 okrlint[lsp]",
              file=sys.stderr)
        return 2
    from okrlint.commands.check import engine_from_args

    engine = engine_from_args(args)  # a config error exits 2 before the editor connects
    warm_up(engine)
    server = build_server(engine)
    server.start_io()
    return 0
