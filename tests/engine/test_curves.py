"""Pay curves: every component of the examples has one, and its points are what the engine
pays at 0%, at each tier edge (both sides of a jump) and at the cap."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from icmkit.engine.case_runs import run_case
from icmkit.engine.case_setup import calendar_of
from icmkit.engine.curves import CurveAxis, PayCurve, Representative, pay_curve, payout_at
from icmkit.loading.program_loader import load_working_tree
from icmkit.model.plans import Condition, OverrideComponent, Plan
from icmkit.model.program_bundle import Program
from icmkit.model.testing import TestCase

CENT = Decimal("0.01")
REPO = Path(__file__).resolve().parents[2]
EXAMPLES = {
    name: load_working_tree(REPO / "examples" / name, use_cache=False).program
    for name in ("lumen-analytics", "harbor-supply")
}
COMPONENTS = [
    (name, plan.id, component.id)
    for name, program in EXAMPLES.items()
    for plan in program.plans
    for component in plan.components
]


def _curve(name: str, plan_id: str, component_id: str) -> tuple[Program, Plan, PayCurve]:
    program = EXAMPLES[name]
    plan = next(p for p in program.plans if p.id == plan_id)
    return program, plan, pay_curve(plan, component_id, calendar=calendar_of(program))


@pytest.mark.parametrize(("name", "plan_id", "component_id"), COMPONENTS)
def test_every_component_has_a_curve_from_zero_to_its_end(
    name: str, plan_id: str, component_id: str
) -> None:
    _, _, curve = _curve(name, plan_id, component_id)
    xs = [p.x for p in curve.points]
    assert xs == sorted(xs) and xs[0] == 0 and curve.points[0].payout == 0
    if curve.axis is CurveAxis.ATTAINMENT:
        assert xs[-1] >= 2


def _attributes(plan: Plan, measure_id: str, *more: Condition) -> dict[str, object]:
    measure = next(m for m in plan.measures if m.id == measure_id)
    found: dict[str, object] = {}
    for c in [*measure.filter, *more]:
        found[c.field] = c.equals if c.equals is not None else (c.in_ or [""])[0]
    return found


def _as_test_case(
    program: Program, plan: Plan, curve: PayCurve, x: Decimal, below: bool
) -> TestCase:
    """The point as a user would write it: a single-period test case with one deal of the
    credit (and the gated component's own deal) in the curve's period, expecting the
    component's earnings."""
    component = next(c for c in plan.components if c.id == curve.component)
    measure = str(getattr(component, "measure", ""))
    day = calendar_of(program).parse(curve.period).window.start.isoformat()
    credit = x * curve.quota_amount if curve.quota_amount is not None else x
    credit = credit.quantize(CENT) - (CENT if below else 0)
    given: dict[str, object] = {
        "period": curve.period,
        "participant": {"id": "P1", "role": plan.eligibility.roles[0]},
    }
    seller: dict[str, object] = {}
    if isinstance(component, OverrideComponent):
        role = component.include_roles[0] if component.include_roles else None
        given["team"] = [{"id": "T1", "role": role, "manager": "P1"}]
        seller = {"participant": "T1"}
    deals = []
    quota_measure = next((q.measure for q in plan.quotas if q.id == curve.quota), measure)
    if credit:
        deals.append(
            {
                "id": "D1",
                "date": day,
                "amount": credit,
                "measure": quota_measure,
                "attributes": _attributes(plan, quota_measure),
                **seller,
            }
        )
    if curve.reference is not None:
        deals.append(
            {
                "id": "D2",
                "date": day,
                "amount": curve.reference,
                "measure": measure,
                "attributes": _attributes(plan, measure),
            }
        )
    given["transactions"] = deals
    payout = next(p.payout for p in curve.points if p.x == x and p.below == below)
    return TestCase.model_validate(
        {
            "id": "TC-CURVE",
            "title": "A point of the pay curve",
            "stage": "unit",
            "plan": plan.id,
            "given": given,
            "expect": {"components": {component.id: payout}},
        }
    )


CREDIT_CURVES = [
    c for c in COMPONENTS if _curve(*c)[2].axis in (CurveAxis.ATTAINMENT, CurveAxis.AMOUNT)
]


@pytest.mark.parametrize(("name", "plan_id", "component_id"), CREDIT_CURVES)
def test_points_at_zero_each_edge_and_the_cap_match_a_test_case(
    name: str, plan_id: str, component_id: str
) -> None:
    program, plan, curve = _curve(name, plan_id, component_id)
    checked = 0
    for point in curve.points:
        if not {"start", "tier", "threshold", "gate", "cap"} & set(point.marks):
            continue
        run = run_case(_as_test_case(program, plan, curve, point.x, point.below), plan, program)
        assert run.error is None and run.mismatches == [], (point, run.error, run.mismatches)
        checked += 1
    assert checked >= 1


def test_the_account_executive_curve_worked_by_hand() -> None:
    """5% to half of the 900,000 quota, 10% to quota, 15% to 150%, 20% to the 200% cap."""
    _, _, curve = _curve("lumen-analytics", "PLAN-AE-2027", "arr_commission")
    assert [(p.x, p.payout, p.marks) for p in curve.points] == [
        (0, Decimal("0.00"), ("start",)),
        (Decimal("0.5"), Decimal("22500.00"), ("tier",)),
        (Decimal("1.0"), Decimal("67500.00"), ("tier",)),
        (Decimal("1.5"), Decimal("135000.00"), ("tier",)),
        (Decimal("2.0"), Decimal("225000.00"), ("cap",)),
        (Decimal("2.25"), Decimal("225000.00"), ("end",)),
    ]


def test_a_retroactive_jump_has_a_point_on_each_side() -> None:
    _, _, curve = _curve("lumen-analytics", "PLAN-CSM-2027", "renewal_commission")
    at_90 = [(p.below, p.payout) for p in curve.points if p.x == Decimal("0.9")]
    # 0.2% of 1,349,999.99 just below, 0.25% of 1,350,000 at the edge
    assert at_90 == [(True, Decimal("2700.00")), (False, Decimal("3375.00"))]


def test_a_cap_in_money_is_found_where_it_starts_to_bind() -> None:
    _, _, curve = _curve("lumen-analytics", "PLAN-MGR-2027", "team_override")
    (cap,) = [p for p in curve.points if "cap" in p.marks]
    assert cap.payout == Decimal("25000.00")
    assert cap.x * 1125000 * Decimal("0.015") == pytest.approx(Decimal(25000))


def test_score_and_event_curves() -> None:
    _, _, mbo = _curve("lumen-analytics", "PLAN-CSM-2027", "csm_mbo")
    assert [(p.x, p.below, p.payout) for p in mbo.points] == [
        (0, False, Decimal("0.00")),
        (Decimal("0.6"), True, Decimal("0.00")),
        (Decimal("0.6"), False, Decimal("1200.00")),
        (Decimal("1.0"), False, Decimal("2000.00")),
        (Decimal("1.5"), False, Decimal("2000.00")),
    ]
    _, _, spiff = _curve("lumen-analytics", "PLAN-SDR-2027", "enterprise_spiff")
    assert [(p.x, p.payout) for p in spiff.points] == [
        (0, Decimal("0.00")),
        (5, Decimal("1500.00")),
        (7, Decimal("1500.00")),
    ]


def test_a_participant_s_own_quota_moves_the_edges() -> None:
    program = EXAMPLES["lumen-analytics"]
    plan = next(p for p in program.plans if p.id == "PLAN-AE-2027")
    own = pay_curve(
        plan,
        "arr_commission",
        who=Representative({"q_new_arr": Decimal(1000000)}, Decimal(100000)),
        calendar=calendar_of(program),
    )
    assert own.quota_amount == 1000000
    assert [p.payout for p in own.points if p.x == 1] == [Decimal("75000.00")]


@pytest.mark.parametrize(("name", "plan_id", "component_id"), COMPONENTS)
def test_each_point_is_what_the_engine_pays(name: str, plan_id: str, component_id: str) -> None:
    program, plan, curve = _curve(name, plan_id, component_id)
    for point in curve.points:
        if point.below:
            continue
        assert payout_at(plan, component_id, point.x, calendar=calendar_of(program)) == point.payout
