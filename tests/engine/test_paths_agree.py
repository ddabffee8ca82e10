"""The batch path (``calc``) and the explained path (test cases) compute the same amounts.

``calc`` prices a scope's total at once where nothing needs each transaction's share
(``explain=False``), and reaches the engine through ``batch.calculate_period`` with rows read
from a file. Both must give exactly what a test case's run gives: every example test case and a
generated corpus of plans (multipliers, per-deal caps, thresholds, gates, every scope, tier
method and rounding point) go through both paths and are compared amount by amount.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.engine.conftest import make_plan

from icmkit.engine.batch import calculate_window
from icmkit.engine.calc_inputs import Row, Transactions
from icmkit.engine.calculate import calculate
from icmkit.engine.case_setup import case_setup
from icmkit.engine.errors import EngineError
from icmkit.engine.periods import Window
from icmkit.engine.result import PayoutResult
from icmkit.engine.run import run
from icmkit.loading.program_loader import load_working_tree
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program
from icmkit.model.testing import Inputs, TestCase

ROOT = Path(__file__).resolve().parents[2]
QUARTER = Window(dt.date(2027, 1, 1), dt.date(2027, 4, 1))
PROGRAMS = [
    ROOT / "examples" / "lumen-analytics",
    ROOT / "examples" / "harbor-supply",
    ROOT / "tests" / "fixtures" / "minimal",
]


def amounts(result: PayoutResult) -> dict[str, Decimal]:
    """Every amount of a result, explanations aside."""
    found = {f"component {c.id}": c.amount for c in result.components}
    found |= {f"capped {c.id}": c.capped for c in result.components}
    found |= {f"withheld {c.id}": c.withheld for c in result.components}
    found |= {f"released {c.id}": c.released for c in result.components}
    found |= {f"adjustment {i} {a.label}": a.amount for i, a in enumerate(result.adjustments)}
    found |= {
        "earnings": result.earnings,
        "payout": result.payout,
        "draw balance": result.draw_balance,
        "carried forward": result.carried_forward,
    }
    return found


def _example_cases() -> list[tuple[str, Plan, TestCase, Program]]:
    cases: list[tuple[str, Plan, TestCase, Program]] = []
    for root in PROGRAMS:
        program = load_working_tree(root, use_cache=False).program
        plans = {plan.id: plan for plan in program.plans}
        for case in program.test_cases:
            plan = plans.get(case.plan or "")
            if plan is not None and case.is_calculation:
                cases.append((case.id, plan, case, program))
    return cases


EXAMPLE_CASES = _example_cases()


def test_the_examples_hold_calculation_cases() -> None:
    assert len(EXAMPLE_CASES) >= 35
    assert sum(1 for *_, case, _ in EXAMPLE_CASES if case.given and case.given.periods) >= 3


def _run(case: TestCase, plan: Plan, program: Program, explain: bool) -> list[PayoutResult]:
    setup = case_setup(case, plan, program)
    setup.options.explain = explain
    assert case.given is not None
    return run(
        setup.seats,
        case.given.transactions,
        setup.hierarchy,
        setup.window,
        setup.options,
        setup.participant,
    )


@pytest.mark.parametrize(
    ("case_id", "plan", "case", "program"),
    EXAMPLE_CASES,
    ids=[case_id for case_id, *_ in EXAMPLE_CASES],
)
def test_every_example_case_gives_the_same_amounts_on_both_paths(
    case_id: str, plan: Plan, case: TestCase, program: Program
) -> None:
    assert case.given is not None
    if case.given.periods is None:
        explained = [calculate(plan, case.given)]
        batch = [calculate(plan, case.given, explain=False)]
    else:
        explained = _run(case, plan, program, explain=True)
        batch = _run(case, plan, program, explain=False)
    assert [amounts(r) for r in batch] == [amounts(r) for r in explained], case_id


# ---- a generated corpus ----------------------------------------------------------------------

money = st.decimals(min_value=-5000, max_value=400000, places=2, allow_nan=False)
rates = st.sampled_from(["0%", "2.5%", "5%", "8%", "10%", "12.5%", "0.3333"])
factors = st.sampled_from(["0.5", "1.25", "1.5", "2", "3"])
days = st.integers(min_value=0, max_value=89).map(lambda n: dt.date(2027, 1, 1) + dt.timedelta(n))


@st.composite
def components(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["flat", "tiered", "accelerated", "quota_bonus"]))
    scope = draw(st.sampled_from(["transaction", "period", "to_date"]))
    found: dict[str, Any] = {"id": "c", "name": "C", "kind": kind, "measure": "arr"}
    if kind == "flat":
        found |= {"rate": draw(rates), "scope": scope}
    elif kind == "tiered":
        edge = draw(st.sampled_from([1000, 50000, 120000]))
        found |= {
            "method": draw(st.sampled_from(["marginal", "retroactive"])),
            "scope": scope,
            "tiers": [
                {"from": 0, "to": edge, "rate": draw(rates)},
                {"from": edge, "rate": draw(rates)},
            ],
        }
    elif kind == "accelerated":
        found |= {
            "quota": "q",
            "base_rate": draw(rates),
            "method": draw(st.sampled_from(["marginal", "retroactive"])),
            "scope": scope,
            "bands": [
                {"from": 0, "to": "0.5", "multiplier": "0.5"},
                {"from": "0.5", "to": 1, "multiplier": 1},
                {"from": 1, "multiplier": draw(factors)},
            ],
        }
    else:
        found |= {
            "quota": "q",
            "target": 10000,
            "scope": "period" if scope == "transaction" else scope,
            "curve": [{"attainment": "0.5", "payout": "0.25"}, {"attainment": 1, "payout": 1}],
            "above_last": draw(st.sampled_from(["cap", "extend"])),
        }
    if draw(st.booleans()):
        found["multipliers"] = [
            {
                "id": "kicker",
                "factor": draw(factors),
                "when": [{"field": "kind", "equals": "new"}],
                **({"first_deals": draw(st.integers(1, 3))} if draw(st.booleans()) else {}),
            }
        ]
    cap_level = draw(st.sampled_from([None, "deal", "component"]))
    if cap_level is not None:
        found["cap"] = {"amount": draw(st.sampled_from([500, 5000, 20000])), "level": cap_level}
    if draw(st.booleans()) and kind in ("flat", "tiered") and scope != "transaction":
        found["quota"] = "q"
        found["threshold"] = {
            "attainment": draw(st.sampled_from(["0.25", "0.5"])),
            "pay": draw(st.sampled_from(["from_first_dollar", "on_excess"])),
            "scope": scope,
        }
    if draw(st.booleans()):
        found["gates"] = [{"quota": "q", "min_attainment": "0.1", "scope": "period"}]
    return found


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Plan, Inputs, list[Row]]:
    rounding = {
        "places": draw(st.sampled_from([0, 2])),
        "at": draw(st.sampled_from(["transaction", "component", "payout"])),
    }
    plan = make_plan(
        draw(components()),
        quotas=[{"id": "q", "measure": "arr", "period": "quarterly", "amount": 300000}],
        rounding=rounding,
        payment={"frequency": "quarterly"},
    )
    deals = draw(st.lists(st.tuples(days, money, st.booleans()), min_size=0, max_size=8))
    rows = [
        Row(
            f"T{i}",
            day,
            amount,
            None,
            "P1",
            Decimal(1),
            {"kind": "new" if new else "renewal"},
            None,
            None,
        )
        for i, (day, amount, new) in enumerate(deals)
    ]
    transactions = [
        {
            "id": row.id,
            "date": row.date,
            "amount": row.amount,
            "attributes": dict(row.attributes),
        }
        for row in rows
    ]
    inputs = Inputs.model_validate(
        {"period": "2027-Q1", "participant": {"id": "P1"}, "transactions": transactions}
    )
    return plan, inputs, rows


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenarios())
def test_generated_plans_give_the_same_amounts_on_every_path(
    scenario: tuple[Plan, Inputs, list[Row]],
) -> None:
    plan, inputs, rows = scenario
    try:
        explained = calculate(plan, inputs)
    except EngineError as error:
        with pytest.raises(EngineError):
            calculate(plan, inputs, explain=False)
        with pytest.raises(EngineError):
            calculate_window([plan], QUARTER, Transactions({"P1": rows}))
        assert str(error)
        return
    batch = calculate(plan, inputs, explain=False)
    assert amounts(batch) == amounts(explained)
    if rows:
        (from_file,) = calculate_window([plan], QUARTER, Transactions({"P1": rows}))
        assert amounts(from_file) == amounts(explained)
