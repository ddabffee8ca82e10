"""Decimal rounding with a plan's settings, and numbers as explanations show them."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal

from icmkit.model.plans import Rounding, RoundingMode

ZERO = Decimal(0)
ONE = Decimal(1)

_MODES: dict[RoundingMode, str] = {
    RoundingMode.HALF_UP: ROUND_HALF_UP,
    RoundingMode.HALF_EVEN: ROUND_HALF_EVEN,
    RoundingMode.DOWN: ROUND_DOWN,
    RoundingMode.UP: ROUND_UP,
}


def round_to(value: Decimal, rounding: Rounding) -> Decimal:
    """``value`` at ``rounding.places`` places with ``rounding.mode`` (down/up: toward/away 0)."""
    return value.quantize(Decimal(1).scaleb(-rounding.places), rounding=_MODES[rounding.mode])


def _at(value: Decimal, places: int | None) -> Decimal:
    if places is None:
        return value
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def show(value: Decimal, places: int | None = None) -> str:
    """An amount for an explanation: thousands separators, no exponent, no trailing zeros;
    with ``places``, rounded to that many places for display (the amount itself is kept)."""
    text = f"{_at(value, places).normalize():,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def money(value: Decimal, places: int | None = None) -> str:
    """An amount with two places at least (``1,234.50``); with ``places``, rounded for display
    to exactly that many places."""
    if places is not None:
        return f"{_at(value, places):,.{places}f}"
    shown = max(2, -value.normalize().as_tuple().exponent)  # type: ignore[operator]
    return f"{value:,.{shown}f}"


def percent(rate: Decimal) -> str:
    """A rate as a percentage: ``0.125`` -> ``12.5%``."""
    return show(rate * 100) + "%"
