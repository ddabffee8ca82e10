"""Plan versions: the plan as it stands from each version's date, and the engine using the
version in force on a period's first day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from icmkit.engine.calculate import calculate
from icmkit.model.plan_versions import in_force, versions_of
from icmkit.model.plans import FlatComponent, Plan
from icmkit.model.testing import Inputs

BASE: dict[str, Any] = {
    "id": "PLAN-V",
    "name": "Versioned",
    "effective": {"from": "2027-01-01", "to": "2028-01-01"},
    "eligibility": {"roles": ["AE"]},
    "target_incentive": {"amount": 50000},
    "measures": [{"id": "m", "name": "M"}],
    "components": [
        {"id": "c", "name": "C", "kind": "flat", "measure": "m", "rate": "5%"},
        {"id": "k", "name": "K", "kind": "flat", "measure": "m", "rate": "1%"},
    ],
    "draw": {"kind": "non_recoverable", "amount": 1000, "periods": 2},
}


def plan(*versions: dict[str, Any]) -> Plan:
    return Plan.model_validate({**BASE, "versions": list(versions)})


def test_a_plan_without_versions_is_its_one_version() -> None:
    only = plan()
    (version,) = versions_of(only)
    assert (version.number, version.start, version.end) == (
        1,
        dt.date(2027, 1, 1),
        dt.date(2028, 1, 1),
    )
    assert version.plan is only
    assert in_force(only, dt.date(2027, 9, 1)) is only


def test_a_version_replaces_by_id_adds_removes_and_replaces_whole_values() -> None:
    versioned = plan(
        {
            "from": "2027-07-01",
            "label": "July",
            "components": [
                {"id": "c", "name": "C", "kind": "flat", "measure": "m", "rate": "6%"},
                {"id": "n", "name": "N", "kind": "flat", "measure": "m", "rate": "2%"},
            ],
            "remove_components": ["k"],
            "draw": None,
            "target_incentive": {"amount": 60000},
        }
    )
    first, second = versions_of(versioned)
    assert [c.id for c in first.plan.components] == ["c", "k"]
    assert [(c.id, c.rate) for c in second.plan.components if isinstance(c, FlatComponent)] == [
        ("c", Decimal("0.06")),
        ("n", Decimal("0.02")),
    ]
    assert second.plan.draw is None and first.plan.draw is not None
    assert second.plan.target_incentive is not None
    assert second.plan.target_incentive.amount == 60000
    assert (first.end, second.start, second.end) == (
        dt.date(2027, 7, 1),
        dt.date(2027, 7, 1),
        dt.date(2028, 1, 1),
    )
    assert second.label == "Version 2 (July)" and first.label == "Version 1"
    assert versioned.versions and not second.plan.versions
    assert in_force(versioned, dt.date(2027, 6, 30)).components[0] == first.plan.components[0]
    assert in_force(versioned, dt.date(2027, 7, 1)) == second.plan


def test_a_single_period_uses_the_version_in_force_on_its_first_day() -> None:
    versioned = plan(
        {
            "from": "2027-07-15",
            "components": [{"id": "c", "name": "C", "kind": "flat", "measure": "m", "rate": "6%"}],
        }
    )

    def paid(period: str, day: str) -> Decimal:
        inputs = Inputs.model_validate(
            {
                "period": period,
                "participant": {"id": "P1", "role": "AE"},
                "transactions": [{"id": "T1", "date": day, "amount": 1000}],
            }
        )
        found = calculate(versioned, inputs).component("c")
        assert found is not None
        return found.amount

    assert paid("2027-06", "2027-06-20") == Decimal("50.00")
    assert paid("2027-07", "2027-07-20") == Decimal("50.00")  # July began on version 1
    assert paid("2027-08", "2027-08-20") == Decimal("60.00")
