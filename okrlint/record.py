"""Small record classes with the behaviour of ``@dataclass(slots=True)``, without its start-up cost.

Importing ``dataclasses`` pulls in inspect, ast, dis and tokenize (~10 ms here), and each
``@dataclass`` class ``exec``s generated source when it is created (~0.7 ms each). A record
class instead writes its ``__slots__`` and ``__init__`` by hand (compiled into the .pyc) and
inherits equality, ``repr``, hashing and pickling from :class:`Record` or :class:`Frozen`::

    class Span(Frozen):
        __slots__ = ("line", "column")

        def __init__(self, line: int, column: int) -> None:
            set_field(self, "line", line)
            set_field(self, "column", column)

The fields are the ``__slots__`` of the class and of its record bases, bases first (the order
of a dataclass); ``__init__`` must accept them all positionally in that order (pickling
rebuilds a record as ``cls(*values)``).
"""
from __future__ import annotations

import operator
from reprlib import recursive_repr  # already imported by collections: free at start-up
from typing import Any, Callable, ClassVar

__all__ = ["Frozen", "Record", "set_field", "setters"]

# For a Frozen record's __init__: object.__setattr__ skips the refusing __setattr__.
set_field = object.__setattr__


def setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """The ``__set__`` of each of ``cls``'s own slots, in order: for the ``__init__`` of a frozen
    record made in bulk, 1.6x faster than :data:`set_field` (no attribute lookup by name)."""
    return tuple(cls.__dict__[name].__set__ for name in cls.__dict__["__slots__"])


def _getter(fields: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A C-level function from a record to the tuple of its field values."""
    if len(fields) >= 2:
        return operator.attrgetter(*fields)
    if fields:
        one = operator.attrgetter(fields[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


class Record:
    """Base of mutable records: ``==`` compares type and fields; unhashable, like an eq dataclass."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _values: ClassVar[Callable[[Any], tuple[Any, ...]]] = staticmethod(_getter(()))
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__slots__" not in cls.__dict__:  # else instances would silently grow a __dict__
            raise TypeError(f"{cls.__qualname__} must define __slots__")
        fields: list[str] = []
        for klass in reversed(cls.__mro__):
            slots = klass.__dict__.get("__slots__", ())
            fields.extend((slots,) if isinstance(slots, str) else slots)
        cls._fields = tuple(fields)
        if "__match_args__" not in cls.__dict__:  # as dataclasses: a class's own wins
            cls.__match_args__ = cls._fields
        cls._values = staticmethod(_getter(cls._fields))  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) == self._values(other)  # type: ignore[no-any-return]
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    @recursive_repr()
    def __repr__(self) -> str:
        values = self._values(self)
        inner = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, values))
        return f"{self.__class__.__qualname__}({inner})"

    def __reduce__(self) -> tuple[Any, ...]:
        return self.__class__, self._values(self)


class Frozen(Record):
    """Base of immutable records: assigning or deleting a field raises AttributeError; hashable."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        # dataclasses raise FrozenInstanceError, a subclass of AttributeError, with this message
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self._values(self))  # the same hash as a frozen dataclass's
