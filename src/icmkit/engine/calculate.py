"""One participant, one period: credit, compute each component, claw back, then pay."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import DecimalException, DivisionByZero

from icmkit.engine.adjustments import clawbacks
from icmkit.engine.components import compute
from icmkit.engine.context import Context
from icmkit.engine.crediting import Credit, Deal
from icmkit.engine.errors import EngineError
from icmkit.engine.numbers import ZERO, round_to
from icmkit.engine.payment import pay
from icmkit.engine.result import PayoutResult
from icmkit.model.plans import Plan
from icmkit.model.testing import Inputs


def calculate(
    plan: Plan,
    inputs: Inputs,
    deals: Sequence[Deal] | None = None,
    *,
    explain: bool = True,
    credited: list[Credit] | None = None,
) -> PayoutResult:
    """The participant's earnings and payout for ``inputs.period`` under ``plan``.

    ``deals`` replaces ``inputs.transactions`` (rows read from a file rather than a test
    case). ``explain=False`` leaves out the per-transaction explanation lines and prices a
    scope's total at once where nothing needs each transaction's share; the amounts are the
    same. ``credited`` are the credits of ``deals`` when the caller has them already.
    Raises EngineError when the plan or the inputs do not say enough to compute it.
    """
    try:
        return _calculate(plan, inputs, deals, explain, credited)
    except DivisionByZero:
        raise EngineError("a division by zero (is a quota, target or tier width 0?)") from None
    except DecimalException as error:
        raise EngineError(
            "the numbers are too large to compute exactly (an amount, rate or quota is "
            f"out of range: {type(error).__name__})"
        ) from None


def _calculate(
    plan: Plan,
    inputs: Inputs,
    deals: Sequence[Deal] | None,
    explain: bool,
    credited: list[Credit] | None,
) -> PayoutResult:
    context = Context.build(plan, inputs, deals, explain, credited)
    result = PayoutResult(
        plan.id, inputs.participant.id, context.period.label, places=plan.rounding.places
    )
    result.components = [compute(component, context) for component in plan.components]
    result.adjustments = clawbacks(context)
    result.earnings = sum((c.amount for c in result.components), ZERO) + sum(
        (a.amount for a in result.adjustments), ZERO
    )
    result.payout = round_to(pay(context, result), plan.rounding)
    return result
