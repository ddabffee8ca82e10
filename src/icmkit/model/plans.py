"""Commission plans as structured rules, precise enough for an engine to compute payouts.

Conventions: money and rates are exact decimals; a rate is a fraction (``0.08``) or a
percentage string (``"8%"``); tiers and bands are half-open ``[from, to)`` so a value exactly
on a boundary belongs to the higher tier; a missing ``to`` means "and above".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from icmkit.model.base import Amount, Item, Rate, Ref, Text


class Scope(StrEnum):
    """What amount a rate table is applied to: the same table pays differently per scope."""

    TRANSACTION = "transaction"
    PERIOD = "period"
    TO_DATE = "to_date"


class TierMethod(StrEnum):
    MARGINAL = "marginal"
    """Each slice of the amount is paid at its own tier's rate."""
    RETROACTIVE = "retroactive"
    """The whole amount is paid at the rate of the highest tier reached."""


class Axis(StrEnum):
    AMOUNT = "amount"
    """Tier bounds are amounts of the measure."""
    ATTAINMENT = "attainment"
    """Tier bounds are fractions of quota (``1.0`` = 100%)."""


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMI_ANNUAL = "semi_annual"
    ANNUAL = "annual"


class RoundingMode(StrEnum):
    HALF_UP = "half_up"
    HALF_EVEN = "half_even"
    DOWN = "down"
    UP = "up"


class RoundingPoint(StrEnum):
    TRANSACTION = "transaction"
    COMPONENT = "component"
    PAYOUT = "payout"


class Rounding(Item):
    places: int = Field(default=2, ge=0, le=6)
    mode: RoundingMode = RoundingMode.HALF_UP
    at: RoundingPoint = Field(
        default=RoundingPoint.COMPONENT, description="Where amounts are rounded."
    )


class Effective(Item):
    """A half-open validity window ``[from, to)``; no ``to`` means open-ended."""

    from_: date = Field(alias="from")
    to: date | None = None


class CreditDate(StrEnum):
    BOOKED = "booked"
    INVOICED = "invoiced"
    PAID = "paid"


class Condition(Item):
    """A test on a transaction attribute. All given tests must hold."""

    field: str
    equals: str | Amount | None = None
    in_: list[str | Amount] | None = Field(default=None, alias="in")
    at_least: Amount | None = None
    below: Amount | None = None


class Measure(Item):
    id: str
    name: Text
    source: Ref | None = Field(default=None, description="Data source id.")
    field: str = Field(default="amount", description="Credited field that is summed.")
    credit_date: CreditDate = CreditDate.BOOKED
    filter: list[Condition] = Field(
        default_factory=list, description="Only transactions meeting all these conditions."
    )
    description: Text | None = None


class Quota(Item):
    id: str
    measure: Ref
    period: Frequency = Frequency.ANNUAL
    amount: Amount | None = Field(
        default=None, description="Default quota; participants' own quotas come from data."
    )
    seasonality: list[Rate] = Field(
        default_factory=list, description="Share of the quota in each sub-period; adds up to 1."
    )


class TargetIncentive(Item):
    amount: Amount | None = None
    period: Frequency = Frequency.ANNUAL


class CapLevel(StrEnum):
    DEAL = "deal"
    COMPONENT = "component"
    PERIOD = "period"
    YEAR = "year"
    PLAN = "plan"


class CapKind(StrEnum):
    HARD = "hard"
    """Earnings above the cap are never paid."""
    REFUNDABLE = "refundable"
    """Earnings above the cap are withheld and released when later periods leave room."""


class Cap(Item):
    amount: Amount | None = Field(default=None, description="Payout cap in money.")
    attainment: Rate | None = Field(default=None, description="Attainment cap, as a fraction.")
    multiple_of_target: Rate | None = Field(
        default=None, description="Payout cap as a multiple of target incentive."
    )
    level: CapLevel = CapLevel.COMPONENT
    kind: CapKind = CapKind.HARD


class ThresholdPay(StrEnum):
    FROM_FIRST_DOLLAR = "from_first_dollar"
    ON_EXCESS = "on_excess"


class Threshold(Item):
    """Nothing is paid below ``attainment``; above it, pay from the first dollar or the excess."""

    attainment: Rate
    pay: ThresholdPay = ThresholdPay.FROM_FIRST_DOLLAR
    scope: Scope = Scope.PERIOD


class GateMiss(StrEnum):
    FORFEIT = "forfeit"
    WITHHOLD = "withhold"


class Gate(Item):
    """Pay this component only when another measure reaches ``min_attainment`` of its quota."""

    quota: Ref
    min_attainment: Rate
    scope: Scope = Scope.PERIOD
    on_miss: GateMiss = GateMiss.FORFEIT


class Multiplier(Item):
    """A kicker: multiply the component's earnings on transactions meeting ``when``."""

    id: str
    factor: Rate
    when: list[Condition] = Field(default_factory=list)
    first_deals: int | None = Field(default=None, ge=1, description="Only the first N deals.")


class Tier(Item):
    from_: Rate = Field(alias="from")
    to: Rate | None = None
    rate: Rate


class Band(Item):
    """An attainment band of an accelerated rate: ``[from, to)`` of quota, with a multiplier."""

    from_: Rate = Field(alias="from")
    to: Rate | None = None
    multiplier: Rate


class CurvePoint(Item):
    attainment: Rate
    payout: Rate = Field(description="Payout as a fraction of target (1.0 = 100%).")


class Interpolation(StrEnum):
    LINEAR = "linear"
    STEP = "step"


class AboveLast(StrEnum):
    CAP = "cap"
    EXTEND = "extend"


class Objective(Item):
    id: str
    name: Text
    weight: Rate


class OverrideBasis(StrEnum):
    TEAM_CREDIT = "team_credit"
    TEAM_EARNINGS = "team_earnings"


class ComponentBase(Item):
    id: str
    name: Text
    description: Text | None = None
    effective: Effective | None = None
    cap: Cap | None = None
    threshold: Threshold | None = None
    gates: list[Gate] = Field(default_factory=list)
    multipliers: list[Multiplier] = Field(default_factory=list)


class FlatComponent(ComponentBase):
    """Commission at one rate: earnings = rate × amount."""

    kind: Literal["flat"]
    measure: Ref
    rate: Rate
    scope: Scope = Scope.TRANSACTION
    quota: Ref | None = Field(default=None, description="Needed only for thresholds and caps.")


class TieredComponent(ComponentBase):
    """Commission from a rate table, marginal or retroactive, on amounts or attainment."""

    kind: Literal["tiered"]
    measure: Ref
    method: TierMethod
    axis: Axis = Axis.AMOUNT
    scope: Scope
    quota: Ref | None = None
    tiers: list[Tier] = Field(min_length=1)


class AcceleratedComponent(ComponentBase):
    """A base rate multiplied by attainment bands (accelerators above 1, decelerators below)."""

    kind: Literal["accelerated"]
    measure: Ref
    quota: Ref
    base_rate: Rate
    method: TierMethod = TierMethod.MARGINAL
    scope: Scope = Scope.TO_DATE
    bands: list[Band] = Field(min_length=1)


class QuotaBonusComponent(ComponentBase):
    """Target incentive × f(attainment), with f given by an attainment curve."""

    kind: Literal["quota_bonus"]
    measure: Ref
    quota: Ref
    target: Amount | None = Field(default=None, description="Defaults to the plan's target.")
    curve: list[CurvePoint] = Field(min_length=1)
    interpolation: Interpolation = Interpolation.LINEAR
    above_last: AboveLast = AboveLast.CAP
    scope: Scope = Scope.PERIOD


class MboComponent(ComponentBase):
    """Target × Σ weight × score over objectives scored by a manager."""

    kind: Literal["mbo"]
    target: Amount | None = None
    objectives: list[Objective] = Field(min_length=1)
    min_score: Rate | None = Field(default=None, description="Below this total score, pay 0.")
    max_score: Rate = Field(default=Decimal("1"))


class SpiffComponent(ComponentBase):
    """A fixed amount per qualifying event inside a window."""

    kind: Literal["spiff"]
    measure: Ref
    amount: Amount
    window: Effective
    when: list[Condition] = Field(default_factory=list)
    max_events: int | None = Field(default=None, ge=1)
    counts_toward_quota: bool = False


class OverrideComponent(ComponentBase):
    """A manager's override on the team's credit or earnings."""

    kind: Literal["override"]
    measure: Ref
    rate: Rate
    basis: OverrideBasis = OverrideBasis.TEAM_CREDIT
    levels: int = Field(default=1, ge=1)
    include_roles: list[str] = Field(default_factory=list)
    exclude_roles: list[str] = Field(default_factory=list)
    scope: Scope = Scope.PERIOD
    quota: Ref | None = None


Component = Annotated[
    FlatComponent
    | TieredComponent
    | AcceleratedComponent
    | QuotaBonusComponent
    | MboComponent
    | SpiffComponent
    | OverrideComponent,
    Field(discriminator="kind"),
]

COMPONENT_KINDS: tuple[str, ...] = (
    "flat",
    "tiered",
    "accelerated",
    "quota_bonus",
    "mbo",
    "spiff",
    "override",
)


class SplitKind(StrEnum):
    REVENUE = "revenue"
    """Shares of one deal add up to exactly 100%."""
    OVERLAY = "overlay"
    """Overlay credit: shares may add up to more than 100% (up to ``max_total``)."""


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


class DrawKind(StrEnum):
    RECOVERABLE = "recoverable"
    NON_RECOVERABLE = "non_recoverable"


class OnTermination(StrEnum):
    FORGIVE = "forgive"
    RECOVER = "recover"


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


class ClawbackMethod(StrEnum):
    FULL = "full"
    PRO_RATA = "pro_rata"
    """By the unserved share of the contract term."""


class ClawbackRate(StrEnum):
    ORIGINAL = "original"
    CURRENT = "current"


class Clawback(Item):
    window_days: int = Field(ge=0)
    method: ClawbackMethod = ClawbackMethod.FULL
    rate: ClawbackRate = ClawbackRate.ORIGINAL
    share: Rate = Field(default=Decimal("1"))
    reduces_attainment: bool = True


class ProrationUnit(StrEnum):
    DAYS = "days"
    MONTHS = "months"


class ProrationTarget(StrEnum):
    QUOTA = "quota"
    TARGET_INCENTIVE = "target_incentive"
    CAP = "cap"
    THRESHOLD = "threshold"
    DRAW = "draw"


class Proration(Item):
    unit: ProrationUnit = ProrationUnit.DAYS
    applies_to: list[ProrationTarget] = Field(
        default_factory=lambda: [ProrationTarget.QUOTA, ProrationTarget.TARGET_INCENTIVE]
    )


class Excess(StrEnum):
    FORFEIT = "forfeit"
    CARRY_FORWARD = "carry_forward"


class Payment(Item):
    frequency: Frequency = Frequency.MONTHLY
    hold_days: int = Field(default=0, ge=0)
    true_up: bool = Field(default=False, description="Pay cumulative earned minus paid to date.")
    min_per_period: Amount | None = None
    max_per_period: Amount | None = None
    excess: Excess = Excess.CARRY_FORWARD


class Eligibility(Item):
    roles: list[str] = Field(min_length=1)
    description: Text | None = None


class Plan(Item):
    id: str
    name: Text
    description: Text | None = None
    effective: Effective
    eligibility: Eligibility
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    target_incentive: TargetIncentive | None = None
    measures: list[Measure] = Field(min_length=1)
    quotas: list[Quota] = Field(default_factory=list)
    components: list[Component] = Field(min_length=1)
    crediting: Crediting = Field(default_factory=Crediting)
    draw: Draw | None = None
    clawback: Clawback | None = None
    proration: Proration | None = None
    payment: Payment = Field(default_factory=Payment)
    rounding: Rounding = Field(default_factory=Rounding)
    requirements: list[Ref] = Field(default_factory=list)
    owner: Ref | None = None


class PlanFile(Item):
    plan: Plan


AnyComponent = (
    FlatComponent
    | TieredComponent
    | AcceleratedComponent
    | QuotaBonusComponent
    | MboComponent
    | SpiffComponent
    | OverrideComponent
)
