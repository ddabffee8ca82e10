"""Component rules at their edges, worked out by hand: a score, an event count or earnings
exactly at their limit, events of zero, windows that miss the period, small amounts withheld
earlier, and a transaction-scope threshold measured on the period."""

from __future__ import annotations

from typing import Any

from tests.engine.conftest import flat, make_plan, run, tiered, tx

from icmkit.model.plans import Plan


def _explained(plan: Plan, period: str, *transactions: dict[str, Any], **extra: Any) -> list[str]:
    return run(plan, period, *transactions, **extra).explanation()


def test_mbo_score_exactly_the_maximum_is_not_capped() -> None:
    expected = [
        "objectives (mbo) = 10,000.00: score 1 = a 100% × 1; target 10,000 × 1",
        "earnings = 10,000.00",
        "payout = 10,000.00",
    ]
    assert (
        _explained(
            make_plan(
                {
                    "id": "objectives",
                    "name": "Objectives",
                    "kind": "mbo",
                    "target": 10000,
                    "objectives": [{"id": "a", "name": "A", "weight": "1"}],
                }
            ),
            "2027-Q1",
            scores={"a": "1"},
        )
        == expected
    )


def test_mbo_below_the_minimum_score() -> None:
    expected = [
        (
            "objectives (mbo) = 0.00: score 0.4 = a 100% × 0.4; below the minimum "
            "score 0.5: nothing paid"
        ),
        "earnings = 0.00",
        "payout = 0.00",
    ]
    assert (
        _explained(
            make_plan(
                {
                    "id": "objectives",
                    "name": "Objectives",
                    "kind": "mbo",
                    "target": 10000,
                    "min_score": "0.5",
                    "objectives": [{"id": "a", "name": "A", "weight": "1"}],
                }
            ),
            "2027-Q1",
            scores={"a": "0.4"},
        )
        == expected
    )


def test_spiff_events_of_zero_do_not_qualify_and_exactly_the_maximum_is_paid() -> None:
    expected = [
        (
            "spiff (spiff) = 1,000.00: qualifying deals from 2027-03-01 to 2027-03-31: T1, T3; "
            "2 × 500"
        ),
        "earnings = 1,000.00",
        "payout = 1,000.00",
    ]
    assert (
        _explained(
            make_plan(
                {
                    "id": "spiff",
                    "name": "S",
                    "kind": "spiff",
                    "measure": "arr",
                    "amount": 500,
                    "window": {"from": "2027-03-01", "to": "2027-04-01"},
                    "max_events": 2,
                }
            ),
            "2027-03",
            tx("T1", "2027-03-04", 100),
            tx("T2", "2027-03-05", 0),
            tx("T3", "2027-03-06", 100),
        )
        == expected
    )


def test_spiff_without_events() -> None:
    expected = [
        "spiff (spiff) = 0.00: no qualifying deal from 2027-02-01 to 2027-02-28; 0 × 500",
        "earnings = 0.00",
        "payout = 0.00",
    ]
    assert (
        _explained(
            make_plan(
                {
                    "id": "spiff",
                    "name": "S",
                    "kind": "spiff",
                    "measure": "arr",
                    "amount": 500,
                    "window": {"from": "2027-02-01", "to": "2027-03-01"},
                }
            ),
            "2027-03",
            tx("T1", "2027-03-04", 100),
        )
        == expected
    )


def test_earnings_exactly_at_the_period_cap() -> None:
    expected = [
        (
            "commission (flat) = 300.00: T1 2027-03-10 credit 1,000: 1,000 at 10% "
            "= 100.00; T2 2027-03-11 credit 2,000: 2,000 at 10% = 200.00"
        ),
        "earnings = 300.00",
        "payout = 300.00",
    ]
    assert (
        _explained(
            make_plan(flat("10%", cap={"amount": 300})),
            "2027-03",
            tx("T1", "2027-03-10", 1000),
            tx("T2", "2027-03-11", 2000),
        )
        == expected
    )


def test_refundable_cap_releases_a_small_amount_withheld_earlier() -> None:
    expected = [
        (
            "commission (flat) = 100.50: T1 2027-03-10 credit 1,000: 1,000 at 10% "
            "= 100.00; cap 250 per period: 0.50 withheld earlier released"
        ),
        "earnings = 100.50",
        "payout = 100.50",
    ]
    assert (
        _explained(
            make_plan(flat("10%", cap={"amount": 250, "kind": "refundable"})),
            "2027-03",
            tx("T1", "2027-03-10", 1000),
            history={"cap_withheld": "0.50"},
        )
        == expected
    )


def test_refundable_cap_at_its_limit_releases_nothing() -> None:
    expected = [
        ("commission (flat) = 100.00: T1 2027-03-10 credit 1,000: 1,000 at 10% = 100.00"),
        "earnings = 100.00",
        "payout = 100.00",
    ]
    assert (
        _explained(
            make_plan(flat("10%", cap={"amount": 100, "kind": "refundable"})),
            "2027-03",
            tx("T1", "2027-03-10", 1000),
            history={"cap_withheld": "500"},
        )
        == expected
    )


def test_threshold_of_a_transaction_scope_is_measured_on_the_period() -> None:
    expected = [
        (
            "commission (flat) = 6,000.00: credit to date before this period 0; T1 "
            "2027-03-10 credit 40,000: 40,000 at 10% = 4,000.00; T2 2027-03-11 "
            "credit 20,000: 20,000 at 10% = 2,000.00"
        ),
        "earnings = 6,000.00",
        "payout = 6,000.00",
    ]
    assert (
        _explained(
            make_plan(
                flat(
                    "10%",
                    scope="to_date",
                    quota="q",
                    threshold={"attainment": "50%", "scope": "transaction"},
                ),
                quotas=[{"id": "q", "measure": "arr", "amount": 1200000}],
            ),
            "2027-03",
            tx("T1", "2027-03-10", 40000),
            tx("T2", "2027-03-11", 20000),
        )
        == expected
    )


def test_period_component_without_credit() -> None:
    expected = [
        "commission (tiered) = 0.00: no credited transactions in the period",
        "earnings = 0.00",
        "payout = 0.00",
    ]
    assert _explained(make_plan(tiered("marginal", "period")), "2027-03") == expected
