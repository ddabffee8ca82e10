"""What a calculation returns: amounts per component and the steps to the payout, explained."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from icmkit.engine.numbers import ZERO, money


@dataclass(frozen=True, slots=True)
class DealEarning:
    """What one transaction earned in one component."""

    id: str
    credit: Decimal
    earned: Decimal
    tier: int | None = None
    """The tier its credit ended in, counting from 1 (None without a rate table)."""
    rate: Decimal | None = None


@dataclass
class ComponentResult:
    """One component's earnings in the period, with the lines that explain them."""

    id: str
    kind: str
    amount: Decimal = ZERO
    lines: list[str] = field(default_factory=list)
    capped: Decimal = ZERO
    """Earnings removed by a cap (hard) or withheld (refundable) in this period."""
    withheld: Decimal = ZERO
    released: Decimal = ZERO
    gate_withheld: Decimal = ZERO
    """Earnings a closed gate keeps back in this period, to pay when it opens (in a run)."""
    places: int | None = None
    """Decimal places money is shown with (the plan's rounding); amounts keep full precision."""
    deals: list[DealEarning] = field(default_factory=list)
    """What each transaction earned, for components that price transactions."""
    multiplier_counts: dict[str, int] = field(default_factory=dict)
    """Deals each multiplier's conditions held for in the period (for ``first_deals``)."""

    def explanation(self) -> str:
        return f"{self.id} ({self.kind}) = {money(self.amount, self.places)}: " + "; ".join(
            self.lines
        )


@dataclass
class Adjustment:
    """A clawback or another amount added to the period's earnings."""

    label: str
    amount: Decimal
    explanation: str
    component: str | None = None
    deal: str | None = None


@dataclass
class PayoutResult:
    plan: str
    participant: str
    period: str
    components: list[ComponentResult] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    earnings: Decimal = ZERO
    payout: Decimal = ZERO
    steps: list[str] = field(default_factory=list)
    """How the earnings became the payout: true-up, draw, recovery, minimum, maximum."""
    draw_balance: Decimal = ZERO
    """The draw balance after this period."""
    carried_forward: Decimal = ZERO
    """Earnings above the maximum payment, carried to later periods."""
    draw_paid: Decimal = ZERO
    draw_recovered: Decimal = ZERO
    held: Decimal = ZERO
    """Money due but held back at the end of the period (hold days, cash not yet received)."""
    quotas: dict[str, Decimal] = field(default_factory=dict)
    """The quota in force for the period, by quota id."""
    target: Decimal | None = None
    """The target incentive in force for the period."""
    window_start: str | None = None
    """The period's first day (ISO), to sort results of periods with different labels."""
    places: int | None = None
    """Decimal places money is shown with (the plan's rounding)."""
    credit: dict[str, Decimal] = field(default_factory=dict)
    """Credit per measure in the period as attainment counts it: the participant's own and
    what the plan rolls up to them (deals cancelled out of attainment left out)."""
    own_credit: dict[str, Decimal] = field(default_factory=dict)
    """The participant's own credit per measure in the period (nothing rolled up)."""

    def component(self, component_id: str) -> ComponentResult | None:
        for found in self.components:
            if found.id == component_id:
                return found
        return None

    def explanation(self) -> list[str]:
        """Every line of the explanation: components, adjustments, then payment steps."""
        lines = [c.explanation() for c in self.components]
        places = self.places
        lines += [
            f"{a.label} = {money(a.amount, places)}: {a.explanation}" for a in self.adjustments
        ]
        lines.append(f"earnings = {money(self.earnings, places)}")
        lines += self.steps
        lines.append(f"payout = {money(self.payout, places)}")
        return lines
