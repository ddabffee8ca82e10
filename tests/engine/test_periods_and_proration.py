"""Periods and proration by hand: which days and whole months a hire or a leaver was active,
a year that ends with the year, months that do not exist, and whole months across a new year.
The target incentive is 120,000 a year (10,000 a month)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tests.engine.conftest import flat, make_plan, run, tiered, tx

from icmkit.engine.errors import EngineError
from icmkit.model.plans import Plan


def mbo(unit: str) -> Plan:
    return make_plan(
        {
            "id": "objectives",
            "name": "Objectives",
            "kind": "mbo",
            "objectives": [{"id": "a", "name": "A", "weight": "1"}],
        },
        target_incentive={"amount": 120000, "period": "annual"},
        proration={"unit": unit, "applies_to": ["target_incentive"]},
    )


def _explained(plan: Plan, period: str, *transactions: dict[str, Any], **extra: Any) -> list[str]:
    return run(plan, period, *transactions, **extra).explanation()


def _error(plan: Plan, period: str, *transactions: dict[str, Any], **extra: Any) -> str:
    with pytest.raises(EngineError) as raised:
        run(plan, period, *transactions, **extra)
    return str(raised.value)


def test_a_leaver_is_prorated_to_the_days_up_to_the_leave_date() -> None:
    expected = [
        (
            "objectives (mbo) = 3,225.81: score 1 = a 100% × 1; target 3,225.81 "
            "prorated by 0.3225806451612903225806451613 (days active in 2027-03-01 "
            "to 2027-03-31) × 1"
        ),
        "earnings = 3,225.81",
        "payout = 3,225.81",
    ]
    assert (
        _explained(
            mbo("days"),
            "2027-03",
            scores={"a": "1"},
            participant={"id": "P1", "leave_date": "2027-03-10"},
        )
        == expected
    )


def test_a_leaver_is_prorated_to_the_whole_months_before_leaving() -> None:
    expected = [
        (
            "objectives (mbo) = 20,000.00: score 1 = a 100% × 1; target 20,000 "
            "prorated by 0.6666666666666666666666666667 (months active in "
            "2027-01-01 to 2027-03-31) × 1"
        ),
        "earnings = 20,000.00",
        "payout = 20,000.00",
    ]
    assert (
        _explained(
            mbo("months"),
            "2027-Q1",
            scores={"a": "1"},
            participant={"id": "P1", "leave_date": "2027-02-28"},
        )
        == expected
    )


def test_a_leaver_on_the_last_day_before_the_period_is_not_active_in_it() -> None:
    expected = [
        # the seat is paid up to the leave date (included): March 31 ends it before Q2,
        # so the component is not computed for the quarter at all
        "objectives (mbo) = 0.00: not in effect this period: the participant left on 2027-03-31",
        "earnings = 0.00",
        "payout = 0.00",
    ]
    assert (
        _explained(
            mbo("months"),
            "2027-Q2",
            scores={"a": "1"},
            participant={"id": "P1", "leave_date": "2027-03-31"},
        )
        == expected
    )


def test_a_hire_is_prorated_from_the_hire_date() -> None:
    expected = [
        (
            "objectives (mbo) = 3,225.81: score 1 = a 100% × 1; target 3,225.81 "
            "prorated by 0.3225806451612903225806451613 (days active in 2027-03-01 "
            "to 2027-03-31) × 1"
        ),
        "earnings = 3,225.81",
        "payout = 3,225.81",
    ]
    assert (
        _explained(
            mbo("days"),
            "2027-03",
            scores={"a": "1"},
            participant={"id": "P1", "hire_date": "2027-03-22"},
        )
        == expected
    )


def test_a_year_period_ends_with_the_year() -> None:
    expected = [
        ("commission (flat) = 100.00: T1 2027-12-31 credit 1,000: 1,000 at 10% = 100.00"),
        "earnings = 100.00",
        "payout = 100.00",
    ]
    assert (
        _explained(
            make_plan(
                flat("10%", scope="period"), effective={"from": "2027-01-01", "to": "2029-01-01"}
            ),
            "2027",
            tx("T1", "2027-12-31", 1000),
            tx("T2", "2028-01-15", 2000),
        )
        == expected
    )


def test_month_zero_does_not_exist() -> None:
    expected = "period `2027-00`: month 0 does not exist"
    assert _error(make_plan(flat("10%")), "2027-00") == expected


def test_month_thirteen_does_not_exist() -> None:
    expected = "period `2027-13`: month 13 does not exist"
    assert _error(make_plan(flat("10%")), "2027-13") == expected


def test_december_is_a_month() -> None:
    expected = [
        ("commission (flat) = 100.00: T1 2027-12-31 credit 1,000: 1,000 at 10% = 100.00"),
        "earnings = 100.00",
        "payout = 100.00",
    ]
    assert (
        _explained(make_plan(flat("10%", scope="period")), "2027-12", tx("T1", "2027-12-31", 1000))
        == expected
    )


def test_a_period_in_words_is_refused() -> None:
    expected = (
        "period `March` is not a month (2027-03), quarter (2027-Q1), half year (2027-H1), year "
        "(2027), week (2027-W05), day (2027-03-15) or a range such as 2027-03-01..2027-03-15"
    )
    assert _error(make_plan(flat("10%")), "March") == expected


def test_pro_rata_months_across_the_new_year() -> None:
    expected = [
        "commission (flat) = 0.00: no credited transactions in the period",
        (
            "clawback T1 (commission) = -7,200.00: cancelled 92 days after "
            "crediting; commission 9,600.00 (F(120,000)) × share 1 × unserved 9/12 "
            "months"
        ),
        "earnings = -7,200.00",
        "payout = -7,200.00",
    ]
    assert (
        _explained(
            make_plan(
                flat("8%"),
                clawback={"window_days": 365, "method": "pro_rata", "reduces_attainment": False},
            ),
            "2027-02",
            tx("T1", "2026-11-10", 120000, cancelled_on="2027-02-10", term_months=12),
        )
        == expected
    )


def test_proration_without_employment_dates_changes_nothing() -> None:
    expected = [
        "objectives (mbo) = 10,000.00: score 1 = a 100% × 1; target 10,000 × 1",
        "earnings = 10,000.00",
        "payout = 10,000.00",
    ]
    assert _explained(mbo("days"), "2027-03", scores={"a": "1"}) == expected


def test_proration_of_someone_active_all_period_changes_nothing() -> None:
    expected = [
        "objectives (mbo) = 10,000.00: score 1 = a 100% × 1; target 10,000 × 1",
        "earnings = 10,000.00",
        "payout = 10,000.00",
    ]
    assert (
        _explained(
            mbo("days"),
            "2027-03",
            scores={"a": "1"},
            participant={"id": "P1", "hire_date": "2026-05-01"},
        )
        == expected
    )


def test_a_return_is_priced_at_the_first_tier_rate_from_zero() -> None:
    expected = [
        "commission (tiered) = -400.00: T1 2027-03-10 credit -5,000: less 5,000 at 8% "
        "(tier [0, 50,000)) = -400.00",
        "earnings = -400.00",
        "payout = -400.00",
    ]
    assert (
        _explained(
            make_plan(tiered("marginal", "transaction")), "2027-03", tx("T1", "2027-03-10", -5000)
        )
        == expected
    )


def test_a_return_earns_nothing_below_a_first_tier_above_zero() -> None:
    expected = [
        "commission (tiered) = 0.00: T1 2027-03-10 credit -5,000: less no tier reached = 0.00",
        "earnings = 0.00",
        "payout = 0.00",
    ]
    assert (
        _explained(
            make_plan(
                tiered(
                    "marginal",
                    "transaction",
                    tiers=[{"from": 1, "to": 50000, "rate": "8%"}, {"from": 50000, "rate": "12%"}],
                )
            ),
            "2027-03",
            tx("T1", "2027-03-10", -5000),
        )
        == expected
    )


def test_retroactive_tiers_pay_from_exactly_the_first_bound() -> None:
    table = [{"from": 10000, "to": 50000, "rate": "8%"}, {"from": 50000, "rate": "12%"}]
    expected = (
        "commission (tiered) = 800.00: T1 2027-03-10 credit 10,000: 10,000 all at 8% "
        "(tier [10,000, 50,000)) = 800.00; T2 2027-03-11 credit 9,999: 9,999 below every "
        "tier = 0.00"
    )
    assert (
        _explained(
            make_plan(tiered("retroactive", "transaction", tiers=table)),
            "2027-03",
            tx("T1", "2027-03-10", 10000),
            tx("T2", "2027-03-11", 9999),
        )[0]
        == expected
    )


def test_a_return_is_priced_at_the_first_rate_when_the_first_bound_is_below_zero() -> None:
    # -500 at 8% = -40, however far below zero the first tier starts
    table = [{"from": -1000, "to": 50000, "rate": "8%"}, {"from": 50000, "rate": "12%"}]
    result = run(
        make_plan(tiered("marginal", "transaction", tiers=table)),
        "2027-03",
        tx("T1", "2027-03-10", -500),
    )
    assert result.earnings == Decimal("-40.00")
