"""A plan's rules beyond its components: crediting, draw, clawback, proration, payment and
rounding."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from icmkit.model.base import Amount, Item, Rate
from icmkit.model.plan_choices import (
    ClawbackMethod,
    ClawbackRate,
    DrawKind,
    Excess,
    Frequency,
    OnTermination,
    ProrationTarget,
    ProrationUnit,
    RoundingMode,
    RoundingPoint,
    SplitKind,
)


class Splits(Item):
    kind: SplitKind = SplitKind.REVENUE
    max_total: Rate = Field(default=Decimal("10"))
    default_shares: list[Rate] = Field(
        default_factory=list, description="Standard split shares, e.g. AE 0.7 and SE 0.3."
    )


class Rollup(Item):
    """Credit rolled up the hierarchy to managers."""

    levels: int = Field(default=1, ge=1)
    include_roles: list[str] = Field(default_factory=list)
    exclude_roles: list[str] = Field(default_factory=list)


class Crediting(Item):
    splits: Splits | None = None
    rollup: Rollup | None = None


class Recovery(Item):
    starts_after: int = Field(default=0, ge=0, description="Payment periods before recovery.")
    max_share_of_earnings: Rate | None = None
    max_amount: Amount | None = None


class Draw(Item):
    """A guaranteed minimum payment per period for the first ``periods`` payment periods."""

    kind: DrawKind
    amount: Amount
    periods: int = Field(ge=1)
    recovery: Recovery = Field(default_factory=Recovery)
    on_termination: OnTermination = OnTermination.FORGIVE


class Clawback(Item):
    window_days: int = Field(ge=0)
    method: ClawbackMethod = ClawbackMethod.FULL
    rate: ClawbackRate = ClawbackRate.ORIGINAL
    share: Rate = Field(default=Decimal("1"))
    reduces_attainment: bool = True


class Proration(Item):
    unit: ProrationUnit = ProrationUnit.DAYS
    applies_to: list[ProrationTarget] = Field(
        default_factory=lambda: [ProrationTarget.QUOTA, ProrationTarget.TARGET_INCENTIVE]
    )


class Payment(Item):
    frequency: Frequency = Frequency.MONTHLY
    hold_days: int = Field(default=0, ge=0)
    true_up: bool = Field(default=False, description="Pay cumulative earned minus paid to date.")
    min_per_period: Amount | None = None
    max_per_period: Amount | None = None
    excess: Excess = Excess.CARRY_FORWARD


class Rounding(Item):
    places: int = Field(default=2, ge=0, le=6)
    mode: RoundingMode = RoundingMode.HALF_UP
    at: RoundingPoint = Field(
        default=RoundingPoint.COMPONENT, description="Where amounts are rounded."
    )
