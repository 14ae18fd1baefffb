"""One run builds the alignment graph once, however many rules and views ask for it."""
from __future__ import annotations

from pathlib import Path

import pytest

import okrlint.org.graph as graph_mod
from okrlint.api import make_engine, run
from okrlint.engine.config import Config

FIXTURES = Path(__file__).parent / "fixtures"


def test_alignment_rules_share_one_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    built = []
    real = graph_mod.Graph

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, documents):  # type: ignore[no-untyped-def]
            built.append(len(documents))
            super().__init__(documents)

    monkeypatch.setattr(graph_mod, "Graph", Counting)
    monkeypatch.setattr(graph_mod, "_last", None)
    engine = make_engine(Config(data={"select": ["alignment-target-missing", "alignment-cycle"]}))
    result = run(engine, [str(FIXTURES / "zh")])
    assert result.documents and built == [len(result.documents)]
    graph_mod.graph_for(result.documents)  # the tree of the same run reuses it
    assert len(built) == 1
    graph_mod.graph_for(list(reversed(result.documents)))  # other documents: a new graph
    assert len(built) == 2
