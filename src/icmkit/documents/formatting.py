"""How numbers, rates, dates and ranges read in documents: plain words, exact decimals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def number(value: Decimal | int | None) -> str:
    """``60000`` -> ``60,000``; ``5200.00`` keeps its two places; no exponent notation."""
    if value is None:
        return ""
    d = Decimal(value)
    exponent = d.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return f"{int(d):,}"
    return f"{d:,f}"


def money(value: Decimal | int | None, currency: str) -> str:
    if value is None:
        return ""
    return f"{currency} {number(value)}"


def percent(value: Decimal | None) -> str:
    """A fraction as a percentage: ``0.08`` -> ``8%``, ``0.125`` -> ``12.5%``."""
    if value is None:
        return ""
    scaled = (Decimal(value) * 100).normalize()
    return f"{scaled:f}%"


def hours(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}"


def day(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


def words(value: str) -> str:
    """An enum value as words: ``semi_annual`` -> ``semi annual``."""
    return value.replace("_", " ")


def series(items: list[str]) -> str:
    """Items as an English list: ``a``, ``a and b``, ``a, b and c``."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def span(low: str, high: str | None, *, first: bool = False) -> str:
    """A half-open range ``[low, high)`` in words (``first``: it starts a sentence or cell)."""
    if high is None:
        return f"{low} and above"
    return f"{'From' if first else 'from'} {low} up to, not including, {high}"
