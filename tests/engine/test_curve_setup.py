"""How a pay curve is set up: the period it is charted over (the whole year for credit to
date, the quota's period for a to-date component), the target it pays against, and where it
ends when a cap in money binds late."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.engine.test_curves import EXAMPLES

from icmkit.engine.case_setup import calendar_of
from icmkit.engine.curves import CurveAxis, PayCurve, PayPoint, pay_curve
from icmkit.model.plans import Frequency, Plan, Scope

LUMEN = EXAMPLES["lumen-analytics"]


def _plan(plan_id: str) -> Plan:
    return next(p for p in LUMEN.plans if p.id == plan_id)


def _changed(plan_id: str, component_id: str, **update: Any) -> Plan:
    """The example plan with one component changed."""
    plan = _plan(plan_id)
    components = [
        c.model_copy(update=update) if c.id == component_id else c for c in plan.components
    ]
    return plan.model_copy(update={"components": components})


def _curve(plan: Plan, component_id: str) -> PayCurve:
    return pay_curve(plan, component_id, calendar=calendar_of(LUMEN))


def test_a_gate_on_credit_to_date_charts_the_whole_year() -> None:
    """4% of services bookings, forfeited below 50% of the annual new-ARR quota to date: the
    axis is that quota over the year, not the month the plan pays."""
    curve = _curve(_plan("PLAN-AE-2027"), "services_commission")
    assert (curve.axis, curve.period, curve.frequency) == (
        CurveAxis.ATTAINMENT,
        "2027",
        Frequency.ANNUAL,
    )
    assert (curve.quota, curve.quota_amount, curve.reference) == (
        "q_new_arr",
        Decimal(900000),
        Decimal(100000),
    )
    assert curve.points == [
        PayPoint(Decimal(0), Decimal("0.00"), False, ("start",)),
        PayPoint(Decimal("0.5"), Decimal("0.00"), True, ("gate",)),
        PayPoint(Decimal("0.5"), Decimal("4000.00"), False, ("gate",)),
        PayPoint(Decimal("2.00"), Decimal("4000.00"), False, ("end",)),
    ]


def test_a_to_date_component_on_a_quarterly_quota_charts_the_quarter() -> None:
    curve = _curve(
        _changed("PLAN-SDR-2027", "pipeline_bonus", scope=Scope.TO_DATE), "pipeline_bonus"
    )
    assert (curve.period, curve.frequency, curve.quota_amount) == (
        "2027-Q1",
        Frequency.QUARTERLY,
        Decimal(600000),
    )


def test_a_quota_bonus_without_its_own_target_pays_against_the_plan_s() -> None:
    """24,000 a year paid quarterly: 6,000 at 100%, twice that at 150%; no default stands in."""
    curve = _curve(_changed("PLAN-SDR-2027", "pipeline_bonus", target=None), "pipeline_bonus")
    assert (curve.target, curve.defaults) == (Decimal(24000), ())
    assert [(p.x, p.payout) for p in curve.points if not p.below] == [
        (Decimal(0), Decimal("0.00")),
        (Decimal("0.5"), Decimal("1500.00")),
        (Decimal("1.0"), Decimal("6000.00")),
        (Decimal("1.5"), Decimal("12000.00")),
        (Decimal("2.00"), Decimal("12000.00")),
    ]


def test_a_cap_in_money_binding_past_200_percent_moves_the_end_past_it() -> None:
    """1.5% of team credit capped at 40,500: the cap binds at 240% of the 1,125,000 quarterly
    quota, and the chart runs on to 275% to show it flat."""
    plan = _plan("PLAN-MGR-2027")
    override = next(c for c in plan.components if c.id == "team_override")
    assert override.cap is not None
    cap = override.cap.model_copy(update={"amount": Decimal(40500)})
    curve = _curve(_changed("PLAN-MGR-2027", "team_override", cap=cap), "team_override")
    assert curve.points == [
        PayPoint(Decimal(0), Decimal("0.00"), False, ("start",)),
        PayPoint(Decimal("2.40"), Decimal("40500.00"), False, ("cap",)),
        PayPoint(Decimal("2.75"), Decimal("40500.00"), False, ("end",)),
    ]
