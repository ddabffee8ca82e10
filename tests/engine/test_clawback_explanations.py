"""Clawbacks as the calculation explains them: how much commission is taken back, and how it
was priced, for each scope and rate. Amounts worked out by hand in the comments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tests.engine.conftest import flat, make_plan, run, tiered, tx

from icmkit.engine.errors import EngineError
from icmkit.engine.result import PayoutResult


def _rule(**extra: Any) -> dict[str, Any]:
    return {"window_days": 90, "reduces_attainment": False, **extra}


def _claws(result: PayoutResult) -> list[tuple[str, Decimal, str]]:
    return [(a.label, a.amount, a.explanation) for a in result.adjustments]


def test_transaction_scope_prices_the_cancelled_credit_alone() -> None:
    # 120,000 at 8% = 9,600; cancelled 2027-01-10 -> 2027-03-10 = 59 days
    result = run(
        make_plan(flat("8%", scope="transaction"), clawback=_rule()),
        "2027-03",
        tx("T1", "2027-01-10", 120000, cancelled_on="2027-03-10"),
    )
    assert _claws(result) == [
        (
            "clawback T1 (commission)",
            Decimal("-9600.00"),
            "cancelled 59 days after crediting; commission 9,600.00 (F(120,000)) × share 1",
        )
    ]
    assert result.explanation()[1:] == [
        "clawback T1 (commission) = -9,600.00: cancelled 59 days after crediting; "
        "commission 9,600.00 (F(120,000)) × share 1",
        "earnings = -9,600.00",
        "payout = -9,600.00",
    ]


def test_period_scope_prices_an_earlier_deal_as_the_only_credit_of_its_period() -> None:
    # 60,000 marginal: 50,000 at 8% + 10,000 at 12% = 4,000 + 1,200 = 5,200
    result = run(
        make_plan(tiered("marginal", "period"), clawback=_rule()),
        "2027-03",
        tx("T1", "2027-01-10", 60000, cancelled_on="2027-03-10"),
    )
    assert _claws(result) == [
        (
            "clawback T1 (commission)",
            Decimal("-5200.00"),
            "cancelled 59 days after crediting; commission 5,200.00 "
            "(as the only credit of its period) × share 1",
        )
    ]


def test_to_date_original_rate_takes_the_deal_as_the_last_credit_before_the_period() -> None:
    # F(60,000) − F(40,000) = 5,200 − 3,200 = 2,000
    result = run(
        make_plan(tiered("marginal", "to_date"), clawback=_rule()),
        "2027-04",
        tx("T0", "2027-02-01", 20000, cancelled_on="2027-04-03"),
        history={"credit_to_date": {"arr": 60000}},
    )
    assert _claws(result) == [
        (
            "clawback T0 (commission)",
            Decimal("-2000.00"),
            "cancelled 61 days after crediting; commission 2,000.00 "
            "(last 20,000 of the 60,000 credited before the period) × share 1",
        )
    ]


def test_to_date_current_rate_prices_the_deal_at_the_end_of_the_period() -> None:
    # to date at the end of April: 60,000 + 10,000 = 70,000;
    # F(70,000) − F(50,000) = (4,000 + 2,400) − 4,000 = 2,400 taken back;
    # April's own 10,000 at 12% = 1,200; earnings 1,200 − 2,400 = −1,200
    result = run(
        make_plan(tiered("marginal", "to_date"), clawback=_rule(rate="current")),
        "2027-04",
        tx("T1", "2027-04-05", 10000),
        tx("T0", "2027-02-01", 20000, cancelled_on="2027-04-03"),
        history={"credit_to_date": {"arr": 60000}},
    )
    assert _claws(result) == [
        (
            "clawback T0 (commission)",
            Decimal("-2400.00"),
            "cancelled 61 days after crediting; commission 2,400.00 (at the current position) "
            "× share 1",
        )
    ]
    assert result.earnings == Decimal("-1200.00")


def test_a_deal_credited_and_cancelled_in_the_period_gives_back_what_it_earned() -> None:
    # T1 40,000 at 8% = 3,200; T2 20,000 from 40,000: 10,000 at 8% + 10,000 at 12% = 2,000
    result = run(
        make_plan(tiered("marginal", "period"), clawback=_rule()),
        "2027-03",
        tx("T1", "2027-03-01", 40000),
        tx("T2", "2027-03-02", 20000, cancelled_on="2027-03-20"),
    )
    assert _claws(result) == [
        (
            "clawback T2 (commission)",
            Decimal("-2000.00"),
            "cancelled 18 days after crediting; commission 2,000.00 (as earned this period) "
            "× share 1",
        )
    ]
    assert result.earnings == Decimal("3200.00")


def test_a_deal_cancelled_in_its_own_period_is_not_credited_when_it_reduces_attainment() -> None:
    result = run(
        make_plan(tiered("marginal", "period"), clawback=_rule(reduces_attainment=True)),
        "2027-03",
        tx("T1", "2027-03-01", 40000),
        tx("T2", "2027-03-02", 20000, cancelled_on="2027-03-20"),
    )
    assert _claws(result) == [
        (
            "clawback T2",
            Decimal(0),
            "cancelled in the period it was credited: not credited, nothing to take back",
        )
    ]
    assert result.earnings == Decimal("3200.00")


def test_pro_rata_share_takes_back_the_unserved_months() -> None:
    # 9,600 × 50% × 10 unserved of 12 months = 4,000
    result = run(
        make_plan(flat("8%"), clawback=_rule(method="pro_rata", share="50%")),
        "2027-03",
        tx("T1", "2027-01-10", 120000, cancelled_on="2027-03-10", term_months=12),
    )
    assert _claws(result) == [
        (
            "clawback T1 (commission)",
            Decimal("-4000.00"),
            "cancelled 59 days after crediting; commission 9,600.00 (F(120,000)) × share 0.5 "
            "× unserved 10/12 months",
        )
    ]


def test_a_cancellation_without_a_clawback_rule_takes_nothing_back() -> None:
    result = run(
        make_plan(flat("8%")), "2027-03", tx("T1", "2027-01-10", 120000, cancelled_on="2027-03-10")
    )
    assert _claws(result) == [
        ("clawback T1", Decimal(0), "cancelled, but the plan has no clawback rule")
    ]


def test_a_deal_credited_after_the_period_takes_nothing_back_in_it() -> None:
    # T2 is dated on the first day after March (its cancellation, dated before it, is
    # inside March): nothing was paid on it in March, so nothing is taken back; T1 pays
    # 8% of 10,000 = 800
    result = run(
        make_plan(flat("8%"), clawback=_rule()),
        "2027-03",
        tx("T1", "2027-03-05", 10000),
        tx("T2", "2027-04-01", 50000, cancelled_on="2027-03-20"),
    )
    assert _claws(result) == [
        ("clawback T2", Decimal(0), "credited after the period, on 2027-04-01: nothing paid")
    ]
    assert result.earnings == Decimal("800.00")


def test_a_cancellation_on_the_last_day_of_the_window_is_clawed_back() -> None:
    result = run(
        make_plan(flat("8%"), clawback=_rule(window_days=59)),
        "2027-03",
        tx("T1", "2027-01-10", 120000, cancelled_on="2027-03-10"),
    )
    assert [a.amount for a in result.adjustments] == [Decimal("-9600.00")]


def test_with_rounding_at_the_payout_only_the_payout_is_rounded() -> None:
    # 1,000.01 × 8.333% = 83.3308333; rounded once, on the payout: −83.33
    result = run(
        make_plan(flat("8.333%"), clawback=_rule(), rounding={"at": "payout"}),
        "2027-03",
        tx("T1", "2027-01-10", "1000.01", cancelled_on="2027-03-10"),
    )
    assert [a.amount for a in result.adjustments] == [Decimal("-83.3308333")]
    assert result.payout == Decimal("-83.33")


def test_a_pro_rata_clawback_without_a_term_says_which_transaction() -> None:
    with pytest.raises(EngineError) as raised:
        run(
            make_plan(flat("8%"), clawback=_rule(method="pro_rata")),
            "2027-03",
            tx("T1", "2027-01-10", 120000, cancelled_on="2027-03-10"),
        )
    assert str(raised.value) == "transaction T1: a pro-rata clawback needs `term_months`"


def test_a_cancellation_after_the_window_is_explained() -> None:
    result = run(
        make_plan(flat("8%"), clawback=_rule(window_days=30)),
        "2027-03",
        tx("T1", "2027-01-10", 120000, cancelled_on="2027-03-10"),
    )
    assert _claws(result) == [
        (
            "clawback T1",
            Decimal(0),
            "cancelled 59 days after crediting, outside the 30-day window",
        )
    ]
