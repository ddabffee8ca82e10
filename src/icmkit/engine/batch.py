"""Calculate a whole period from data files, and reconcile the payouts with a legacy register.

Each participant of the period is computed by the same engine as a test case
(``calculate``): their rows of the period, and the rows before it (from the start of the
quota period holding it) as credit to date. With a roster, only participants eligible for the
plan and active in the period get a result, and managers take their team's rows for overrides
and rollups. A plan that needs more than the inputs give is refused (``calc_needs``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from icmkit.engine.calc_inputs import Quotas, Roster, Transactions
from icmkit.engine.calc_needs import missing_for_calc
from icmkit.engine.calculate import calculate
from icmkit.engine.crediting import credits, owners_of, team_members
from icmkit.engine.errors import EngineError
from icmkit.engine.numbers import ZERO
from icmkit.engine.periods import Period, Window, parse_period
from icmkit.engine.result import PayoutResult
from icmkit.model.plans import OverrideComponent, Plan
from icmkit.model.testing import Inputs, Participant


def _to_date_start(plan: Plan, measure: str, period: Period) -> dt.date:
    """Where credit to date starts for ``measure``: the start of the quota period holding the
    calculated period (the shortest one, when several quotas count the measure), else the
    calendar year; never before the plan starts."""
    starts = [
        period.enclosing(quota.period).start for quota in plan.quotas if quota.measure == measure
    ]
    start = max(starts) if starts else dt.date(period.window.start.year, 1, 1)
    return max(start, plan.effective.from_)


def _eligible(plan: Plan, person: Participant, window: Window) -> bool:
    if person.role not in plan.eligibility.roles:
        return False
    if person.hire_date is not None and person.hire_date >= window.end:
        return False
    return person.leave_date is None or person.leave_date >= window.start


def _participants(
    plan: Plan, transactions: Transactions, quotas: Quotas | None, roster: Roster | None,
    window: Window,
) -> list[Participant]:
    if roster is None:
        people = set(transactions.by_participant)
        if quotas is not None:
            people |= set(quotas.quotas) | set(quotas.targets)
        return [Participant(id=who) for who in sorted(people)]
    strangers = sorted(set(transactions.by_participant) - set(roster.people))
    if strangers:
        raise EngineError(
            "participant(s) in the transactions but not on the roster: " + ", ".join(strangers)
        )
    return [p for _, p in sorted(roster.people.items()) if _eligible(plan, p, window)]


def _team_levels(plan: Plan) -> int:
    levels = [c.levels for c in plan.components if isinstance(c, OverrideComponent)]
    if plan.crediting.rollup is not None:
        levels.append(plan.crediting.rollup.levels)
    return max(levels, default=0)


def calculate_period(
    plan: Plan,
    period: str,
    transactions: Transactions,
    quotas: Quotas | None = None,
    roster: Roster | None = None,
) -> list[PayoutResult]:
    """Every participant's result for ``period``, sorted by participant id.

    Raises EngineError when the plan needs what the inputs do not give (see ``calc_needs``).
    """
    missing = missing_for_calc(plan, roster)
    if missing:
        raise EngineError("; ".join(missing))
    calculated = parse_period(period)
    window = calculated.window
    team = list(roster.people.values()) if roster is not None else []
    levels = _team_levels(plan)
    starts = {m.id: _to_date_start(plan, m.id, calculated) for m in plan.measures}
    earliest = min(starts.values())
    results: list[PayoutResult] = []
    for person in _participants(plan, transactions, quotas, roster, window):
        who = person.id
        owners = [who]
        if levels:
            owners += [p.id for p in team_members(who, team, levels, (), ())]
        rows = [r for owner in owners for r in transactions.by_participant.get(owner, [])]
        deals = [
            r
            for r in rows
            if earliest <= r.date < window.end
            or (
                r.date < earliest
                and r.cancelled_on is not None
                and window.contains(r.cancelled_on)
            )
        ]
        participant = person.model_dump(exclude_none=True)
        if quotas is not None:
            participant["quotas"] = quotas.quotas.get(who, {})
            if who in quotas.targets:
                participant["target_incentive"] = quotas.targets[who]
        inputs = Inputs.model_validate(
            {"period": period, "participant": participant, "team": team if levels else []}
        )
        owned = owners_of(plan, who, inputs.team)
        found = credits(plan, deals, who)
        to_date: dict[str, Decimal] = {}
        for credit in found:
            day = credit.transaction.date
            if credit.owner in owned and starts[credit.measure] <= day < window.start:
                to_date[credit.measure] = to_date.get(credit.measure, ZERO) + credit.amount
        inputs.history.credit_to_date = to_date
        try:
            results.append(calculate(plan, inputs, deals, explain=False, credited=found))
        except EngineError as error:
            raise EngineError(f"participant {who}: {error}") from None
    return results


@dataclass(frozen=True)
class Reconciled:
    participant: str
    computed: Decimal | None
    legacy: Decimal | None
    difference: Decimal
    within: bool


def reconcile(
    results: list[PayoutResult], legacy: dict[str, Decimal], tolerance: Decimal
) -> list[Reconciled]:
    """Each participant's computed payout against the legacy one (missing on a side is a miss)."""
    computed = {r.participant: r.payout for r in results}
    found: list[Reconciled] = []
    for who in sorted(set(computed) | set(legacy)):
        ours, theirs = computed.get(who), legacy.get(who)
        difference = (ours or Decimal(0)) - (theirs or Decimal(0))
        within = ours is not None and theirs is not None and abs(difference) <= tolerance
        found.append(Reconciled(who, ours, theirs, difference, within))
    return found
