"""Clawbacks: commission taken back when a credited deal is cancelled.

A deal cancelled inside the tested period, no more than ``window_days`` after its credit
date, gives a negative adjustment per commission component that priced it:
-(commission on the deal) × share × f, with f = 1 (``full``) or unserved months / term
months (``pro_rata``; served months are whole months from the credit date to the
cancellation).

The commission on the deal is priced by the component's own function F:
- ``transaction`` scope: F(credit).
- ``to_date`` scope, ``original`` rate, deal credited before the period: F(H) - F(H - credit),
  where H is the credit to date before the period, as if the deal were the last credit
  before the period (the inputs do not say where it fell). ``current`` rate: the same at the
  end of the tested period.
- ``period`` scope, deal credited before the period: F(credit), as the only credit of its
  period (the inputs do not hold that period's other deals).
- A deal credited in the tested period: what it earned in this period's calculation.
Multipliers whose conditions hold apply (``first_deals`` limits are not re-counted).
"""

from __future__ import annotations

from decimal import Decimal

from icmkit.engine.components import PricedComponent, priced
from icmkit.engine.context import Context
from icmkit.engine.crediting import Credit, all_hold
from icmkit.engine.errors import EngineError
from icmkit.engine.numbers import ONE, ZERO, money, round_to, show
from icmkit.engine.periods import whole_months
from icmkit.engine.result import Adjustment
from icmkit.model.plans import (
    AcceleratedComponent,
    ClawbackMethod,
    ClawbackRate,
    FlatComponent,
    RoundingPoint,
    Scope,
    TieredComponent,
)

CLAWED_KINDS = (FlatComponent, TieredComponent, AcceleratedComponent)


def _commission_on(
    component: PricedComponent, context: Context, credit: Credit
) -> tuple[Decimal, str]:
    found, _ = priced(component, context)
    price = found.pricing.value
    amount = credit.amount
    rate = context.plan.clawback.rate if context.plan.clawback else ClawbackRate.ORIGINAL
    in_period = context.period.window.contains(credit.transaction.date)
    if found.scope is Scope.TRANSACTION:
        value, how = price(amount), f"F({show(amount, context.places)})"
    elif in_period or rate is ClawbackRate.CURRENT:
        start = context.credit_before(found.measure) if found.scope is Scope.TO_DATE else ZERO
        period_credits = context.own(found.measure, context.plan_window(), found.owners)
        end = start + sum((c.amount for c in period_credits), ZERO)
        if in_period:
            running = start
            value = ZERO
            for other in period_credits:
                if other is credit or other.transaction.id == credit.transaction.id:
                    value = price(running + amount) - price(running)
                    break
                running += other.amount
            how = "as earned this period"
        else:
            value, how = price(end) - price(end - amount), "at the current position"
    elif found.scope is Scope.TO_DATE:
        history = context.inputs.history.credit_to_date.get(found.measure, ZERO)
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


def clawbacks(context: Context) -> list[Adjustment]:
    rule = context.plan.clawback
    found: list[Adjustment] = []
    window = context.period.window
    rounding = context.plan.rounding
    for credit in context.all_credits:
        deal = credit.transaction
        if credit.owner != context.me or deal.cancelled_on is None:
            continue
        if not window.contains(deal.cancelled_on):
            continue
        label = f"clawback {deal.id}"
        if rule is None:
            found.append(Adjustment(label, ZERO, "cancelled, but the plan has no clawback rule"))
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
        factor = rule.share
        how_much = f"share {show(rule.share)}"
        if rule.method is ClawbackMethod.PRO_RATA:
            if deal.term_months is None:
                raise EngineError(f"transaction {deal.id}: a pro-rata clawback needs `term_months`")
            served = min(whole_months(deal.date, deal.cancelled_on), deal.term_months)
            unserved = deal.term_months - served
            factor *= Decimal(unserved) / Decimal(deal.term_months)
            how_much += f" × unserved {unserved}/{deal.term_months} months"
        for component in context.plan.components:
            if not isinstance(component, CLAWED_KINDS) or component.measure != credit.measure:
                continue
            paid, how = _commission_on(component, context, credit)
            amount = -paid * factor
            if rounding.at is not RoundingPoint.PAYOUT:
                amount = round_to(amount, rounding)
            found.append(
                Adjustment(
                    f"{label} ({component.id})",
                    amount,
                    f"cancelled {days} days after crediting; "
                    f"commission {money(paid, context.places)} ({how}) × {how_much}",
                )
            )
    return found
