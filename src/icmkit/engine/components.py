"""Each component kind's earnings for the period, with multipliers, thresholds, gates and caps.

Commission kinds (flat, tiered, accelerated, quota_bonus, override) price credit with one
function F of a cumulative amount (see ``pricing``). Transactions are taken in date order;
each earns F(running total after it) - F(running total before it), where the running total
starts at 0 for ``period`` scope and at the credit to date for ``to_date`` scope; with
``transaction`` scope each earns F(its own credit). The sum is therefore F(end) - F(start),
whatever the order, and each transaction's share of it is known for multipliers, per-deal
caps, clawbacks at the rate paid and commission released on cash.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from icmkit.engine.context import Context
from icmkit.engine.crediting import Credit, all_hold, rollup_selection
from icmkit.engine.deal_needs import needs_each_deal
from icmkit.engine.limits import (
    deal_cap,
    gates,
    period_cap,
    release_withheld,
    threshold_gate,
    withholds,
)
from icmkit.engine.numbers import ONE, ZERO, money, percent, round_to, show
from icmkit.engine.periods import Window
from icmkit.engine.pricing import Priced, PricedComponent, needs_deal_date, priced
from icmkit.engine.result import ComponentResult, DealEarning
from icmkit.engine.tiers import Pricing
from icmkit.model.plans import (
    AnyComponent,
    MboComponent,
    OverrideComponent,
    QuotaBonusComponent,
    RoundingPoint,
    Scope,
    SpiffComponent,
)


def component_window(component: AnyComponent, context: Context) -> Window | None:
    """The part of the period (and plan window) the component is in effect; None if none."""
    window = context.plan_window()
    if component.effective is not None:
        end = component.effective.to or window.end
        window = Window(max(window.start, component.effective.from_), min(window.end, end))
    return window if window.start < window.end else None


def _why_not(context: Context) -> str:
    """Why a component pays nothing in the period: the participant is not there, or the
    component (or plan) is not in effect."""
    period, person = context.period.window, context.person
    if person.leave_date is not None and person.leave_date < period.start:
        return f"not in effect this period: the participant left on {person.leave_date}"
    if person.hire_date is not None and person.hire_date >= period.end:
        return f"not in effect this period: the participant starts on {person.hire_date}"
    return "not in effect this period"


def _factor(
    component: AnyComponent, credit: Credit, context: Context, counts: dict[str, int]
) -> tuple[Decimal, str]:
    factor = ONE
    applied: list[str] = []
    for multiplier in component.multipliers:
        if not all_hold(multiplier.when, credit.transaction):
            continue
        earlier = context.state.first_deals.get((component.id, multiplier.id), 0)
        counts[multiplier.id] = counts.get(multiplier.id, 0) + 1
        if multiplier.first_deals is not None and earlier + counts[multiplier.id] > (
            multiplier.first_deals
        ):
            continue
        factor *= multiplier.factor
        applied.append(f"× {show(multiplier.factor)} ({multiplier.id})")
    return factor, " ".join(applied)


def _cancellable(
    context: Context, found: Priced, window: Window, start: Decimal
) -> list[DealEarning]:
    """What each deal that is ever cancelled earned, for a clawback at the rate paid (the
    others need no share of their own when the period is priced as a whole): its credit
    priced after the credit before it in the period."""
    selection = found.selection or rollup_selection(context.plan)
    pricing = found.pricing
    chosen = [
        credit
        for credit in context.credits.cancelled()
        if credit.measure == found.measure
        and window.contains(credit.transaction.date)
        and credit.transaction.id not in context.excluded
        and selection.takes(credit)
    ]
    befores = context.credits.befores(chosen, window.start, selection, context.excluded)
    result: list[DealEarning] = []
    for credit, before in zip(chosen, befores, strict=True):
        running = start + before
        after = running + credit.amount
        tier = pricing.tier_at(after)
        result.append(
            DealEarning(
                credit.label,
                credit.amount,
                pricing.value(after) - pricing.value(running),
                tier[0] if tier else None,
                tier[1] if tier else None,
            )
        )
    return result


def _commission(component: PricedComponent, context: Context, window: Window) -> ComponentResult:
    result = ComponentResult(component.id, component.kind, places=context.places)
    found, notes = priced(component, context)
    rounding = context.plan.rounding
    start = ZERO
    if found.scope is Scope.TO_DATE:
        start = context.credit_before(found.measure, found.quota, found.selection)
        notes.append(f"credit to date before this period {show(start, context.places)}")
    result.lines.extend(notes)
    summary = isinstance(component, QuotaBonusComponent | OverrideComponent)
    if not needs_each_deal(component, context.plan, context.explain):
        pricing = found.pricing
        end = start + context.total(found.measure, window, found.selection)
        result.amount = pricing.value(end) - pricing.value(start)
        result.lines.append(
            f"credit {show(end - start, context.places)}: {pricing.explain(start, end)}"
        )
        if context.plan.clawback is not None:
            result.deals = _cancellable(context, found, window, start)
        return result
    credits = context.own(found.measure, window, found.selection)
    per_deal = deal_cap(component, context)
    per_transaction = found.scope is Scope.TRANSACTION
    by_window: dict[date, Pricing] = {}
    dated = needs_deal_date(component)
    counts: dict[str, int] = {}
    running = start
    total = ZERO
    for credit in credits:
        pricing = found.pricing
        if dated and component.quota is not None:
            frequency = context.targets.quota_frequency(component.quota)
            day = credit.transaction.date
            key = context.targets.window_for(frequency, Scope.TRANSACTION, day).start
            cached = by_window.get(key)
            if cached is None:
                cached = by_window[key] = priced(component, context, day)[0].pricing
            pricing = cached
        after = running + credit.amount
        if per_transaction:
            earned = pricing.value(credit.amount)
            tier = pricing.tier_at(credit.amount)
        else:
            earned = pricing.value(after) - pricing.value(running)
            tier = pricing.tier_at(after)
        factor, kicker = _factor(component, credit, context, counts)
        earned *= factor
        capped = ""
        if per_deal is not None and earned > per_deal:
            result.capped += earned - per_deal
            capped = f"; capped at {show(per_deal, context.places)} per deal"
            earned = per_deal
        if rounding.at is RoundingPoint.TRANSACTION:
            earned = round_to(earned, rounding)
        total += earned
        result.deals.append(
            DealEarning(
                credit.label,
                credit.amount,
                earned,
                tier[0] if tier else None,
                tier[1] if tier else None,
            )
        )
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
            f"credit {show(running - start, context.places)}: "
            f"{found.pricing.explain(start, running)}"
        )
    if not credits:
        result.lines.append("no credited transactions in the period")
    result.amount = total
    result.multiplier_counts = counts
    return result


def _mbo(component: MboComponent, context: Context) -> ComponentResult:
    result = ComponentResult(component.id, component.kind, places=context.places)
    target = context.targets.target(component.target, Scope.PERIOD)
    scores = context.scores
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


def _limit_window(component: SpiffComponent, context: Context, day: date) -> date | None:
    """The start of the window ``max_events`` counts in for an event on ``day``."""
    if component.max_events_per is None:
        return component.window.from_ if context.in_run else None
    return context.calendar.period_of(component.max_events_per, day).window.start


def _spiff(component: SpiffComponent, context: Context, window: Window) -> ComponentResult:
    result = ComponentResult(component.id, component.kind, places=context.places)
    spiff_end = component.window.to or window.end
    inside = Window(max(window.start, component.window.from_), min(window.end, spiff_end))
    events = [
        c
        for c in (context.own(component.measure, inside) if inside.start < inside.end else [])
        if c.amount > 0 and all_hold(component.when, c.transaction)
    ]
    last_day = spiff_end - timedelta(days=1)
    days = f"from {component.window.from_} to {last_day}"
    if events:
        result.lines.append(f"qualifying deals {days}: {', '.join(c.label for c in events)}")
    else:
        result.lines.append(f"no qualifying deal {days}")
    paid: list[Credit] = []
    if component.max_events is None:
        paid = events
    else:
        counted = context.state.spiff_events
        used: dict[date | None, int] = {}
        for event in events:
            key = _limit_window(component, context, event.transaction.date)
            if key not in used:
                used[key] = counted.get((component.id, key), counted.get((component.id, None), 0))
            if used[key] < component.max_events:
                used[key] += 1
                paid.append(event)
        if len(paid) < len(events):
            per = (
                f" per {component.max_events_per.value.replace('ly', '')}"
                if component.max_events_per is not None
                else ""
            )
            earlier = sum(
                v for (cid, _), v in context.state.spiff_events.items() if cid == component.id
            )
            before = f", {earlier} paid before" if earlier else ""
            result.lines.append(
                f"{len(events)} events, at most {component.max_events}{per} paid{before}"
            )
    result.amount = component.amount * len(paid)
    result.deals = [DealEarning(c.label, c.amount, component.amount) for c in paid]
    result.lines.append(f"{len(paid)} × {show(component.amount, context.places)}")
    return result


def compute(component: AnyComponent, context: Context) -> ComponentResult:
    """One component's earnings in the period, rounded where the plan says."""
    window = component_window(component, context)
    if window is None:
        return ComponentResult(
            component.id, component.kind, ZERO, [_why_not(context)], places=context.places
        )
    if isinstance(component, MboComponent):
        result = _mbo(component, context)
    elif isinstance(component, SpiffComponent):
        result = _spiff(component, context, window)
    else:
        result = _commission(component, context, window)
    closed = threshold_gate(component, context)
    if closed is not None:
        result.lines.append(f"{closed}: {money(result.amount, context.places)} not paid")
        result.amount = ZERO
        result.deals = []
    if not gates(component, context, result):
        if withholds(component) and context.in_run:
            result.gate_withheld = result.amount
        result.amount = ZERO
        result.deals = []
    elif context.in_run:
        # what an earlier period withheld is paid once the gates are open, even when a later
        # version of the plan no longer withholds (or has no gate at all)
        release_withheld(component, context, result)
    before_cap = result.amount - result.released
    period_cap(component, context, result)
    after_cap = result.amount - result.released
    if result.deals and before_cap and after_cap != before_cap:
        # a period cap paid less: each deal keeps its share of what is paid
        share = after_cap / before_cap
        result.deals = [
            DealEarning(d.id, d.credit, d.earned * share, d.tier, d.rate) for d in result.deals
        ]
    if context.plan.rounding.at is not RoundingPoint.PAYOUT:
        result.amount = round_to(result.amount, context.plan.rounding)
    return result
