"""What a rule's ``check`` receives besides the node: options, language, facts and vocabularies."""
from __future__ import annotations

from typing import Any, Callable, TypeVar

from okrlint.engine.facts import node_facts
from okrlint.model import Document, Node
from okrlint.text import Facts

_T = TypeVar("_T")
_UNSET: Any = object()


class Context:
    __slots__ = ("doc", "options", "config", "_facts", "parent")

    def __init__(self, doc: Document | None, options: dict[str, Any], config: Any, facts: dict[Any, Any]) -> None:
        self.doc = doc
        self.options = options
        self.config = config
        self._facts = facts  # shared by all rules for one document (also holds ``memo`` results)
        self.parent: Node | None = None  # the objective of a key result

    @property
    def year(self) -> int | None:
        doc = self.doc
        return doc.period.end.year if doc is not None and doc.period is not None else None

    def facts(self, node: Node) -> Facts:
        got = self._facts.get(id(node))
        if got is None:
            got = self._facts[id(node)] = node_facts(node, self.year)
        return got

    def memo(self, fn: Callable[[str], _T], text: str) -> _T:
        """``fn(text)``, computed once per document: several rules derive the same thing from one title."""
        key = (fn, text)
        got = self._facts.get(key, _UNSET)
        if got is _UNSET:
            got = self._facts[key] = fn(text)
        return got  # type: ignore[no-any-return]

    def vocab(self, lang: str) -> dict[str, list[str]]:
        from okrlint.packs import vocabulary

        return vocabulary(lang)

    def lang_of(self, text: str) -> str:
        from okrlint.text import detect_language

        return detect_language(text)
