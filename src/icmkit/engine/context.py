"""Everything a component needs about one calculation: plan, inputs, period, credits, targets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from icmkit.engine.crediting import Credit, Deal, credits, in_window, owners_of
from icmkit.engine.numbers import ZERO
from icmkit.engine.periods import Period, Window, parse_period
from icmkit.engine.targets import Targets
from icmkit.model.plans import Plan, Scope
from icmkit.model.testing import Inputs


@dataclass
class Context:
    plan: Plan
    inputs: Inputs
    period: Period
    targets: Targets
    all_credits: list[Credit]
    excluded: set[str] = field(default_factory=set)
    """Transactions whose cancellation takes their credit out of attainment."""
    explain: bool = True
    """False: skip the per-transaction lines of the explanation (for large batches)."""

    @classmethod
    def build(
        cls,
        plan: Plan,
        inputs: Inputs,
        deals: Sequence[Deal] | None = None,
        explain: bool = True,
        credited: list[Credit] | None = None,
    ) -> Context:
        """``credited``: the credits of ``deals`` when the caller has them already."""
        period = parse_period(inputs.period)
        found = credited
        if found is None:
            found = credits(
                plan, inputs.transactions if deals is None else deals, inputs.participant.id
            )
        context = cls(plan, inputs, period, Targets(plan, inputs.participant, period), found)
        context.explain = explain
        clawback = plan.clawback
        if clawback is not None and clawback.reduces_attainment:
            context.excluded = {
                c.transaction.id
                for c in context.all_credits
                if c.transaction.cancelled_on is not None
                and c.transaction.cancelled_on < period.window.end
            }
        return context

    @property
    def places(self) -> int:
        """Decimal places of money in explanations: the plan's rounding."""
        return self.plan.rounding.places

    @property
    def me(self) -> str:
        return self.inputs.participant.id

    def plan_window(self) -> Window:
        effective = self.plan.effective
        end = effective.to or self.period.window.end
        return Window(
            max(effective.from_, self.period.window.start), min(end, self.period.window.end)
        )

    def owners(self) -> set[str]:
        """The participant, plus the team members whose credit rolls up to them."""
        return owners_of(self.plan, self.me, self.inputs.team)

    def own(self, measure: str, window: Window, owners: set[str] | None = None) -> list[Credit]:
        """Credits of ``owners`` (default: the participant and rollups) for ``measure``."""
        who = owners if owners is not None else self.owners()
        return [
            c
            for c in in_window(self.all_credits, window)
            if c.measure == measure and c.owner in who and c.transaction.id not in self.excluded
        ]

    def credit_before(self, measure: str) -> Decimal:
        """Credit earlier in the year (history), less earlier deals cancelled out of attainment."""
        before = self.inputs.history.credit_to_date.get(measure, ZERO)
        who = self.owners()
        for credit in self.all_credits:
            if (
                credit.transaction.id in self.excluded
                and credit.measure == measure
                and credit.owner in who
                and credit.transaction.date < self.period.window.start
            ):
                before -= credit.amount
        return before

    def attainment_base(self, measure: str, scope: Scope) -> Decimal:
        """The credit attainment is measured on: the period's, or to date including it."""
        total = sum((c.amount for c in self.own(measure, self.plan_window())), ZERO)
        if scope is Scope.TO_DATE:
            total += self.credit_before(measure)
        return total
