"""Each component kind's amount and explanation, one rule at a time, as `icmkit test` shows
them; and the message when a component cannot be computed. The amounts were worked out by
hand: an annual quota of 1,200,000 is 100,000 a month; flat rates are 10%; tiers are 8% to
50,000 and 12% above."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tests.engine.conftest import flat, make_plan, run, tiered, tx

from icmkit.engine.errors import EngineError
from icmkit.model.plans import Plan

Q = [{"id": "q", "measure": "arr", "amount": 1200000}]


def _explained(plan: Plan, period: str, *transactions: dict[str, Any], **extra: Any) -> str:
    """The component's line of the explanation."""
    return run(plan, period, *transactions, **extra).explanation()[0]


def _error(plan: Plan, period: str, *transactions: dict[str, Any], **extra: Any) -> str:
    with pytest.raises(EngineError) as raised:
        run(plan, period, *transactions, **extra)
    return str(raised.value)


def test_attainment_tiers() -> None:
    expected = (
        "commission (tiered) = 5,200.00: tier bounds are fractions of the quota "
        "100,000; T1 2027-03-10 credit 60,000: 50,000 at 8% (tier [0, 50,000)) + "
        "10,000 at 12% (tier [50,000, …)) = 5,200.00"
    )
    assert (
        _explained(
            make_plan(
                tiered(
                    "marginal",
                    axis="attainment",
                    quota="q",
                    tiers=[{"from": 0, "to": "0.5", "rate": "8%"}, {"from": "0.5", "rate": "12%"}],
                ),
                quotas=Q,
            ),
            "2027-03",
            tx("T1", "2027-03-10", 60000),
        )
        == expected
    )


def test_attainment_tiers_no_quota() -> None:
    expected = "component `commission` needs a quota for attainment tiers"
    assert (
        _error(
            make_plan(
                tiered(
                    "marginal",
                    axis="attainment",
                    tiers=[{"from": 0, "to": "0.5", "rate": "8%"}, {"from": "0.5", "rate": "12%"}],
                )
            ),
            "2027-03",
            tx("T1", "2027-03-10", 60000),
        )
        == expected
    )


def test_accelerated() -> None:
    expected = (
        "acc (accelerated) = 15,000.00: bands are fractions of the quota "
        "1,200,000; credit to date before this period 0; T1 2027-03-10 credit "
        "150,000: 150,000 at 10% (tier [0, 1,200,000)) = 15,000.00"
    )
    assert (
        _explained(
            make_plan(
                {
                    "id": "acc",
                    "name": "Acc",
                    "kind": "accelerated",
                    "measure": "arr",
                    "quota": "q",
                    "base_rate": "10%",
                    "bands": [{"from": 0, "to": 1, "multiplier": 1}, {"from": 1, "multiplier": 2}],
                },
                quotas=Q,
            ),
            "2027-03",
            tx("T1", "2027-03-10", 150000),
        )
        == expected
    )


def test_quota_zero() -> None:
    expected = "component `commission`: quota `q` is 0 for this period"
    assert (
        _error(
            make_plan(
                tiered("marginal", axis="attainment", quota="q", tiers=[{"from": 0, "rate": "8%"}]),
                quotas=[{"id": "q", "measure": "arr", "amount": 0}],
            ),
            "2027-03",
            tx("T1", "2027-03-10", 60000),
        )
        == expected
    )


def test_bonus_curve() -> None:
    expected = (
        "bonus (quota_bonus) = 6,000.00: target 12,000, quota 100,000; credit "
        "50,000: attainment 50% pays 50% of target 12,000"
    )
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
                    "curve": [
                        {"attainment": 0, "payout": 0},
                        {"attainment": "100%", "payout": "100%"},
                    ],
                },
                quotas=Q,
            ),
            "2027-03",
            tx("T1", "2027-03-10", 50000),
        )
        == expected
    )


def test_multipliers_first_deals() -> None:
    expected = (
        "commission (flat) = 400.00: T1 2027-03-10 credit 1,000: 1,000 at 10% × "
        "2 (kick) = 200.00; T2 2027-03-11 credit 1,000: 1,000 at 10% = 100.00; "
        "T3 2027-03-12 credit 1,000: 1,000 at 10% = 100.00"
    )
    assert (
        _explained(
            make_plan(
                flat(
                    "10%",
                    multipliers=[
                        {
                            "id": "kick",
                            "factor": "2",
                            "first_deals": 1,
                            "when": [{"field": "t", "equals": "x"}],
                        }
                    ],
                ),
            ),
            "2027-03",
            tx("T1", "2027-03-10", 1000, attributes={"t": "x"}),
            tx("T2", "2027-03-11", 1000, attributes={"t": "x"}),
            tx("T3", "2027-03-12", 1000),
        )
        == expected
    )


def test_deal_cap() -> None:
    expected = (
        "commission (flat) = 250.00: T1 2027-03-10 credit 1,000: 1,000 at 10% = "
        "100.00; T2 2027-03-11 credit 2,000: 2,000 at 10%; capped at 150 per "
        "deal = 150.00"
    )
    assert (
        _explained(
            make_plan(flat("10%", cap={"amount": 150, "level": "deal"})),
            "2027-03",
            tx("T1", "2027-03-10", 1000),
            tx("T2", "2027-03-11", 2000),
        )
        == expected
    )


def test_period_cap() -> None:
    expected = (
        "commission (flat) = 250.00: T1 2027-03-10 credit 1,000: 1,000 at 10% = "
        "100.00; T2 2027-03-11 credit 2,000: 2,000 at 10% = 200.00; cap 250 per "
        "period: 50.00 above it not paid"
    )
    assert (
        _explained(
            make_plan(flat("10%", cap={"amount": 250})),
            "2027-03",
            tx("T1", "2027-03-10", 1000),
            tx("T2", "2027-03-11", 2000),
        )
        == expected
    )


def test_period_cap_multiple_of_target() -> None:
    expected = (
        "commission (flat) = 200.00: T1 2027-03-10 credit 1,000: 1,000 at 10% = "
        "100.00; T2 2027-03-11 credit 2,000: 2,000 at 10% = 200.00; cap 200 per "
        "period: 100.00 above it not paid"
    )
    assert (
        _explained(
            make_plan(
                flat("10%", cap={"multiple_of_target": "0.02"}),
                target_incentive={"amount": 120000, "period": "annual"},
            ),
            "2027-03",
            tx("T1", "2027-03-10", 1000),
            tx("T2", "2027-03-11", 2000),
        )
        == expected
    )


def test_year_cap() -> None:
    expected = (
        "commission (flat) = 200.00: T1 2027-03-10 credit 3,000: 3,000 at 10% = "
        "300.00; year cap 1,000, 800 earned before: 100.00 above it not paid"
    )
    assert (
        _explained(
            make_plan(flat("10%", cap={"amount": 1000, "level": "year"})),
            "2027-03",
            tx("T1", "2027-03-10", 3000),
            history={"earned_to_date": 800},
        )
        == expected
    )


def test_year_cap_to_date() -> None:
    expected = (
        "commission (tiered) = 1,800.00: credit to date before this period "
        "40,000; T1 2027-03-10 credit 30,000: 10,000 at 8% (tier [0, 50,000)) + "
        "20,000 at 12% (tier [50,000, …)) = 3,200.00; year cap 5,000, 3,200 "
        "earned before: 1,400.00 above it not paid"
    )
    assert (
        _explained(
            make_plan(tiered("marginal", "to_date", cap={"amount": 5000, "level": "year"})),
            "2027-03",
            tx("T1", "2027-03-10", 30000),
            history={"credit_to_date": {"arr": 40000}},
        )
        == expected
    )


def test_refundable_withheld() -> None:
    expected = (
        "commission (flat) = 250.00: T1 2027-03-10 credit 3,000: 3,000 at 10% = "
        "300.00; cap 250 per period: 50.00 withheld for later periods"
    )
    assert (
        _explained(
            make_plan(flat("10%", cap={"amount": 250, "kind": "refundable"})),
            "2027-03",
            tx("T1", "2027-03-10", 3000),
        )
        == expected
    )


def test_refundable_released() -> None:
    expected = (
        "commission (flat) = 250.00: T1 2027-03-10 credit 1,000: 1,000 at 10% = "
        "100.00; cap 250 per period: 150.00 withheld earlier released"
    )
    assert (
        _explained(
            make_plan(flat("10%", cap={"amount": 250, "kind": "refundable"})),
            "2027-03",
            tx("T1", "2027-03-10", 1000),
            history={"cap_withheld": 500},
        )
        == expected
    )


def test_threshold_other_scope() -> None:
    expected = (
        "commission (flat) = 0.00: T1 2027-03-10 credit 10,000: 10,000 at 10% = "
        "1,000.00; threshold 50% not reached (2.5%): 1,000.00 not paid"
    )
    assert (
        _explained(
            make_plan(
                flat("10%", quota="q", threshold={"attainment": "50%", "scope": "to_date"}),
                quotas=Q,
            ),
            "2027-03",
            tx("T1", "2027-03-10", 10000),
            history={"credit_to_date": {"arr": 20000}},
        )
        == expected
    )


def test_threshold_on_excess_other_scope() -> None:
    expected = "component `commission`: an on_excess threshold must use the component's scope"
    assert (
        _error(
            make_plan(
                flat(
                    "10%",
                    quota="q",
                    threshold={"attainment": "50%", "scope": "to_date", "pay": "on_excess"},
                ),
                quotas=Q,
            ),
            "2027-03",
            tx("T1", "2027-03-10", 10000),
        )
        == expected
    )


def test_gates() -> None:
    expected = (
        "commission (flat) = 0.00: T1 2027-03-10 credit 10,000: 10,000 at 10% = "
        "1,000.00; gate `q` open: 10,000 / 100,000 = 10% ≥ 5%; gate `q` closed: "
        "10,000 / 100,000 = 10% < 50%; 1,000.00 withheld until the gate opens"
    )
    assert (
        _explained(
            make_plan(
                flat(
                    "10%",
                    gates=[
                        {"quota": "q", "min_attainment": "5%"},
                        {"quota": "q", "min_attainment": "50%", "on_miss": "withhold"},
                    ],
                ),
                quotas=Q,
            ),
            "2027-03",
            tx("T1", "2027-03-10", 10000),
        )
        == expected
    )


def test_gates_forfeit() -> None:
    expected = (
        "commission (flat) = 0.00: T1 2027-03-10 credit 10,000: 10,000 at 10% = "
        "1,000.00; gate `q` closed: 10,000 / 100,000 = 10% < 50%; 1,000.00 "
        "forfeited"
    )
    assert (
        _explained(
            make_plan(flat("10%", gates=[{"quota": "q", "min_attainment": "50%"}]), quotas=Q),
            "2027-03",
            tx("T1", "2027-03-10", 10000),
        )
        == expected
    )


def test_gate_zero_quota() -> None:
    expected = "gate on `q`: the quota is 0 for this period"
    assert (
        _error(
            make_plan(
                flat("10%", gates=[{"quota": "q", "min_attainment": "50%"}]),
                quotas=[{"id": "q", "measure": "arr", "amount": 0}],
            ),
            "2027-03",
            tx("T1", "2027-03-10", 10000),
        )
        == expected
    )


def test_mbo() -> None:
    expected = (
        "objectives (mbo) = 12,000.00: score 1.6 = a 60% × 2 + b 40% × 1; score "
        "capped at 1.2; target 10,000 × 1.2"
    )
    assert (
        _explained(
            make_plan(
                {
                    "id": "objectives",
                    "name": "Objectives",
                    "kind": "mbo",
                    "target": 10000,
                    "max_score": "1.2",
                    "objectives": [
                        {"id": "a", "name": "A", "weight": "0.6"},
                        {"id": "b", "name": "B", "weight": "0.4"},
                    ],
                }
            ),
            "2027-Q1",
            scores={"a": "2", "b": "1"},
        )
        == expected
    )


def test_mbo_unscored() -> None:
    expected = (
        "objectives (mbo) = 6,000.00: score 0.6 = a 60% × 1 + b not scored (0); target 10,000 × 0.6"
    )
    assert (
        _explained(
            make_plan(
                {
                    "id": "objectives",
                    "name": "Objectives",
                    "kind": "mbo",
                    "target": 10000,
                    "objectives": [
                        {"id": "a", "name": "A", "weight": "0.6"},
                        {"id": "b", "name": "B", "weight": "0.4"},
                    ],
                }
            ),
            "2027-Q1",
            scores={"a": "1"},
        )
        == expected
    )


def test_spiff() -> None:
    expected = (
        "spiff (spiff) = 500.00: qualifying deals from 2027-03-05 to 2027-03-19: T2, T3; "
        "2 events, at most 1 paid; 1 × 500"
    )
    assert (
        _explained(
            make_plan(
                {
                    "id": "spiff",
                    "name": "S",
                    "kind": "spiff",
                    "measure": "arr",
                    "amount": 500,
                    "window": {"from": "2027-03-05", "to": "2027-03-20"},
                    "max_events": 1,
                }
            ),
            "2027-03",
            tx("T1", "2027-03-04", 100),
            tx("T2", "2027-03-05", 100),
            tx("T3", "2027-03-19", 100),
            tx("T4", "2027-03-20", 100),
            tx("T5", "2027-03-10", -100),
        )
        == expected
    )


def test_spiff_open() -> None:
    expected = "spiff (spiff) = 500.00: qualifying deals from 2027-03-05 to 2027-03-31: T2; 1 × 500"
    assert (
        _explained(
            make_plan(
                {
                    "id": "spiff",
                    "name": "S",
                    "kind": "spiff",
                    "measure": "arr",
                    "amount": 500,
                    "window": {"from": "2027-03-05"},
                }
            ),
            "2027-03",
            tx("T1", "2027-03-04", 100),
            tx("T2", "2027-03-31", 100),
        )
        == expected
    )


def test_effective_part() -> None:
    expected = (
        "commission (flat) = 200.00: T2 2027-03-10 credit 1,000: 1,000 at 10% = "
        "100.00; T3 2027-03-19 credit 1,000: 1,000 at 10% = 100.00"
    )
    assert (
        _explained(
            make_plan(flat("10%", effective={"from": "2027-03-10", "to": "2027-03-20"})),
            "2027-03",
            tx("T1", "2027-03-09", 1000),
            tx("T2", "2027-03-10", 1000),
            tx("T3", "2027-03-19", 1000),
            tx("T4", "2027-03-20", 1000),
        )
        == expected
    )


def test_not_in_effect() -> None:
    expected = "commission (flat) = 0.00: not in effect this period"
    assert (
        _explained(
            make_plan(flat("10%", effective={"from": "2027-04-01"})),
            "2027-03",
            tx("T1", "2027-03-09", 1000),
        )
        == expected
    )


def test_override_nobody() -> None:
    expected = (
        "override (override) = 0.00: team: nobody; credit 0: no tier reached; no "
        "credited transactions in the period"
    )
    assert (
        _explained(
            make_plan(
                {"id": "override", "name": "O", "kind": "override", "measure": "arr", "rate": "1%"}
            ),
            "2027-03",
            tx("T1", "2027-03-09", 1000),
            participant={"id": "M1"},
        )
        == expected
    )


def test_override_team_earnings() -> None:
    expected = (
        "component `override`: an override on team earnings needs the team's "
        "earnings, which this calculation does not give"
    )
    assert (
        _error(
            make_plan(
                {
                    "id": "override",
                    "name": "O",
                    "kind": "override",
                    "measure": "arr",
                    "rate": "1%",
                    "basis": "team_earnings",
                }
            ),
            "2027-03",
            tx("T1", "2027-03-09", 1000),
            participant={"id": "M1"},
        )
        == expected
    )


def test_attainment_cap_without_quota() -> None:
    expected = "component `commission` needs a quota for an attainment cap"
    assert (
        _error(
            make_plan(flat("10%", cap={"attainment": "1.5"})),
            "2027-03",
            tx("T1", "2027-03-10", 1000),
        )
        == expected
    )


def test_attainment_cap() -> None:
    expected = (
        "commission (flat) = 5,000.00: T1 2027-03-10 credit 80,000: 50,000 at "
        "10%; credit above the attainment cap 50,000 earns nothing = 5,000.00"
    )
    assert (
        _explained(
            make_plan(flat("10%", scope="period", quota="q", cap={"attainment": "0.5"}), quotas=Q),
            "2027-03",
            tx("T1", "2027-03-10", 80000),
        )
        == expected
    )


def test_threshold_without_quota() -> None:
    expected = "component `commission` needs a quota for a threshold"
    assert (
        _error(
            make_plan(flat("10%", threshold={"attainment": "50%"})),
            "2027-03",
            tx("T1", "2027-03-10", 1000),
        )
        == expected
    )


def test_threshold_reached_pays_all() -> None:
    expected = "commission (flat) = 8,000.00: T1 2027-03-10 credit 80,000: 80,000 at 10% = 8,000.00"
    assert (
        _explained(
            make_plan(
                flat("10%", scope="period", quota="q", threshold={"attainment": "50%"}), quotas=Q
            ),
            "2027-03",
            tx("T1", "2027-03-10", 80000),
        )
        == expected
    )


def test_threshold_reached_pays_the_excess() -> None:
    expected = (
        "commission (flat) = 3,000.00: T1 2027-03-10 credit 80,000: 30,000 at "
        "10%; paid only above the threshold 50,000 = 3,000.00"
    )
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
            tx("T1", "2027-03-10", 80000),
        )
        == expected
    )


def test_override_team() -> None:
    expected = "override (override) = 30.00: team: A1, A2; credit 3,000: 3,000 at 1%"
    assert (
        _explained(
            make_plan(
                {"id": "override", "name": "O", "kind": "override", "measure": "arr", "rate": "1%"}
            ),
            "2027-03",
            tx("T1", "2027-03-09", 1000, participant="A1"),
            tx("T2", "2027-03-09", 2000, participant="A2"),
            participant={"id": "M1"},
            team=[
                {"id": "A2", "role": "AE", "manager": "M1"},
                {"id": "A1", "role": "AE", "manager": "M1"},
            ],
        )
        == expected
    )


def test_deal_cap_keeps_what_is_above_it_apart_and_leaves_an_exact_hit_alone() -> None:
    # T1 earns exactly the cap (1,500 at 10% = 150): not capped; T2 earns 200: 50 above it
    result = run(
        make_plan(flat("10%", cap={"amount": 150, "level": "deal"})),
        "2027-03",
        tx("T1", "2027-03-10", 1500),
        tx("T2", "2027-03-11", 2000),
    )
    assert result.explanation()[0] == (
        "commission (flat) = 300.00: T1 2027-03-10 credit 1,500: 1,500 at 10% = 150.00; "
        "T2 2027-03-11 credit 2,000: 2,000 at 10%; capped at 150 per deal = 150.00"
    )
    assert result.components[0].capped == Decimal("50")
