"""One participant, one period: credit, compute each component, claw back, then pay."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import DecimalException, DivisionByZero
from typing import TypeVar

from icmkit.engine.adjustments import clawbacks
from icmkit.engine.calendar import Calendar
from icmkit.engine.components import compute
from icmkit.engine.context import Context
from icmkit.engine.crediting import Credit, Deal
from icmkit.engine.errors import EngineError
from icmkit.engine.numbers import ZERO, round_to
from icmkit.engine.payment import Settlement, pay
from icmkit.engine.result import PayoutResult
from icmkit.model.plans import Plan, Scope
from icmkit.model.testing import Inputs

T = TypeVar("T")


def exactly(work: Callable[[], T]) -> T:
    """Run ``work``; decimal overflow and division by zero become EngineError."""
    try:
        return work()
    except DivisionByZero:
        raise EngineError("a division by zero (is a quota, target or tier width 0?)") from None
    except DecimalException as error:
        raise EngineError(
            "the numbers are too large to compute exactly (an amount, rate or quota is "
            f"out of range: {type(error).__name__})"
        ) from None


def _in_force(context: Context, result: PayoutResult) -> None:
    """The quotas and the target incentive in force for the period, for expectations."""
    for quota in context.plan.quotas:
        try:
            result.quotas[quota.id] = context.targets.quota(quota.id, Scope.PERIOD).amount
        except EngineError:
            continue
    try:
        result.target = context.targets.target(None, Scope.PERIOD).amount
    except EngineError:
        result.target = None


def compute_period(context: Context) -> tuple[PayoutResult, Settlement]:
    """The period's result for the context's participant, and what it settles."""
    plan = context.plan
    result = PayoutResult(
        plan.id,
        context.me,
        context.period.label,
        places=plan.rounding.places,
        window_start=context.period.window.start.isoformat(),
    )
    result.components = [compute(component, context) for component in plan.components]
    result.adjustments = clawbacks(context, result.components)
    result.earnings = sum((c.amount for c in result.components), ZERO) + sum(
        (a.amount for a in result.adjustments), ZERO
    )
    paid, settlement = pay(context, result)
    result.payout = round_to(paid, plan.rounding)
    _in_force(context, result)
    result.credit, result.own_credit = context.period_credit()
    return result, settlement


def calculate(
    plan: Plan,
    inputs: Inputs,
    deals: Sequence[Deal] | None = None,
    *,
    explain: bool = True,
    credited: list[Credit] | None = None,
    calendar: Calendar | None = None,
) -> PayoutResult:
    """The participant's earnings and payout for ``inputs.period`` under ``plan``.

    ``deals`` replaces ``inputs.transactions`` (rows read from a file rather than a test
    case). ``explain=False`` leaves out the per-transaction explanation lines and prices a
    scope's total at once where nothing needs each transaction's share; the amounts are the
    same. ``credited`` are the credits of ``deals`` when the caller has them already.
    Raises EngineError when the plan or the inputs do not say enough to compute it.
    """

    def work() -> PayoutResult:
        context = Context.build(plan, inputs, deals, explain, credited, calendar)
        return compute_period(context)[0]

    return exactly(work)
