"""From earnings to payout: what is due, draws and their recovery, limits, holds and cash.

In order, for one calculation period:

1. **Cash release.** Under ``release: on_cash``, commission on a deal waits for the customer's
   cash: what the deal earned is held, and released in proportion to the receipts.
2. **What is due.** Earnings accrue until the period that ends a payment period (or the
   participant's last period); then what accrued is due — or, with ``true_up``, earned to
   date less paid to date.
3. **Draw.** A draw period ending in this period pays its draw. On a payment date the draws
   advanced since the last one are settled against what is due: a ``guarantee`` tops due up
   to them (a recoverable shortfall goes to the balance), an ``advance`` is paid on top (a
   recoverable one goes to the balance). A balance is then recovered from what is due above
   the draws, within the recovery limits.
4. **Limits.** The minimum and maximum payment per period (the excess carried forward or
   forfeited).
5. **Holds.** In a run, money due is paid ``hold_days`` after the period ends (a
   single-period test shows the payout that is due, with the release date as a step).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from icmkit.engine.calendar import Calendar
from icmkit.engine.context import Context
from icmkit.engine.numbers import ZERO, money
from icmkit.engine.periods import Window
from icmkit.engine.result import PayoutResult
from icmkit.engine.state import Held, State
from icmkit.model.plan_choices import (
    DrawBasis,
    DrawEligibility,
    DrawKind,
    DrawStart,
    Excess,
    OnTermination,
    ProrationTarget,
    RecoveryBase,
    Release,
)
from icmkit.model.plans import Draw, Frequency

CASH_KINDS = ("flat", "tiered", "accelerated")


@dataclass
class Settlement:
    """What one period's payment changes in the carried state."""

    unpaid: Decimal = ZERO
    advanced: Decimal = ZERO
    balance: Decimal = ZERO
    draw_periods: int = 0
    settled: Decimal = ZERO
    """Commission settled (for ``paid_to_date``)."""
    payments: int = 0
    carried_forward: Decimal = ZERO
    held: list[Held] = field(default_factory=list)
    on_cash: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    cash_released: dict[tuple[str, str], Decimal] = field(default_factory=dict)


def _cash(context: Context, result: PayoutResult, out: Settlement) -> Decimal:
    """Hold commission for cash; return earnings due now (held part out, releases in)."""
    if context.plan.payment.release is not Release.ON_CASH:
        return result.earnings
    state = context.state
    out.on_cash = dict(state.on_cash)
    out.cash_released = dict(state.cash_released)
    deals = context.credits.own_deals()
    held_now = ZERO
    for component in result.components:
        if component.kind not in CASH_KINDS:
            continue
        for deal in component.deals:
            key = (component.id, deal.id)
            out.on_cash[key] = out.on_cash.get(key, ZERO) + deal.earned
            held_now += deal.earned
    released = ZERO
    end = context.period.window.end
    for (component_id, deal_id), earned in out.on_cash.items():
        transaction = deals.get(deal_id)
        if transaction is None or not transaction.amount:
            continue
        cash = sum((r.amount for r in transaction.receipts if r.date < end), ZERO)
        share = min(cash / transaction.amount, Decimal(1))
        due = earned * share - out.cash_released.get((component_id, deal_id), ZERO)
        if due:
            out.cash_released[(component_id, deal_id)] = earned * share
            released += due
    cash_fmt = partial(money, places=context.places)
    result.steps.append(
        f"released on cash: {cash_fmt(released)} of commission; {cash_fmt(held_now)} earned "
        "this period waits for the customer's payment"
    )
    return result.earnings - held_now + released


def _first_draw_day(context: Context, draw: Draw) -> date:
    person = context.person
    counted = draw.counted_from or (
        DrawStart.HIRE_DATE if draw.eligible is DrawEligibility.NEW_HIRES else DrawStart.PLAN_START
    )
    plan_start = context.plan.effective.from_
    if person.on_plan is not None:
        plan_start = max(plan_start, person.on_plan.start)
    if counted is DrawStart.HIRE_DATE and person.hire_date is not None:
        return max(person.hire_date, plan_start)
    return plan_start


def draw_periods(
    context: Context, draw: Draw, frequency: Frequency
) -> tuple[list[tuple[int, Window]], bool]:
    """The draw periods that end in this period (their numbers from 1, and windows), and
    whether the draw still runs in this period."""
    calendar: Calendar = context.calendar
    first = calendar.period_of(frequency, _first_draw_day(context, draw)).window.start
    window = context.period.window
    if window.end <= first:
        return [], False
    found: list[tuple[int, Window]] = []
    numbers = 0
    for number, period in enumerate(calendar.periods(frequency, Window(first, window.end)), 1):
        numbers = number
        ends_inside = window.start < period.window.end <= window.end
        if ends_inside and number <= draw.periods:
            found.append((number, period.window))
    return found, numbers <= draw.periods


def _eligible(context: Context, draw: Draw) -> bool:
    if draw.eligible is DrawEligibility.EVERYONE:
        return True
    hired = context.person.hire_date
    return hired is not None and hired >= context.plan.effective.from_


def _draws_now(context: Context, draw: Draw, result: PayoutResult) -> tuple[Decimal, bool]:
    """The draws paid in this period, and whether the draw still runs."""
    cash = partial(money, places=context.places)
    if not _eligible(context, draw):
        return ZERO, False
    if not context.in_run:
        number = context.state.draw_periods_paid + 1
        running = number <= draw.periods
        if not running:
            return ZERO, False
        amount, note = context.targets.prorate(draw.amount, ProrationTarget.DRAW)
        result.steps.append(f"draw period {number} of {draw.periods}: {cash(amount)}{note}")
        return amount, True
    frequency = draw.frequency or context.plan.payment.frequency
    total = ZERO
    ending, running = draw_periods(context, draw, frequency)
    for number, window in ending:
        amount, note = context.targets.prorate(draw.amount, ProrationTarget.DRAW, window)
        result.steps.append(f"draw period {number} of {draw.periods}: {cash(amount)}{note}")
        total += amount
    return total, running


def draw_level(context: Context, draw: Draw) -> Decimal:
    """The draw a payment stands for: the draw amount times the draw periods that end in the
    payment period (three for a monthly draw on a quarterly-paid plan; one when the draw is
    paid with each payment)."""
    if not context.in_run or draw.frequency is None:
        return draw.amount
    paying = context.calendar.period_of(
        context.plan.payment.frequency, context.period.window.start
    ).window
    periods = context.calendar.periods(draw.frequency, paying)
    count = sum(1 for p in periods if paying.start < p.window.end <= paying.end)
    return draw.amount * max(count, 1)


def _settle_draw(
    context: Context,
    draw: Draw,
    due: Decimal,
    advanced: Decimal,
    running: bool,
    result: PayoutResult,
    out: Settlement,
) -> Decimal:
    """Commission paid now after settling the draws advanced and recovering the balance."""
    cash = partial(money, places=context.places)
    state = context.state
    balance = out.balance
    recoverable = draw.kind is DrawKind.RECOVERABLE
    if draw.basis is DrawBasis.GUARANTEE:
        net = due - advanced
        if net < 0:
            if recoverable:
                balance += -net
                result.steps.append(
                    f"topped up to the draw {cash(advanced)}; shortfall {cash(-net)} added to "
                    f"the balance, now {cash(balance)}"
                )
            else:
                result.steps.append(f"topped up to the draw {cash(advanced)}; nothing owed back")
            out.balance = balance
            return ZERO
        paid = net
        if advanced:
            result.steps.append(f"due {cash(due)} less draws paid {cash(advanced)} = {cash(net)}")
    else:
        paid = due
        if recoverable and advanced:
            balance += advanced
            result.steps.append(f"draws {cash(advanced)} added to the balance, now {cash(balance)}")
    started = state.payments_settled + 1 > draw.recovery.starts_after
    if draw.basis is DrawBasis.ADVANCE and running:
        started = False  # an advance is recovered once the draws stop, not from themselves
    recovery = draw.recovery
    if recoverable and balance > 0 and started and paid > 0:
        above_draw = recovery.base is RecoveryBase.ABOVE_DRAW
        base = paid
        how = f"balance {cash(balance)}"
        if above_draw:
            level = draw_level(context, draw)
            base = min(paid, max(due - level, ZERO))
            how += f", from what is due above the draw level {cash(level)}"
        recovered = min(balance, base)
        if running and draw.basis is DrawBasis.GUARANTEE and not above_draw:
            how = f"min(balance {cash(balance)}, due {cash(due)} - draw {cash(advanced)})"
        elif not running or above_draw:
            if recovery.max_share_of_earnings is not None:
                recovered = min(recovered, recovery.max_share_of_earnings * due)
                how += f", at most {recovery.max_share_of_earnings.normalize():f} × {cash(due)}"
            if recovery.max_amount is not None:
                recovered = min(recovered, recovery.max_amount)
                how += f", at most {cash(recovery.max_amount)}"
        recovered = max(recovered, ZERO)
        balance -= recovered
        paid -= recovered
        result.draw_recovered = recovered
        result.steps.append(f"draw recovery {cash(recovered)} ({how}); balance now {cash(balance)}")
    out.balance = balance
    return paid


def _leaver(
    context: Context, draw: Draw | None, paid: Decimal, result: PayoutResult, out: Settlement
) -> Decimal:
    leave = context.person.leave_date
    cash = partial(money, places=context.places)
    if draw is None or leave is None or not context.period.window.contains(leave):
        return paid
    if out.balance <= 0:
        return paid
    if draw.on_termination is OnTermination.FORGIVE:
        result.steps.append(f"left in the period: draw balance {cash(out.balance)} forgiven")
        out.balance = ZERO
        return paid
    taken = min(out.balance, max(paid, ZERO))
    out.balance -= taken
    result.steps.append(f"left in the period: {cash(taken)} of the draw balance recovered")
    return paid - taken


def _limits(context: Context, paid: Decimal, result: PayoutResult, out: Settlement) -> Decimal:
    payment = context.plan.payment
    cash = partial(money, places=context.places)
    if payment.min_per_period is not None and paid < payment.min_per_period:
        result.steps.append(f"raised to the minimum payment {cash(payment.min_per_period)}")
        paid = payment.min_per_period
    if payment.max_per_period is not None and paid > payment.max_per_period:
        excess = paid - payment.max_per_period
        if payment.excess is Excess.CARRY_FORWARD:
            result.carried_forward = excess
            out.carried_forward = excess
            result.steps.append(
                f"maximum payment {cash(payment.max_per_period)}: {cash(excess)} carried forward"
            )
        else:
            result.steps.append(
                f"maximum payment {cash(payment.max_per_period)}: {cash(excess)} forfeited"
            )
        paid = payment.max_per_period
    return paid


def _holds(context: Context, paid: Decimal, result: PayoutResult, out: Settlement) -> Decimal:
    """In a run, money due is paid ``hold_days`` after the period ends; earlier holds whose
    day has come are paid now."""
    days = context.plan.payment.hold_days
    cash = partial(money, places=context.places)
    window = context.period.window
    waiting = list(context.state.held)
    if days and paid:
        release = window.end + timedelta(days=days - 1)
        if context.in_run:
            waiting.append(Held(release, paid, context.period.label))
            result.steps.append(f"{cash(paid)} held until {release.isoformat()}")
            paid = ZERO
        else:
            result.steps.append(f"released {days} days after the period ends")
    elif days and not context.in_run:
        result.steps.append(f"released {days} days after the period ends")
    due = [h for h in waiting if h.release < window.end]
    for held in due:
        result.steps.append(f"{cash(held.amount)} held from {held.what} released")
        paid += held.amount
    out.held = [h for h in waiting if h.release >= window.end]
    return paid


def pay(context: Context, result: PayoutResult) -> tuple[Decimal, Settlement]:
    """The payout for the period from ``result.earnings``; records each step in ``result``
    and returns what the period changes in the carried state."""
    payment = context.plan.payment
    state: State = context.state
    cash = partial(money, places=context.places)
    out = Settlement(
        unpaid=state.unpaid,
        advanced=state.advanced,
        balance=state.draw_balance,
        draw_periods=state.draw_periods_paid,
        payments=state.payments_settled,
        carried_forward=ZERO,
    )
    earned_now = _cash(context, result, out)
    out.unpaid = state.unpaid + earned_now
    draw = context.plan.draw
    draws = ZERO
    running = False
    if draw is not None:
        draws, running = _draws_now(context, draw, result)
        if draws:
            out.draw_periods += 1
    result.draw_paid = draws
    advanced = state.advanced + draws
    paid = draws
    if not context.pays:
        out.advanced = advanced
        out.carried_forward = state.carried_forward
        result.steps.append(
            f"{cash(earned_now)} accrues to the next payment ({cash(out.unpaid)} so far)"
        )
    else:
        due = out.unpaid + state.carried_forward
        if payment.true_up:
            due = state.earned_to_date + result.earnings - state.paid_to_date
            result.steps.append(
                f"true-up: earned to date {cash(state.earned_to_date)} + "
                f"{cash(result.earnings)} - paid to date {cash(state.paid_to_date)} = {cash(due)}"
            )
        elif state.unpaid or state.carried_forward:
            result.steps.append(
                f"due: {cash(out.unpaid)} accrued"
                + (
                    f" + {cash(state.carried_forward)} carried forward"
                    if state.carried_forward
                    else ""
                )
                + f" = {cash(due)}"
            )
        out.settled = due
        commission = due
        if draw is not None and _eligible(context, draw):
            commission = _settle_draw(context, draw, due, advanced, running, result, out)
        paid += commission
        paid = _leaver(context, draw, paid, result, out)
        paid = _limits(context, paid, result, out)
        out.unpaid = ZERO
        out.advanced = ZERO
        out.payments += 1
    paid = _holds(context, paid, result, out)
    result.draw_balance = out.balance
    result.held = sum((h.amount for h in out.held), ZERO) + sum(
        (earned - out.cash_released.get(key, ZERO) for key, earned in out.on_cash.items()),
        ZERO,
    )
    return paid, out


def payment_dates(calendar: Calendar, frequency: Frequency, day: date) -> Window:
    """The payment period holding ``day``."""
    return calendar.period_of(frequency, day).window
