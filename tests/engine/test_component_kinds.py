"""Every component kind against hand-computed amounts, with tier edges on both sides."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.engine.conftest import amount_of, flat, make_plan, run, tiered, tx

D = Decimal


def test_flat_pays_rate_times_amount_and_reverses_a_return() -> None:
    plan = make_plan(flat("5%"))
    result = run(plan, "2027-03", tx("T1", "2027-03-02", 40000), tx("T2", "2027-03-09", -10000))
    assert amount_of(result, "commission") == D("1500.00")
    assert result.payout == D("1500.00")
    assert "T2 2027-03-09 credit -10,000: less 10,000 at 5% = -500.00" in result.explanation()[0]


@pytest.mark.parametrize(
    ("total", "marginal", "retroactive"),
    [
        ("40000", "3200.00", "3200.00"),
        ("49999", "3999.92", "3999.92"),  # just below the edge: all in the first tier
        ("50000", "4000.00", "6000.00"),  # on the edge: the higher tier
        ("50000.01", "4000.00", "6000.00"),  # just above: 0.01 at 12% rounds away
        ("50010", "4001.20", "6001.20"),
        ("60000", "5200.00", "7200.00"),
    ],
)
def test_marginal_and_retroactive_on_the_same_table(
    total: str, marginal: str, retroactive: str
) -> None:
    for method, expected in (("marginal", marginal), ("retroactive", retroactive)):
        result = run(make_plan(tiered(method)), "2027-05", tx("T1", "2027-05-10", total))
        assert amount_of(result, "commission") == D(expected), method


def test_retroactive_explains_the_tier_reached() -> None:
    result = run(make_plan(tiered("retroactive")), "2027-05", tx("T1", "2027-05-10", 50000))
    assert "50,000 all at 12% (tier [50,000, …))" in result.explanation()[0]


def test_marginal_explains_each_slice() -> None:
    result = run(make_plan(tiered("marginal")), "2027-05", tx("T1", "2027-05-10", 60000))
    line = result.explanation()[0]
    assert "50,000 at 8% (tier [0, 50,000)) + 10,000 at 12% (tier [50,000, …)) = 5,200.00" in line


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        # each deal on its own: 30,000 at 8% twice
        ("transaction", "4800.00"),
        # the period's 60,000: 50,000 at 8% + 10,000 at 12%
        ("period", "5200.00"),
        # to date 20,000 -> 80,000: 30,000 at 8% + 30,000 at 12%
        ("to_date", "6000.00"),
    ],
)
def test_the_same_table_pays_differently_per_scope(scope: str, expected: str) -> None:
    plan = make_plan(tiered("marginal", scope))
    result = run(
        plan,
        "2027-05",
        tx("T1", "2027-05-03", 30000),
        tx("T2", "2027-05-20", 30000),
        history={"credit_to_date": {"arr": 20000}},
    )
    assert amount_of(result, "commission") == D(expected)


def test_retroactive_to_date_pays_the_re_priced_increase() -> None:
    # Before: 40,000 at 8% = 3,200. After: 70,000 all at 12% = 8,400. Increase 5,200.
    plan = make_plan(tiered("retroactive", "to_date"))
    result = run(
        plan, "2027-06", tx("T1", "2027-06-03", 30000), history={"credit_to_date": {"arr": 40000}}
    )
    assert amount_of(result, "commission") == D("5200.00")


def test_attainment_axis_scales_bounds_by_the_quota() -> None:
    component = tiered(
        "retroactive",
        axis="attainment",
        quota="q",
        tiers=[{"from": 0, "to": "90%", "rate": "1%"}, {"from": "90%", "rate": "2%"}],
    )
    plan = make_plan(
        component, quotas=[{"id": "q", "measure": "arr", "period": "monthly", "amount": 100000}]
    )
    at_edge = run(plan, "2027-02", tx("T1", "2027-02-01", 90000))
    below = run(plan, "2027-02", tx("T1", "2027-02-01", "89999"))
    assert amount_of(at_edge, "commission") == D("1800.00")
    assert amount_of(below, "commission") == D("899.99")


def test_accelerated_to_date_pays_the_increase_over_earlier_periods() -> None:
    plan = make_plan(
        {
            "id": "renewal",
            "name": "Renewals",
            "kind": "accelerated",
            "measure": "arr",
            "quota": "q",
            "base_rate": "10%",
            "bands": [
                {"from": 0, "to": "0.5", "multiplier": "0.5"},
                {"from": "0.5", "to": 1, "multiplier": 1},
                {"from": 1, "multiplier": "1.5"},
            ],
        },
        quotas=[{"id": "q", "measure": "arr", "amount": 1000000}],
    )
    result = run(
        plan,
        "2027-Q4",
        tx("T1", "2027-11-15", 100000),
        history={"credit_to_date": {"arr": 1100000}},
    )
    assert amount_of(result, "renewal") == D("15000.00")


def _bonus(interpolation: str = "linear", above_last: str = "cap") -> dict[str, object]:
    return {
        "id": "bonus",
        "name": "Bonus",
        "kind": "quota_bonus",
        "measure": "arr",
        "quota": "q",
        "target": 20000,
        "interpolation": interpolation,
        "above_last": above_last,
        "curve": [
            {"attainment": 0, "payout": 0},
            {"attainment": "50%", "payout": "25%"},
            {"attainment": "100%", "payout": "100%"},
            {"attainment": "150%", "payout": "200%"},
        ],
    }


@pytest.mark.parametrize(
    ("interpolation", "above_last", "credit", "expected"),
    [
        ("linear", "cap", 200000, "14000.00"),
        ("step", "cap", 200000, "5000.00"),
        ("linear", "cap", 250000, "20000.00"),  # exactly on a point
        ("linear", "cap", 425000, "40000.00"),
        ("linear", "extend", 425000, "48000.00"),
    ],
)
def test_quota_bonus_curves(
    interpolation: str, above_last: str, credit: int, expected: str
) -> None:
    plan = make_plan(
        _bonus(interpolation, above_last),
        quotas=[{"id": "q", "measure": "arr", "period": "quarterly", "amount": 250000}],
    )
    result = run(plan, "2027-Q2", tx("T1", "2027-05-20", credit))
    assert amount_of(result, "bonus") == D(expected)


def _mbo(**extra: object) -> dict[str, object]:
    return {
        "id": "objectives",
        "name": "Objectives",
        "kind": "mbo",
        "target": 10000,
        "objectives": [
            {"id": "onboarding", "name": "Onboarding", "weight": "0.6"},
            {"id": "certification", "name": "Certification", "weight": "0.4"},
        ],
        **extra,
    }


def test_mbo_pays_the_weighted_score_and_nothing_below_the_minimum() -> None:
    scores = {"onboarding": 1, "certification": "50%"}
    paid = run(make_plan(_mbo()), "2027-Q1", scores=scores)
    assert amount_of(paid, "objectives") == D("8000.00")
    below = run(make_plan(_mbo(min_score="0.85")), "2027-Q1", scores=scores)
    assert amount_of(below, "objectives") == D("0.00")
    assert "below the minimum score 0.85" in below.explanation()[0]


def test_mbo_total_is_capped_at_max_score() -> None:
    result = run(make_plan(_mbo()), "2027-Q1", scores={"onboarding": 2, "certification": 1})
    assert amount_of(result, "objectives") == D("10000.00")


def _spiff() -> dict[str, object]:
    return {
        "id": "spiff",
        "name": "Q2 SPIFF",
        "kind": "spiff",
        "measure": "arr",
        "amount": 500,
        "window": {"from": "2027-04-01", "to": "2027-07-01"},
        "when": [{"field": "product", "equals": "analytics"}],
        "max_events": 5,
    }


def test_spiff_counts_qualifying_events_inside_the_window_up_to_the_maximum() -> None:
    plan = make_plan(_spiff())
    analytics = {"attributes": {"product": "analytics"}}
    three = run(
        plan,
        "2027-Q2",
        tx("T0", "2027-03-31", 1000, **analytics),  # outside the period and the window
        tx("T1", "2027-04-01", 1000, **analytics),  # first day of the window
        tx("T2", "2027-05-09", 1000, **analytics),
        tx("T3", "2027-06-30", 1000, **analytics),  # last day
        tx("T4", "2027-05-22", 1000, attributes={"product": "core"}),
    )
    assert amount_of(three, "spiff") == D("1500.00")
    seven = run(plan, "2027-Q2", *(tx(f"T{i}", "2027-05-03", 1, **analytics) for i in range(7)))
    assert amount_of(seven, "spiff") == D("2500.00")


def test_spiff_explains_its_window_with_its_last_day_and_names_the_deals() -> None:
    plan = make_plan(_spiff())
    analytics = {"attributes": {"product": "analytics"}}
    none = run(plan, "2027-Q2", tx("T4", "2027-05-22", 1000, attributes={"product": "core"}))
    some = run(plan, "2027-Q2", tx("T1", "2027-04-01", 1000, **analytics))
    spiff = {c.id: c for c in none.components}["spiff"]
    assert spiff.lines[0] == "no qualifying deal from 2027-04-01 to 2027-06-30"
    spiff = {c.id: c for c in some.components}["spiff"]
    assert spiff.lines[0] == "qualifying deals from 2027-04-01 to 2027-06-30: T1"


def test_override_counts_only_included_roles_below_the_manager() -> None:
    plan = make_plan(
        {
            "id": "override",
            "name": "Override",
            "kind": "override",
            "measure": "arr",
            "rate": "1%",
            "include_roles": ["AE"],
            "exclude_roles": ["SE"],
        }
    )
    result = run(
        plan,
        "2027-Q1",
        tx("T1", "2027-01-20", 1200000, participant="A1"),
        tx("T2", "2027-02-11", 800000, participant="A2"),
        tx("T3", "2027-02-11", 300000, participant="S1"),
        tx("T4", "2027-02-11", 500000, participant="X9"),  # someone else's report
        participant={"id": "M1"},
        team=[
            {"id": "A1", "role": "AE", "manager": "M1"},
            {"id": "A2", "role": "AE", "manager": "M1"},
            {"id": "S1", "role": "SE", "manager": "M1"},
            {"id": "X9", "role": "AE", "manager": "M2"},
        ],
    )
    assert amount_of(result, "override") == D("20000.00")


def test_component_outside_its_effective_window_earns_nothing() -> None:
    plan = make_plan(flat(effective={"from": "2027-04-01"}))
    result = run(plan, "2027-03", tx("T1", "2027-03-05", 10000))
    assert amount_of(result, "commission") == D("0.00")
    assert result.explanation()[0].endswith("not in effect this period")


def test_measure_filter_and_transaction_measure() -> None:
    plan = make_plan(
        flat("1%"),
        measures=[
            {"id": "arr", "name": "ARR", "filter": [{"field": "country", "in": ["SE", "DK"]}]},
        ],
    )
    result = run(
        plan,
        "2027-06",
        tx("T1", "2027-06-01", 200000, attributes={"country": "SE"}),
        tx("T2", "2027-06-02", 300000, attributes={"country": "NO"}),
    )
    assert amount_of(result, "commission") == D("2000.00")
