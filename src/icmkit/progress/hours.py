"""Hours against budgets: assisted requirements against assistance budgets; support used."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from icmkit.model.program_bundle import Program
from icmkit.model.requirements import FunctionalRequirement, Kind, Status
from icmkit.model.timeline import Budget, BudgetKind
from icmkit.progress.checklist import one_line


def hours_text(value: Decimal) -> str:
    """Hours without trailing zeros: ``4``, ``2.5``."""
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class BudgetLine:
    id: str
    name: str
    kind: BudgetKind
    hours: Decimal
    used: Decimal
    phase: int | None

    @property
    def over(self) -> bool:
        return self.used > self.hours

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind.value,
            "hours": str(self.hours),
            "used": str(self.used),
            "phase": self.phase,
        }

    @classmethod
    def of(cls, budget: Budget) -> BudgetLine:
        name = one_line(budget.name)
        return cls(budget.id, name, budget.kind, budget.hours, budget.used, budget.phase)


@dataclass(frozen=True)
class HoursSummary:
    """``planned``: hours of the selected assisted requirements that are not deferred;
    ``delivered``: those of them that are accepted; ``budget``: hours of assistance budgets."""

    planned: Decimal = Decimal(0)
    delivered: Decimal = Decimal(0)
    budget: Decimal = Decimal(0)
    assistance: list[BudgetLine] = field(default_factory=list)
    support: list[BudgetLine] = field(default_factory=list)

    @property
    def over_budget(self) -> bool:
        return self.planned > self.budget

    def to_dict(self) -> dict[str, object]:
        return {
            "assisted_planned": str(self.planned),
            "assisted_delivered": str(self.delivered),
            "assistance_budget": str(self.budget),
            "over_budget": self.over_budget,
            "assistance_budgets": [b.to_dict() for b in self.assistance],
            "support_budgets": [b.to_dict() for b in self.support],
        }


def hours_summary(
    program: Program, selected: list[FunctionalRequirement], phase: int | None = None
) -> HoursSummary:
    """Assisted hours of ``selected`` against assistance budgets; support budgets with use.

    With a ``phase``, only budgets of that phase and program-wide budgets (no phase) count.
    """
    planned = delivered = Decimal(0)
    for requirement in selected:
        if requirement.kind is not Kind.ASSISTED or requirement.status is Status.DEFERRED:
            continue
        hours = requirement.hours or Decimal(0)
        planned += hours
        if requirement.status is Status.ACCEPTED:
            delivered += hours
    budgets = program.timeline.budgets if program.timeline is not None else []
    budgets = [b for b in budgets if phase is None or b.phase in (None, phase)]
    assistance = [BudgetLine.of(b) for b in budgets if b.kind is BudgetKind.ASSISTANCE]
    support = [BudgetLine.of(b) for b in budgets if b.kind is BudgetKind.SUPPORT]
    total = sum((b.hours for b in assistance), Decimal(0))
    return HoursSummary(planned, delivered, total, assistance, support)
