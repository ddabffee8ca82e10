"""Explanations of a tier paying a fixed amount, and of a to-date threshold reached in the
period, with the amounts worked out by hand."""

from __future__ import annotations

from decimal import Decimal

from tests.engine.conftest import amount_of, flat, make_plan, run, tx


def test_a_tier_paying_an_amount_names_the_amount() -> None:
    component = {
        "id": "commission",
        "name": "Commission",
        "kind": "tiered",
        "measure": "arr",
        "method": "marginal",
        "scope": "period",
        "tiers": [
            {"from": 0, "to": 10000, "amount": 1000},
            {"from": 10000, "rate": "5%"},
        ],
    }
    result = run(make_plan(component), "2027-03", tx("T1", "2027-03-10", 12000))
    # the full first tier pays its 1,000; 2,000 above it at 5% = 100
    assert result.explanation()[0] == (
        "commission (tiered) = 1,100.00: T1 2027-03-10 credit 12,000: 10,000 of a tier paying "
        "1,000 (tier [0, 10,000)) + 2,000 at 5% (tier [10,000, …)) = 1,100.00"
    )


def test_a_threshold_reached_from_one_unit_of_credit_before_is_said_reached() -> None:
    plan = make_plan(flat("10%", scope="to_date", threshold={"amount": 1000, "scope": "to_date"}))
    result = run(
        plan,
        "2027-03",
        tx("T1", "2027-03-10", 5000),
        history={"credit_to_date": {"arr": 1}},
    )
    # from the first dollar: the 1 before and the 5,000 now, 5,001 at 10%
    assert amount_of(result, "commission") == Decimal("500.10")
    assert result.explanation()[0] == (
        "commission (flat) = 500.10: credit to date before this period 1; T1 2027-03-10 credit "
        "5,000: 5,001 at 10%; threshold 1,000 reached this period = 500.10"
    )
