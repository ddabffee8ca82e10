"""A parsed file as a parse cache entry: plain JSON data, never code.

An entry is read back with ``json.loads`` and nothing else, so a cache folder someone else
could write to (a CI cache restored from another branch, a shared home folder) can at worst
hold a wrong entry, never run code. An entry that is not exactly the shape a read gives
(positions that do not match the data, a problem that is not code, text and place) is ignored
and the file is parsed again.

The JSON holds ``[FORMAT, data, positions, problems]``:

* ``data``: the values as read; JSON has no decimal, date or timestamp, so those are objects
  with one key, ``{"\\u0000n": "1.50"}`` (decimal), ``{"\\u0000d": "2027-01-31"}`` (date) and
  ``{"\\u0000t": "2027-01-31T09:00:00+00:00"}`` (timestamp). The only non-finite values a read
  keeps are floats, which JSON writes as ``Infinity`` and ``NaN``. A file whose own data has a
  mapping with one key starting with NUL (possible only through a ``"\\0"`` escape) could be
  mistaken for such an object, so it is not cached at all;
* ``positions``: the position nodes (``icmkit.model.positions``) as arrays;
* ``problems``: ``[code, message, line, col]`` each.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

from icmkit.loading.yaml_values import ReadProblem, ReadResult
from icmkit.model.positions import PosNode

FORMAT: Final = 1
"""Bumped whenever the layout of an entry changes."""

_DECIMAL: Final = "\x00n"
_DATE: Final = "\x00d"
_TIMESTAMP: Final = "\x00t"
_TAGGED: Final = '{"\\u0000'
"""How every one-key object whose key starts with NUL begins in the JSON text."""

_DECODERS: Final[dict[str, Callable[[str], Any]]] = {
    _DECIMAL: Decimal,
    _DATE: dt.date.fromisoformat,
    _TIMESTAMP: dt.datetime.fromisoformat,
}


class BadEntry(ValueError):
    """A cache entry that is not the shape a read gives."""


def encode(result: ReadResult) -> bytes | None:
    """The entry of ``result``, or ``None`` when it cannot be cached exactly."""
    tagged = 0

    def tag(value: object) -> dict[str, str]:
        nonlocal tagged
        tagged += 1
        kind = type(value)
        if kind is Decimal:
            return {_DECIMAL: str(value)}
        if kind is dt.datetime:
            return {_TIMESTAMP: value.isoformat()}  # type: ignore[attr-defined]
        if kind is dt.date:
            return {_DATE: value.isoformat()}  # type: ignore[attr-defined]
        raise TypeError(f"{kind.__name__} is not cached")

    problems = [[p.code, p.message, p.line, p.col] for p in result.problems]
    try:
        text = json.dumps(
            [FORMAT, result.data, result.positions, problems],
            default=tag,
            separators=(",", ":"),
            check_circular=False,
        )
    except (TypeError, ValueError, RecursionError):
        return None
    if text.count(_TAGGED) != tagged:  # the data itself has a key starting with NUL
        return None
    return text.encode("ascii")


def _tagged(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        for key, value in obj.items():
            decoder = _DECODERS.get(key)
            if decoder is not None:
                if type(value) is not str:
                    raise BadEntry("a tagged value that is not text")
                return decoder(value)
    return obj


def decode(raw: bytes) -> ReadResult:
    """The read result an entry holds; ``BadEntry`` if it is not one :func:`encode` writes."""
    try:
        entry = json.loads(raw, object_hook=_tagged)
    except (ValueError, RecursionError) as exc:  # bad JSON, bad dates or decimals
        raise BadEntry(str(exc)) from None
    if type(entry) is not list or len(entry) != 4 or entry[0] != FORMAT:
        raise BadEntry("not an entry of this format")
    _, data, positions, raw_problems = entry
    problems = _problems(raw_problems)
    if positions is None:
        if data is not None:
            raise BadEntry("data without positions")
        return ReadResult(problems=problems)
    try:
        nodes = _positions(data, positions)
    except RecursionError:
        raise BadEntry("nested too deep") from None
    return ReadResult(data, nodes, problems)


def _problems(raw: Any) -> list[ReadProblem]:
    if type(raw) is not list:
        raise BadEntry("problems are not a list")
    found: list[ReadProblem] = []
    for item in raw:
        if (
            type(item) is not list
            or len(item) != 4
            or type(item[0]) is not str
            or type(item[1]) is not str
            or type(item[2]) is not int
            or type(item[3]) is not int
        ):
            raise BadEntry("a problem that is not [code, message, line, col]")
        found.append(ReadProblem(item[0], item[1], item[2], item[3]))
    return found


def _positions(data: Any, node: Any) -> PosNode:
    """The position node ``node`` (JSON arrays) as tuples, checked against ``data``: a
    mapping's node has a child for each of its keys, a list's node one for each item, a
    scalar's none. (Kept in one flat function: it runs for every value of every file.)"""
    if type(node) is not list or len(node) != 6:
        raise BadEntry("a position that is not six values")
    line, col, key_line, key_col, children, text = node
    if not (
        type(line) is int and type(col) is int and type(key_line) is int and type(key_col) is int
    ) or (text is not None and type(text) is not str):
        raise BadEntry("a position whose place is not numbers")
    kind = type(children)
    if children is None:
        if type(data) is dict or type(data) is list:
            raise BadEntry("a mapping or list without positions")
        return (line, col, key_line, key_col, None, text)
    if kind is dict:
        if type(data) is not dict or not data.keys() <= children.keys():
            raise BadEntry("a mapping without the position of each key")
        get = data.get
        nodes = {key: _positions(get(key), child) for key, child in children.items()}
        return (line, col, key_line, key_col, nodes, text)
    if kind is list:
        if type(data) is not list or len(children) != len(data):
            raise BadEntry("a list without the position of each item")
        items = [_positions(item, child) for item, child in zip(data, children, strict=False)]
        return (line, col, key_line, key_col, items, text)
    raise BadEntry("children that are neither a mapping nor a list")
