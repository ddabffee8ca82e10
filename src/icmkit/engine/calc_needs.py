"""What a plan needs that the inputs of ``icmkit calc`` may not give.

``calc`` computes one period from data files. A plan whose rules need more than those files
hold (a hierarchy for overrides and rollups, hire dates for proration, the payments of earlier
periods for draws and withheld amounts, manager-entered scores) is refused with a message that
names what is missing: a silent zero would be a wrong payout.
"""

from __future__ import annotations

from icmkit.engine.calc_inputs import Roster
from icmkit.model.plans import (
    CapKind,
    CapLevel,
    Excess,
    GateMiss,
    MboComponent,
    OverrideComponent,
    Plan,
    Scope,
)


def _hierarchy(plan: Plan, roster: Roster | None) -> list[str]:
    overrides = [c.id for c in plan.components if isinstance(c, OverrideComponent)]
    rollup = plan.crediting.rollup is not None
    if not overrides and not rollup:
        return []
    what = (
        f"override component(s) {', '.join(overrides)}"
        if overrides
        else "credit rollup (crediting.rollup)"
    )
    if roster is None:
        return [f"the plan's {what} need(s) the hierarchy: give --roster with a manager column"]
    missing = [name for name in ("manager", "role") if name not in roster.columns]
    if missing:
        return [f"the plan's {what} need(s) the roster's {' and '.join(missing)} column(s)"]
    return []


def _proration(plan: Plan, roster: Roster | None) -> list[str]:
    if plan.proration is None:
        return []
    if roster is None or not {"hire_date", "leave_date"} & roster.columns:
        return [
            "the plan prorates for hires and leavers: give --roster with hire_date and "
            "leave_date columns (empty where the participant was active all along)"
        ]
    return []


def _history(plan: Plan) -> list[str]:
    """Rules whose amounts depend on what earlier periods earned, paid or withheld."""
    found: list[str] = []
    if plan.draw is not None:
        found.append("a draw (its balance and period count come from earlier payments)")
    for component in plan.components:
        cap = component.cap
        if cap is not None and cap.kind is CapKind.REFUNDABLE:
            found.append(f"a refundable cap on `{component.id}` (amounts withheld earlier)")
        to_date = getattr(component, "scope", Scope.PERIOD) is Scope.TO_DATE
        if cap is not None and cap.level in (CapLevel.YEAR, CapLevel.PLAN) and not to_date:
            found.append(f"a {cap.level.value} cap on `{component.id}` (earnings before)")
        if any(gate.on_miss is GateMiss.WITHHOLD for gate in component.gates):
            found.append(f"a withholding gate on `{component.id}` (amounts withheld earlier)")
    payment = plan.payment
    if payment.max_per_period is not None and payment.excess is Excess.CARRY_FORWARD:
        found.append("a maximum payment that carries the excess forward")
    if not found:
        return []
    return [
        "calc computes a period without the payments of earlier periods, and the plan has "
        + "; ".join(found)
    ]


def _scores(plan: Plan) -> list[str]:
    mbo = [c.id for c in plan.components if isinstance(c, MboComponent)]
    if not mbo:
        return []
    return [f"MBO component(s) {', '.join(mbo)} need objective scores, which calc does not read"]


def missing_for_calc(plan: Plan, roster: Roster | None) -> list[str]:
    """Why ``calc`` cannot compute ``plan`` from its inputs (empty when it can)."""
    return [
        *_hierarchy(plan, roster),
        *_proration(plan, roster),
        *_history(plan),
        *_scores(plan),
    ]
