"""How rate tables, thresholds and attainment caps explain each deal, worked out by hand:
retroactive re-pricing to date, deals below and across a threshold (paid whole or on the
excess), a deal exactly at the attainment cap, and credit to date below zero. An annual quota
of 1,200,000 is 100,000 a month."""

from __future__ import annotations

from typing import Any

from tests.engine.conftest import flat, make_plan, run, tiered, tx

from icmkit.model.plans import Plan

Q = [{"id": "q", "measure": "arr", "amount": 1200000}]


def _explained(plan: Plan, period: str, *transactions: dict[str, Any], **extra: Any) -> list[str]:
    return run(plan, period, *transactions, **extra).explanation()


def test_retroactive_tiers_to_date_re_price_what_was_counted_before() -> None:
    expected = [
        (
            "commission (tiered) = 4,000.00: credit to date before this period "
            "40,000; T1 2027-03-10 credit 20,000: 60,000 all at 12% (tier [50,000, "
            "…)), less 40,000 all at 8% (tier [0, 50,000)) already counted = "
            "4,000.00"
        ),
        "earnings = 4,000.00",
        "payout = 4,000.00",
    ]
    assert (
        _explained(
            make_plan(tiered("retroactive", "to_date")),
            "2027-03",
            tx("T1", "2027-03-10", 20000),
            history={"credit_to_date": {"arr": 40000}},
        )
        == expected
    )


def test_deals_below_a_threshold_and_the_deal_that_reaches_it() -> None:
    expected = [
        (
            "commission (flat) = 7,000.00: T1 2027-03-10 credit 30,000: 30,000 is "
            "below the threshold 50,000: nothing paid = 0.00; T2 2027-03-11 credit "
            "30,000: 60,000 at 10%; threshold 50,000 reached this period = "
            "6,000.00; T3 2027-03-12 credit 10,000: 10,000 at 10% = 1,000.00"
        ),
        "earnings = 7,000.00",
        "payout = 7,000.00",
    ]
    assert (
        _explained(
            make_plan(
                flat("10%", scope="period", quota="q", threshold={"attainment": "50%"}), quotas=Q
            ),
            "2027-03",
            tx("T1", "2027-03-10", 30000),
            tx("T2", "2027-03-11", 30000),
            tx("T3", "2027-03-12", 10000),
        )
        == expected
    )


def test_deals_past_a_threshold_paid_only_on_the_excess() -> None:
    expected = [
        (
            "commission (flat) = 2,000.00: T1 2027-03-10 credit 30,000: 30,000 is "
            "below the threshold 50,000: nothing paid = 0.00; T2 2027-03-11 credit "
            "30,000: 10,000 at 10%; paid only above the threshold 50,000 = "
            "1,000.00; T3 2027-03-12 credit 10,000: 10,000 at 10%; paid only above "
            "the threshold 50,000 = 1,000.00"
        ),
        "earnings = 2,000.00",
        "payout = 2,000.00",
    ]
    assert (
        _explained(
            make_plan(
                flat(
                    "10%",
                    scope="period",
                    quota="q",
                    threshold={"attainment": "50%", "pay": "on_excess"},
                ),
                quotas=Q,
            ),
            "2027-03",
            tx("T1", "2027-03-10", 30000),
            tx("T2", "2027-03-11", 30000),
            tx("T3", "2027-03-12", 10000),
        )
        == expected
    )


def test_a_deal_reaching_the_attainment_cap_exactly() -> None:
    expected = [
        (
            "commission (flat) = 5,000.00: T1 2027-03-10 credit 50,000: 50,000 at "
            "10% = 5,000.00; T2 2027-03-11 credit 10,000: no tier reached; credit "
            "above the attainment cap 50,000 earns nothing = 0.00"
        ),
        "earnings = 5,000.00",
        "payout = 5,000.00",
    ]
    assert (
        _explained(
            make_plan(flat("10%", scope="period", quota="q", cap={"attainment": "0.5"}), quotas=Q),
            "2027-03",
            tx("T1", "2027-03-10", 50000),
            tx("T2", "2027-03-11", 10000),
        )
        == expected
    )


def test_a_deal_from_below_zero_credit_to_date() -> None:
    expected = [
        (
            "commission (tiered) = 240.00: credit to date before this period "
            "-1,000; T1 2027-03-10 credit 3,000: 1,000 at 8% (tier [0, 50,000)) + "
            "2,000 at 8% (tier [0, 50,000)) = 240.00"
        ),
        "earnings = 240.00",
        "payout = 240.00",
    ]
    assert (
        _explained(
            make_plan(tiered("marginal", "to_date")),
            "2027-03",
            tx("T1", "2027-03-10", 3000),
            history={"credit_to_date": {"arr": -1000}},
        )
        == expected
    )


def test_deals_reaching_a_threshold_exactly_and_starting_at_it() -> None:
    # T1 brings the credit from 0 to exactly the threshold of 50,000, which is reached: all
    # 50,000 at 10% = 5,000 (nothing earlier to pay again); T2 starts at the threshold: 1,000
    expected = [
        "commission (flat) = 6,000.00: T1 2027-03-10 credit 50,000: 50,000 at 10% = 5,000.00; "
        "T2 2027-03-11 credit 10,000: 10,000 at 10% = 1,000.00",
        "earnings = 6,000.00",
        "payout = 6,000.00",
    ]
    assert (
        _explained(
            make_plan(
                flat("10%", scope="period", quota="q", threshold={"attainment": "50%"}), quotas=Q
            ),
            "2027-03",
            tx("T1", "2027-03-10", 50000),
            tx("T2", "2027-03-11", 10000),
        )
        == expected
    )
