"""What limits a component's earnings in a period: thresholds on another scope, gates, and caps.

Caps:

- ``deal``: each deal's earnings (see ``components``);
- ``component`` / ``period``: the component's earnings in the calculated period;
- ``year`` / ``plan``: the component's earnings in the plan year (or the whole plan), so the
  cap is reduced by what the component earned before the period. A ``multiple_of_target``
  on such a cap is a multiple of the target for that whole window (2 × the annual target on
  a quarterly-paid plan), prorated for a participant who is on the plan for part of it.

A refundable cap withholds what is over and releases it when a later period leaves room; a
gate that withholds keeps the earnings of closed periods and pays them once it opens (in a
run; a single-period test has no earlier withheld amounts to release).
"""

from __future__ import annotations

from decimal import Decimal

from icmkit.engine.context import Context
from icmkit.engine.errors import EngineError
from icmkit.engine.numbers import ZERO, money, percent, show
from icmkit.engine.periods import Window
from icmkit.engine.pricing import PricedComponent, priced, threshold_level
from icmkit.engine.result import ComponentResult
from icmkit.engine.state import ANY
from icmkit.model.plans import (
    AnyComponent,
    CapKind,
    CapLevel,
    GateMiss,
    ProrationTarget,
    Scope,
    ThresholdPay,
)


def _cap_window(component: AnyComponent, context: Context) -> Window | None:
    """The window a year or plan cap limits (None for a cap per period or per deal)."""
    cap = component.cap
    if cap is None or cap.level not in (CapLevel.YEAR, CapLevel.PLAN):
        return None
    if cap.level is CapLevel.YEAR:
        return context.calendar.year_window(context.period.window.start)
    effective = context.plan.effective
    return Window(effective.from_, effective.to or context.period.window.end)


def cap_amount(component: AnyComponent, context: Context) -> Decimal | None:
    """The component's payout cap in money for its window, prorated where the plan says."""
    cap = component.cap
    if cap is None:
        return None
    window = _cap_window(component, context)
    limits: list[Decimal] = []
    if cap.amount is not None:
        limits.append(context.targets.prorate(cap.amount, ProrationTarget.CAP, window)[0])
    if cap.multiple_of_target is not None:
        own = getattr(component, "target", None)
        scope = getattr(component, "scope", Scope.PERIOD)
        if scope is Scope.TRANSACTION:
            scope = Scope.PERIOD  # a cap limits a period's earnings, deal by deal or not
        if window is not None and own is None:
            target = context.targets.target(None, scope, window)
        else:
            target = context.targets.target(own, scope)
        limit = cap.multiple_of_target * target.amount
        if not target.note:  # the target was not prorated: prorate the cap, once
            limit = context.targets.prorate(limit, ProrationTarget.CAP, window)[0]
        limits.append(limit)
    if not limits:
        return None
    return min(limits)


def deal_cap(component: AnyComponent, context: Context) -> Decimal | None:
    cap = component.cap
    if cap is None or cap.level is not CapLevel.DEAL:
        return None
    return cap_amount(component, context)


def threshold_gate(component: AnyComponent, context: Context) -> str | None:
    """A threshold measured in another scope than the component's: why it is closed, or None."""
    threshold = component.threshold
    if threshold is None or not isinstance(component, PricedComponent):
        return None
    if threshold.scope is component.scope:
        return None
    if threshold.pay is ThresholdPay.ON_EXCESS:
        raise EngineError(
            f"component `{component.id}`: an on_excess threshold must use the component's scope"
        )
    scope = Scope.PERIOD if threshold.scope is Scope.TRANSACTION else threshold.scope
    level = threshold_level(component, context, scope)
    assert level is not None
    found, _ = priced(component, context)
    base = context.attainment_base(
        component.measure, scope is Scope.TO_DATE, component.quota, found.selection
    )
    if base >= level:
        return None
    if threshold.amount is not None:
        return f"threshold {show(level, context.places)} not reached ({show(base, context.places)})"
    attained = base / level * (threshold.attainment or ZERO)
    shown = percent(attained.quantize(Decimal("0.0001")))
    return f"threshold {percent(threshold.attainment or ZERO)} not reached ({shown})"


def gates(component: AnyComponent, context: Context, result: ComponentResult) -> bool:
    """Say whether every gate is open; explain each in ``result``."""
    open_all = True
    for gate in component.gates:
        scope = Scope.PERIOD if gate.scope is Scope.TRANSACTION else gate.scope
        quota = context.targets.quota(gate.quota, scope).amount
        if quota <= 0:
            raise EngineError(f"gate on `{gate.quota}`: the quota is 0 for this period")
        measure = context.targets.quota_measure(gate.quota)
        base = context.attainment_base(measure, scope is Scope.TO_DATE, gate.quota)
        attained = base / quota
        shown = (
            f"{show(base, context.places)} / {show(quota, context.places)} = "
            f"{percent(attained.quantize(Decimal('0.0001')))}"
        )
        if attained >= gate.min_attainment:
            result.lines.append(
                f"gate `{gate.quota}` open: {shown} ≥ {percent(gate.min_attainment)}"
            )
            continue
        open_all = False
        what = "forfeited" if gate.on_miss is GateMiss.FORFEIT else "withheld until the gate opens"
        result.lines.append(
            f"gate `{gate.quota}` closed: {shown} < {percent(gate.min_attainment)}; "
            f"{money(result.amount, context.places)} {what}"
        )
    return open_all


def withholds(component: AnyComponent) -> bool:
    return any(gate.on_miss is GateMiss.WITHHOLD for gate in component.gates)


def release_withheld(component: AnyComponent, context: Context, result: ComponentResult) -> None:
    """Pay what closed gates withheld in earlier periods, now that they are open."""
    earlier = context.state.gate_withheld.get(component.id, ZERO)
    if earlier > 0:
        result.released += earlier
        result.gate_withheld = -earlier
        result.amount += earlier
        result.lines.append(
            f"{money(earlier, context.places)} withheld while the gate was closed, released"
        )


def _earned_before(component: AnyComponent, context: Context) -> Decimal:
    """The component's earnings in the cap's window before this period."""
    if context.in_run:
        key = (
            component.id
            if component.cap and component.cap.level is CapLevel.YEAR
            else (f"{component.id}@plan")
        )
        return context.state.component_earned.get(key, ZERO)
    if isinstance(component, PricedComponent) and component.scope is Scope.TO_DATE:
        found, _ = priced(component, context)
        before = context.credit_before(component.measure, component.quota, found.selection)
        return found.pricing.value(before)
    return context.state.earned_to_date


def period_cap(component: AnyComponent, context: Context, result: ComponentResult) -> None:
    cap = component.cap
    if cap is None or cap.level is CapLevel.DEAL:
        return
    limit = cap_amount(component, context)
    if limit is None:
        return
    room = limit
    if cap.level in (CapLevel.YEAR, CapLevel.PLAN):
        earlier = _earned_before(component, context)
        room = max(limit - earlier, ZERO)
        where = (
            f"{cap.level.value} cap {show(limit, context.places)}, "
            f"{show(earlier, context.places)} earned before"
        )
    else:
        where = f"cap {show(limit, context.places)} per period"
    withheld = context.state.cap_withheld
    earlier_withheld = withheld.get(component.id, withheld.get(ANY, ZERO))
    if result.amount > room:
        over = result.amount - room
        result.capped = over
        result.amount = room
        if cap.kind is CapKind.REFUNDABLE:
            result.withheld = over
            result.lines.append(
                f"{where}: {money(over, context.places)} withheld for later periods"
            )
        else:
            result.lines.append(f"{where}: {money(over, context.places)} above it not paid")
    elif cap.kind is CapKind.REFUNDABLE and earlier_withheld > 0:
        release = min(earlier_withheld, room - result.amount)
        if release > 0:
            result.released = release
            result.amount += release
            result.lines.append(
                f"{where}: {money(release, context.places)} withheld earlier released"
            )
