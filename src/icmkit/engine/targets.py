"""Quotas and target incentives for a scope of the tested period, prorated where the plan says.

- ``period`` scope: the quota of the tested period. A quota set for a longer period is split
  by its seasonality shares (or evenly by months); one set for a shorter period is added up.
- ``transaction`` scope: a deal's attainment is its credit against the whole quota of the
  quota's own period, whatever the length of the tested period, so that the same deal pays
  the same in a monthly and in a quarterly calculation.
- ``to_date`` scope: the whole quota of the quota's own period holding the tested period
  (the annual quota for an annual quota), because to-date credit accumulates toward it.
- Proration multiplies by the share of that window the participant was active.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from icmkit.engine.errors import EngineError
from icmkit.engine.periods import (
    MONTHS_IN,
    Period,
    Window,
    active_units,
)
from icmkit.model.plans import Frequency, Plan, ProrationTarget, Quota, Scope
from icmkit.model.testing import Participant


@dataclass(frozen=True, slots=True)
class Scaled:
    amount: Decimal
    window: Window
    note: str


def scale(
    amount: Decimal,
    frequency: Frequency,
    seasonality: list[Decimal],
    scope: Scope,
    period: Period,
) -> tuple[Decimal, Window]:
    """``amount`` (set per ``frequency``) for ``scope`` in ``period``, and the window it covers."""
    length = MONTHS_IN[frequency]
    months = period.months
    if scope is Scope.TRANSACTION:
        return amount, period.enclosing(frequency)
    if months > length:
        return amount * months / length, period.window
    enclosing = period.enclosing(frequency)
    if scope is Scope.TO_DATE or months == length:
        return amount, enclosing
    if seasonality and length % len(seasonality) == 0:
        sub = length // len(seasonality)
        offset = enclosing.months - Window(period.window.start, enclosing.end).months
        shares = sum((seasonality[(offset + m) // sub] for m in range(months)), Decimal(0))
        return amount * shares / sub, period.window
    return amount * months / length, period.window


@dataclass(frozen=True)
class Targets:
    plan: Plan
    participant: Participant
    period: Period

    def _prorated(
        self, value: Decimal, window: Window, target: ProrationTarget
    ) -> tuple[Decimal, str]:
        proration = self.plan.proration
        who = self.participant
        if proration is None or target not in proration.applies_to:
            return value, ""
        if who.hire_date is None and who.leave_date is None:
            return value, ""
        active, total = active_units(window, who.hire_date, who.leave_date, proration.unit)
        share = Decimal(active) / Decimal(total)
        if active == total:
            return value, ""
        return (
            value * active / total,
            f" prorated by {share.normalize():f} ({proration.unit.value} active in {window})",
        )

    def quota(self, quota_id: str, scope: Scope) -> Scaled:
        quota = self._quota(quota_id)
        base = self.participant.quotas.get(quota.id, quota.amount)
        if base is None:
            raise EngineError(
                f"quota `{quota.id}` has no amount: give it in the plan or in participant.quotas"
            )
        amount, window = scale(base, quota.period, quota.seasonality, scope, self.period)
        amount, note = self._prorated(amount, window, ProrationTarget.QUOTA)
        return Scaled(amount, window, note)

    def quota_measure(self, quota_id: str) -> str:
        return self._quota(quota_id).measure

    def _quota(self, quota_id: str) -> Quota:
        for quota in self.plan.quotas:
            if quota.id == quota_id:
                return quota
        raise EngineError(f"plan {self.plan.id} has no quota `{quota_id}`")

    def target(self, own: Decimal | None, scope: Scope) -> Scaled:
        """A component's own ``target`` (for the tested period) or the target incentive."""
        if own is not None:
            amount, window = own, self.period.window
        else:
            plan_target = self.plan.target_incentive
            base = self.participant.target_incentive
            if base is None and plan_target is not None:
                base = plan_target.amount
            if base is None:
                raise EngineError("no target incentive: give one in the plan or the participant")
            frequency = plan_target.period if plan_target is not None else Frequency.ANNUAL
            amount, window = scale(base, frequency, [], scope, self.period)
        amount, note = self._prorated(amount, window, ProrationTarget.TARGET_INCENTIVE)
        return Scaled(amount, window, note)

    def prorate(self, value: Decimal, target: ProrationTarget) -> tuple[Decimal, str]:
        """``value`` for the tested period prorated when ``target`` is in ``applies_to``."""
        return self._prorated(value, self.period.window, target)
