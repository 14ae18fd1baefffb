"""okrlint as a Language Server (``okrlint server``, needs the ``okrlint[lsp]`` extra: pygls 2.x).

* :mod:`okrlint.lsp.convert` turns findings into LSP diagnostics and builds the
  ignore-comment quick fix (pure functions over lsprotocol types);
* :mod:`okrlint.lsp.server` wires them to pygls: diagnostics on open, change and
  save, cleared on close, one warm engine for the whole session.
"""
