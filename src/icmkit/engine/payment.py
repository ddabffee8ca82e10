"""From earnings to payout: true-up, draw (top-up and recovery), minimum and maximum payment.

Order: the true-up decides what is due (earned to date - paid to date, when the plan says
so); the draw tops what is due up to the guarantee or recovers its balance from it; then the
minimum and maximum per period apply.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from icmkit.engine.context import Context
from icmkit.engine.numbers import ZERO, money
from icmkit.engine.result import PayoutResult
from icmkit.model.plans import DrawKind, Excess, OnTermination, ProrationTarget


def _draw(context: Context, due: Decimal, result: PayoutResult) -> Decimal:
    cash = partial(money, places=context.places)
    draw = context.plan.draw
    history = context.inputs.history
    balance = history.draw_balance
    result.draw_balance = balance
    if draw is None:
        return due
    amount, note = context.targets.prorate(draw.amount, ProrationTarget.DRAW)
    number = history.periods_paid + 1
    running = number <= draw.periods
    started = number > draw.recovery.starts_after
    paid = due
    if running and due < amount:
        paid = amount
        if draw.kind is DrawKind.RECOVERABLE:
            balance += amount - due
            result.steps.append(
                f"draw period {number} of {draw.periods}: topped up to {cash(amount)}{note}; "
                f"shortfall {cash(amount - due)} added to the balance, now {cash(balance)}"
            )
        else:
            result.steps.append(
                f"draw period {number} of {draw.periods}: topped up to {cash(amount)}{note}"
            )
    elif draw.kind is DrawKind.RECOVERABLE and balance > 0 and started and due > 0:
        if running:
            recovered = min(balance, due - amount)
            how = f"min(balance {cash(balance)}, due {cash(due)} - draw {cash(amount)})"
        else:
            recovered = min(balance, due)
            how = f"balance {cash(balance)}"
            if draw.recovery.max_share_of_earnings is not None:
                recovered = min(recovered, draw.recovery.max_share_of_earnings * due)
                how += (
                    f", at most {draw.recovery.max_share_of_earnings.normalize():f} × {cash(due)}"
                )
            if draw.recovery.max_amount is not None:
                recovered = min(recovered, draw.recovery.max_amount)
                how += f", at most {cash(draw.recovery.max_amount)}"
        recovered = max(recovered, ZERO)
        balance -= recovered
        paid = due - recovered
        result.steps.append(f"draw recovery {cash(recovered)} ({how}); balance now {cash(balance)}")
    leave = context.inputs.participant.leave_date
    if leave is not None and context.period.window.contains(leave) and balance > 0:
        if draw.on_termination is OnTermination.FORGIVE:
            result.steps.append(f"left in the period: draw balance {cash(balance)} forgiven")
            balance = ZERO
        else:
            taken = min(balance, max(paid, ZERO))
            balance -= taken
            paid -= taken
            result.steps.append(f"left in the period: {cash(taken)} of the draw balance recovered")
    result.draw_balance = balance
    return paid


def pay(context: Context, result: PayoutResult) -> Decimal:
    """The payout for the period from ``result.earnings``; records each step in ``result``."""
    payment = context.plan.payment
    history = context.inputs.history
    cash = partial(money, places=context.places)
    due = result.earnings
    if payment.true_up:
        due = history.earned_to_date + result.earnings - history.paid_to_date
        result.steps.append(
            f"true-up: earned to date {cash(history.earned_to_date)} + {cash(result.earnings)} "
            f"- paid to date {cash(history.paid_to_date)} = {cash(due)}"
        )
    paid = _draw(context, due, result)
    if payment.min_per_period is not None and paid < payment.min_per_period:
        result.steps.append(f"raised to the minimum payment {cash(payment.min_per_period)}")
        paid = payment.min_per_period
    if payment.max_per_period is not None and paid > payment.max_per_period:
        excess = paid - payment.max_per_period
        if payment.excess is Excess.CARRY_FORWARD:
            result.carried_forward = excess
            result.steps.append(
                f"maximum payment {cash(payment.max_per_period)}: {cash(excess)} carried forward"
            )
        else:
            result.steps.append(
                f"maximum payment {cash(payment.max_per_period)}: {cash(excess)} forfeited"
            )
        paid = payment.max_per_period
    if payment.hold_days:
        result.steps.append(f"released {payment.hold_days} days after the period ends")
    return paid
