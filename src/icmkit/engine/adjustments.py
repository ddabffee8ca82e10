"""Clawbacks: pay taken back when a credited deal is cancelled.

A deal credited by the end of the calculated period and cancelled inside it, no more than
``window_days`` after its credit date, gives a negative adjustment per clawed component
(``clawback.components``, or every flat, tiered and accelerated component) that paid on it:
-(pay on the deal) × share × f, with f = 1 (``full``) or unserved months / term months
(``pro_rata``; served months are whole months from the credit date to the cancellation).

The pay on the deal, at the ``original`` rate:

- what the deal earned in the period it was credited, when that is known: in a run, the
  commission paid on it then (after multipliers, caps and the tier it fell in among that
  period's other deals); in a single-period test, its ``history.commission_paid``, or what it
  earned in this period's calculation when it was credited in this period;
- otherwise the deal is priced again by the component's function F: with ``transaction``
  scope F(credit); with ``to_date`` scope F(H) - F(H - credit), H the credit to date before
  the period (as if the deal were the last credit before it); with ``period`` scope F(credit),
  as the only credit of its period. A SPIFF pays its amount per qualifying deal.

At the ``current`` rate the deal is priced at the end of this period's position instead.
"""

from __future__ import annotations

from decimal import Decimal

from icmkit.engine.context import Context
from icmkit.engine.crediting import Credit, all_hold
from icmkit.engine.errors import EngineError
from icmkit.engine.numbers import ONE, ZERO, money, round_to, show
from icmkit.engine.periods import whole_months
from icmkit.engine.pricing import PricedComponent, priced
from icmkit.engine.result import Adjustment, ComponentResult
from icmkit.engine.state import ANY
from icmkit.model.plans import (
    AcceleratedComponent,
    AnyComponent,
    Clawback,
    ClawbackMethod,
    ClawbackRate,
    FlatComponent,
    RoundingPoint,
    Scope,
    SpiffComponent,
    TieredComponent,
)

CLAWED_KINDS = (FlatComponent, TieredComponent, AcceleratedComponent)


def _repriced(component: PricedComponent, context: Context, credit: Credit) -> tuple[Decimal, str]:
    """The deal priced again by the component's function (see the module's docstring)."""
    found, _ = priced(component, context, credit.transaction.date)
    price = found.pricing.value
    amount = credit.amount
    rate = context.plan.clawback.rate if context.plan.clawback else ClawbackRate.ORIGINAL
    if found.scope is Scope.TRANSACTION:
        value, how = price(amount), f"F({show(amount, context.places)})"
    elif rate is ClawbackRate.CURRENT:
        start = ZERO
        if found.scope is Scope.TO_DATE:
            start = context.credit_before(found.measure, found.quota, found.selection)
        end = start + context.total(found.measure, context.plan_window(), found.selection)
        value, how = price(end) - price(end - amount), "at the current position"
    elif found.scope is Scope.TO_DATE:
        history = context.credit_before(found.measure, found.quota, found.selection) + amount
        if context.state.credit_to_date is not None:
            history = context.state.credit_to_date.get(found.measure, ZERO)
        value = price(history) - price(history - amount)
        how = (
            f"last {show(amount, context.places)} of the "
            f"{show(history, context.places)} credited before the period"
        )
    else:
        value, how = price(amount), "as the only credit of its period"
    factor = ONE
    for multiplier in component.multipliers:
        if all_hold(multiplier.when, credit.transaction):
            factor *= multiplier.factor
    return value * factor, how


def _paid_on(
    component: AnyComponent,
    context: Context,
    credit: Credit,
    now: dict[str, ComponentResult],
) -> tuple[Decimal, str] | None:
    """What ``component`` paid on the cancelled deal, and how that is known."""
    deal = credit.transaction.id
    rate = context.plan.clawback.rate if context.plan.clawback else ClawbackRate.ORIGINAL
    state = context.state
    if rate is ClawbackRate.ORIGINAL:
        if (component.id, deal) in state.paid_per_deal:
            return state.paid_per_deal[(component.id, deal)], "as paid when credited"
        if (ANY, deal) in state.paid_per_deal:
            return state.paid_per_deal[(ANY, deal)], "as paid when credited (history)"
        if context.period.window.contains(credit.transaction.date):
            current = now.get(component.id)
            earned = (
                next((d.earned for d in current.deals if d.id == deal), None) if current else None
            )
            if earned is not None:
                return earned, "as earned this period"
    if isinstance(component, SpiffComponent):
        if not all_hold(component.when, credit.transaction) or credit.amount <= 0:
            return None
        return component.amount, "the SPIFF paid on it"
    if isinstance(component, PricedComponent):
        return _repriced(component, context, credit)
    return None


def _factor(rule: Clawback, credit: Credit) -> tuple[Decimal, str]:
    deal = credit.transaction
    factor = rule.share
    how_much = f"share {show(rule.share)}"
    if rule.method is ClawbackMethod.PRO_RATA:
        if deal.term_months is None:
            raise EngineError(f"transaction {deal.id}: a pro-rata clawback needs `term_months`")
        assert deal.cancelled_on is not None
        served = min(whole_months(deal.date, deal.cancelled_on), deal.term_months)
        unserved = deal.term_months - served
        factor *= Decimal(unserved) / Decimal(deal.term_months)
        how_much += f" × unserved {unserved}/{deal.term_months} months"
    return factor, how_much


def _clawed(rule: Clawback, context: Context) -> list[AnyComponent]:
    if rule.components:
        return [c for c in context.plan.components if c.id in rule.components]
    return [c for c in context.plan.components if isinstance(c, CLAWED_KINDS)]


def clawbacks(context: Context, results: list[ComponentResult]) -> list[Adjustment]:
    rule = context.plan.clawback
    found: list[Adjustment] = []
    window = context.period.window
    rounding = context.plan.rounding
    now = {r.id: r for r in results}
    for credit in context.credits.cancellable():
        deal = credit.transaction
        if deal.cancelled_on is None:
            continue
        if not window.contains(deal.cancelled_on):
            continue
        label = f"clawback {deal.id}"
        if rule is None:
            found.append(Adjustment(label, ZERO, "cancelled, but the plan has no clawback rule"))
            continue
        if deal.date >= window.end:
            found.append(
                Adjustment(label, ZERO, f"credited after the period, on {deal.date}: nothing paid")
            )
            continue
        days = (deal.cancelled_on - deal.date).days
        if days > rule.window_days:
            found.append(
                Adjustment(
                    label,
                    ZERO,
                    f"cancelled {days} days after crediting, "
                    f"outside the {rule.window_days}-day window",
                )
            )
            continue
        if deal.id in context.excluded and window.contains(deal.date):
            found.append(
                Adjustment(
                    label,
                    ZERO,
                    "cancelled in the period it was credited: not credited, nothing to take back",
                )
            )
            continue
        factor, how_much = _factor(rule, credit)
        for component in _clawed(rule, context):
            if getattr(component, "measure", None) != credit.measure:
                continue
            paid = _paid_on(component, context, credit, now)
            if paid is None:
                continue
            value, how = paid
            amount = -value * factor
            if rounding.at is not RoundingPoint.PAYOUT:
                amount = round_to(amount, rounding)
            found.append(
                Adjustment(
                    f"{label} ({component.id})",
                    amount,
                    f"cancelled {days} days after crediting; "
                    f"commission {money(value, context.places)} ({how}) × {how_much}",
                    component.id,
                    deal.id,
                )
            )
    return found
