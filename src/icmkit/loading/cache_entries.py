"""A parsed file as a parse cache entry: plain JSON data, never code.

An entry is read back with ``json.loads`` and nothing else, so a cache folder someone else
could write to (a CI cache restored from another branch, a shared home folder) can at worst
hold a wrong entry, never run code. An entry that is not exactly the shape a read gives is
ignored and the file is parsed again.

The JSON holds ``[FORMAT, data, places, texts, problems]``:

* ``data``: the values as read; JSON has no decimal, date or timestamp, so those are objects
  with one key, ``{"\\u0000n": "1.50"}`` (decimal), ``{"\\u0000d": "2027-01-31"}`` (date) and
  ``{"\\u0000t": "2027-01-31T09:00:00+00:00"}`` (timestamp). The only non-finite values a read
  keeps are floats, which JSON writes as ``Infinity`` and ``NaN``. A file whose own data has a
  mapping with one key starting with NUL (possible only through a ``"\\0"`` escape) could be
  mistaken for such an object, so it is not cached at all;
* ``places``: five whole numbers for each value, in the order a walk of ``data`` meets them
  (a mapping, then each of its values; a list, then each item): line, column, key line, key
  column, and 0 or the place in ``texts`` (from 1) of the value's original text. The position
  nodes (``icmkit.model.positions``) are built again from them while walking the data, so
  their shape always follows the data's; a read whose positions do not is not cached;
* ``texts``: the original texts of plain scalars YAML read as something other than text;
* ``problems``: ``[code, message, line, col]`` each.
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

from icmkit.loading.yaml_values import ReadProblem, ReadResult
from icmkit.model.positions import PosNode

FORMAT: Final = 2
_PLACE: Final = 5
"""Whole numbers in ``places`` for each value."""
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
    places: list[int] | None = None
    texts: list[str] = []
    try:
        if result.positions is not None:
            places = []
            _flatten(result.data, result.positions, places, texts)
        text = json.dumps(
            [FORMAT, result.data, places, texts, problems],
            default=tag,
            separators=(",", ":"),
            check_circular=False,
        )
    except (TypeError, ValueError, KeyError, RecursionError):
        return None
    if text.count(_TAGGED) != tagged:  # the data itself has a key starting with NUL
        return None
    return text.encode("ascii")


def _flatten(data: Any, node: PosNode, places: list[int], texts: list[str]) -> None:
    """Add the places of ``data``'s value and of all below it (``ValueError`` when the
    position nodes do not follow the data's keys or items)."""
    line, col, key_line, key_col, children, text = node
    if text is not None:
        texts.append(text)
    places += (line, col, key_line, key_col, len(texts) if text is not None else 0)
    kind = type(data)
    if kind is dict:
        if type(children) is not dict or list(children) != list(data):
            raise ValueError("positions that do not follow the keys")
        for key, value in data.items():
            _flatten(value, children[key], places, texts)
    elif kind is list:
        if type(children) is not list or len(children) != len(data):
            raise ValueError("positions that do not follow the items")
        for value, child in zip(data, children, strict=True):
            _flatten(value, child, places, texts)
    elif children is not None:
        raise ValueError("a scalar with children")


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
    if type(entry) is not list or len(entry) != 5 or entry[0] != FORMAT:
        raise BadEntry("not an entry of this format")
    _, data, places, texts, raw_problems = entry
    problems = _problems(raw_problems)
    if places is None:
        if data is not None:
            raise BadEntry("data without positions")
        return ReadResult(problems=problems)
    return ReadResult(data, _positions(data, places, texts), problems)


def _positions(data: Any, places: Any, texts: Any) -> PosNode:
    """The position nodes of ``data`` built from ``places`` and ``texts`` (checked)."""
    try:
        numbers = array("q", places)  # whole numbers only, checked at C speed
    except (TypeError, OverflowError):
        raise BadEntry("places that are not whole numbers") from None
    if type(texts) is not list or not all(type(t) is str for t in texts):
        raise BadEntry("texts that are not text")
    refs = numbers[_PLACE - 1 :: _PLACE]
    if len(numbers) % _PLACE or (refs and (min(refs) < 0 or max(refs) > len(texts))):
        raise BadEntry("places that do not come in fives")
    each = iter(numbers)
    fives = zip(each, each, each, each, each, strict=False)
    try:
        root = _node(data, fives.__next__, texts)
    except (StopIteration, RecursionError):
        raise BadEntry("fewer places than values") from None
    if next(fives, None) is not None:
        raise BadEntry("more places than values")
    return root


def _node(
    data: Any,
    place: Any,
    texts: list[str],
    dict: type[dict[Any, Any]] = dict,
    list: type[list[Any]] = list,
    type: Any = type,
) -> PosNode:
    """The position node of ``data`` and of all below it, taking their places in order.

    It runs for every value of every cached file: the builtins it uses are bound as default
    arguments (local names are read faster than global ones); pass only the first three."""
    line, col, key_line, key_col, text = place()
    kind = type(data)
    if kind is dict:
        children: Any = {key: _node(value, place, texts) for key, value in data.items()}
    elif kind is list:
        children = [_node(item, place, texts) for item in data]
    else:
        children = None
    return (line, col, key_line, key_col, children, texts[text - 1] if text else None)


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
