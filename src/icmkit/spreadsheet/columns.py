"""The requirement columns of the spreadsheet, and how a cell becomes a YAML value again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

SHEET: Final = "Requirements"
FILE_COLUMN: Final = "file"
ID_COLUMN: Final = "id"


@dataclass(frozen=True)
class Column:
    key: str
    kind: str
    """``text``, ``whole`` (a whole number) or ``decimal``."""
    required: bool = False
    """A key every requirement must have: its cell cannot be emptied. Emptying any other
    cell removes the key, so its default applies (``priority: must``, ``status: proposed``)."""


COLUMNS: Final[tuple[Column, ...]] = (
    Column("title", "text", required=True),
    Column("category", "text", required=True),
    Column("kind", "text", required=True),
    Column("priority", "text"),
    Column("phase", "whole", required=True),
    Column("status", "text"),
    Column("owner", "text"),
    Column("hours", "decimal"),
    Column("notes", "text"),
)
"""The editable keys of a functional requirement, in sheet order after ``file`` and ``id``."""

HEADER: Final = (FILE_COLUMN, ID_COLUMN, *(c.key for c in COLUMNS))


class CellError(ValueError):
    """A cell that cannot be the value of its column."""


def _decimal(value: Any) -> Decimal:
    """A number cell, or a text cell read by the one number reader: a separator that could
    be read two ways (``12,5``) or a value that is not finite is refused, not guessed."""
    from icmkit.model.number_text import NumberTextError, parse_number

    if isinstance(value, bool):
        raise CellError("expected a number, not a yes/no value")
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, Decimal | int):
        value = str(value)
    try:
        return parse_number(str(value))
    except NumberTextError as error:
        raise CellError(str(error)) from None


def cell_value(column: Column, value: Any) -> Any:
    """The YAML value a cell stands for; ``None`` for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if column.kind == "text":
        if isinstance(value, dt.datetime | dt.date):
            raise CellError("expected text, not a date")
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    number = _decimal(value)
    if column.kind == "whole":
        if number != number.to_integral_value():
            raise CellError(f"expected a whole number, got {value!r}")
        return int(number)
    return int(number) if number == number.to_integral_value() else number


def same_value(current: Any, new: Any) -> bool:
    """Whether the YAML already holds ``new`` (numbers compared as exact decimals)."""
    if current is None or new is None:
        return current is None and new is None
    numeric = (int, float, Decimal)
    if isinstance(new, numeric) and not isinstance(new, bool):
        if isinstance(current, bool) or not isinstance(current, (*numeric, str)):
            return False
        try:
            return _decimal(current) == _decimal(new)
        except CellError:
            return False
    return str(current).rstrip("\n") == str(new).rstrip("\n")


def sheet_value(value: Any) -> str | None:
    """A YAML value as the text of its cell (every cell is text; ``None``: empty)."""
    if value is None or isinstance(value, bool):
        return None if value is None else str(value).lower()
    if isinstance(value, float):
        return repr(value)
    return str(value)
