"""Caps set as a multiple of the target incentive: which target, for which window, as the
explanation shows it."""

from __future__ import annotations

from decimal import Decimal

from tests.engine.conftest import amount_of, flat, make_plan, run, tx


def test_a_quarterly_target_is_a_third_of_itself_in_a_month() -> None:
    plan = make_plan(
        flat("10%", scope="period", cap={"multiple_of_target": 1}),
        target_incentive={"amount": 15000, "period": "quarterly"},
    )
    result = run(plan, "2027-03", tx("T1", "2027-03-10", 1000000))
    assert amount_of(result, "commission") == Decimal("5000.00")
    assert result.explanation()[0].endswith("cap 5,000 per period: 95,000.00 above it not paid")


def test_the_cap_of_a_to_date_component_is_a_multiple_of_the_target_of_its_year() -> None:
    plan = make_plan(
        flat("10%", scope="to_date", cap={"multiple_of_target": 1}),
        target_incentive={"amount": 120000, "period": "annual"},
    )
    result = run(plan, "2027-03", tx("T1", "2027-03-10", 1500000))
    assert amount_of(result, "commission") == Decimal("120000.00")
    assert result.explanation()[0].endswith("cap 120,000 per period: 30,000.00 above it not paid")
