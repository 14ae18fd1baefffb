"""Build a YAML node tree from libyaml's events with an explicit stack, never by recursion.

PyYAML's composer (C and Python alike) recurses once per nesting level: 100,000
nested ``[`` crash the interpreter with a segmentation fault, which no
``except`` can catch. libyaml's *parser* keeps its own stack, so okrlint reads
the event stream and composes the nodes here, refusing documents nested deeper
than ``max_depth`` (an OKR file needs five or six levels) before libyaml's own
stack grows large. Semantics follow ``yaml.composer.Composer.compose_document``:
anchors are registered when their node starts (so a self-referencing alias makes
a cycle, which the readers bound), tags are resolved by the loader's resolver.

:func:`compose_text` lets libyaml's C composer build the tree when the text
provably cannot nest deeper than the limit (its recursion is then shallow and
it skips a Python event object per node); anything else, and any error, goes
through :func:`compose_single`, whose result or error is the authority.
"""
from __future__ import annotations

import datetime
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver, Resolver

MAX_DEPTH = 64

STR_TAG = BaseResolver.DEFAULT_SCALAR_TAG
NULL_TAG = "tag:yaml.org,2002:null"
_SEQ = BaseResolver.DEFAULT_SEQUENCE_TAG
_MAP = BaseResolver.DEFAULT_MAPPING_TAG
_IMPLICIT = Resolver.yaml_implicit_resolvers  # first character -> [(tag, regexp)], as PyYAML keys it


# Plain scalars whose first character has resolvers ("title", "owner", "O1", "0.5", dates) mostly
# recur: their tags are remembered, as regex matches cost more than the rest of a node.
_MEMO: dict[str, str] = {}
_MEMO_SIZE = 4096
_MEMO_WIDTH = 64


def _resolve(self: Any, kind: type, value: Any, implicit: Any) -> str:
    """``BaseResolver.resolve`` for a resolver without path or wildcard resolvers, minus its overhead."""
    if kind is ScalarNode:
        if implicit[0]:
            resolvers = _IMPLICIT.get(value[:1])  # value[:1] is "" for "", as PyYAML's key
            if resolvers:
                tag = _MEMO.get(value)
                if tag is None:
                    tag = STR_TAG
                    for candidate, regexp in resolvers:
                        if regexp.match(value):
                            tag = candidate
                            break
                    if len(_MEMO) < _MEMO_SIZE and len(value) <= _MEMO_WIDTH:
                        _MEMO[value] = tag
                return tag
        return STR_TAG
    return _SEQ if kind is SequenceNode else _MAP


_C = getattr(yaml, "CSafeLoader", None)
_FAST_RESOLVE = not Resolver.yaml_path_resolvers and None not in _IMPLICIT

if _C is not None:
    class Loader(_C):  # type: ignore[misc,valid-type]
        if _FAST_RESOLVE:
            resolve = _resolve
            # libyaml's composer calls these twice per node; without path resolvers they do nothing,
            # and C callables that take the same arguments do nothing faster than a Python method.
            descend_resolver = slice  # (parent, index) -> a throwaway slice
            ascend_resolver = tuple  # () -> ()
else:  # no libyaml: the pure-Python reader and parser, still composed below
    class Loader(yaml.SafeLoader):  # type: ignore[no-redef]
        if _FAST_RESOLVE:
            resolve = _resolve


# Scalars built before, by (tag, text), when the value is immutable: dates and numbers recur
# ("retro: 2026-12-31", "score: 0.5") and building them is most of reading them.
_BUILT: dict[tuple[str, str], Any] = {}
_IMMUTABLE = frozenset({int, float, bool, bytes, datetime.date, datetime.datetime, type(None)})


def construct_scalar(loader: Any, node: ScalarNode) -> Any:
    """``loader.construct_object(node, deep=True)`` for a scalar node (a fresh SafeConstructor if ``loader`` is None)."""
    key = (node.tag, node.value)
    if key in _BUILT:
        return _BUILT[key]
    value = (loader or SafeConstructor()).construct_object(node, deep=True)
    # NaN is left out: one shared NaN object would compare equal to itself inside lists and dicts.
    if type(value) in _IMMUTABLE and value == value and len(_BUILT) < _MEMO_SIZE and len(node.value) <= _MEMO_WIDTH:
        _BUILT[key] = value
    return value


def plain_scalar(text: str) -> Any:
    """What :class:`Loader` builds from ``text`` read as a plain scalar (``plain_scalars_exact()`` says if it can)."""
    tag = _resolve(None, ScalarNode, text, (True, False))
    if tag == STR_TAG:
        return text
    if tag == NULL_TAG:
        return None
    return construct_scalar(None, ScalarNode(tag, text))


def plain_scalars_exact() -> bool:
    """True while :func:`plain_scalar` resolves and constructs as :class:`Loader` does (nobody added resolvers
    or constructors to it since)."""
    return _FAST_RESOLVE and Loader.yaml_constructors is SafeConstructor.yaml_constructors


class TooDeep(Exception):
    """Nesting deeper than the limit; ``mark`` is where the limit was crossed."""

    def __init__(self, mark: Any) -> None:
        super().__init__("too deep")
        self.mark = mark


def _shallow(text: str, max_depth: int) -> bool:
    """True when ``text`` cannot hold ``max_depth`` nested collections.

    Every collection libyaml starts is opened by a token of its own among ``- ? : [ {``
    (block entry, key, value, flow start), so their count bounds the depth.
    """
    n = text.count("[") + text.count("{")
    if n >= max_depth:
        return False
    n += text.count(":")
    if n >= max_depth:
        return False
    return n + text.count("-") + text.count("?") < max_depth


def compose_text(text: str, max_depth: int = MAX_DEPTH) -> tuple[Any, Node | None]:
    """A :class:`Loader` over ``text`` (to construct scalars with; the caller disposes it) and the root node.

    Raises as :func:`compose_single` does, after disposing the loader.
    """
    if _C is not None and _shallow(text, max_depth):
        loader = Loader(text)
        try:
            return loader, loader.get_single_node()
        except Exception:  # noqa: BLE001 - errors are worded and placed by compose_single, below
            loader.dispose()
    loader = Loader(text)
    try:
        return loader, compose_single(loader, max_depth)
    except BaseException:
        loader.dispose()
        raise


def compose_single(loader: Any, max_depth: int = MAX_DEPTH) -> Node | None:
    """The one document of the stream as a node tree (None for an empty stream).

    Raises ``yaml.MarkedYAMLError`` for syntax errors and a second document,
    :class:`TooDeep` for nesting beyond ``max_depth``.
    """
    get = loader.get_event
    resolve = loader.resolve
    get()  # StreamStart
    event = get()
    if event is None or type(event) is yaml.StreamEndEvent:
        return None
    doc_start = event  # DocumentStart
    anchors: dict[str, Node] = {}
    # The open collections; for mappings, ``keys`` holds the pending key (or None) at the same depth.
    stack: list[Node] = []
    keys: list[Node | None] = []
    root: Node | None = None
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    seq_start, map_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
    seq_end, map_end = yaml.SequenceEndEvent, yaml.MappingEndEvent
    doc_end = yaml.DocumentEndEvent

    while True:
        event = get()
        cls = type(event)
        if cls is scalar_event:
            tag = event.tag
            value = event.value
            if tag is None or tag == "!":
                tag = resolve(ScalarNode, value, event.implicit)
            node: Node = ScalarNode(str(tag), value, event.start_mark, event.end_mark, event.style)
            if event.anchor is not None:
                anchors[event.anchor] = node
        elif cls is seq_start or cls is map_start:
            if len(stack) >= max_depth:
                raise TooDeep(event.start_mark)
            tag = event.tag
            kind = SequenceNode if cls is seq_start else MappingNode
            if tag is None or tag == "!":
                tag = resolve(kind, None, event.implicit)
            node = kind(str(tag), [], event.start_mark, None, event.flow_style)
            if event.anchor is not None:
                anchors[event.anchor] = node
        elif cls is seq_end or cls is map_end:
            stack.pop().end_mark = event.end_mark
            keys.pop()
            continue
        elif cls is alias_event:
            target = anchors.get(event.anchor)
            if target is None:
                raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
            node = target
        elif cls is doc_end or event is None:
            break
        else:
            continue
        # Attach the node to the open collection (or make it the root).
        if stack:
            parent = stack[-1]
            if type(parent) is SequenceNode:
                parent.value.append(node)
            else:
                key = keys[-1]
                if key is None:
                    keys[-1] = node
                else:
                    parent.value.append((key, node))
                    keys[-1] = None
        else:
            root = node
        if cls is seq_start or cls is map_start:
            stack.append(node)
            keys.append(None)
    event = get()
    if event is not None and type(event) is not yaml.StreamEndEvent:
        raise ComposerError("expected a single document in the stream", doc_start.start_mark,
                            "but found another document", event.start_mark)
    return root


def syntax_problem(exc: "yaml.MarkedYAMLError", line_offset: int = 1) -> "Problem":
    """A libyaml syntax error as a parse problem (``line_offset``: 2 inside Markdown front matter).

    libyaml 0.2.5+ (PyYAML 6.0.4 wheels) stops at its own nesting limit before our
    composer's: that is the same ``too-deep`` problem, not a syntax error.
    """
    from okrlint.model import Problem, Span

    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + line_offset, mark.column + 1) if mark else (1, 1)
    reason = exc.problem or exc.context or "invalid YAML"
    if "nesting depth" in reason:
        return Problem("too-deep", {}, Span.at(line, col, 1), "", "error")
    return Problem("yaml-syntax", {"reason": reason}, Span.at(line, col, 1), "", "error")
