"""Engine edges, each worked out by hand: half-year and whole-year periods, quotas scaled
to a longer period, proration of someone who left before the period, conditions on built-in
fields, numbers written as text and lists, draws and payment limits, pay curves to date, and
the message of each input the engine cannot compute with."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tests.engine.conftest import flat, make_plan, run, tiered, tx

from icmkit.engine.errors import EngineError
from icmkit.model.plans import Plan

Q = [{"id": "q", "measure": "arr", "amount": 1200000}]
YEAR = [
    tx("T6", "2027-06-30", 1000),
    tx("T7", "2027-07-01", 2000),
    tx("T12", "2027-12-31", 4000),
    tx("T1", "2027-01-01", 8000),
]


def _explained(plan: Plan, period: str, *transactions: dict[str, Any], **extra: Any) -> list[str]:
    return run(plan, period, *transactions, **extra).explanation()


def _error(plan: Plan, period: str, *transactions: dict[str, Any], **extra: Any) -> str:
    with pytest.raises(EngineError) as raised:
        run(plan, period, *transactions, **extra)
    return str(raised.value)


def test_second_half() -> None:
    expected = [
        (
            "commission (flat) = 600.00: T7 2027-07-01 credit 2,000: 2,000 at 10% "
            "= 200.00; T12 2027-12-31 credit 4,000: 4,000 at 10% = 400.00"
        ),
        "earnings = 600.00",
        "payout = 600.00",
    ]
    assert _explained(make_plan(flat("10%", scope="period")), "2027-H2", *YEAR) == expected


def test_first_half() -> None:
    expected = [
        (
            "commission (flat) = 900.00: T1 2027-01-01 credit 8,000: 8,000 at 10% "
            "= 800.00; T6 2027-06-30 credit 1,000: 1,000 at 10% = 100.00"
        ),
        "earnings = 900.00",
        "payout = 900.00",
    ]
    assert _explained(make_plan(flat("10%", scope="period")), "2027-H1", *YEAR) == expected


def test_whole_year() -> None:
    expected = [
        (
            "commission (flat) = 1,500.00: T1 2027-01-01 credit 8,000: 8,000 at "
            "10% = 800.00; T6 2027-06-30 credit 1,000: 1,000 at 10% = 100.00; T7 "
            "2027-07-01 credit 2,000: 2,000 at 10% = 200.00; T12 2027-12-31 credit "
            "4,000: 4,000 at 10% = 400.00"
        ),
        "earnings = 1,500.00",
        "payout = 1,500.00",
    ]
    assert _explained(make_plan(flat("10%", scope="period")), "2027", *YEAR) == expected


def test_quota_over_a_half_year() -> None:
    expected = [
        (
            "commission (tiered) = 14,000.00: tier bounds are fractions of the "
            "quota 200,000; T1 2027-07-10 credit 150,000: 100,000 at 8% (tier [0, "
            "100,000)) + 50,000 at 12% (tier [100,000, …)) = 14,000.00"
        ),
        "earnings = 14,000.00",
        "payout = 14,000.00",
    ]
    assert (
        _explained(
            make_plan(
                tiered(
                    "marginal",
                    axis="attainment",
                    quota="q",
                    tiers=[{"from": 0, "to": "0.5", "rate": "8%"}, {"from": "0.5", "rate": "12%"}],
                ),
                quotas=[{"id": "q", "measure": "arr", "period": "quarterly", "amount": 100000}],
            ),
            "2027-H2",
            tx("T1", "2027-07-10", 150000),
        )
        == expected
    )


def test_left_before_the_period() -> None:
    expected = [
        # the seat is paid up to the leave date: nothing of the quarter is the leaver's, so
        # the component is not computed at all (whatever the proration unit)
        "objectives (mbo) = 0.00: not in effect this period: the participant left on 2027-02-15",
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
                    "objectives": [{"id": "a", "name": "A", "weight": "1"}],
                },
                target_incentive={"amount": 120000, "period": "annual"},
                proration={"unit": "months", "applies_to": ["target_incentive"]},
            ),
            "2027-Q2",
            scores={"a": "1"},
            participant={"id": "P1", "leave_date": "2027-02-15"},
        )
        == expected
    )


def test_left_before_the_period_days() -> None:
    expected = [
        # the seat is paid up to the leave date: nothing of the quarter is the leaver's, so
        # the component is not computed at all (whatever the proration unit)
        "objectives (mbo) = 0.00: not in effect this period: the participant left on 2027-02-15",
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
                    "objectives": [{"id": "a", "name": "A", "weight": "1"}],
                },
                target_incentive={"amount": 120000, "period": "annual"},
                proration={"unit": "days", "applies_to": ["target_incentive"]},
            ),
            "2027-Q2",
            scores={"a": "1"},
            participant={"id": "P1", "leave_date": "2027-02-15"},
        )
        == expected
    )


def test_no_target_incentive() -> None:
    expected = "no target incentive: give one in the plan or the participant"
    assert (
        _error(
            make_plan(
                {
                    "id": "objectives",
                    "name": "Objectives",
                    "kind": "mbo",
                    "objectives": [{"id": "a", "name": "A", "weight": "1"}],
                }
            ),
            "2027-Q2",
            scores={"a": "1"},
        )
        == expected
    )


def test_quota_without_amount() -> None:
    expected = "quota `q` has no amount: give it in the plan or in the participant's quotas"
    assert (
        _error(
            make_plan(
                flat("10%", scope="period", gates=[{"quota": "q", "min_attainment": "5%"}]),
                quotas=[{"id": "q", "measure": "arr"}],
            ),
            "2027-03",
            tx("T1", "2027-03-10", 10000),
        )
        == expected
    )


def test_unknown_quota() -> None:
    expected = "plan PLAN-T has no quota `nope`"
    assert (
        _error(
            make_plan(
                flat("10%", scope="period", gates=[{"quota": "nope", "min_attainment": "5%"}]),
                quotas=Q,
            ),
            "2027-03",
            tx("T1", "2027-03-10", 10000),
        )
        == expected
    )


def test_date_condition() -> None:
    expected = [
        (
            "commission (flat) = 300.00: T1 2027-03-10 credit 1,000: 1,000 at 10% "
            "× 2 (d) = 200.00; T2 2027-03-11 credit 1,000: 1,000 at 10% = 100.00"
        ),
        "earnings = 300.00",
        "payout = 300.00",
    ]
    assert (
        _explained(
            make_plan(
                flat(
                    "10%",
                    multipliers=[
                        {
                            "id": "d",
                            "factor": "2",
                            "when": [{"field": "date", "equals": "2027-03-10"}],
                        }
                    ],
                )
            ),
            "2027-03",
            tx("T1", "2027-03-10", 1000),
            tx("T2", "2027-03-11", 1000),
        )
        == expected
    )


def test_numeric_text_condition() -> None:
    expected = [
        (
            "commission (flat) = 400.00: T1 2027-03-10 credit 1,000: 1,000 at 10% "
            "× 2 (n) = 200.00; T2 2027-03-11 credit 1,000: 1,000 at 10% = 100.00; "
            "T3 2027-03-12 credit 1,000: 1,000 at 10% = 100.00"
        ),
        "earnings = 400.00",
        "payout = 400.00",
    ]
    assert (
        _explained(
            make_plan(
                flat(
                    "10%",
                    multipliers=[
                        {"id": "n", "factor": "2", "when": [{"field": "seats", "equals": 5}]}
                    ],
                )
            ),
            "2027-03",
            tx("T1", "2027-03-10", 1000, attributes={"seats": "5.0"}),
            tx("T2", "2027-03-11", 1000, attributes={"seats": "five"}),
            tx("T3", "2027-03-12", 1000),
        )
        == expected
    )


def test_in_and_below() -> None:
    expected = [
        (
            "commission (flat) = 400.00: T1 2027-03-10 credit 1,000: 1,000 at 10% "
            "× 2 (n) = 200.00; T2 2027-03-11 credit 1,000: 1,000 at 10% = 100.00; "
            "T3 2027-03-12 credit 1,000: 1,000 at 10% = 100.00"
        ),
        "earnings = 400.00",
        "payout = 400.00",
    ]
    assert (
        _explained(
            make_plan(
                flat(
                    "10%",
                    multipliers=[
                        {
                            "id": "n",
                            "factor": "2",
                            "when": [
                                {"field": "tier", "in": ["gold", "silver"]},
                                {"field": "seats", "below": 10},
                            ],
                        }
                    ],
                )
            ),
            "2027-03",
            tx("T1", "2027-03-10", 1000, attributes={"tier": "gold", "seats": "9"}),
            tx("T2", "2027-03-11", 1000, attributes={"tier": "silver", "seats": "10"}),
            tx("T3", "2027-03-12", 1000, attributes={"tier": "bronze", "seats": "1"}),
        )
        == expected
    )


def test_at_least_on_text() -> None:
    expected = (
        "condition on `seats`: the value expected a number, got 'many'; "
        "conditions with at_least or below need numbers"
    )
    assert (
        _error(
            make_plan(
                flat(
                    "10%",
                    multipliers=[
                        {"id": "n", "factor": "2", "when": [{"field": "seats", "at_least": 10}]}
                    ],
                )
            ),
            "2027-03",
            tx("T1", "2027-03-10", 1000, attributes={"seats": "many"}),
        )
        == expected
    )


def test_unknown_measure() -> None:
    expected = "transaction T1: plan PLAN-T has no measure `bookings`"
    assert (
        _error(make_plan(flat("10%")), "2027-03", tx("T1", "2027-03-10", 1000, measure="bookings"))
        == expected
    )


def test_draw_recovery_capped() -> None:
    expected = [
        ("commission (flat) = 5,000.00: T1 2027-05-10 credit 50,000: 50,000 at 10% = 5,000.00"),
        "earnings = 5,000.00",
        ("draw recovery 500.00 (balance 2,000.00, at most 500.00); balance now 1,500.00"),
        "payout = 4,500.00",
    ]
    assert (
        _explained(
            make_plan(
                flat("10%", scope="period"),
                draw={
                    "kind": "recoverable",
                    "amount": 3000,
                    "periods": 3,
                    "recovery": {"max_amount": 500},
                },
            ),
            "2027-05",
            tx("T1", "2027-05-10", 50000),
            history={"draw_balance": 2000, "periods_paid": 3},
        )
        == expected
    )


def test_max_payment_forfeit() -> None:
    expected = [
        ("commission (flat) = 5,000.00: T1 2027-03-10 credit 50,000: 50,000 at 10% = 5,000.00"),
        "earnings = 5,000.00",
        "maximum payment 1,000.00: 4,000.00 forfeited",
        "payout = 1,000.00",
    ]
    assert (
        _explained(
            make_plan(
                flat("10%", scope="period"), payment={"max_per_period": 1000, "excess": "forfeit"}
            ),
            "2027-03",
            tx("T1", "2027-03-10", 50000),
        )
        == expected
    )


def test_bonus_curve_to_date_less_before() -> None:
    expected = [
        (
            "bonus (quota_bonus) = 3,000.00: target 12,000, quota 1,200,000; "
            "credit to date before this period 300,000; credit 300,000: attainment "
            "50% pays 50% of target 12,000, less attainment 25% pays 25% of target "
            "12,000 before"
        ),
        "earnings = 3,000.00",
        "payout = 3,000.00",
    ]
    assert (
        _explained(
            make_plan(
                {
                    "id": "bonus",
                    "name": "Bonus",
                    "kind": "quota_bonus",
                    "measure": "arr",
                    "quota": "q",
                    "scope": "to_date",
                    "target": 12000,
                    "curve": [
                        {"attainment": 0, "payout": 0},
                        {"attainment": "100%", "payout": "100%"},
                    ],
                },
                quotas=Q,
            ),
            "2027-03",
            tx("T1", "2027-03-10", 300000),
            history={"credit_to_date": {"arr": 300000}},
        )
        == expected
    )


def test_bonus_curve_above_last_extend() -> None:
    expected = [
        (
            "bonus (quota_bonus) = 6,000.00: target 12,000, quota 100,000; credit "
            "80,000: attainment 80% pays 50% of target 12,000"
        ),
        "earnings = 6,000.00",
        "payout = 6,000.00",
    ]
    assert (
        _explained(
            make_plan(
                {
                    "id": "bonus",
                    "name": "Bonus",
                    "kind": "quota_bonus",
                    "measure": "arr",
                    "quota": "q",
                    "target": 12000,
                    "above_last": "extend",
                    "curve": [{"attainment": "50%", "payout": "50%"}],
                },
                quotas=Q,
            ),
            "2027-03",
            tx("T1", "2027-03-10", 80000),
        )
        == expected
    )


def test_bonus_zero_quota() -> None:
    expected = "component `bonus`: quota `q` is 0 for this period"
    assert (
        _error(
            make_plan(
                {
                    "id": "bonus",
                    "name": "Bonus",
                    "kind": "quota_bonus",
                    "measure": "arr",
                    "quota": "q",
                    "target": 12000,
                    "curve": [
                        {"attainment": 0, "payout": 0},
                        {"attainment": "100%", "payout": "100%"},
                    ],
                },
                quotas=Q,
            ),
            "2027-03",
            tx("T1", "2027-03-10", 80000),
            participant={"id": "P1", "quotas": {"q": 0}},
        )
        == expected
    )


def test_numbers_too_large_to_compute_exactly_are_refused() -> None:
    assert _error(
        make_plan(flat("99999999999999%")), "2027-03", tx("T1", "2027-03-10", 10**15 - 1)
    ) == (
        "the numbers are too large to compute exactly (an amount, rate or quota is out of range: "
        "InvalidOperation)"
    )


def test_a_pay_curve_extended_past_two_points_at_the_same_attainment_divides_by_zero() -> None:
    bonus = {
        "id": "bonus",
        "name": "Bonus",
        "kind": "quota_bonus",
        "measure": "arr",
        "quota": "q",
        "target": 12000,
        "above_last": "extend",
        "curve": [{"attainment": "50%", "payout": "50%"}, {"attainment": "50%", "payout": "60%"}],
    }
    assert _error(make_plan(bonus, quotas=Q), "2027-03", tx("T1", "2027-03-10", 80000)) == (
        "a division by zero (is a quota, target or tier width 0?)"
    )


def test_a_deal_cancelled_on_the_first_day_after_the_period_still_counts_in_it() -> None:
    # reduces_attainment takes out deals cancelled before the period ends; April 1 is after
    # March: 40,000 at 8% = 3,200, then 20,000 from 40,000 = 800 + 1,200 = 2,000
    plan = make_plan(
        tiered("marginal", "period"), clawback={"window_days": 90, "reduces_attainment": True}
    )
    result = run(
        plan,
        "2027-03",
        tx("T1", "2027-03-01", 40000),
        tx("T2", "2027-03-02", 20000, cancelled_on="2027-04-01"),
    )
    assert result.earnings == Decimal("5200.00")


def test_a_plan_ending_inside_the_period_credits_nothing_from_its_end() -> None:
    plan = make_plan(
        flat("10%", scope="period"), effective={"from": "2027-01-01", "to": "2027-03-15"}
    )
    result = run(plan, "2027-03", tx("T1", "2027-03-14", 1000), tx("T2", "2027-03-15", 2000))
    assert result.explanation()[0] == (
        "commission (flat) = 100.00: T1 2027-03-14 credit 1,000: 1,000 at 10% = 100.00"
    )


def test_a_cancelled_deal_of_the_periods_first_day_is_not_taken_from_credit_before_it() -> None:
    # T0 (March 1) is in the period, so credit to date before March stays 60,000 and T1's
    # 20,000 is all at 12% = 2,400
    plan = make_plan(
        tiered("marginal", "to_date"), clawback={"window_days": 90, "reduces_attainment": True}
    )
    result = run(
        plan,
        "2027-03",
        tx("T1", "2027-03-10", 20000),
        tx("T0", "2027-03-01", 30000, cancelled_on="2027-03-05"),
        history={"credit_to_date": {"arr": 60000}},
    )
    assert result.explanation()[0] == (
        "commission (tiered) = 2,400.00: credit to date before this period 60,000; T1 2027-03-10 "
        "credit 20,000: 20,000 at 12% (tier [50,000, …)) = 2,400.00"
    )


def test_conditions_may_test_every_built_in_field_of_a_transaction() -> None:
    def doubled(name: str, field: str, **condition: Any) -> dict[str, Any]:
        return {"id": name, "factor": "2", "when": [{"field": field, **condition}]}

    plan = make_plan(
        flat(
            "10%",
            multipliers=[
                doubled("by-id", "id", equals="T1"),
                doubled("by-amount", "amount", at_least=5000),
                doubled("by-measure", "measure", equals="arr"),
                doubled("by-participant", "participant", equals="P1"),
                doubled("by-split", "split", below="0.6"),
                doubled("by-term", "term_months", at_least=24),
                doubled("by-date", "date", equals="2027-03-12"),
                doubled("by-cancel", "cancelled_on", equals="2027-03-30"),
            ],
        ),
        clawback={"window_days": 90, "reduces_attainment": False},
    )
    result = run(
        plan,
        "2027-03",
        tx("T1", "2027-03-10", 1000),
        tx("T2", "2027-03-11", 6000),
        tx("T3", "2027-03-12", 1000),
        tx("T4", "2027-03-13", 1000, measure="arr"),
        tx("T5", "2027-03-14", 1000, participant="P1"),
        tx("T6", "2027-03-15", 1000, split="50%"),
        tx("T7", "2027-03-16", 1000, term_months=36),
        tx("T8", "2027-03-17", 1000, cancelled_on="2027-03-30"),
        participant={"id": "P1"},
    )
    # each deal matches exactly one condition and earns twice 10%
    assert result.explanation()[0] == (
        "commission (flat) = 2,500.00: "
        "T1 2027-03-10 credit 1,000: 1,000 at 10% × 2 (by-id) = 200.00; "
        "T2 2027-03-11 credit 6,000: 6,000 at 10% × 2 (by-amount) = 1,200.00; "
        "T3 2027-03-12 credit 1,000: 1,000 at 10% × 2 (by-date) = 200.00; "
        "T4 2027-03-13 credit 1,000: 1,000 at 10% × 2 (by-measure) = 200.00; "
        "T5 2027-03-14 credit 1,000: 1,000 at 10% × 2 (by-participant) = 200.00; "
        "T6 2027-03-15 credit 500: 500 at 10% × 2 (by-split) = 100.00; "
        "T7 2027-03-16 credit 1,000: 1,000 at 10% × 2 (by-term) = 200.00; "
        "T8 2027-03-17 credit 1,000: 1,000 at 10% × 2 (by-cancel) = 200.00"
    )


def test_at_least_holds_at_the_value_itself() -> None:
    plan = make_plan(
        flat(
            "10%",
            multipliers=[
                {"id": "big", "factor": "2", "when": [{"field": "seats", "at_least": 10}]}
            ],
        )
    )
    result = run(
        plan,
        "2027-03",
        tx("T1", "2027-03-10", 1000, attributes={"seats": "10"}),
        tx("T2", "2027-03-11", 1000, attributes={"seats": "9.99"}),
    )
    assert result.explanation()[0] == (
        "commission (flat) = 300.00: T1 2027-03-10 credit 1,000: 1,000 at 10% × 2 (big) = 200.00; "
        "T2 2027-03-11 credit 1,000: 1,000 at 10% = 100.00"
    )


def test_a_semi_annual_quota_is_a_sixth_a_month() -> None:
    # 600,000 a half year is 100,000 in March: tier bound 0.5 is 50,000
    plan = make_plan(
        tiered(
            "marginal",
            axis="attainment",
            quota="q",
            tiers=[{"from": 0, "to": "0.5", "rate": "8%"}, {"from": "0.5", "rate": "12%"}],
        ),
        quotas=[{"id": "q", "measure": "arr", "period": "semi_annual", "amount": 600000}],
    )
    assert _explained(plan, "2027-03", tx("T1", "2027-03-10", 60000))[0] == (
        "commission (tiered) = 5,200.00: tier bounds are fractions of the quota 100,000; "
        "T1 2027-03-10 credit 60,000: 50,000 at 8% (tier [0, 50,000)) + 10,000 at 12% "
        "(tier [50,000, …)) = 5,200.00"
    )


def test_hired_after_the_period_says_when_they_start() -> None:
    expected = [
        "objectives (mbo) = 0.00: not in effect this period: the participant starts on 2027-07-01",
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
                    "objectives": [{"id": "a", "name": "A", "weight": "1"}],
                },
                target_incentive={"amount": 120000, "period": "annual"},
            ),
            "2027-Q2",
            scores={"a": "1"},
            participant={"id": "P1", "hire_date": "2027-07-01"},
        )
        == expected
    )


def test_a_spiff_limit_counts_the_events_paid_before() -> None:
    spiff = {
        "id": "spiff",
        "name": "S",
        "kind": "spiff",
        "measure": "arr",
        "amount": 500,
        "window": {"from": "2027-03-01", "to": "2027-03-31"},
        "max_events": 2,
    }
    result = run(
        make_plan(spiff),
        "2027-03",
        tx("T1", "2027-03-04", 100),
        tx("T2", "2027-03-05", 100),
        history={"spiff_events": {"spiff": 1}},
    )
    assert result.explanation()[0] == (
        "spiff (spiff) = 500.00: qualifying deals from 2027-03-01 to 2027-03-30: T1, T2; "
        "2 events, at most 2 paid, 1 paid before; 1 × 500"
    )
