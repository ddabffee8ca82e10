"""How the columnar stage reads the text of a cell exactly as the pure-Python reader does.

Every cell is read as text. Most cells are plain (``1234.50``, ``2027-03-01``): a regular
expression that both engines evaluate the same way recognises them, and the engine converts
them itself, to DECIMAL (never a binary float) and DATE. Every other distinct text (a thousands
comma, a percentage, an ISO week date, a stray sign, a typo) is read by the reference functions
of ``model.number_text`` and ``csv_tables`` in Python, once per distinct text, and the answers
go back to the engine as a lookup table. So the ambiguous-separator refusal, the bounds and
every other rule hold on this path because they are the same code.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from icmkit.engine.csv_tables import day, number, share
from icmkit.model.number_text import (
    YAML_NUMBERS,
    NumberFormat,
    NumberTextError,
    parse_number,
)

PYTHON_WHITESPACE: Final = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
"""What ``str.strip()`` takes off both ends (every such character is below U+3001)."""

_SPACE_CLASS = (
    r"\t\n\x0b\f\r\x1c-\x20\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
    r"\x{202f}\x{205f}\x{3000}"
)
NOTHING_TO_STRIP: Final = rf"(?s)^[^{_SPACE_CLASS}](.*[^{_SPACE_CLASS}])?$"
"""A text that neither starts nor ends with Python's whitespace (most cells): taken as it is,
which is much faster than trimming a set of characters."""

_DIGITS = r"[0-9]{1,15}"
_PLACES = r"[0-9]{1,12}"


def plain_number(fmt: NumberFormat) -> str:
    """The numbers ``fmt`` reads that the engines convert themselves: an optional minus, at
    most 15 digits and at most 12 decimal places after the format's decimal separator, no
    grouping. Anything else is read by Python."""
    point = r"\." if fmt.decimal == "." else ","
    return rf"^-?{_DIGITS}({point}{_PLACES})?$"


DOT_GROUP_LOOKALIKE: Final = r"^-?[1-9][0-9]{0,2}\.[0-9]{3}$"
"""``1.500`` in a file that did not declare its format: refused (it may be a thousands dot),
so never converted by the engines."""


@dataclass(frozen=True)
class Reading:
    """What the reference reader makes of one distinct text."""

    value: str | None
    """The value as plain text the engines convert exactly (``None``: refused)."""
    scale: int = 0
    """Decimal places of the exact value as Python holds it (its exponent, negated)."""


def _plain(value: Decimal) -> Reading:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Reading(format(value, "f"), -exponent)


def read_number(text: str, fmt: NumberFormat) -> Reading:
    """An amount cell (already stripped)."""
    try:
        return _plain(number(text, "amount", fmt))
    except ValueError:
        return Reading(None)


def read_share(text: str, fmt: NumberFormat) -> Reading:
    """A split cell: ``0.4`` or ``40%``, 0 or more."""
    try:
        return _plain(share(text, "split", fmt))
    except ValueError:
        return Reading(None)


def read_attribute_number(text: str, fmt: NumberFormat = YAML_NUMBERS) -> Reading:
    """A cell a condition compares with a number (read like YAML: ``_same``, ``_as_number``),
    or an attribute of a file with a declared format (then numeric cells are numbers)."""
    try:
        return _plain(parse_number(text, fmt))
    except NumberTextError:
        return Reading(None)


def read_day(text: str) -> Reading:
    try:
        return Reading(day(text, "date").isoformat())
    except ValueError:
        return Reading(None)


def read_term(text: str) -> Reading:
    """``term_months``: a whole number of 1 or more (as ``calc_inputs`` reads it)."""
    try:
        if not text.isdigit() or int(text) < 1:
            return Reading(None)
    except ValueError:
        return Reading(None)
    return Reading(str(int(text)))
