"""A plan's rules beyond its components: crediting, draw, clawback, proration, payment and
rounding."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from icmkit.model.base import Amount, Item, Rate, Shown
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
    kind: SplitKind = Field(
        default=SplitKind.REVENUE,
        description=(
            "`revenue`: the shares of one deal add up to exactly 100%. `overlay`: overlay credit, "
            "so the shares may add up to more than 100%, up to `max_total`."
        ),
    )
    max_total: Annotated[Rate, Shown(default="`10` (1000%)")] = Field(
        default=Decimal("10"),
        description="For `overlay` splits: the most the shares of one deal may add up to.",
    )
    default_shares: list[Rate] = Field(
        default_factory=list,
        description=(
            "The standard split when a deal has several participants, such as `[0.7, 0.3]` for AE "
            "and SE."
        ),
    )


class Rollup(Item):
    """Credit rolled up the hierarchy to managers."""

    levels: int = Field(
        default=1, ge=1, description="How many levels of participants below the manager roll up."
    )
    include_roles: Annotated[list[str], Shown(default="empty (all roles)")] = Field(
        default_factory=list, description="Only credit of participants with these roles rolls up."
    )
    exclude_roles: list[str] = Field(
        default_factory=list,
        description="Credit of participants with these roles does not roll up.",
    )


class Crediting(Item):
    splits: Annotated[Splits | None, Shown(default="none (each deal credited once)")] = Field(
        default=None, description="Split credit between participants: see [Splits](#splits)."
    )
    rollup: Annotated[Rollup | None, Shown(default="none (no rollup)")] = Field(
        default=None, description="Roll credit up the hierarchy to managers: see [Rollup](#rollup)."
    )


class Recovery(Item):
    starts_after: int = Field(
        default=0, ge=0, description="Payment periods that pass before recovery begins."
    )
    max_share_of_earnings: Annotated[Rate | None, Shown(default="none (all earnings)")] = Field(
        default=None, description="At most this share of a period's earnings goes to recovery."
    )
    max_amount: Annotated[Amount | None, Shown(default="none (no limit)")] = Field(
        default=None, description="At most this amount is recovered per period."
    )


class Draw(Item):
    """A guaranteed minimum payment per period for the first ``periods`` payment periods."""

    kind: DrawKind = Field(description="`recoverable` or `non_recoverable`, as above.")
    amount: Amount = Field(description="The guaranteed payment D per payment period.")
    periods: int = Field(ge=1, description="How many payment periods the draw runs.")
    recovery: Annotated[Recovery, Shown(default="recovery from the start, no limit")] = Field(
        default_factory=Recovery, description="How a recoverable balance is recovered: see below."
    )
    on_termination: OnTermination = Field(
        default=OnTermination.FORGIVE,
        description="A balance left when the participant leaves: `forgive` or `recover`.",
    )


class Clawback(Item):
    window_days: int = Field(
        ge=0,
        description=(
            "Cancellations more than this many days after the credit date are not clawed back."
        ),
    )
    method: ClawbackMethod = Field(
        default=ClawbackMethod.FULL,
        description="`full`, or `pro_rata`: by the unserved share of the contract term.",
    )
    rate: ClawbackRate = Field(
        default=ClawbackRate.ORIGINAL,
        description=(
            "The rate the clawback is computed at: `original` (the rate that was paid) or "
            "`current` (today's rate)."
        ),
    )
    share: Rate = Field(default=Decimal("1"), description="The share of the commission taken back.")
    reduces_attainment: bool = Field(
        default=True,
        description=(
            "Whether the cancelled amount also leaves attainment, which may re-price other deals "
            "in tiered or accelerated components."
        ),
    )


class Proration(Item):
    unit: ProrationUnit = Field(
        default=ProrationUnit.DAYS,
        description="What is counted: calendar `days` or whole `months`.",
    )
    applies_to: list[ProrationTarget] = Field(
        default_factory=lambda: [ProrationTarget.QUOTA, ProrationTarget.TARGET_INCENTIVE],
        description=(
            "What is prorated: any of `quota`, `target_incentive`, `cap`, `threshold` and `draw`."
        ),
    )


class Payment(Item):
    frequency: Frequency = Field(
        default=Frequency.MONTHLY, description="`monthly`, `quarterly`, `semi_annual` or `annual`."
    )
    hold_days: int = Field(
        default=0, ge=0, description="Days after the period ends before earnings are released."
    )
    true_up: bool = Field(
        default=False,
        description=(
            "Pay cumulative earned minus paid to date: **payₜ = earned to date − paid to date**."
        ),
    )
    min_per_period: Amount | None = Field(default=None, description="The least paid in a period.")
    max_per_period: Amount | None = Field(default=None, description="The most paid in a period.")
    excess: Excess = Field(
        default=Excess.CARRY_FORWARD,
        description=(
            "What happens to earnings above `max_per_period`: `carry_forward` (paid in later "
            "periods) or `forfeit`."
        ),
    )


class Rounding(Item):
    places: int = Field(default=2, ge=0, le=6, description="Decimal places kept.")
    mode: RoundingMode = Field(
        default=RoundingMode.HALF_UP,
        description=(
            "`half_up` (0.125 → 0.13), `half_even` (0.125 → 0.12, banker's rounding), `down` "
            "(towards zero) or `up` (away from zero)."
        ),
    )
    at: RoundingPoint = Field(
        default=RoundingPoint.COMPONENT,
        description=(
            "Where amounts are rounded: `transaction` (each transaction's commission), `component` "
            "(each component's total) or `payout` (only the final payout)."
        ),
    )
