"""Commission plans as structured rules, precise enough for an engine to compute payouts.

Conventions: money and rates are exact decimals; a rate is a fraction (``0.08``) or a
percentage string (``"8%"``); tiers and bands are half-open ``[from, to)`` so a value exactly
on a boundary belongs to the higher tier; a missing ``to`` means "and above".

A plan's parts live beside this module: the fixed choices in ``plan_choices``, what
components are built from in ``component_parts``, the components in ``components`` and the
plan-level rules in ``plan_rules``. Every name of them can be imported from here too.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from icmkit.model.base import (
    Amount,
    DataSourceRef,
    Item,
    LocalId,
    Rate,
    Ref,
    RequirementRefs,
    Shown,
    TeamMemberRef,
    Text,
)
from icmkit.model.component_parts import (
    Band,
    Cap,
    Condition,
    CurvePoint,
    Effective,
    Gate,
    Multiplier,
    Objective,
    Threshold,
    Tier,
)
from icmkit.model.components import (
    COMPONENT_KINDS,
    AcceleratedComponent,
    AnyComponent,
    Component,
    ComponentBase,
    FlatComponent,
    MboComponent,
    OverrideComponent,
    QuotaBonusComponent,
    SpiffComponent,
    TieredComponent,
)
from icmkit.model.plan_choices import (
    FREQUENCY_WORDS,
    AboveLast,
    Axis,
    CapKind,
    CapLevel,
    ClawbackMethod,
    ClawbackRate,
    CreditDate,
    DrawKind,
    Excess,
    Frequency,
    GateMiss,
    Interpolation,
    OnTermination,
    OverrideBasis,
    ProrationTarget,
    ProrationUnit,
    RoundingMode,
    RoundingPoint,
    Scope,
    SplitKind,
    ThresholdPay,
    TierMethod,
)
from icmkit.model.plan_rules import (
    Clawback,
    Crediting,
    Draw,
    Payment,
    Proration,
    Recovery,
    Rollup,
    Rounding,
    Splits,
)


class Measure(Item):
    id: LocalId = Field(description="For example `arr`; components and quotas refer to it.")
    name: Text = Field(description='For example "New ARR".')
    source: DataSourceRef | None = Field(
        default=None, description="Where the transactions come from."
    )
    field: str = Field(
        default="amount",
        description="The credited field that is summed (revenue, bookings, margin, units, …).",
    )
    credit_date: CreditDate = Field(
        default=CreditDate.BOOKED,
        description="Which date puts a transaction in a period: `booked`, `invoiced` or `paid`.",
    )
    filter: list[Condition] = Field(
        default_factory=list,
        description=(
            "Only transactions meeting all these conditions count: see [Conditions](#conditions)."
        ),
    )
    description: Text | None = Field(
        default=None,
        description="What is included and excluded (returns, discounts, tax, shipping).",
    )


class Quota(Item):
    id: LocalId = Field(description="For example `q-arr`; components and gates refer to it.")
    measure: Annotated[Ref, Shown(type="reference to a measure of this plan")] = Field(
        description="The measure whose credit counts toward the quota."
    )
    period: Frequency = Field(
        default=Frequency.ANNUAL,
        description=(f"The period the quota is set for: {FREQUENCY_WORDS}."),
    )
    amount: Amount | None = Field(
        default=None, description="The default quota; participants' own quotas come from data."
    )
    seasonality: Annotated[list[Rate], Shown(default="empty (even spread)")] = Field(
        default_factory=list,
        description=(
            "The share of the quota in each sub-period (for example four quarterly shares of an "
            "annual quota); the shares add up to 1."
        ),
    )


class TargetIncentive(Item):
    amount: Amount | None = Field(
        default=None,
        description="The default target incentive; participants' own targets come from data.",
    )
    period: Frequency = Field(
        default=Frequency.ANNUAL,
        description=(f"The period the amount is for: {FREQUENCY_WORDS}."),
    )


class Eligibility(Item):
    roles: list[str] = Field(
        min_length=1,
        description="The participant roles on this plan, such as `AE` or `Sales manager`.",
    )
    description: Text | None = Field(
        default=None,
        description=(
            'Any further eligibility rule, in words (for example "hired before 1 October").'
        ),
    )


class PlanVersion(Item):
    """A change to the plan from a date: what it gives replaces what the version before had.

    Components, measures and quotas replace the one with the same id, or are added; the other
    keys replace the whole value (``draw: null`` takes the draw away).
    """

    from_: date = Field(
        alias="from",
        description=(
            "The first day of the version. A calculation period uses the version in force on "
            "its first day, so a change dated inside a period applies from the next one."
        ),
    )
    label: Text | None = Field(
        default=None, description='A name for the version, such as "July 2027 rate change".'
    )
    reason: Text | None = Field(
        default=None, description="Why the plan changed, in words for the participants."
    )
    description: Text | None = Field(default=None, description="A new summary of the plan.")
    eligibility: Eligibility | None = Field(
        default=None, description="Who is on the plan from this version on."
    )
    target_incentive: TargetIncentive | None = Field(
        default=None, description="The target incentive from this version on."
    )
    measures: list[Measure] = Field(
        default_factory=list, description="Measures added, or replacing the one with their id."
    )
    quotas: list[Quota] = Field(
        default_factory=list, description="Quotas added, or replacing the one with their id."
    )
    components: Annotated[list[Component], Shown(type="list of components")] = Field(
        default_factory=list,
        description="Components added, or replacing the one with their id (given whole).",
    )
    remove_components: Annotated[list[str], Shown(type="list of component ids")] = Field(
        default_factory=list, description="Components that end with the version before."
    )
    draw: Draw | None = Field(default=None, description="The draw from this version on.")
    clawback: Clawback | None = Field(
        default=None, description="The clawback from this version on."
    )
    proration: Proration | None = Field(
        default=None, description="The proration from this version on."
    )


class Plan(Item):
    id: Annotated[str, Shown(type="id (`PLAN-`)")] = Field(description="For example `PLAN-AE`.")
    name: Text = Field(description="The plan's name as participants know it.")
    description: Text | None = Field(default=None, description="A summary for the plan document.")
    effective: Effective = Field(
        description=(
            "When the plan applies, `[from, to)`: see [Effective window](#effective-window)."
        )
    )
    eligibility: Eligibility = Field(
        description="Who is on the plan: see [Eligibility](#eligibility)."
    )
    currency: Annotated[str | None, Shown(default="the program's currency")] = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="Three upper-case letters (ISO 4217), such as `GBP`.",
    )
    target_incentive: TargetIncentive | None = Field(
        default=None,
        description=(
            "The target incentive (variable pay at 100%): see "
            "[Target incentive](#target-incentive)."
        ),
    )
    measures: list[Measure] = Field(
        min_length=1, description="What is counted: see [Measures](#measures)."
    )
    quotas: list[Quota] = Field(
        default_factory=list,
        description="Quotas that attainment is measured against: see [Quotas](#quotas).",
    )
    components: Annotated[list[Component], Shown(type="list of components")] = Field(
        min_length=1, description="How money is earned: see [Components](#components)."
    )
    crediting: Annotated[Crediting, Shown(default="no splits, no rollup")] = Field(
        default_factory=Crediting, description="Splits and rollups: see [Crediting](#crediting)."
    )
    draw: Draw | None = Field(
        default=None, description="A guaranteed minimum payment: see [Draw](#draw)."
    )
    clawback: Clawback | None = Field(
        default=None,
        description="Recovery of commission on cancelled deals: see [Clawback](#clawback).",
    )
    proration: Proration | None = Field(
        default=None, description="Proration for partial periods: see [Proration](#proration)."
    )
    payment: Annotated[Payment, Shown(default="monthly, no hold")] = Field(
        default_factory=Payment,
        description="When and how earnings are paid: see [Payment](#payment).",
    )
    rounding: Annotated[Rounding, Shown(default="2 places, `half_up`, per component")] = Field(
        default_factory=Rounding, description="See [Rounding](#rounding)."
    )
    requirements: RequirementRefs = Field(
        default_factory=list, description="The requirements this plan implements."
    )
    owner: TeamMemberRef | None = Field(default=None, description="Who maintains the plan.")
    versions: Annotated[list[PlanVersion], Shown(default="none (one version)")] = Field(
        default_factory=list,
        description=(
            "Changes to the plan during its effective window, oldest first: see "
            "[Plan versions](#plan-versions)."
        ),
    )


class PlanFile(Item):
    plan: Plan = Field(description="The plan: see [Plan](#plan). A file holds exactly one plan.")


__all__ = [
    "COMPONENT_KINDS",
    "AboveLast",
    "AcceleratedComponent",
    "AnyComponent",
    "Axis",
    "Band",
    "Cap",
    "CapKind",
    "CapLevel",
    "Clawback",
    "ClawbackMethod",
    "ClawbackRate",
    "Component",
    "ComponentBase",
    "Condition",
    "CreditDate",
    "Crediting",
    "CurvePoint",
    "Draw",
    "DrawKind",
    "Effective",
    "Eligibility",
    "Excess",
    "FlatComponent",
    "Frequency",
    "Gate",
    "GateMiss",
    "Interpolation",
    "MboComponent",
    "Measure",
    "Multiplier",
    "Objective",
    "OnTermination",
    "OverrideBasis",
    "OverrideComponent",
    "Payment",
    "Plan",
    "PlanFile",
    "PlanVersion",
    "Proration",
    "ProrationTarget",
    "ProrationUnit",
    "Quota",
    "QuotaBonusComponent",
    "Recovery",
    "Rollup",
    "Rounding",
    "RoundingMode",
    "RoundingPoint",
    "Scope",
    "SpiffComponent",
    "SplitKind",
    "Splits",
    "TargetIncentive",
    "Threshold",
    "ThresholdPay",
    "Tier",
    "TierMethod",
    "TieredComponent",
]
