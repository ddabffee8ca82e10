"""Caps, multipliers, thresholds and gates in combination, worked out by hand: which target a
cap multiplies, the lower of two caps, two multipliers on one deal, a quota of one a month,
and what a cap that is not refundable does with amounts withheld earlier."""

from __future__ import annotations

from typing import Any

import pytest
from tests.engine.conftest import flat, make_plan, run, tiered, tx

from icmkit.engine.errors import EngineError
from icmkit.model.plans import Plan


def _explained(plan: Plan, period: str, *transactions: dict[str, Any], **extra: Any) -> list[str]:
    return run(plan, period, *transactions, **extra).explanation()


def _error(plan: Plan, period: str, *transactions: dict[str, Any], **extra: Any) -> str:
    with pytest.raises(EngineError) as raised:
        run(plan, period, *transactions, **extra)
    return str(raised.value)


def test_a_quota_of_one_a_month_is_a_quota() -> None:
    expected = [
        (
            "commission (flat) = 0.10: T1 2027-03-10 credit 1: 1 at 10% = 0.10; "
            "gate `q` open: 1 / 1 = 100% ≥ 50%"
        ),
        "earnings = 0.10",
        "payout = 0.10",
    ]
    assert (
        _explained(
            make_plan(
                flat(
                    "10%",
                    scope="period",
                    quota="q",
                    gates=[{"quota": "q", "min_attainment": "50%"}],
                    threshold={"attainment": "50%"},
                ),
                quotas=[{"id": "q", "measure": "arr", "amount": 12}],
            ),
            "2027-03",
            tx("T1", "2027-03-10", 1),
        )
        == expected
    )


def test_a_same_scope_threshold_without_a_quota() -> None:
    expected = "component `commission` needs a quota for a threshold"
    assert (
        _error(
            make_plan(flat("10%", scope="period", threshold={"attainment": "50%"})),
            "2027-03",
            tx("T1", "2027-03-10", 1000),
        )
        == expected
    )


def test_two_multipliers_on_one_deal() -> None:
    expected = [
        (
            "commission (flat) = 300.00: T1 2027-03-10 credit 1,000: 1,000 at 10% "
            "× 2 (a) × 1.5 (b) = 300.00"
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
                        {"id": "a", "factor": "2", "when": [{"field": "t", "equals": "x"}]},
                        {"id": "b", "factor": "1.5", "when": [{"field": "t", "equals": "x"}]},
                    ],
                )
            ),
            "2027-03",
            tx("T1", "2027-03-10", 1000, attributes={"t": "x"}),
        )
        == expected
    )


def test_a_cap_as_a_multiple_of_the_components_own_target() -> None:
    expected = [
        (
            "bonus (quota_bonus) = 3,000.00: target 12,000, quota 100,000; credit "
            "50,000: attainment 50% pays 50% of target 12,000; cap 3,000 per "
            "period: 3,000.00 above it not paid"
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
                    "target": 12000,
                    "cap": {"multiple_of_target": "0.25"},
                    "curve": [
                        {"attainment": 0, "payout": 0},
                        {"attainment": "100%", "payout": "100%"},
                    ],
                },
                quotas=[{"id": "q", "measure": "arr", "amount": 1200000}],
                target_incentive={"amount": 1200, "period": "annual"},
            ),
            "2027-03",
            tx("T1", "2027-03-10", 50000),
        )
        == expected
    )


def test_a_to_date_cap_as_a_multiple_of_the_yearly_target() -> None:
    expected = [
        (
            "commission (tiered) = 6,000.00: credit to date before this period 0; "
            "T1 2027-03-10 credit 100,000: 50,000 at 8% (tier [0, 50,000)) + "
            "50,000 at 12% (tier [50,000, …)) = 10,000.00; year cap 6,000, 0 "
            "earned before: 4,000.00 above it not paid"
        ),
        "earnings = 6,000.00",
        "payout = 6,000.00",
    ]
    assert (
        _explained(
            make_plan(
                tiered("marginal", "to_date", cap={"multiple_of_target": "0.1", "level": "year"}),
                target_incentive={"amount": 60000, "period": "annual"},
            ),
            "2027-03",
            tx("T1", "2027-03-10", 100000),
        )
        == expected
    )


def test_the_lower_of_two_caps_applies() -> None:
    expected = [
        (
            "commission (flat) = 300.00: T1 2027-03-10 credit 10,000: 10,000 at "
            "10% = 1,000.00; cap 300 per period: 700.00 above it not paid"
        ),
        "earnings = 300.00",
        "payout = 300.00",
    ]
    assert (
        _explained(
            make_plan(
                flat("10%", scope="period", cap={"amount": 300, "multiple_of_target": "0.1"}),
                target_incentive={"amount": 60000, "period": "annual"},
            ),
            "2027-03",
            tx("T1", "2027-03-10", 10000),
        )
        == expected
    )


def test_a_cap_that_is_not_refundable_releases_nothing() -> None:
    expected = [
        ("commission (flat) = 100.00: T1 2027-03-10 credit 1,000: 1,000 at 10% = 100.00"),
        "earnings = 100.00",
        "payout = 100.00",
    ]
    assert (
        _explained(
            make_plan(flat("10%", cap={"amount": 250})),
            "2027-03",
            tx("T1", "2027-03-10", 1000),
            history={"cap_withheld": "500"},
        )
        == expected
    )
