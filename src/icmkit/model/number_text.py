"""The one reader of numbers written as text: in YAML files, in CSV cells and on the command line.

A number whose separators could mean two things is refused, never guessed: ``12,5`` may be
twelve and a half or (badly grouped) one hundred and twenty-five; ``1,234`` may be one thousand
two hundred and thirty-four or one and a bit; ``1.234,56`` uses a decimal comma. A source whose
numbers use a decimal comma or grouping dots declares it (:class:`NumberFormat`), and then every
number in it is read that way.

Amounts are bounded (:data:`LIMIT`): a number that large is a typo or hostile input, and exact
money arithmetic on it would overflow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

LIMIT: Final = Decimal("1E15")
"""Numbers must be smaller than this in magnitude (a thousand trillion)."""

MAX_PLACES: Final = 12
"""At most this many decimal places."""

SEPARATORS: Final = {
    "comma": ",",
    "dot": ".",
    "space": " ",
    "apostrophe": "'",
    "none": "",
}
"""The names a number format gives its separators, and the characters they stand for."""

_SIMPLE = re.compile(r"-?\d{1,15}(\.\d{1,12})?")
"""Plain numbers (most cells of a data file): read without any further check."""
_PLAIN = re.compile(r"^[+-]?(\d[\d_]*)?(\.\d[\d_]*)?([eE][+-]?\d+)?$")
_COMMA_GROUPS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DOT_GROUPS = re.compile(r"^[+-]?\d{1,3}(\.\d{3}){2,}$")
_DOT_GROUP_LOOKALIKE = re.compile(r"^[+-]?[1-9]\d{0,2}\.\d{3}$")


class NumberTextError(ValueError):
    """Text that is not a number, or not one that can be read without guessing."""


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """How a source writes its numbers.

    ``decimal`` and ``thousands`` are separator characters (``thousands`` may be empty: no
    grouping). ``declared`` is False for the default reading, which accepts only numbers whose
    meaning is certain.
    """

    decimal: str = "."
    thousands: str = ","
    declared: bool = False
    refuse_dot_groups: bool = False
    """Undeclared data files only: refuse ``1.500``, which may be a thousands dot."""

    def describe(self) -> str:
        names = {char: name for name, char in SEPARATORS.items()}
        return (
            f"decimal {names.get(self.decimal, repr(self.decimal))}, "
            f"thousands {names.get(self.thousands, repr(self.thousands))}"
        )


YAML_NUMBERS: Final = NumberFormat()
"""Numbers in program files: a decimal point, and commas only where they are plainly thousands."""

UNDECLARED_TEXT: Final = NumberFormat(refuse_dot_groups=True)
"""Numbers in a data file that did not declare its format (read as strictly as YAML, and a
dot before exactly three digits, such as ``1.500``, is refused as a possible thousands dot)."""


def number_format(decimal: str, thousands: str) -> NumberFormat:
    """A declared format from separator names (``comma``, ``dot``, ``space``, ...) or characters."""
    dec = SEPARATORS.get(decimal, decimal)
    sep = SEPARATORS.get(thousands, thousands)
    if dec not in (".", ","):
        raise NumberTextError(f"decimal separator `{decimal}` must be `dot` or `comma`")
    if sep not in ("", ",", ".", " ", "'", "\u00a0", "\u202f"):
        raise NumberTextError(
            f"thousands separator `{thousands}` must be one of: comma, dot, space, apostrophe, none"
        )
    if sep == dec:
        raise NumberTextError("the decimal and thousands separators must differ")
    return NumberFormat(dec, sep, True)


def _checked(value: Decimal, text: str) -> Decimal:
    if not value.is_finite():
        raise NumberTextError(f"`{text}` is not a finite number")
    if abs(value) >= LIMIT:
        raise NumberTextError(f"`{text}` is too large: numbers must be below {LIMIT:,.0f}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        raise NumberTextError(f"`{text}` has more than {MAX_PLACES} decimal places")
    return value if value != 0 else abs(value)


def checked_number(value: Decimal | int) -> Decimal:
    """A number that is already numeric (from YAML), held to the same bounds as text."""
    return _checked(Decimal(value), str(value))


def _declared(text: str, fmt: NumberFormat) -> Decimal:
    body = text
    sign = ""
    if body[:1] in "+-":
        sign, body = body[:1], body[1:]
    whole, _, fraction = body.partition(fmt.decimal)
    if fmt.decimal in fraction:
        raise NumberTextError(f"`{text}` has the decimal separator twice ({fmt.describe()})")
    if fmt.thousands and fmt.thousands in whole:
        groups = whole.split(fmt.thousands)
        leading = groups[0]
        if not (1 <= len(leading) <= 3 and all(len(g) == 3 for g in groups[1:])) or (
            leading.startswith("0")
        ):
            raise NumberTextError(
                f"`{text}` is not grouped in thousands as its format says ({fmt.describe()})"
            )
        whole = "".join(groups)
    plain = whole + ("." + fraction if fraction or fmt.decimal in body else "")
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", plain):
        raise NumberTextError(f"`{text}` is not a number in the format {fmt.describe()}")
    return _checked(Decimal(sign + plain), text)


def _ambiguity(text: str, fmt: NumberFormat) -> str:
    """Why the undeclared reading refuses ``text`` (empty when it does not)."""
    has_comma, has_dot = "," in text, "." in text
    declare = "or declare the source's number format (decimal comma, thousands dot, ...)"
    if has_comma and has_dot:
        if text.rfind(",") > text.rfind("."):
            return f"`{text}` uses a decimal comma: write it with a decimal point, {declare}"
        if not _COMMA_GROUPS.match(text):
            return f"`{text}` mixes commas and dots in a way that is not thousands grouping"
        return ""
    if has_comma:
        if text.count(",") == 1 and _COMMA_GROUPS.match(text):
            digits = text.replace(",", "")
            decimal = text.replace(",", ".")
            return (
                f"`{text}` could be {digits} (thousands comma) or {decimal} (decimal comma): "
                f"write it without the comma, {declare}"
            )
        if _COMMA_GROUPS.match(text):
            return ""
        return (
            f"`{text}` has a comma that is not thousands grouping (a decimal comma?): write it "
            f"with a decimal point, {declare}"
        )
    if has_dot and _DOT_GROUPS.match(text):
        return f"`{text}` has thousands dots: write it without them, {declare}"
    if fmt.refuse_dot_groups and _DOT_GROUP_LOOKALIKE.match(text):
        return (
            f"`{text}` could be {text} or {text.replace('.', '')} (thousands dot): declare the "
            "source's number format, or write the number with fewer or more decimal places"
        )
    return ""


def parse_number(text: str, fmt: NumberFormat = YAML_NUMBERS) -> Decimal:
    """``text`` as an exact decimal, read by ``fmt``; NumberTextError says why it cannot be."""
    stripped = text.strip()
    if not stripped:
        raise NumberTextError("expected a number, got nothing")
    if fmt.declared:
        return _declared(stripped, fmt)
    if _SIMPLE.fullmatch(stripped) and not (
        fmt.refuse_dot_groups and _DOT_GROUP_LOOKALIKE.match(stripped)
    ):
        value = Decimal(stripped)
        return value if value else abs(value)
    problem = _ambiguity(stripped, fmt)
    if problem:
        raise NumberTextError(problem)
    plain = stripped.replace(",", "")
    if not _PLAIN.match(plain) or plain in {"+", "-", ".", ""} or plain.startswith(("_", "+_")):
        raise NumberTextError(f"expected a number, got {text!r}")
    try:
        value = Decimal(plain.replace("_", ""))
    except InvalidOperation:
        raise NumberTextError(f"expected a number, got {text!r}") from None
    return _checked(value, stripped)


def parse_share(text: str, fmt: NumberFormat = YAML_NUMBERS) -> Decimal:
    """A rate or share: a fraction (``0.08``) or a percentage (``8%``)."""
    stripped = text.strip()
    if stripped.endswith("%"):
        return parse_number(stripped[:-1], fmt) / Decimal(100)
    return parse_number(stripped, fmt)
