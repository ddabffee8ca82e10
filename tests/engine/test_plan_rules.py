"""Plan-level rules: splits, proration, draws, clawbacks, true-up, payment limits, rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.engine.conftest import amount_of, flat, make_plan, run, tiered, tx

from icmkit.engine.errors import EngineError

D = Decimal


def test_split_share_credits_part_of_the_deal() -> None:
    result = run(make_plan(flat("10%")), "2027-01", tx("T1", "2027-01-27", 250000, split="40%"))
    assert amount_of(result, "commission") == D("10000.00")
    assert "T1 2027-01-27 credit 100,000" in result.explanation()[0]


def test_rollup_gives_a_manager_the_credit_of_the_team() -> None:
    plan = make_plan(
        flat("1%", scope="period"), crediting={"rollup": {"levels": 2, "exclude_roles": ["SE"]}}
    )
    result = run(
        plan,
        "2027-Q1",
        tx("T1", "2027-01-20", 100000, participant="A1"),
        tx("T2", "2027-01-21", 100000, participant="A2"),  # two levels down
        tx("T3", "2027-01-22", 100000, participant="S1"),
        participant={"id": "M1"},
        team=[
            {"id": "L1", "role": "Lead", "manager": "M1"},
            {"id": "A1", "role": "AE", "manager": "M1"},
            {"id": "A2", "role": "AE", "manager": "L1"},
            {"id": "S1", "role": "SE", "manager": "M1"},
        ],
    )
    assert amount_of(result, "commission") == D("2000.00")


QUARTER_QUOTA = [{"id": "q", "measure": "arr", "period": "quarterly", "amount": 250000}]


def _prorated_plan(unit: str) -> object:
    component = tiered(
        "marginal",
        axis="attainment",
        quota="q",
        tiers=[{"from": 0, "to": 1, "rate": "4%"}, {"from": 1, "rate": "10%"}],
    )
    return make_plan(component, quotas=QUARTER_QUOTA, proration={"unit": unit})


def test_mid_period_hire_prorates_the_quota_by_days() -> None:
    # Hired 15 February: 45 of the quarter's 90 days, quota 125,000.
    # 150,000 credit: 125,000 at 4% + 25,000 at 10% = 7,500.
    result = run(
        _prorated_plan("days"),  # type: ignore[arg-type]
        "2027-Q1",
        tx("T1", "2027-03-01", 150000),
        participant={"id": "P1", "hire_date": "2027-02-15"},
    )
    assert amount_of(result, "commission") == D("7500.00")
    assert "prorated by 0.5" in result.explanation()[0]


def test_mid_period_hire_prorates_the_quota_by_whole_months() -> None:
    # Hired 15 February: only March is a whole month, quota 250,000 × 1/3.
    result = run(
        _prorated_plan("months"),  # type: ignore[arg-type]
        "2027-Q1",
        tx("T1", "2027-03-01", 100000),
        participant={"id": "P1", "hire_date": "2027-02-15"},
    )
    quota = D(250000) / 3
    expected = quota * D("0.04") + (D(100000) - quota) * D("0.10")
    assert amount_of(result, "commission") == expected.quantize(D("0.01"))


def _draw_plan(kind: str) -> object:
    return make_plan(
        flat("10%", scope="period"),
        draw={
            "kind": kind,
            "amount": 3000,
            "periods": 3,
            "recovery": {"max_share_of_earnings": "50%"},
        },
    )


def test_recoverable_draw_shortfall_then_recovery_over_several_months() -> None:
    plan = _draw_plan("recoverable")
    balance = D(0)
    seen = []
    # earnings 1,000 / 2,500 / 4,000 / 6,000 as in the format's worked example
    for number, credit in enumerate([10000, 25000, 40000, 60000]):
        month = f"2027-0{number + 1}"
        result = run(
            plan,  # type: ignore[arg-type]
            month,
            tx("T1", f"{month}-10", credit),
            history={"periods_paid": number, "draw_balance": balance},
        )
        balance = result.draw_balance
        seen.append((result.earnings, result.payout, balance))
    assert seen == [
        (D("1000.00"), D("3000.00"), D("2000.00")),
        (D("2500.00"), D("3000.00"), D("2500.00")),
        (D("4000.00"), D("3000.00"), D("1500.00")),
        (D("6000.00"), D("4500.00"), D("0.00")),
    ]


def test_recovery_after_the_draw_is_limited_to_a_share_of_earnings() -> None:
    result = run(
        _draw_plan("recoverable"),  # type: ignore[arg-type]
        "2027-05",
        tx("T1", "2027-05-10", 20000),
        history={"periods_paid": 4, "draw_balance": 2800},
    )
    assert (result.payout, result.draw_balance) == (D("1000.00"), D("1800.00"))
    assert any("draw recovery 1,000.00" in line for line in result.explanation())


def test_non_recoverable_draw_tops_up_without_a_balance() -> None:
    result = run(
        _draw_plan("non_recoverable"),  # type: ignore[arg-type]
        "2027-01",
        tx("T1", "2027-01-10", 10000),
    )
    assert (result.payout, result.draw_balance) == (D("3000.00"), D("0"))


def _clawback_plan(method: str, window_days: int = 90) -> object:
    return make_plan(
        flat("8%"),
        clawback={"window_days": window_days, "method": method, "reduces_attainment": False},
    )


@pytest.mark.parametrize(("method", "expected"), [("full", "-9600.00"), ("pro_rata", "-8000.00")])
def test_clawback_of_a_deal_cancelled_mid_term(method: str, expected: str) -> None:
    # 120,000 at 8% = 9,600, 12-month term, cancelled after 2 whole months.
    result = run(
        _clawback_plan(method),  # type: ignore[arg-type]
        "2027-03",
        tx("T1", "2027-01-10", 120000, cancelled_on="2027-03-10", term_months=12),
    )
    assert result.earnings == D(expected)
    assert result.payout == D(expected)
    assert [a.label for a in result.adjustments] == ["clawback T1 (commission)"]


def test_cancellation_after_the_window_is_not_clawed_back() -> None:
    result = run(
        _clawback_plan("full", window_days=30),  # type: ignore[arg-type]
        "2027-03",
        tx("T1", "2027-01-10", 120000, cancelled_on="2027-03-10"),
    )
    assert result.earnings == D("0")
    assert "cancelled 59 days after crediting, outside the 30-day window" in result.explanation()[1]


def test_pro_rata_clawback_needs_a_term() -> None:
    with pytest.raises(EngineError, match="T1: a pro-rata clawback needs `term_months`"):
        run(
            _clawback_plan("pro_rata"),  # type: ignore[arg-type]
            "2027-03",
            tx("T1", "2027-01-10", 120000, cancelled_on="2027-03-10"),
        )


def test_cancellation_that_reduces_attainment_reprices_the_period_from_below() -> None:
    # To date 100,000 includes the cancelled 60,000. This month's 20,000 is priced from
    # 40,000 (8%, 10,000 up to the edge + 12%, 10,000), and 60,000's commission is taken back.
    plan = make_plan(
        tiered("marginal", "to_date"), clawback={"window_days": 90, "reduces_attainment": True}
    )
    result = run(
        plan,
        "2027-03",
        tx("T1", "2027-03-05", 20000),
        tx("T0", "2027-02-01", 60000, cancelled_on="2027-03-01"),
        history={"credit_to_date": {"arr": 100000}},
    )
    assert amount_of(result, "commission") == D("2000.00")
    # commission on the last 60,000 of 100,000: 10,000 at 8% + 50,000 at 12% = 6,800
    assert [a.amount for a in result.adjustments] == [D("-6800.00")]


def test_true_up_pays_earned_to_date_less_paid_to_date() -> None:
    plan = make_plan(flat("10%", scope="period"), payment={"true_up": True})
    result = run(
        plan,
        "2027-03",
        tx("T1", "2027-03-10", 30000),
        history={"earned_to_date": 6000, "paid_to_date": 5500},
    )
    assert (result.earnings, result.payout) == (D("3000.00"), D("3500.00"))


def test_maximum_payment_carries_the_excess_forward() -> None:
    plan = make_plan(flat("10%"), payment={"max_per_period": 40000, "min_per_period": 100})
    result = run(plan, "2027-03", tx("T1", "2027-03-10", 500000))
    assert (result.payout, result.carried_forward) == (D("40000.00"), D("10000.00"))
    nothing = run(plan, "2027-03")
    assert nothing.payout == D("100.00")


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("half_up", "0.13"), ("half_even", "0.12"), ("down", "0.12"), ("up", "0.13")],
)
def test_rounding_modes(mode: str, expected: str) -> None:
    plan = make_plan(flat("12.5%"), rounding={"mode": mode})
    result = run(plan, "2027-03", tx("T1", "2027-03-10", 1))
    assert amount_of(result, "commission") == D(expected)


def test_rounding_per_transaction_and_per_payout_differ() -> None:
    deals = [tx(f"T{i}", "2027-03-10", "0.1") for i in range(3)]  # 0.005 each at 5%
    per_deal = run(make_plan(flat("5%"), rounding={"at": "transaction"}), "2027-03", *deals)
    per_payout = run(make_plan(flat("5%"), rounding={"at": "payout"}), "2027-03", *deals)
    assert per_deal.payout == D("0.03")
    assert amount_of(per_payout, "commission") == D("0.015")
    assert per_payout.payout == D("0.02")


def test_unknown_period_is_refused() -> None:
    with pytest.raises(EngineError, match="period `2027-13`: month 13 does not exist"):
        run(make_plan(flat()), "2027-13")


def test_seasonality_splits_an_annual_quota_by_sub_period() -> None:
    # Annual quota 1,200,000 with quarterly shares 10/20/30/40%: Q2 is 240,000, and May one
    # third of it, 80,000. A threshold of 100% of May's quota: 80,000 opens it, 79,999 does not.
    quotas = [
        {
            "id": "q",
            "measure": "arr",
            "amount": 1200000,
            "seasonality": ["10%", "20%", "30%", "40%"],
        }
    ]
    plan = make_plan(
        flat("1%", scope="period", quota="q", threshold={"attainment": 1}), quotas=quotas
    )
    assert amount_of(run(plan, "2027-05", tx("T1", "2027-05-02", 80000)), "commission") == D(
        "800.00"
    )
    assert amount_of(run(plan, "2027-05", tx("T1", "2027-05-02", 79999)), "commission") == D("0.00")
    quarter = run(plan, "2027-Q2", tx("T1", "2027-05-02", 239999))
    assert amount_of(quarter, "commission") == D("0.00")


def test_threshold_in_another_scope_closes_the_whole_component() -> None:
    # Each deal is paid on its own, but only when the period reaches 50% of 100,000.
    plan = make_plan(
        flat("10%", scope="transaction", quota="q", threshold={"attainment": "50%"}),
        quotas=[{"id": "q", "measure": "arr", "period": "monthly", "amount": 100000}],
    )
    deals = (tx("T1", "2027-05-02", 30000), tx("T2", "2027-05-03", 20000))
    assert amount_of(run(plan, "2027-05", *deals), "commission") == D("5000.00")
    closed = run(plan, "2027-05", deals[0])
    assert amount_of(closed, "commission") == D("0.00")
    assert "threshold 50% not reached (30%): 3,000.00 not paid" in closed.explanation()[0]


@pytest.mark.parametrize(
    ("on_termination", "payout", "balance"),
    [("forgive", "3000.00", "0"), ("recover", "0.00", "2000.00")],
)
def test_draw_balance_when_the_participant_leaves(
    on_termination: str, payout: str, balance: str
) -> None:
    plan = make_plan(
        flat("10%", scope="period"),
        draw={
            "kind": "recoverable",
            "amount": 1000,
            "periods": 1,
            "recovery": {"max_share_of_earnings": "50%"},
            "on_termination": on_termination,
        },
        payment={"hold_days": 30},
    )
    result = run(
        plan,
        "2027-06",
        tx("T1", "2027-06-10", 60000),
        participant={"id": "P1", "leave_date": "2027-06-20"},
        history={"periods_paid": 5, "draw_balance": 8000},
    )
    # Earnings 6,000; recovery at most half: 3,000, leaving 5,000 owed. Leaving in the
    # period forgives the 5,000, or recovers what the 3,000 payment can cover.
    assert (result.payout, result.draw_balance) == (D(payout), D(balance))
    assert "released 30 days after the period ends" in result.explanation()
