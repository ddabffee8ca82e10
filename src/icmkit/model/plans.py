"""Commission plans as structured rules, precise enough for an engine to compute payouts.

Conventions: money and rates are exact decimals; a rate is a fraction (``0.08``) or a
percentage string (``"8%"``); tiers and bands are half-open ``[from, to)`` so a value exactly
on a boundary belongs to the higher tier; a missing ``to`` means "and above".

A plan's parts live beside this module: the fixed choices in ``plan_choices``, what
components are built from in ``component_parts``, the components in ``components`` and the
plan-level rules in ``plan_rules``. Every name of them can be imported from here too.
"""

from __future__ import annotations

from pydantic import Field

from icmkit.model.base import Amount, Item, Rate, Ref, Text
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
