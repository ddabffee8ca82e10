"""Caps, thresholds, gates and multipliers, with the edge on both sides."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.engine.conftest import amount_of, flat, make_plan, run, tiered, tx

D = Decimal
QUARTERLY = [{"id": "q", "measure": "arr", "period": "quarterly", "amount": 250000}]


@pytest.mark.parametrize(
    ("credit", "first_dollar", "on_excess"),
    [
        (100000, "0.00", "0.00"),
        (124999, "0.00", "0.00"),  # threshold just missed
        (125000, "6250.00", "0.00"),  # exactly at the threshold: it opens
        (200000, "10000.00", "3750.00"),
    ],
)
def test_threshold_from_first_dollar_or_on_excess(
    credit: int, first_dollar: str, on_excess: str
) -> None:
    for pay, expected in (("from_first_dollar", first_dollar), ("on_excess", on_excess)):
        component = flat(
            "5%", scope="period", quota="q", threshold={"attainment": "50%", "pay": pay}
        )
        result = run(
            make_plan(component, quotas=QUARTERLY), "2027-Q2", tx("T1", "2027-05-02", credit)
        )
        assert amount_of(result, "commission") == D(expected), pay


def test_missed_threshold_is_explained() -> None:
    component = flat("5%", scope="period", quota="q", threshold={"attainment": "50%"})
    result = run(make_plan(component, quotas=QUARTERLY), "2027-Q2", tx("T1", "2027-05-02", 124999))
    assert "124,999 is below the threshold 125,000: nothing paid" in result.explanation()[0]


def test_hard_cap_per_period() -> None:
    component = flat("10%", scope="period", cap={"amount": 5000})
    result = run(make_plan(component), "2027-04", tx("T1", "2027-04-02", 60000))
    assert amount_of(result, "commission") == D("5000.00")
    assert result.components[0].capped == D("1000")
    assert "cap 5,000 per period: 1,000.00 above it not paid" in result.explanation()[0]
    under = run(make_plan(component), "2027-04", tx("T1", "2027-04-02", 49999))
    assert amount_of(under, "commission") == D("4999.90")


def test_year_cap_pays_only_the_room_left() -> None:
    # A yearly hard cap of 150,000 with 140,000 earned so far pays at most 10,000 more.
    component = flat("10%", scope="period", cap={"amount": 150000, "level": "year"})
    result = run(
        make_plan(component),
        "2027-11",
        tx("T1", "2027-11-02", 300000),
        history={"earned_to_date": 140000},
    )
    assert amount_of(result, "commission") == D("10000.00")


def test_year_cap_on_to_date_scope_uses_earnings_to_date() -> None:
    # To date 1,000,000 at 10% = 100,000 earned; cap 120,000; 300,000 more would earn 30,000.
    component = flat("10%", scope="to_date", cap={"amount": 120000, "level": "year"})
    result = run(
        make_plan(component),
        "2027-11",
        tx("T1", "2027-11-02", 300000),
        history={"credit_to_date": {"arr": 1000000}},
    )
    assert amount_of(result, "commission") == D("20000.00")


def test_refundable_cap_withholds_then_releases() -> None:
    component = flat(
        "10%", scope="period", cap={"amount": 10000, "kind": "refundable", "level": "period"}
    )
    plan = make_plan(component)
    over = run(plan, "2027-04", tx("T1", "2027-04-02", 120000))
    assert amount_of(over, "commission") == D("10000.00")
    assert over.components[0].withheld == D("2000")
    later = run(plan, "2027-05", tx("T1", "2027-05-02", 90000), history={"cap_withheld": 2000})
    assert amount_of(later, "commission") == D("10000.00")
    assert later.components[0].released == D("1000")


def test_deal_cap_limits_each_deal() -> None:
    component = flat("10%", cap={"amount": 3000, "level": "deal"})
    result = run(
        make_plan(component),
        "2027-04",
        tx("T1", "2027-04-02", 50000),
        tx("T2", "2027-04-03", 20000),
    )
    assert amount_of(result, "commission") == D("5000.00")


def test_attainment_cap_stops_credit_above_it() -> None:
    component = tiered("marginal", "period", quota="q", cap={"attainment": 2})
    result = run(
        make_plan(
            component, quotas=[{"id": "q", "measure": "arr", "period": "monthly", "amount": 30000}]
        ),
        "2027-04",
        tx("T1", "2027-04-02", 90000),
    )
    # capped at 60,000: 50,000 at 8% + 10,000 at 12%
    assert amount_of(result, "commission") == D("5200.00")


def test_multiple_of_target_cap() -> None:
    component = {
        "id": "bonus",
        "name": "Bonus",
        "kind": "quota_bonus",
        "measure": "arr",
        "quota": "q",
        "above_last": "extend",
        "curve": [{"attainment": 0, "payout": 0}, {"attainment": 1, "payout": 1}],
        "cap": {"multiple_of_target": 2},
    }
    plan = make_plan(
        component, quotas=QUARTERLY, target_incentive={"amount": 40000, "period": "annual"}
    )
    result = run(plan, "2027-Q2", tx("T1", "2027-05-02", 1000000))
    # quarterly target 10,000; attainment 400% would pay 40,000; capped at 2 × 10,000
    assert amount_of(result, "bonus") == D("20000.00")


def _gated(on_miss: str = "forfeit") -> dict[str, object]:
    return {
        "id": "services",
        "name": "Services",
        "kind": "flat",
        "measure": "services",
        "rate": "4%",
        "gates": [{"quota": "q", "min_attainment": "50%", "scope": "to_date", "on_miss": on_miss}],
    }


ANNUAL = [{"id": "q", "measure": "arr", "amount": 900000}]


@pytest.mark.parametrize(("history", "expected"), [(350000, "1000.00"), (349999, "0.00")])
def test_gate_opens_exactly_at_the_minimum(history: int, expected: str) -> None:
    plan = make_plan(_gated(), quotas=ANNUAL)
    result = run(
        plan,
        "2027-04",
        tx("T1", "2027-04-07", 100000),
        tx("T2", "2027-04-19", 25000, measure="services"),
        history={"credit_to_date": {"arr": history}},
    )
    assert amount_of(result, "services") == D(expected)


def test_withheld_gate_is_explained() -> None:
    plan = make_plan(_gated("withhold"), quotas=ANNUAL)
    result = run(plan, "2027-04", tx("T2", "2027-04-19", 25000, measure="services"))
    assert amount_of(result, "services") == D("0.00")
    assert "1,000.00 withheld until the gate opens" in result.explanation()[0]


def test_multiplier_applies_to_the_first_deals_only() -> None:
    component = flat(
        "5%",
        multipliers=[
            {
                "id": "new_logo",
                "factor": "1.5",
                "when": [{"field": "deal_type", "equals": "new_logo"}],
                "first_deals": 3,
            }
        ],
    )
    new = {"attributes": {"deal_type": "new_logo"}}
    result = run(
        make_plan(component),
        "2027-02",
        *(tx(f"T{i}", f"2027-02-0{i}", 40000, **new) for i in range(1, 5)),
        tx("T9", "2027-02-09", 40000, attributes={"deal_type": "expansion"}),
    )
    # three kicked deals at 3,000, the fourth new logo and the expansion at 2,000
    assert amount_of(result, "commission") == D("13000.00")
    assert "× 1.5 (new_logo) = 3,000.00" in result.explanation()[0]
