"""Engine arithmetic against amounts worked out by hand, one tricky case at a time.

Each expected amount is computed in the comment above it, from the documented reading in
docs/engine.md and docs/format.md, not from the engine.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from tests.engine.conftest import amount_of, flat, make_plan, run, tiered, tx

from icmkit.engine.periods import whole_months

D = Decimal


# --- retroactive tiers at to_date scope across two periods -------------------------------


def test_retroactive_to_date_trues_up_the_earlier_period_when_the_next_crosses_the_edge() -> None:
    plan = make_plan(tiered("retroactive", "to_date"))
    # January: to date 0 -> 40,000, all in [0, 50,000) at 8%: 40,000 × 0.08 = 3,200.
    january = run(plan, "2027-01", tx("T1", "2027-01-20", 40000))
    assert amount_of(january, "commission") == D("3200.00")
    # February: to date 40,000 -> 45,000 -> 60,000.
    # T2 (5,000): F(45,000) − F(40,000) = 3,600 − 3,200 = 400.
    # T3 (15,000) crosses 50,000: F(60,000) − F(45,000) = 60,000 × 0.12 − 3,600
    #   = 7,200 − 3,600 = 3,600; it carries the re-pricing of January's 40,000 (4% × 40,000
    #   = 1,600) and of T2's 5,000 (4% × 5,000 = 200) plus its own 15,000 × 12% = 1,800.
    # February total 400 + 3,600 = 4,000; January + February = 7,200 = 60,000 × 12%.
    february = run(
        plan,
        "2027-02",
        tx("T2", "2027-02-03", 5000),
        tx("T3", "2027-02-17", 15000),
        history={"credit_to_date": {"arr": 40000}},
    )
    assert amount_of(february, "commission") == D("4000.00")
    line = february.explanation()[0]
    assert "T2 2027-02-03 credit 5,000: " in line and "= 400.00" in line
    assert "T3 2027-02-17 credit 15,000: " in line and "= 3,600.00" in line
    assert amount_of(january, "commission") + amount_of(february, "commission") == D("7200.00")


# --- marginal tiers at transaction scope with a split deal -------------------------------


def test_marginal_transaction_scope_prices_each_split_credit_on_its_own() -> None:
    plan = make_plan(tiered("marginal", "transaction"))
    # T1: 100,000 × 60% = 60,000 credit: 50,000 × 8% + 10,000 × 12% = 4,000 + 1,200 = 5,200.
    # T2: 30,000 × 50% = 15,000 credit: 15,000 × 8% = 1,200.
    # Total 6,400. (At period scope 75,000 would pay 4,000 + 25,000 × 12% = 7,000.)
    result = run(
        plan,
        "2027-05",
        tx("T1", "2027-05-02", 100000, split="60%"),
        tx("T2", "2027-05-09", 30000, split="0.5"),
    )
    assert amount_of(result, "commission") == D("6400.00")
    period = run(
        make_plan(tiered("marginal", "period")),
        "2027-05",
        tx("T1", "2027-05-02", 100000, split="60%"),
        tx("T2", "2027-05-09", 30000, split="0.5"),
    )
    assert amount_of(period, "commission") == D("7000.00")


# --- attainment-axis tiers with a prorated quota -----------------------------------------


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        # Hired 16 April: active 16–30 April = 15 of 30 days, quota 100,000 × 15/30 = 50,000.
        # 50,000 is exactly 100% of 50,000: the higher tier, all at 10% = 5,000.
        ("50000", "5000.00"),
        # 49,999 is below 100%: all at 5% = 2,499.95.
        ("49999", "2499.95"),
    ],
)
def test_attainment_tiers_use_the_quota_prorated_for_a_mid_month_hire(
    credit: str, expected: str
) -> None:
    component = tiered(
        "retroactive",
        axis="attainment",
        quota="q",
        tiers=[{"from": 0, "to": "100%", "rate": "5%"}, {"from": "100%", "rate": "10%"}],
    )
    plan = make_plan(
        component,
        quotas=[{"id": "q", "measure": "arr", "period": "monthly", "amount": 100000}],
        proration={"unit": "days", "applies_to": ["quota"]},
    )
    result = run(
        plan,
        "2027-04",
        tx("T1", "2027-04-20", credit),
        participant={"id": "P1", "hire_date": "2027-04-16"},
    )
    assert amount_of(result, "commission") == D(expected)
    assert "prorated by 0.5 (days active in" in result.explanation()[0]


# --- quota_bonus curves ------------------------------------------------------------------


def _curve(interpolation: str = "linear", above_last: str = "cap") -> dict[str, Any]:
    return {
        "id": "bonus",
        "name": "Bonus",
        "kind": "quota_bonus",
        "measure": "arr",
        "quota": "q",
        "target": 10000,
        "interpolation": interpolation,
        "above_last": above_last,
        "curve": [
            {"attainment": "50%", "payout": "50%"},
            {"attainment": "100%", "payout": "100%"},
            {"attainment": "120%", "payout": "150%"},
        ],
    }


MONTHLY_Q = [{"id": "q", "measure": "arr", "period": "monthly", "amount": 100000}]


@pytest.mark.parametrize(
    ("interpolation", "above_last", "credit", "expected"),
    [
        # 110% lies between (100%, 1.0) and (120%, 1.5): 1.0 + (0.10 / 0.20) × 0.5 = 1.25
        # → 10,000 × 1.25 = 12,500.
        ("linear", "cap", "110000", "12500.00"),
        # 75% between (50%, 0.5) and (100%, 1.0): 0.5 + 0.5 × 0.5 = 0.75 → 7,500.
        ("linear", "cap", "75000", "7500.00"),
        # 130% above the last point. cap: keep 1.5 → 15,000.
        ("linear", "cap", "130000", "15000.00"),
        # extend: last slope (1.5 − 1.0) / (1.2 − 1.0) = 2.5; 1.5 + 0.10 × 2.5 = 1.75 → 17,500.
        ("linear", "extend", "130000", "17500.00"),
        # exactly on the last point, extend pays the point itself: 1.5 → 15,000.
        ("linear", "extend", "120000", "15000.00"),
        # step exactly on the 100% point pays that point: 1.0 → 10,000.
        ("step", "cap", "100000", "10000.00"),
        # step just below it stays on the 50% point: 0.5 → 5,000.
        ("step", "cap", "99999.99", "5000.00"),
        # step exactly on the first point: 0.5 → 5,000; just below it: 0.
        ("step", "cap", "50000", "5000.00"),
        ("step", "cap", "49999.99", "0.00"),
    ],
)
def test_quota_bonus_interpolation_and_above_last(
    interpolation: str, above_last: str, credit: str, expected: str
) -> None:
    plan = make_plan(_curve(interpolation, above_last), quotas=MONTHLY_Q)
    result = run(plan, "2027-03", tx("T1", "2027-03-15", credit))
    assert amount_of(result, "bonus") == D(expected)


# --- hard cap at period level vs year level with history ---------------------------------


@pytest.mark.parametrize(
    ("level", "earned_before", "expected"),
    [
        # 250,000 × 10% = 25,000; per-period cap 20,000 → 20,000 whatever was earned before.
        ("period", "185000", "20000.00"),
        # Year cap 200,000, 185,000 earned before: room 15,000 → 15,000.
        ("year", "185000", "15000.00"),
        # Year cap already used up (205,000 > 200,000): room max(−5,000, 0) = 0.
        ("year", "205000", "0.00"),
        # Year cap with room to spare (100,000 before): 25,000 < 100,000 room → 25,000.
        ("year", "100000", "25000.00"),
    ],
)
def test_hard_cap_per_period_against_per_year(
    level: str, earned_before: str, expected: str
) -> None:
    cap = {"amount": 20000 if level == "period" else 200000, "level": level}
    plan = make_plan(flat("10%", scope="period", cap=cap))
    result = run(
        plan,
        "2027-09",
        tx("T1", "2027-09-02", 250000),
        history={"earned_to_date": earned_before},
    )
    assert amount_of(result, "commission") == D(expected)


# --- refundable cap releasing withheld earnings later ------------------------------------


def test_refundable_cap_releases_everything_withheld_when_room_allows() -> None:
    component = flat(
        "10%", scope="period", cap={"amount": 10000, "kind": "refundable", "level": "period"}
    )
    plan = make_plan(component)
    # March: 130,000 × 10% = 13,000; cap 10,000 → paid 10,000, 3,000 withheld.
    march = run(plan, "2027-03", tx("T1", "2027-03-02", 130000))
    assert amount_of(march, "commission") == D("10000.00")
    assert march.components[0].withheld == D("3000")
    # April: 40,000 × 10% = 4,000; room 10,000 − 4,000 = 6,000 ≥ 3,000 withheld
    # → all 3,000 released: 4,000 + 3,000 = 7,000.
    april = run(plan, "2027-04", tx("T2", "2027-04-02", 40000), history={"cap_withheld": 3000})
    assert amount_of(april, "commission") == D("7000.00")
    assert april.components[0].released == D("3000")
    # May at the cap exactly: 100,000 × 10% = 10,000, room 0 → nothing released.
    may = run(plan, "2027-05", tx("T3", "2027-05-02", 100000), history={"cap_withheld": 3000})
    assert amount_of(may, "commission") == D("10000.00")
    assert may.components[0].released == D("0")


# --- threshold on_excess just above the threshold ----------------------------------------


@pytest.mark.parametrize(
    ("pay", "expected"),
    [
        # Quarterly quota 250,000, threshold 50% = 125,000; credit 125,001.
        # on_excess: (125,001 − 125,000) × 5% = 0.05.
        ("on_excess", "0.05"),
        # from_first_dollar: 125,001 × 5% = 6,250.05.
        ("from_first_dollar", "6250.05"),
    ],
)
def test_threshold_just_above_pays_the_excess_or_everything(pay: str, expected: str) -> None:
    component = flat("5%", scope="period", quota="q", threshold={"attainment": "50%", "pay": pay})
    quotas = [{"id": "q", "measure": "arr", "period": "quarterly", "amount": 250000}]
    result = run(make_plan(component, quotas=quotas), "2027-Q2", tx("T1", "2027-05-02", 125001))
    assert amount_of(result, "commission") == D(expected)


def test_on_excess_threshold_with_marginal_tiers_starts_the_table_at_the_threshold() -> None:
    # Monthly quota 100,000, threshold 40% = 40,000, on_excess; credit 100,000.
    # Excess 60,000 priced from 0: 50,000 × 8% + 10,000 × 12% = 4,000 + 1,200 = 5,200.
    component = tiered(
        "marginal", "period", quota="q", threshold={"attainment": "40%", "pay": "on_excess"}
    )
    result = run(make_plan(component, quotas=MONTHLY_Q), "2027-03", tx("T1", "2027-03-02", 100000))
    assert amount_of(result, "commission") == D("5200.00")


# --- gate exactly at min_attainment ------------------------------------------------------


@pytest.mark.parametrize(
    ("arr", "expected"),
    [
        # 80,000 / 100,000 = 80% ≥ 80%: open; services 10,000 × 4% = 400.
        ("80000", "400.00"),
        # 79,999.99 / 100,000 = 79.99999% < 80%: closed, forfeited.
        ("79999.99", "0.00"),
    ],
)
def test_period_gate_is_open_exactly_at_the_minimum(arr: str, expected: str) -> None:
    services = {
        "id": "services",
        "name": "Services",
        "kind": "flat",
        "measure": "services",
        "rate": "4%",
        "gates": [{"quota": "q", "min_attainment": "80%", "scope": "period"}],
    }
    result = run(
        make_plan(services, quotas=MONTHLY_Q),
        "2027-06",
        tx("T1", "2027-06-07", arr),
        tx("T2", "2027-06-19", 10000, measure="services"),
    )
    assert amount_of(result, "services") == D(expected)


# --- MBO minimum score -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("certification", "expected"),
    [
        # 0.6 × 1 + 0.4 × 0.625 = 0.6 + 0.25 = 0.85 = minimum: paid 10,000 × 0.85 = 8,500.
        ("0.625", "8500.00"),
        # 0.6 × 1 + 0.4 × 0.62 = 0.6 + 0.248 = 0.848 < 0.85: nothing.
        ("0.62", "0.00"),
    ],
)
def test_mbo_minimum_score_is_reached_at_the_minimum(certification: str, expected: str) -> None:
    mbo = {
        "id": "objectives",
        "name": "Objectives",
        "kind": "mbo",
        "target": 10000,
        "min_score": "0.85",
        "objectives": [
            {"id": "onboarding", "name": "Onboarding", "weight": "0.6"},
            {"id": "certification", "name": "Certification", "weight": "0.4"},
        ],
    }
    result = run(
        make_plan(mbo),
        "2027-Q1",
        scores={"onboarding": 1, "certification": certification},
    )
    assert amount_of(result, "objectives") == D(expected)


# --- SPIFF outside its window ------------------------------------------------------------


def _spiff() -> dict[str, Any]:
    return {
        "id": "spiff",
        "name": "April SPIFF",
        "kind": "spiff",
        "measure": "arr",
        "amount": 250,
        "window": {"from": "2027-04-01", "to": "2027-05-01"},
    }


def test_spiff_pays_only_inside_its_window() -> None:
    plan = make_plan(_spiff())
    # Q2 period; window [1 April, 1 May): T1 on 30 April counts, T2 on 1 May does not
    # (window end excluded), T3 in June does not. Split 50% still pays the full 250.
    # 1 event × 250 = 250.
    result = run(
        plan,
        "2027-Q2",
        tx("T1", "2027-04-30", 1000, split="50%"),
        tx("T2", "2027-05-01", 1000),
        tx("T3", "2027-06-10", 1000),
    )
    assert amount_of(result, "spiff") == D("250.00")
    # A period wholly outside the window (July): 0 events → 0.
    july = run(plan, "2027-07", tx("T4", "2027-07-10", 1000))
    assert amount_of(july, "spiff") == D("0.00")


# --- override with include/exclude roles over two levels ----------------------------------


def test_override_two_levels_with_include_and_exclude_roles() -> None:
    override = {
        "id": "override",
        "name": "Override",
        "kind": "override",
        "measure": "arr",
        "rate": "2%",
        "levels": 2,
        "include_roles": ["AE", "TL"],
        "exclude_roles": ["TL"],
    }
    # Level 1 under M1: L1 (TL, excluded though included), A1 (AE), S1 (SE, not included).
    # Level 2 under L1: A2 (AE). Level 3 under A2: A3 (AE), beyond 2 levels.
    # Counted: A1 100,000 + A2 50,000 = 150,000 × 2% = 3,000.
    result = run(
        make_plan(override),
        "2027-Q3",
        tx("T1", "2027-07-10", 100000, participant="A1"),
        tx("T2", "2027-08-10", 50000, participant="A2"),
        tx("T3", "2027-08-10", 70000, participant="L1"),
        tx("T4", "2027-09-10", 40000, participant="S1"),
        tx("T5", "2027-09-10", 90000, participant="A3"),
        participant={"id": "M1"},
        team=[
            {"id": "L1", "role": "TL", "manager": "M1"},
            {"id": "A1", "role": "AE", "manager": "M1"},
            {"id": "S1", "role": "SE", "manager": "M1"},
            {"id": "A2", "role": "AE", "manager": "L1"},
            {"id": "A3", "role": "AE", "manager": "A2"},
        ],
    )
    assert amount_of(result, "override") == D("3000.00")


# --- recoverable draw over three periods with capped recovery ------------------------------


def test_recoverable_draw_three_periods_then_recovery_capped_by_share() -> None:
    plan = make_plan(
        flat("10%", scope="period"),
        draw={
            "kind": "recoverable",
            "amount": 3000,
            "periods": 2,
            "recovery": {"max_share_of_earnings": "40%"},
        },
    )
    seen = []
    balance = D(0)
    for number, (month, credit) in enumerate(
        [("2027-01", 10000), ("2027-02", 20000), ("2027-03", 50000), ("2027-04", 80000)]
    ):
        result = run(
            plan,
            month,
            tx("T1", f"{month}-10", credit),
            history={"periods_paid": number, "draw_balance": balance},
        )
        balance = result.draw_balance
        seen.append((result.payout, balance))
    assert seen == [
        # Draw period 1: earned 1,000 < 3,000 → paid 3,000; balance 0 + 2,000 = 2,000.
        (D("3000.00"), D("2000.00")),
        # Draw period 2: earned 2,000 → paid 3,000; balance 2,000 + 1,000 = 3,000.
        (D("3000.00"), D("3000.00")),
        # After the draw: earned 5,000; recovery min(3,000, 5,000, 40% × 5,000 = 2,000)
        # = 2,000 → paid 3,000; balance 1,000.
        (D("3000.00"), D("1000.00")),
        # Earned 8,000; recovery min(1,000, 8,000, 3,200) = 1,000 → paid 7,000; balance 0.
        (D("7000.00"), D("0.00")),
    ]


# --- pro-rata clawback of a 12-month contract cancelled after 5 months --------------------


@pytest.mark.parametrize(
    ("cancelled", "expected"),
    [
        # 15 Jan → 15 Jun = 5 whole months served, 7 unserved:
        # 60,000 × 8% = 4,800 × 7/12 = 2,800 clawed back.
        ("2027-06-15", "-2800.00"),
        # 15 Jan → 14 Jun = 4 whole months served, 8 unserved: 4,800 × 8/12 = 3,200.
        ("2027-06-14", "-3200.00"),
    ],
)
def test_pro_rata_clawback_after_five_months(cancelled: str, expected: str) -> None:
    plan = make_plan(
        flat("8%"),
        clawback={"window_days": 365, "method": "pro_rata", "reduces_attainment": False},
    )
    result = run(
        plan,
        "2027-06",
        tx("T1", "2027-01-15", 60000, cancelled_on=cancelled, term_months=12),
    )
    assert [a.amount for a in result.adjustments] == [D(expected)]
    assert result.payout == D(expected)


# --- rounding half_even vs half_up on .005 amounts ----------------------------------------


@pytest.mark.parametrize(
    ("amount", "half_up", "half_even"),
    [
        # 0.5 × 1% = 0.005: half_up 0.01; half_even to the even cent 0.00.
        ("0.5", "0.01", "0.00"),
        # 1.5 × 1% = 0.015: both 0.02 (2 is even).
        ("1.5", "0.02", "0.02"),
        # 2.5 × 1% = 0.025: half_up 0.03; half_even 0.02.
        ("2.5", "0.03", "0.02"),
        # −2.5 × 1% = −0.025 (a return): half_up away from zero −0.03; half_even −0.02.
        ("-2.5", "-0.03", "-0.02"),
    ],
)
def test_half_even_and_half_up_on_half_cents(amount: str, half_up: str, half_even: str) -> None:
    for mode, expected in (("half_up", half_up), ("half_even", half_even)):
        plan = make_plan(flat("1%"), rounding={"mode": mode})
        result = run(plan, "2027-03", tx("T1", "2027-03-10", amount))
        assert amount_of(result, "commission") == D(expected), mode
        assert result.payout == D(expected), mode


# --- negative transactions (returns) at transaction scope ---------------------------------


def test_return_at_transaction_scope_is_priced_on_its_own_at_the_first_tier() -> None:
    # Transaction scope prices each credit alone: F(60,000) = 50,000 × 8% + 10,000 × 12%
    # = 5,200; the return F(−60,000) is priced at the first tier's rate: −60,000 × 8%
    # = −4,800. Net 400 (documented reading: a negative amount at the first tier's rate).
    plan = make_plan(tiered("marginal", "transaction"))
    result = run(
        plan,
        "2027-03",
        tx("T1", "2027-03-02", 60000),
        tx("T2", "2027-03-20", -60000),
    )
    assert amount_of(result, "commission") == D("400.00")
    # A return against a flat rate reverses exactly: 60,000 × 5% − 60,000 × 5% = 0.
    flat_result = run(
        make_plan(flat("5%")),
        "2027-03",
        tx("T1", "2027-03-02", 60000),
        tx("T2", "2027-03-20", -60000),
    )
    assert amount_of(flat_result, "commission") == D("0.00")


def test_return_at_period_scope_reprices_the_net_credit() -> None:
    # Period scope: net 60,000 − 20,000 = 40,000 → 40,000 × 8% = 3,200
    # (T1 earns 5,200, T2 earns F(40,000) − F(60,000) = 3,200 − 5,200 = −2,000).
    plan = make_plan(tiered("marginal", "period"))
    result = run(
        plan,
        "2027-03",
        tx("T1", "2027-03-02", 60000),
        tx("T2", "2027-03-20", -20000),
    )
    assert amount_of(result, "commission") == D("3200.00")
    assert "= -2,000.00" in result.explanation()[0]


# --- further cross-checks -----------------------------------------------------------------


def test_to_date_on_excess_threshold_pays_only_above_it_in_the_crossing_period() -> None:
    # Annual quota 1,000,000, threshold 25% = 250,000 to date, on_excess, flat 10%.
    # Before: 200,000 < 250,000 → F = 0. After: 300,000 → (300,000 − 250,000) × 10% = 5,000.
    component = flat(
        "10%",
        scope="to_date",
        quota="q",
        threshold={"attainment": "25%", "pay": "on_excess", "scope": "to_date"},
    )
    plan = make_plan(component, quotas=[{"id": "q", "measure": "arr", "amount": 1000000}])
    result = run(
        plan,
        "2027-04",
        tx("T1", "2027-04-02", 100000),
        history={"credit_to_date": {"arr": 200000}},
    )
    assert amount_of(result, "commission") == D("5000.00")


def test_accelerated_retroactive_to_date_re_prices_the_whole_year_at_the_new_band() -> None:
    # Annual quota 1,000,000; base 10%; band [0, 100%) × 1, [100%, …) × 1.5 → 15%.
    # Before: 900,000 × 10% = 90,000. After: 1,100,000 all at 15% = 165,000.
    # October earns 165,000 − 90,000 = 75,000 (200,000 × 15% = 30,000 + 900,000 × 5% = 45,000).
    component = {
        "id": "acc",
        "name": "Accelerated",
        "kind": "accelerated",
        "measure": "arr",
        "quota": "q",
        "base_rate": "10%",
        "method": "retroactive",
        "bands": [{"from": 0, "to": 1, "multiplier": 1}, {"from": 1, "multiplier": "1.5"}],
    }
    plan = make_plan(component, quotas=[{"id": "q", "measure": "arr", "amount": 1000000}])
    result = run(
        plan,
        "2027-10",
        tx("T1", "2027-10-02", 200000),
        history={"credit_to_date": {"arr": 900000}},
    )
    assert amount_of(result, "acc") == D("75000.00")


def test_refundable_year_cap_withholds_what_exceeds_the_room_left() -> None:
    # Year cap 100,000, 95,000 earned before: room 5,000. November earns 80,000 × 10% = 8,000
    # → paid 5,000, withheld 3,000.
    component = flat(
        "10%", scope="period", cap={"amount": 100000, "level": "year", "kind": "refundable"}
    )
    result = run(
        make_plan(component),
        "2027-11",
        tx("T1", "2027-11-02", 80000),
        history={"earned_to_date": 95000},
    )
    assert amount_of(result, "commission") == D("5000.00")
    assert result.components[0].withheld == D("3000")


def test_to_date_clawback_at_the_original_rate_applies_the_multiplier() -> None:
    # Marginal table 8% to 50,000, 12% above; to date before April 60,000, reduces_attainment
    # off. The cancelled 20,000 is taken as the last 20,000 of 60,000:
    # F(60,000) − F(40,000) = 5,200 − 3,200 = 2,000 (10,000 at 8% + 10,000 at 12%);
    # its multiplier × 2 → 4,000 clawed back.
    component = tiered(
        "marginal",
        "to_date",
        multipliers=[{"id": "kick", "factor": "2", "when": [{"field": "t", "equals": "x"}]}],
    )
    plan = make_plan(component, clawback={"window_days": 365, "reduces_attainment": False})
    result = run(
        plan,
        "2027-04",
        tx("T0", "2027-02-01", 20000, cancelled_on="2027-04-03", attributes={"t": "x"}),
        history={"credit_to_date": {"arr": 60000}},
    )
    assert [a.amount for a in result.adjustments] == [D("-4000.00")]


def test_half_even_per_transaction_differs_from_half_up_on_the_payout() -> None:
    deals = (
        tx("T1", "2027-04-02", "0.5"),  # 0.005
        tx("T2", "2027-04-03", "2.5"),  # 0.025
        tx("T3", "2027-04-04", "1.5"),  # 0.015
    )
    # half_even per transaction: 0.00 + 0.02 + 0.02 = 0.04.
    per_deal = run(
        make_plan(flat("1%", scope="period"), rounding={"at": "transaction", "mode": "half_even"}),
        "2027-04",
        *deals,
    )
    assert per_deal.payout == D("0.04")
    # half_up on the payout only: 0.005 + 0.025 + 0.015 = 0.045 → 0.05.
    on_payout = run(
        make_plan(flat("1%", scope="period"), rounding={"at": "payout", "mode": "half_up"}),
        "2027-04",
        *deals,
    )
    assert amount_of(on_payout, "commission") == D("0.045")
    assert on_payout.payout == D("0.05")


def test_retroactive_return_at_transaction_scope_does_not_reverse_the_sale() -> None:
    # Sale F(60,000) = 60,000 all at 12% = 7,200; return F(−60,000) = −60,000 × 8% = −4,800.
    # Net 2,400 although the deal was fully returned (documented reading).
    plan = make_plan(tiered("retroactive", "transaction"))
    result = run(
        plan,
        "2027-03",
        tx("T1", "2027-03-02", 60000),
        tx("T2", "2027-03-05", -60000),
    )
    assert amount_of(result, "commission") == D("2400.00")


# --- exact edges with a prorated or seasonal quota -----------------------------------------


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        # Hired 26 April: active 26–30 April = 5 of 30 days; quota 30,000 × 5 / 30 = 5,000
        # exactly. 5,000 is 100%: the higher tier, all at 10% = 500.
        ("5000", "500.00"),
        # 4,999.99 is below 100%: all at 5% = 249.9995 → 250.00.
        ("4999.99", "250.00"),
    ],
)
def test_prorated_quota_edge_is_exact(credit: str, expected: str) -> None:
    component = tiered(
        "retroactive",
        axis="attainment",
        quota="q",
        tiers=[{"from": 0, "to": "100%", "rate": "5%"}, {"from": "100%", "rate": "10%"}],
    )
    plan = make_plan(
        component,
        quotas=[{"id": "q", "measure": "arr", "period": "monthly", "amount": 30000}],
        proration={"unit": "days", "applies_to": ["quota"]},
    )
    result = run(
        plan,
        "2027-04",
        tx("T1", "2027-04-28", credit),
        participant={"id": "P1", "hire_date": "2027-04-26"},
    )
    assert amount_of(result, "commission") == D(expected)


def test_gate_on_a_prorated_quota_opens_exactly_at_the_minimum() -> None:
    # Hired 26 April: quota 30,000 × 5 / 30 = 5,000; ARR 5,000 = 100% ≥ 100%: open.
    # Services 10,000 × 4% = 400.
    services = {
        "id": "services",
        "name": "Services",
        "kind": "flat",
        "measure": "services",
        "rate": "4%",
        "gates": [{"quota": "q", "min_attainment": "100%"}],
    }
    plan = make_plan(
        services,
        quotas=[{"id": "q", "measure": "arr", "period": "monthly", "amount": 30000}],
        proration={"unit": "days", "applies_to": ["quota"]},
    )
    result = run(
        plan,
        "2027-04",
        tx("T1", "2027-04-27", 5000),
        tx("T2", "2027-04-28", 10000, measure="services"),
        participant={"id": "P1", "hire_date": "2027-04-26"},
    )
    assert amount_of(result, "services") == D("400.00")


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        # Annual quota 600,000 with quarterly shares 15/35/20/30%: April gets 35% / 3 months
        # → 600,000 × 0.35 / 3 = 70,000 exactly. 70,000 is 100%: all at 10% = 7,000.
        ("70000", "7000.00"),
        # 69,999.99 is below: all at 5% = 3,499.9995 → 3,500.00.
        ("69999.99", "3500.00"),
    ],
)
def test_seasonal_monthly_quota_edge_is_exact(credit: str, expected: str) -> None:
    component = tiered(
        "retroactive",
        axis="attainment",
        quota="q",
        tiers=[{"from": 0, "to": "100%", "rate": "5%"}, {"from": "100%", "rate": "10%"}],
    )
    quota = {
        "id": "q",
        "measure": "arr",
        "amount": 600000,
        "seasonality": ["15%", "35%", "20%", "30%"],
    }
    result = run(make_plan(component, quotas=[quota]), "2027-04", tx("T1", "2027-04-08", credit))
    assert amount_of(result, "commission") == D(expected)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2027, 1, 15), date(2027, 4, 15), 3),
        (date(2027, 1, 15), date(2027, 4, 14), 2),
        (date(2027, 1, 31), date(2027, 2, 28), 1),  # February ends before the 31st
        (date(2027, 1, 31), date(2027, 6, 30), 5),  # June ends on the 30th
        (date(2027, 1, 31), date(2027, 6, 29), 4),
        (date(2027, 1, 30), date(2027, 2, 27), 0),
        (date(2028, 1, 31), date(2028, 2, 29), 1),  # leap year
    ],
)
def test_whole_months_count_a_short_month_to_its_last_day(
    start: date, end: date, months: int
) -> None:
    assert whole_months(start, end) == months
