"""Amounts as explanations and reports show them: separators, places, no exponent, no `-0`."""

from __future__ import annotations

from decimal import Decimal

import pytest

from icmkit.engine.numbers import money, percent, show


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("-0.00", "0"),
        ("-0", "0"),
        ("0E-7", "0"),
        ("1E+3", "1,000"),
        ("-1234.50", "-1,234.5"),
        ("0.125", "0.125"),
    ],
)
def test_show_drops_trailing_zeros_and_never_shows_minus_zero(value: str, shown: str) -> None:
    assert show(Decimal(value)) == shown


def test_show_rounds_half_up_for_display_only() -> None:
    assert show(Decimal("2.345"), 2) == "2.35"
    assert show(Decimal("-0.001"), 2) == "0"


@pytest.mark.parametrize(
    ("value", "shown"),
    [("1234.5", "1,234.50"), ("1.125", "1.125"), ("7", "7.00"), ("0.10000", "0.10")],
)
def test_money_keeps_two_places_at_least_and_every_significant_one(value: str, shown: str) -> None:
    assert money(Decimal(value)) == shown


def test_money_with_places_rounds_to_exactly_that_many() -> None:
    assert money(Decimal("1.125"), 2) == "1.13"
    assert money(Decimal("1234"), 0) == "1,234"


def test_percent() -> None:
    assert percent(Decimal("0.125")) == "12.5%"
    assert percent(Decimal("1")) == "100%"
