"""Build a YAML node tree from libyaml's events with an explicit stack, never by recursion.

PyYAML's composer (C and Python alike) recurses once per nesting level: 100,000
nested ``[`` crash the interpreter with a segmentation fault, which no
``except`` can catch. libyaml's *parser* keeps its own stack, so okrlint reads
the event stream and composes the nodes here, refusing documents nested deeper
than ``max_depth`` (an OKR file needs five or six levels) before libyaml's own
stack grows large. Semantics follow ``yaml.composer.Composer.compose_document``:
anchors are registered when their node starts (so a self-referencing alias makes
a cycle, which the readers bound), tags are resolved by the loader's resolver.
"""
from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_DEPTH = 64


class TooDeep(Exception):
    """Nesting deeper than the limit; ``mark`` is where the limit was crossed."""

    def __init__(self, mark: Any) -> None:
        super().__init__("too deep")
        self.mark = mark


def _resolved(loader: Any, kind: type, value: Any, event: Any) -> str:
    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(kind, value, event.implicit)
    return str(tag)


def compose_single(loader: Any, max_depth: int = MAX_DEPTH) -> Node | None:
    """The one document of the stream as a node tree (None for an empty stream).

    Raises ``yaml.MarkedYAMLError`` for syntax errors and a second document,
    :class:`TooDeep` for nesting beyond ``max_depth``.
    """
    get = loader.get_event
    get()  # StreamStart
    event = get()
    if isinstance(event, yaml.StreamEndEvent) or event is None:
        return None
    doc_start = event  # DocumentStart
    anchors: dict[str, Node] = {}
    # Each entry: the open collection and, for mappings, a pending key (or None).
    stack: list[list[Any]] = []
    root: Node | None = None

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        top = stack[-1]
        parent = top[0]
        if isinstance(parent, SequenceNode):
            parent.value.append(node)
        elif top[1] is None:
            top[1] = node
        else:
            parent.value.append((top[1], node))
            top[1] = None

    while True:
        event = get()
        cls = type(event)
        if cls is yaml.DocumentEndEvent or event is None:
            break
        if cls is yaml.AliasEvent:
            target = anchors.get(event.anchor)
            if target is None:
                raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
            attach(target)
        elif cls is yaml.ScalarEvent:
            node: Node = ScalarNode(_resolved(loader, ScalarNode, event.value, event), event.value,
                                    event.start_mark, event.end_mark, style=event.style)
            if event.anchor is not None:
                anchors[event.anchor] = node
            attach(node)
        elif cls is yaml.SequenceStartEvent or cls is yaml.MappingStartEvent:
            if len(stack) >= max_depth:
                raise TooDeep(event.start_mark)
            if cls is yaml.SequenceStartEvent:
                node = SequenceNode(_resolved(loader, SequenceNode, None, event), [], event.start_mark, None,
                                    flow_style=event.flow_style)
            else:
                node = MappingNode(_resolved(loader, MappingNode, None, event), [], event.start_mark, None,
                                   flow_style=event.flow_style)
            if event.anchor is not None:
                anchors[event.anchor] = node
            attach(node)
            stack.append([node, None])
        elif cls is yaml.SequenceEndEvent or cls is yaml.MappingEndEvent:
            stack.pop()[0].end_mark = event.end_mark
    event = get()
    if not isinstance(event, yaml.StreamEndEvent) and event is not None:
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
