"""What a plan needs that the inputs of ``icmkit calc`` may not give.

``calc`` computes periods from data files (from the start of the fiscal year, so earlier
payments, draw balances and withheld amounts are computed, not assumed). A plan whose rules
need more than those files hold (a hierarchy for overrides and rollups, hire dates for
proration and new-hire draws, manager-entered scores) is refused with a message that names
what is missing: a silent zero would be a wrong payout.
"""

from __future__ import annotations

from icmkit.engine.calc_roster import Roster
from icmkit.model.plan_choices import DrawEligibility, DrawStart
from icmkit.model.plans import (
    MboComponent,
    OverrideComponent,
    Plan,
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


def _hire_dates(plan: Plan, roster: Roster | None) -> list[str]:
    """A draw for new hires, or counted from the hire date, needs the hire dates."""
    draw = plan.draw
    if draw is None:
        return []
    by_hire = draw.eligible is DrawEligibility.NEW_HIRES or draw.counted_from is DrawStart.HIRE_DATE
    if by_hire and (roster is None or "hire_date" not in roster.columns):
        return ["the plan's draw depends on hire dates: give --roster with a hire_date column"]
    return []


def _scores(plan: Plan, has_scores: bool) -> list[str]:
    mbo = [c.id for c in plan.components if isinstance(c, MboComponent)]
    if not mbo or has_scores:
        return []
    return [f"MBO component(s) {', '.join(mbo)} need objective scores: give --scores"]


def missing_for_calc(plan: Plan, roster: Roster | None, has_scores: bool = False) -> list[str]:
    """Why ``calc`` cannot compute ``plan`` from its inputs (empty when it can)."""
    return [
        *_hierarchy(plan, roster),
        *_proration(plan, roster),
        *_hire_dates(plan, roster),
        *_scores(plan, has_scores),
    ]
