"""Plan components: the ways money is earned, one model per ``kind``."""

from __future__ import annotations

import typing
from decimal import Decimal
from typing import Annotated, Literal

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
from icmkit.model.plan_choices import (
    AboveLast,
    Axis,
    Interpolation,
    OverrideBasis,
    Scope,
    TierMethod,
)


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


AnyComponent = (
    FlatComponent
    | TieredComponent
    | AcceleratedComponent
    | QuotaBonusComponent
    | MboComponent
    | SpiffComponent
    | OverrideComponent
)
"""Any plan component, as code that handles every kind annotates it."""

Component = Annotated[AnyComponent, Field(discriminator="kind")]
"""A plan component as read from a file: its ``kind`` chooses the model."""

COMPONENT_KINDS: tuple[str, ...] = tuple(
    typing.get_args(model.model_fields["kind"].annotation)[0]
    for model in typing.get_args(AnyComponent)
)
"""Every component ``kind``, in the order the format lists them."""
