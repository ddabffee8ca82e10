"""Each component kind's earnings for the period, with multipliers, thresholds, gates and caps.

Commission kinds (flat, tiered, accelerated, quota_bonus, override) price credit with one
function F of a cumulative amount (see ``tiers``). Transactions are taken in date order;
each earns F(running total after it) - F(running total before it), where the running total
starts at 0 for ``period`` scope and at the credit to date for ``to_date`` scope; with
``transaction`` scope each earns F(its own credit). The sum is therefore F(end) - F(start),
whatever the order, and each transaction's share of it is known for multipliers and
per-deal caps.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from icmkit.engine.context import Context
from icmkit.engine.crediting import Credit, all_hold, team_members
from icmkit.engine.errors import EngineError
from icmkit.engine.numbers import ONE, ZERO, money, percent, round_to, show
from icmkit.engine.periods import Window
from icmkit.engine.result import ComponentResult
from icmkit.engine.targets import Scaled
from icmkit.engine.tiers import Limited, PayCurve, Pricing, RateTable, Slice, table_from
from icmkit.model.plans import (
    AcceleratedComponent,
    AnyComponent,
    Axis,
    CapKind,
    CapLevel,
    FlatComponent,
    GateMiss,
    MboComponent,
    OverrideBasis,
    OverrideComponent,
    ProrationTarget,
    QuotaBonusComponent,
    RoundingPoint,
    Scope,
    SpiffComponent,
    ThresholdPay,
    TieredComponent,
)

PricedComponent = (
    FlatComponent | TieredComponent | AcceleratedComponent | QuotaBonusComponent | OverrideComponent
)


@dataclass(frozen=True)
class Priced:
    """A commission component's pricing function and what it is applied to."""

    pricing: Pricing
    scope: Scope
    measure: str
    owners: set[str] | None


def component_window(component: AnyComponent, context: Context) -> Window | None:
    """The part of the period (and plan window) the component is in effect; None if none."""
    window = context.plan_window()
    if component.effective is not None:
        end = component.effective.to or window.end
        window = Window(max(window.start, component.effective.from_), min(window.end, end))
    return window if window.start < window.end else None


def _quota(component: PricedComponent, context: Context, scope: Scope, why: str) -> Scaled:
    quota = component.quota
    if quota is None:
        raise EngineError(f"component `{component.id}` needs a quota for {why}")
    found = context.targets.quota(quota, scope)
    if found.amount <= 0:
        raise EngineError(f"component `{component.id}`: quota `{quota}` is 0 for this period")
    return found


def _quota_amount(component: PricedComponent, context: Context, scope: Scope, why: str) -> Decimal:
    return _quota(component, context, scope, why).amount


def _base_pricing(component: PricedComponent, context: Context) -> tuple[Pricing, list[str]]:
    notes: list[str] = []
    places = context.places
    if isinstance(component, FlatComponent | OverrideComponent):
        return RateTable((Slice(ZERO, None, component.rate, places),)), notes
    if isinstance(component, TieredComponent):
        rows = [(t.from_, t.to, t.rate) for t in component.tiers]
        scale = ONE
        if component.axis is Axis.ATTAINMENT:
            quota = _quota(component, context, component.scope, "attainment tiers")
            scale = quota.amount
            notes.append(
                f"tier bounds are fractions of the quota {show(scale, places)}{quota.note}"
            )
        return table_from(rows, scale, component.method, places), notes
    if isinstance(component, AcceleratedComponent):
        bands = _quota(component, context, component.scope, "accelerator bands")
        rows = [(b.from_, b.to, component.base_rate * b.multiplier) for b in component.bands]
        notes.append(
            f"bands are fractions of the quota {show(bands.amount, places)}{bands.note}"
        )
        return table_from(rows, bands.amount, component.method, places), notes
    curve_quota = _quota(component, context, component.scope, "the pay curve")
    target = context.targets.target(component.target, component.scope)
    notes.append(
        f"target {show(target.amount, places)}{target.note}, "
        f"quota {show(curve_quota.amount, places)}{curve_quota.note}"
    )
    curve = PayCurve(
        tuple(sorted(component.curve, key=lambda p: p.attainment)),
        target.amount,
        curve_quota.amount,
        component.interpolation,
        component.above_last,
        places,
    )
    return curve, notes


def priced(component: PricedComponent, context: Context) -> tuple[Priced, list[str]]:
    """The component's pricing F with its attainment cap and same-scope threshold applied."""
    base, notes = _base_pricing(component, context)
    cap_at: Decimal | None = None
    if component.cap is not None and component.cap.attainment is not None:
        quota = _quota_amount(component, context, component.scope, "an attainment cap")
        cap_at = component.cap.attainment * quota
    threshold: Decimal | None = None
    on_excess = False
    found = component.threshold
    if found is not None and found.scope is component.scope:
        threshold = found.attainment * _quota_amount(component, context, found.scope, "a threshold")
        on_excess = found.pay is ThresholdPay.ON_EXCESS
    owners: set[str] | None = None
    if isinstance(component, OverrideComponent):
        if component.basis is OverrideBasis.TEAM_EARNINGS:
            raise EngineError(
                f"component `{component.id}`: an override on team earnings needs the team's "
                "earnings, which a test case does not give"
            )
        members = team_members(
            context.me,
            context.inputs.team,
            component.levels,
            component.include_roles,
            component.exclude_roles,
        )
        owners = {m.id for m in members}
        notes.append("team: " + (", ".join(sorted(owners)) if owners else "nobody"))
    pricing = Limited(base, cap_at, threshold, on_excess, context.places)
    return Priced(pricing, component.scope, component.measure, owners), notes


def _factor(component: AnyComponent, credit: Credit, counts: dict[str, int]) -> tuple[Decimal, str]:
    factor = ONE
    applied: list[str] = []
    for multiplier in component.multipliers:
        if not all_hold(multiplier.when, credit.transaction):
            continue
        counts[multiplier.id] = counts.get(multiplier.id, 0) + 1
        if multiplier.first_deals is not None and counts[multiplier.id] > multiplier.first_deals:
            continue
        factor *= multiplier.factor
        applied.append(f"× {show(multiplier.factor)} ({multiplier.id})")
    return factor, " ".join(applied)


def _deal_cap(component: AnyComponent, context: Context) -> Decimal | None:
    cap = component.cap
    if cap is None or cap.level is not CapLevel.DEAL:
        return None
    return _cap_amount(component, context)


def _cap_amount(component: AnyComponent, context: Context) -> Decimal | None:
    cap = component.cap
    if cap is None:
        return None
    limits: list[Decimal] = []
    if cap.amount is not None:
        limits.append(cap.amount)
    if cap.multiple_of_target is not None:
        own = getattr(component, "target", None)
        scope = getattr(component, "scope", Scope.PERIOD)
        if scope is Scope.TRANSACTION:
            scope = Scope.PERIOD  # a cap limits a period's earnings, deal by deal or not
        limits.append(cap.multiple_of_target * context.targets.target(own, scope).amount)
    if not limits:
        return None
    limit, _ = context.targets.prorate(min(limits), ProrationTarget.CAP)
    return limit


def _commission(component: PricedComponent, context: Context, window: Window) -> ComponentResult:
    result = ComponentResult(component.id, component.kind, places=context.places)
    found, notes = priced(component, context)
    pricing = found.pricing
    rounding = context.plan.rounding
    credits = context.own(found.measure, window, found.owners)
    start = context.credit_before(found.measure) if found.scope is Scope.TO_DATE else ZERO
    if found.scope is Scope.TO_DATE:
        notes.append(f"credit to date before this period {show(start, context.places)}")
    result.lines.extend(notes)
    per_deal = _deal_cap(component, context)
    per_transaction = found.scope is Scope.TRANSACTION
    summary = isinstance(component, QuotaBonusComponent | OverrideComponent)
    if (
        not context.explain
        and not per_transaction
        and per_deal is None
        and (not component.multipliers and rounding.at is not RoundingPoint.TRANSACTION)
    ):
        end = start + sum((c.amount for c in credits), ZERO)
        result.amount = pricing.value(end) - pricing.value(start)
        result.lines.append(
            f"credit {show(end - start, context.places)}: {pricing.explain(start, end)}"
        )
        return result
    counts: dict[str, int] = {}
    running = start
    total = ZERO
    for credit in credits:
        after = running + credit.amount
        if per_transaction:
            earned = pricing.value(credit.amount)
        else:
            earned = pricing.value(after) - pricing.value(running)
        factor, kicker = _factor(component, credit, counts)
        earned *= factor
        capped = ""
        if per_deal is not None and earned > per_deal:
            result.capped += earned - per_deal
            capped = f"; capped at {show(per_deal, context.places)} per deal"
            earned = per_deal
        if rounding.at is RoundingPoint.TRANSACTION:
            earned = round_to(earned, rounding)
        total += earned
        if context.explain and not summary:
            text = (
                pricing.explain(ZERO, credit.amount)
                if per_transaction
                else pricing.explain(running, after)
            )
            shown = (
                f"{credit.label} {credit.transaction.date.isoformat()} "
                f"credit {show(credit.amount, context.places)}"
            )
            result.lines.append(
                f"{shown}: {text}{capped}{' ' + kicker if kicker else ''} = "
                f"{money(earned, context.places)}"
            )
        running = after
    if summary or not context.explain:
        result.lines.append(
            f"credit {show(running - start, context.places)}: {pricing.explain(start, running)}"
        )
    if not credits:
        result.lines.append("no credited transactions in the period")
    result.amount = total
    return result


def _mbo(component: MboComponent, context: Context) -> ComponentResult:
    result = ComponentResult(component.id, component.kind, places=context.places)
    target = context.targets.target(component.target, Scope.PERIOD)
    scores = context.inputs.scores
    parts: list[str] = []
    total = ZERO
    for objective in component.objectives:
        score = scores.get(objective.id)
        if score is None:
            parts.append(f"{objective.id} not scored (0)")
            continue
        total += objective.weight * score
        parts.append(f"{objective.id} {percent(objective.weight)} × {show(score)}")
    result.lines.append(f"score {show(total)} = " + " + ".join(parts))
    if component.min_score is not None and total < component.min_score:
        result.lines.append(f"below the minimum score {show(component.min_score)}: nothing paid")
        return result
    if total > component.max_score:
        result.lines.append(f"score capped at {show(component.max_score)}")
        total = component.max_score
    result.amount = target.amount * total
    result.lines.append(
        f"target {show(target.amount, context.places)}{target.note} × {show(total)}"
    )
    return result


def _spiff(component: SpiffComponent, context: Context, window: Window) -> ComponentResult:
    result = ComponentResult(component.id, component.kind, places=context.places)
    spiff_end = component.window.to or window.end
    inside = Window(max(window.start, component.window.from_), min(window.end, spiff_end))
    events = [
        c
        for c in (context.own(component.measure, inside) if inside.start < inside.end else [])
        if c.amount > 0 and all_hold(component.when, c.transaction)
    ]
    count = len(events)
    names = ", ".join(c.label for c in events) or "none"
    result.lines.append(
        f"qualifying events in {component.window.from_} to {spiff_end} (excluded): {names}"
    )
    if component.max_events is not None and count > component.max_events:
        result.lines.append(f"{count} events, at most {component.max_events} paid")
        count = component.max_events
    result.amount = component.amount * count
    result.lines.append(f"{count} × {show(component.amount, context.places)}")
    return result


def _threshold_gate(component: AnyComponent, context: Context) -> str | None:
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
    quota = _quota_amount(component, context, scope, "a threshold")
    attained = context.attainment_base(component.measure, scope) / quota
    if attained >= threshold.attainment:
        return None
    shown = percent(attained.quantize(Decimal("0.0001")))
    return f"threshold {percent(threshold.attainment)} not reached ({shown})"


def _gates(component: AnyComponent, context: Context, result: ComponentResult) -> bool:
    """Say whether every gate is open; explain each in ``result``."""
    open_all = True
    for gate in component.gates:
        scope = Scope.PERIOD if gate.scope is Scope.TRANSACTION else gate.scope
        quota = context.targets.quota(gate.quota, scope).amount
        if quota <= 0:
            raise EngineError(f"gate on `{gate.quota}`: the quota is 0 for this period")
        base = context.attainment_base(context.targets.quota_measure(gate.quota), scope)
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


def _period_cap(component: AnyComponent, context: Context, result: ComponentResult) -> None:
    cap = component.cap
    if cap is None or cap.level is CapLevel.DEAL:
        return
    limit = _cap_amount(component, context)
    if limit is None:
        return
    room = limit
    if cap.level in (CapLevel.YEAR, CapLevel.PLAN):
        if isinstance(component, PricedComponent) and component.scope is Scope.TO_DATE:
            found, _ = priced(component, context)
            earlier = found.pricing.value(context.credit_before(component.measure))
        else:
            earlier = context.inputs.history.earned_to_date
        room = max(limit - earlier, ZERO)
        where = (
            f"{cap.level.value} cap {show(limit, context.places)}, "
            f"{show(earlier, context.places)} earned before"
        )
    else:
        where = f"cap {show(limit, context.places)} per period"
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
    elif cap.kind is CapKind.REFUNDABLE and context.inputs.history.cap_withheld > 0:
        release = min(context.inputs.history.cap_withheld, room - result.amount)
        if release > 0:
            result.released = release
            result.amount += release
            result.lines.append(
                f"{where}: {money(release, context.places)} withheld earlier released"
            )


def compute(component: AnyComponent, context: Context) -> ComponentResult:
    """One component's earnings in the period, rounded where the plan says."""
    window = component_window(component, context)
    if window is None:
        return ComponentResult(
            component.id, component.kind, ZERO, ["not in effect this period"], places=context.places
        )
    if isinstance(component, MboComponent):
        result = _mbo(component, context)
    elif isinstance(component, SpiffComponent):
        result = _spiff(component, context, window)
    else:
        result = _commission(component, context, window)
    closed = _threshold_gate(component, context)
    if closed is not None:
        result.lines.append(f"{closed}: {money(result.amount, context.places)} not paid")
        result.amount = ZERO
    if not _gates(component, context, result):
        result.amount = ZERO
    _period_cap(component, context, result)
    if context.plan.rounding.at is not RoundingPoint.PAYOUT:
        result.amount = round_to(result.amount, context.plan.rounding)
    return result
