"""From earnings to payout, step by step as the explanation shows it, with the draw balance
carried to the next period: draws topping up and recovering, when recovery starts and how
much it may take, leavers, true-up, the minimum payment and the hold. Worked out by hand
from a flat 10% commission and a draw of 3,000 for 3 periods."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.engine.conftest import flat, make_plan, run, tx

from icmkit.model.plans import Plan


def draw(kind: str = "recoverable", **extra: Any) -> Plan:
    return make_plan(
        flat("10%", scope="period"),
        draw={"kind": kind, "amount": 3000, "periods": 3, **extra},
    )


def _paid(
    plan: Plan, period: str, *transactions: dict[str, Any], **extra: Any
) -> tuple[list[str], Decimal]:
    result = run(plan, period, *transactions, **extra)
    return result.explanation(), result.draw_balance


def test_a_recoverable_draw_tops_up_and_adds_the_shortfall_to_the_balance() -> None:
    expected = [
        ("commission (flat) = 1,000.00: T1 2027-01-10 credit 10,000: 10,000 at 10% = 1,000.00"),
        "earnings = 1,000.00",
        "draw period 1 of 3: 3,000.00",
        # 3,000 − 1,000 earned = 2,000 topped up, owed back on top of the 500 before
        "topped up to the draw 3,000.00; shortfall 2,000.00 added to the balance, now 2,500.00",
        "payout = 3,000.00",
    ]
    assert _paid(
        draw(),
        "2027-01",
        tx("T1", "2027-01-10", 10000),
        history={"periods_paid": 0, "draw_balance": 500},
    ) == (expected, Decimal("2500.00"))


def test_a_draw_that_is_not_recoverable_tops_up_only() -> None:
    expected = [
        ("commission (flat) = 1,000.00: T1 2027-01-10 credit 10,000: 10,000 at 10% = 1,000.00"),
        "earnings = 1,000.00",
        "draw period 1 of 3: 3,000.00",
        "topped up to the draw 3,000.00; nothing owed back",
        "payout = 3,000.00",
    ]
    assert _paid(
        draw("non_recoverable"),
        "2027-01",
        tx("T1", "2027-01-10", 10000),
        history={"periods_paid": 0},
    ) == (expected, Decimal("0"))


def test_earnings_exactly_at_the_draw_need_no_top_up() -> None:
    expected = [
        ("commission (flat) = 3,000.00: T1 2027-01-10 credit 30,000: 30,000 at 10% = 3,000.00"),
        "earnings = 3,000.00",
        "draw period 1 of 3: 3,000.00",
        "due 3,000.00 less draws paid 3,000.00 = 0.00",
        "payout = 3,000.00",
    ]
    assert _paid(draw(), "2027-01", tx("T1", "2027-01-10", 30000), history={"periods_paid": 0}) == (
        expected,
        Decimal("0"),
    )


def test_while_the_draw_runs_recovery_takes_what_is_above_it() -> None:
    expected = [
        ("commission (flat) = 5,000.00: T1 2027-02-10 credit 50,000: 50,000 at 10% = 5,000.00"),
        "earnings = 5,000.00",
        "draw period 2 of 3: 3,000.00",
        "due 5,000.00 less draws paid 3,000.00 = 2,000.00",
        (
            "draw recovery 1,500.00 (min(balance 1,500.00, due 5,000.00 - draw "
            "3,000.00)); balance now 0.00"
        ),
        "payout = 3,500.00",
    ]
    assert _paid(
        draw(),
        "2027-02",
        tx("T1", "2027-02-10", 50000),
        history={"periods_paid": 1, "draw_balance": 1500},
    ) == (expected, Decimal("0"))


def test_recovery_waits_for_its_start() -> None:
    expected = [
        ("commission (flat) = 5,000.00: T1 2027-05-10 credit 50,000: 50,000 at 10% = 5,000.00"),
        "earnings = 5,000.00",
        "payout = 5,000.00",
    ]
    assert _paid(
        draw(recovery={"starts_after": 4}),
        "2027-05",
        tx("T1", "2027-05-10", 50000),
        history={"periods_paid": 3, "draw_balance": 1500},
    ) == (expected, Decimal("1500"))


def test_recovery_starts_right_after_starts_after_periods() -> None:
    expected = [
        ("commission (flat) = 5,000.00: T1 2027-05-10 credit 50,000: 50,000 at 10% = 5,000.00"),
        "earnings = 5,000.00",
        "draw recovery 1,500.00 (balance 1,500.00); balance now 0.00",
        "payout = 3,500.00",
    ]
    assert _paid(
        draw(recovery={"starts_after": 3}),
        "2027-05",
        tx("T1", "2027-05-10", 50000),
        history={"periods_paid": 3, "draw_balance": 1500},
    ) == (expected, Decimal("0"))


def test_recovery_limited_to_a_share_of_earnings() -> None:
    expected = [
        ("commission (flat) = 5,000.00: T1 2027-05-10 credit 50,000: 50,000 at 10% = 5,000.00"),
        "earnings = 5,000.00",
        ("draw recovery 500.00 (balance 1,500.00, at most 0.1 × 5,000.00); balance now 1,000.00"),
        "payout = 4,500.00",
    ]
    assert _paid(
        draw(recovery={"max_share_of_earnings": "10%"}),
        "2027-05",
        tx("T1", "2027-05-10", 50000),
        history={"periods_paid": 3, "draw_balance": 1500},
    ) == (expected, Decimal("1000.000"))


def test_nothing_to_recover_without_a_balance() -> None:
    expected = [
        ("commission (flat) = 5,000.00: T1 2027-05-10 credit 50,000: 50,000 at 10% = 5,000.00"),
        "earnings = 5,000.00",
        "payout = 5,000.00",
    ]
    assert _paid(
        draw(),
        "2027-05",
        tx("T1", "2027-05-10", 50000),
        history={"periods_paid": 3, "draw_balance": 0},
    ) == (expected, Decimal("0"))


def test_nothing_is_recovered_from_nothing_due() -> None:
    expected = [
        "commission (flat) = 0.00: no credited transactions in the period",
        "earnings = 0.00",
        "payout = 0.00",
    ]
    assert _paid(draw(), "2027-05", history={"periods_paid": 3, "draw_balance": 1500}) == (
        expected,
        Decimal("1500"),
    )


def test_a_leaver_recovers_the_balance_from_the_payout() -> None:
    expected = [
        ("commission (flat) = 1,000.00: T1 2027-05-10 credit 10,000: 10,000 at 10% = 1,000.00"),
        "earnings = 1,000.00",
        "draw recovery 1,000.00 (balance 1,500.00); balance now 500.00",
        "left in the period: 0.00 of the draw balance recovered",
        "payout = 0.00",
    ]
    assert _paid(
        draw(on_termination="recover"),
        "2027-05",
        tx("T1", "2027-05-10", 10000),
        history={"periods_paid": 3, "draw_balance": 1500},
        participant={"id": "P1", "leave_date": "2027-05-20"},
    ) == (expected, Decimal("500.00"))


def test_a_leaver_is_forgiven_the_balance() -> None:
    expected = [
        ("commission (flat) = 1,000.00: T1 2027-05-10 credit 10,000: 10,000 at 10% = 1,000.00"),
        "earnings = 1,000.00",
        ("draw recovery 100.00 (balance 1,500.00, at most 100.00); balance now 1,400.00"),
        "left in the period: draw balance 1,400.00 forgiven",
        "payout = 900.00",
    ]
    assert _paid(
        draw(on_termination="forgive", recovery={"max_amount": 100}),
        "2027-05",
        tx("T1", "2027-05-10", 10000),
        history={"periods_paid": 3, "draw_balance": 1500},
        participant={"id": "P1", "leave_date": "2027-05-20"},
    ) == (expected, Decimal("0"))


def test_a_leaver_without_a_balance() -> None:
    expected = [
        ("commission (flat) = 1,000.00: T1 2027-05-10 credit 10,000: 10,000 at 10% = 1,000.00"),
        "earnings = 1,000.00",
        "payout = 1,000.00",
    ]
    assert _paid(
        draw(on_termination="forgive"),
        "2027-05",
        tx("T1", "2027-05-10", 10000),
        history={"periods_paid": 3, "draw_balance": 0},
        participant={"id": "P1", "leave_date": "2027-05-20"},
    ) == (expected, Decimal("0"))


def test_true_up_pays_earned_to_date_less_paid() -> None:
    expected = [
        ("commission (flat) = 300.00: T1 2027-03-10 credit 3,000: 3,000 at 10% = 300.00"),
        "earnings = 300.00",
        ("true-up: earned to date 1,000.00 + 300.00 - paid to date 1,200.00 = 100.00"),
        "raised to the minimum payment 500.00",
        "released 30 days after the period ends",
        "payout = 500.00",
    ]
    assert _paid(
        make_plan(
            flat("10%", scope="period"),
            payment={"true_up": True, "min_per_period": 500, "hold_days": 30},
        ),
        "2027-03",
        tx("T1", "2027-03-10", 3000),
        history={"earned_to_date": 1000, "paid_to_date": 1200},
    ) == (expected, Decimal("0"))


def test_half_a_unit_of_balance_is_recovered_from_half_a_unit_due() -> None:
    expected = [
        "commission (flat) = 0.50: T1 2027-05-10 credit 5: 5 at 10% = 0.50",
        "earnings = 0.50",
        "draw recovery 0.50 (balance 0.50); balance now 0.00",
        "payout = 0.00",
    ]
    assert _paid(
        draw(),
        "2027-05",
        tx("T1", "2027-05-10", "5"),
        history={"periods_paid": 3, "draw_balance": "0.50"},
    ) == (expected, Decimal("0.00"))


def test_a_leaver_is_forgiven_half_a_unit_of_balance() -> None:
    expected = [
        "commission (flat) = 0.00: no credited transactions in the period",
        "earnings = 0.00",
        "left in the period: draw balance 0.50 forgiven",
        "payout = 0.00",
    ]
    assert _paid(
        draw(on_termination="forgive"),
        "2027-05",
        history={"periods_paid": 3, "draw_balance": "0.50"},
        participant={"id": "P1", "leave_date": "2027-05-20"},
    ) == (expected, Decimal("0"))


def test_exactly_the_minimum_payment_needs_no_raise() -> None:
    expected = [
        "commission (flat) = 500.00: T1 2027-03-10 credit 5,000: 5,000 at 10% = 500.00",
        "earnings = 500.00",
        "payout = 500.00",
    ]
    assert _paid(
        make_plan(flat("10%", scope="period"), payment={"min_per_period": 500}),
        "2027-03",
        tx("T1", "2027-03-10", 5000),
    ) == (expected, Decimal("0"))


def test_exactly_the_maximum_payment_leaves_nothing_over() -> None:
    expected = [
        "commission (flat) = 500.00: T1 2027-03-10 credit 5,000: 5,000 at 10% = 500.00",
        "earnings = 500.00",
        "payout = 500.00",
    ]
    assert _paid(
        make_plan(flat("10%", scope="period"), payment={"max_per_period": 500}),
        "2027-03",
        tx("T1", "2027-03-10", 5000),
    ) == (expected, Decimal("0"))


def test_a_maximum_payment_carries_the_excess_forward() -> None:
    expected = [
        "commission (flat) = 5,000.00: T1 2027-03-10 credit 50,000: 50,000 at 10% = 5,000.00",
        "earnings = 5,000.00",
        "maximum payment 1,000.00: 4,000.00 carried forward",
        "payout = 1,000.00",
    ]
    plan = make_plan(flat("10%", scope="period"), payment={"max_per_period": 1000})
    assert _paid(plan, "2027-03", tx("T1", "2027-03-10", 50000)) == (expected, Decimal(0))


def test_an_advance_draw_is_paid_on_top_and_added_to_the_balance() -> None:
    expected = [
        ("commission (flat) = 1,000.00: T1 2027-01-10 credit 10,000: 10,000 at 10% = 1,000.00"),
        "earnings = 1,000.00",
        "draw period 1 of 3: 3,000.00",
        "draws 3,000.00 added to the balance, now 3,500.00",
        "payout = 4,000.00",
    ]
    assert _paid(
        draw(basis="advance"),
        "2027-01",
        tx("T1", "2027-01-10", 10000),
        history={"periods_paid": 0, "draw_balance": 500},
    ) == (expected, Decimal("3500.00"))
