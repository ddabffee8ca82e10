"""Builders for engine tests: small plans and inputs from plain dicts, as in program files."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from icmkit.engine.calculate import calculate
from icmkit.engine.result import PayoutResult
from icmkit.model.plans import Plan
from icmkit.model.testing import Inputs


def make_plan(*components: dict[str, Any], **extra: Any) -> Plan:
    data: dict[str, Any] = {
        "id": "PLAN-T",
        "name": "Test plan",
        "effective": {"from": "2027-01-01", "to": "2028-01-01"},
        "eligibility": {"roles": ["AE"]},
        "measures": [{"id": "arr", "name": "ARR"}, {"id": "services", "name": "Services"}],
        "components": list(components),
    }
    data.update(extra)
    return Plan.model_validate(data)


def tx(tid: str, day: str, amount: int | str, **extra: Any) -> dict[str, Any]:
    return {"id": tid, "date": day, "amount": amount, **extra}


def make_inputs(period: str, *transactions: dict[str, Any], **extra: Any) -> Inputs:
    return Inputs.model_validate({"period": period, "transactions": list(transactions), **extra})


def run(plan: Plan, period: str, *transactions: dict[str, Any], **extra: Any) -> PayoutResult:
    return calculate(plan, make_inputs(period, *transactions, **extra))


def amount_of(result: PayoutResult, component: str) -> Decimal:
    found = result.component(component)
    assert found is not None, f"no component {component}"
    return found.amount


TIERS = [
    {"from": 0, "to": 50000, "rate": "8%"},
    {"from": 50000, "rate": "12%"},
]


def tiered(method: str, scope: str = "period", **extra: Any) -> dict[str, Any]:
    return {
        "id": "commission",
        "name": "Commission",
        "kind": "tiered",
        "measure": "arr",
        "method": method,
        "scope": scope,
        "tiers": TIERS,
        **extra,
    }


def flat(rate: str = "5%", **extra: Any) -> dict[str, Any]:
    return {
        "id": "commission",
        "name": "Commission",
        "kind": "flat",
        "measure": "arr",
        "rate": rate,
        **extra,
    }
