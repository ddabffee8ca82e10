"""Quotas and target incentives for a window, scaled from their own period, split by
seasonality and prorated for the days a participant is on the plan.

A quota is set per quota period (its ``period``: a month, quarter, half year or year, cut by
the program's calendar). The quota of any window is the sum, over the quota periods it
overlaps, of the quota × the window's share of that quota period:

- the share is split by the quota's ``seasonality`` (each sub-period weighs its share), and
  within a sub-period by months when the window is whole months, else by days;
- proration then multiplies each sub-period's part by the part of it the participant was
  active (on the plan, between hire and leave), counted in the proration unit.

Scopes take these windows:

- ``period``: the calculated period;
- ``to_date``: the whole quota period holding the calculated period (to-date credit builds up
  toward it);
- ``transaction``: the whole quota period holding the deal's date, whatever the length of the
  calculated period, so that the same deal pays the same in a month and in a quarter.

Because proration is applied per seasonal sub-period, a year's prorated quota is the sum of
its prorated quarters, and year-to-date attainment agrees with the quarterly attainments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from icmkit.engine.calendar import Calendar
from icmkit.engine.errors import EngineError
from icmkit.engine.periods import Period, Window, active_units, add_months, length
from icmkit.model.plans import Frequency, Plan, ProrationTarget, ProrationUnit, Quota, Scope

ONE = Decimal(1)


@dataclass(frozen=True)
class Person:
    """One participant on one plan, as the plan math needs them."""

    id: str
    role: str | None = None
    hire_date: date | None = None
    leave_date: date | None = None
    """The last day employed (included)."""
    on_plan: Window | None = None
    """The days on this plan (an assignment); None for the whole plan."""
    quotas: Mapping[str, Decimal] = field(default_factory=dict)
    target_incentive: Decimal | None = None

    @property
    def active_from(self) -> date | None:
        starts = [d for d in (self.hire_date, self.on_plan.start if self.on_plan else None) if d]
        return max(starts) if starts else None

    @property
    def active_to(self) -> date | None:
        """The last active day (included)."""
        ends = [
            d
            for d in (
                self.leave_date,
                self.on_plan.end - timedelta(days=1) if self.on_plan else None,
            )
            if d
        ]
        return min(ends) if ends else None


@dataclass(frozen=True, slots=True)
class Scaled:
    amount: Decimal
    window: Window
    note: str


def _sub_periods(
    quota_period: Window, seasonality: Sequence[Decimal]
) -> list[tuple[Window, Decimal]]:
    """The seasonal sub-periods of a quota period with their weights (one, weight 1, without
    seasonality or when the shares do not divide the period's months evenly)."""
    months = quota_period.months
    if not seasonality or not quota_period.month_aligned or months % len(seasonality):
        return [(quota_period, ONE)]
    step = months // len(seasonality)
    subs: list[tuple[Window, Decimal]] = []
    for index, share in enumerate(seasonality):
        start = add_months(quota_period.start, index * step)
        subs.append((Window(start, add_months(start, step)), share))
    return subs


@dataclass(frozen=True)
class Targets:
    plan: Plan
    person: Person
    period: Period
    calendar: Calendar = field(default_factory=Calendar)

    def _prorates(self, target: ProrationTarget) -> bool:
        proration = self.plan.proration
        if proration is None or target not in proration.applies_to:
            return False
        return self.person.active_from is not None or self.person.active_to is not None

    def _unit(self) -> ProrationUnit:
        proration = self.plan.proration
        return proration.unit if proration is not None else ProrationUnit.DAYS

    def _amount(
        self,
        base: Decimal,
        frequency: Frequency,
        seasonality: Sequence[Decimal],
        window: Window,
        target: ProrationTarget,
    ) -> tuple[Decimal, str]:
        """``base`` (set per ``frequency``) for ``window``, seasonal and prorated."""
        prorate = self._prorates(target)
        unit = self._unit()
        total = Decimal(0)
        full = Decimal(0)
        shares: list[tuple[int, int]] = []
        for quota_period in self.calendar.periods(frequency, window):
            for sub, weight in _sub_periods(quota_period.window, seasonality):
                part = sub.clip(window)
                if part is None:
                    continue
                by_months = sub.month_aligned and part.month_aligned
                share_top, share_bottom = length(part, by_months), length(sub, by_months)
                full += base * weight * share_top / share_bottom
                if prorate:
                    active, units = active_units(
                        part, self.person.active_from, self.person.active_to, unit
                    )
                    shares.append((active, units))
                    total += base * weight * share_top * active / (share_bottom * units)
                else:
                    total += base * weight * share_top / share_bottom
        if not prorate or total == full:
            return total, ""
        if len(shares) == 1:
            ratio = Decimal(shares[0][0]) / Decimal(shares[0][1])
        else:
            ratio = total / full if full else Decimal(0)
        return total, f" prorated by {ratio.normalize():f} ({unit.value} active in {window})"

    def window_for(self, frequency: Frequency, scope: Scope, day: date | None = None) -> Window:
        """The window a value set per ``frequency`` covers in ``scope``."""
        if scope is Scope.TRANSACTION:
            return self.calendar.period_of(frequency, day or self.period.window.start).window
        if scope is Scope.TO_DATE:
            return self.calendar.enclosing(frequency, self.period.window)
        return self.period.window

    def quota(self, quota_id: str, scope: Scope, day: date | None = None) -> Scaled:
        """The quota for ``scope`` in the calculated period (``day``: a deal's date, for
        ``transaction`` scope)."""
        quota = self._quota(quota_id)
        base = self.person.quotas.get(quota.id, quota.amount)
        if base is None:
            raise EngineError(
                f"quota `{quota.id}` has no amount: give it in the plan or in the participant's "
                "quotas"
            )
        window = self.window_for(quota.period, scope, day)
        amount, note = self._amount(
            base, quota.period, quota.seasonality, window, ProrationTarget.QUOTA
        )
        return Scaled(amount, window, note)

    def quota_measure(self, quota_id: str) -> str:
        return self._quota(quota_id).measure

    def quota_frequency(self, quota_id: str) -> Frequency:
        return self._quota(quota_id).period

    def _quota(self, quota_id: str) -> Quota:
        for quota in self.plan.quotas:
            if quota.id == quota_id:
                return quota
        raise EngineError(f"plan {self.plan.id} has no quota `{quota_id}`")

    def target_frequency(self) -> Frequency:
        plan_target = self.plan.target_incentive
        return plan_target.period if plan_target is not None else Frequency.ANNUAL

    def target(self, own: Decimal | None, scope: Scope, window: Window | None = None) -> Scaled:
        """A component's own ``target`` (for the calculated period) or the target incentive
        for ``scope`` (or for ``window``, when given)."""
        if own is not None:
            amount, note = self.prorate(own, ProrationTarget.TARGET_INCENTIVE)
            return Scaled(amount, self.period.window, note)
        plan_target = self.plan.target_incentive
        base = self.person.target_incentive
        if base is None and plan_target is not None:
            base = plan_target.amount
        if base is None:
            raise EngineError("no target incentive: give one in the plan or the participant")
        frequency = self.target_frequency()
        chosen = window or self.window_for(frequency, scope)
        amount, note = self._amount(base, frequency, [], chosen, ProrationTarget.TARGET_INCENTIVE)
        return Scaled(amount, chosen, note)

    def prorate(
        self, value: Decimal, target: ProrationTarget, window: Window | None = None
    ) -> tuple[Decimal, str]:
        """``value`` for the calculated period (or ``window``) prorated when ``target`` is in
        ``applies_to``."""
        chosen = window or self.period.window
        if not self._prorates(target):
            return value, ""
        active, units = active_units(
            chosen, self.person.active_from, self.person.active_to, self._unit()
        )
        if active == units:
            return value, ""
        return (
            value * active / units,
            f" prorated by {(Decimal(active) / Decimal(units)).normalize():f} "
            f"({self._unit().value} active in {chosen})",
        )
