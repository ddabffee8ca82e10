"""A plan's rules beyond its components: crediting, draw, clawback, proration, payment and
rounding."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from icmkit.model.base import Amount, Item, Rate, Ref, Shown
from icmkit.model.plan_choices import (
    FREQUENCY_WORDS,
    ClawbackMethod,
    ClawbackRate,
    DrawBasis,
    DrawEligibility,
    DrawKind,
    DrawStart,
    Excess,
    Frequency,
    OnTermination,
    ProrationTarget,
    ProrationUnit,
    RecoveryBase,
    Release,
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
    base: RecoveryBase = Field(
        default=RecoveryBase.EARNINGS,
        description=(
            "What a balance is recovered from: `earnings` (while the draw runs, the earnings "
            "above the draw; after it, all earnings) or `above_draw` (only ever the earnings "
            "above the draw amount)."
        ),
    )


class Draw(Item):
    """A payment D per draw period for the first ``periods`` draw periods."""

    kind: DrawKind = Field(description="`recoverable` or `non_recoverable`, as above.")
    basis: DrawBasis = Field(
        default=DrawBasis.GUARANTEE,
        description=(
            "`guarantee`: the draw tops earnings up to D (paid = max(E, D)); `advance`: the "
            "draw is paid in addition to earnings (paid = E + D)."
        ),
    )
    amount: Amount = Field(description="The payment D per draw period.")
    periods: int = Field(ge=1, description="How many draw periods the draw runs.")
    frequency: Annotated[Frequency | None, Shown(default="the payment frequency")] = Field(
        default=None,
        description=(
            f"How often the draw is paid, when not with each payment ({FREQUENCY_WORDS}): "
            "a `monthly` "
            "draw on a quarterly-paid plan is advanced each month and settled against the "
            "quarter's commission."
        ),
    )
    eligible: DrawEligibility = Field(
        default=DrawEligibility.EVERYONE,
        description=(
            "Who gets the draw: `everyone` on the plan, or `new_hires` (hired on or after the "
            "plan's start)."
        ),
    )
    counted_from: Annotated[
        DrawStart | None, Shown(default="`hire_date` for new hires, else `plan_start`")
    ] = Field(
        default=None,
        description=(
            "Where the draw periods are counted from: `plan_start` or `hire_date` (the draw "
            "period holding the hire date is the first)."
        ),
    )
    recovery: Annotated[Recovery, Shown(default="recovery from the start, no limit")] = Field(
        default_factory=Recovery, description="How a recoverable balance is recovered: see below."
    )
    on_termination: OnTermination = Field(
        default=OnTermination.FORGIVE,
        description="A balance left when the participant leaves: `forgive` or `recover`.",
    )


class Clawback(Item):
    components: Annotated[
        list[Ref], Shown(type="list of component ids", default="every commission component")
    ] = Field(
        default_factory=list,
        description=(
            "The components whose pay on a cancelled deal is taken back, SPIFFs included; by "
            "default every `flat`, `tiered` and `accelerated` component."
        ),
    )
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
        default=Frequency.MONTHLY,
        description=(
            "How often participants are paid: `weekly`, `biweekly`, `semi_monthly`, `monthly`, "
            "`quarterly`, `semi_annual` or `annual`."
        ),
    )
    calculation: Annotated[Frequency | None, Shown(default="the payment frequency")] = Field(
        default=None,
        description=(
            "How often earnings are calculated, when more often than they are paid (monthly "
            "statements on a quarterly-paid plan); earnings of the periods between payments "
            "are paid together."
        ),
    )
    release: Release = Field(
        default=Release.EARNED,
        description=(
            "`earned`: commission is payable when earned; `on_cash`: commission on a deal is "
            "released in proportion to what the customer has paid of it (its `receipts`)."
        ),
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
