"""Texts the engines do not convert themselves, read once each by the reference functions.

A *kind* is one way of reading a cell (an amount in the file's number format, a share, a day,
a contract term, a number as conditions read it). For each kind the engine recognises the
plain texts (``text_rules``) and converts them; the distinct other texts are collected, read
in Python, and joined back as a small table ``(text, value, scale)`` where ``value`` is NULL
for a text the reference refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from icmkit.engine.columnar.text_rules import (
    DOT_GROUP_LOOKALIKE,
    Reading,
    plain_number,
    read_attribute_number,
    read_day,
    read_number,
    read_share,
    read_term,
)
from icmkit.model.number_text import YAML_NUMBERS, NumberFormat

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from icmkit.engine.columnar.backend import Backend

PLAIN_TERM = r"^0*[1-9][0-9]{0,8}$"


@dataclass(frozen=True)
class Kind:
    """One way of reading cells: what the engine converts itself, and the reference."""

    name: str
    plain: str
    """A regular expression (the same in RE2 and Java) of the texts the engine converts."""
    reference: Callable[[str], Reading]
    refused: str | None = None
    """Texts that match ``plain`` but that the reference refuses (never converted)."""
    decimal_comma: bool = False

    def is_plain(self, text: ir.StringValue) -> ir.BooleanValue:
        found = text.re_search(self.plain)
        if self.refused is not None:
            found = found & ~text.re_search(self.refused)
        return found

    def plain_value(self, text: ir.StringValue) -> ir.StringValue:
        """A plain text as the engine casts it (a decimal comma becomes a point)."""
        return text.replace(",", ".") if self.decimal_comma else text


def amount_kind(fmt: NumberFormat) -> Kind:
    return Kind(
        "amount",
        plain_number(fmt),
        lambda text: read_number(text, fmt),
        DOT_GROUP_LOOKALIKE if fmt.refuse_dot_groups else None,
        fmt.decimal == ",",
    )


def share_kind(fmt: NumberFormat) -> Kind:
    return Kind(
        "share",
        plain_number(fmt),
        lambda text: read_share(text, fmt),
        DOT_GROUP_LOOKALIKE if fmt.refuse_dot_groups else None,
        fmt.decimal == ",",
    )


def attribute_kind(fmt: NumberFormat) -> Kind:
    """An attribute of a file with a declared number format: numeric cells are numbers."""
    return Kind(
        "attribute",
        plain_number(fmt),
        lambda text: read_attribute_number(text, fmt),
        None,
        fmt.decimal == ",",
    )


YAML_KIND = Kind("yaml", plain_number(YAML_NUMBERS), read_attribute_number)
"""A text compared with a number in a condition (read as numbers in YAML are)."""
DAY_KIND = Kind("day", r"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$", read_day)
TERM_KIND = Kind("term", PLAIN_TERM, read_term)


@dataclass
class Lookups:
    """The readings of every unusual text, by kind."""

    backend: Backend | None = None
    readings: dict[str, dict[str, Reading]] = field(default_factory=dict)
    tables: dict[str, ir.Table] = field(default_factory=dict)

    def add(self, kind: Kind, texts: list[str]) -> None:
        found = self.readings.setdefault(kind.name, {})
        for text in texts:
            if text not in found:
                found[text] = kind.reference(text)

    def table(self, kind: Kind) -> ir.Table | None:
        """The kind's table ``(text, value, scale)``, None when it has no text."""
        found = self.readings.get(kind.name)
        if not found:
            return None
        if kind.name in self.tables:
            return self.tables[kind.name]
        assert self.backend is not None
        table = self.backend.small_table(
            {
                "text": list(found),
                "value": [r.value for r in found.values()],
                "scale": [r.scale for r in found.values()],
            },
            {"text": "string", "value": "string", "scale": "int64"},
        )
        self.tables[kind.name] = table
        return table

    def max_scale(self, kind: Kind) -> int:
        return max(
            (r.scale for r in self.readings.get(kind.name, {}).values() if r.value), default=0
        )

    def max_digits(self, kind: Kind) -> int:
        """The most digits before the point of a value of ``kind``."""
        found = [
            len(r.value.lstrip("-").split(".")[0])
            for r in self.readings.get(kind.name, {}).values()
            if r.value
        ]
        return max(found, default=1)
