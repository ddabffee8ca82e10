"""Plan components: the ways money is earned, one model per ``kind``."""

from __future__ import annotations

import typing
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from icmkit.model.base import Amount, Item, LocalId, Rate, Shown, Text
from icmkit.model.component_parts import (
    Band,
    Cap,
    Condition,
    CurvePoint,
    Effective,
    Gate,
    MeasureRef,
    Multiplier,
    Objective,
    QuotaRef,
    Threshold,
    Tier,
)
from icmkit.model.plan_choices import (
    FREQUENCY_WORDS,
    AboveLast,
    Axis,
    Frequency,
    Interpolation,
    OverrideBasis,
    Scope,
    TierMethod,
)


class ComponentBase(Item):
    id: LocalId = Field(description="For example `commission`; test cases refer to it.")
    name: Text = Field(description="The component's name on statements.")
    description: Text | None = Field(default=None, description="A summary for the plan document.")
    effective: Annotated[Effective | None, Shown(default="the plan's window")] = Field(
        default=None,
        description=(
            "When this component applies, `[from, to)`: see [Effective window](#effective-window)."
        ),
    )
    cap: Cap | None = Field(
        default=None, description="A limit on payout or attainment: see [Caps](#caps)."
    )
    threshold: Threshold | None = Field(
        default=None,
        description="Minimum attainment before anything is paid: see [Thresholds](#thresholds).",
    )
    gates: list[Gate] = Field(
        default_factory=list, description="Conditions on other quotas: see [Gates](#gates)."
    )
    multipliers: list[Multiplier] = Field(
        default_factory=list,
        description="Kickers on qualifying transactions: see [Multipliers](#multipliers).",
    )


class FlatComponent(ComponentBase):
    """Commission at one rate: earnings = rate × amount."""

    kind: Literal["flat"] = Field(description="Always `flat` for this kind of component.")
    measure: MeasureRef = Field(description="What the rate is applied to.")
    rate: Rate = Field(description="The commission rate.")
    scope: Scope = Field(
        default=Scope.TRANSACTION,
        description="`transaction`, `period` or `to_date`: see the scope note above.",
    )
    quota: QuotaRef | None = Field(
        default=None, description="Needed only for a threshold or an attainment cap."
    )


class TieredComponent(ComponentBase):
    """Commission from a rate table, marginal or retroactive, on amounts or attainment."""

    kind: Literal["tiered"] = Field(description="Always `tiered` for this kind of component.")
    measure: MeasureRef = Field(description="What the tiers are applied to.")
    method: TierMethod = Field(description="`marginal` or `retroactive`, as above.")
    axis: Axis = Field(
        default=Axis.AMOUNT,
        description=(
            "What tier bounds are: `amount` (amounts of the measure) or `attainment` (fractions of "
            "quota, `1.0` = 100%)."
        ),
    )
    scope: Scope = Field(description="`transaction`, `period` or `to_date`.")
    quota: QuotaRef | None = Field(
        default=None, description="Required when `axis` is `attainment`."
    )
    tiers: list[Tier] = Field(
        min_length=1, description="The rate table, in ascending order: see [Tier](#tier)."
    )


class AcceleratedComponent(ComponentBase):
    """A base rate multiplied by attainment bands (accelerators above 1, decelerators below)."""

    kind: Literal["accelerated"] = Field(
        description="Always `accelerated` for this kind of component."
    )
    measure: MeasureRef = Field(description="What the rate is applied to.")
    quota: QuotaRef = Field(description="Attainment is measured against it.")
    base_rate: Rate = Field(description="The rate at a multiplier of 1.")
    method: TierMethod = Field(
        default=TierMethod.MARGINAL,
        description="`marginal` or `retroactive`, as for [tiered](#tiered).",
    )
    scope: Scope = Field(default=Scope.TO_DATE, description="`transaction`, `period` or `to_date`.")
    bands: list[Band] = Field(
        min_length=1, description="The attainment bands, in ascending order: see [Band](#band)."
    )


class QuotaBonusComponent(ComponentBase):
    """Target incentive × f(attainment), with f given by an attainment curve."""

    kind: Literal["quota_bonus"] = Field(
        description="Always `quota_bonus` for this kind of component."
    )
    measure: MeasureRef = Field(description="The measure whose attainment drives the bonus.")
    quota: QuotaRef = Field(description="Attainment is measured against it.")
    target: Annotated[Amount | None, Shown(default="the plan's target incentive")] = Field(
        default=None, description="The target incentive TI for this component."
    )
    curve: list[CurvePoint] = Field(
        min_length=1,
        description="The pay curve, in ascending attainment: see [Curve point](#curve-point).",
    )
    interpolation: Interpolation = Field(
        default=Interpolation.LINEAR,
        description=(
            "Between two points: `linear` (a straight line between them) or `step` (the payout of "
            "the last point reached)."
        ),
    )
    above_last: AboveLast = Field(
        default=AboveLast.CAP,
        description=(
            "Above the last point: `cap` (keep the last point's payout) or `extend` (continue the "
            "slope of the last segment)."
        ),
    )
    scope: Scope = Field(default=Scope.PERIOD, description="`transaction`, `period` or `to_date`.")


class MboComponent(ComponentBase):
    """Target × Σ weight × score over objectives scored by a manager."""

    kind: Literal["mbo"] = Field(description="Always `mbo` for this kind of component.")
    target: Annotated[Amount | None, Shown(default="the plan's target incentive")] = Field(
        default=None, description="The target incentive TI for this component."
    )
    objectives: list[Objective] = Field(
        min_length=1, description="The objectives and their weights: see [Objective](#objective)."
    )
    min_score: Rate | None = Field(
        default=None, description="Below this total score, nothing is paid."
    )
    max_score: Rate = Field(
        default=Decimal("1"), description="The total score is capped here (`1.2` allows 120%)."
    )


class SpiffComponent(ComponentBase):
    """A fixed amount per qualifying event inside a window."""

    kind: Literal["spiff"] = Field(description="Always `spiff` for this kind of component.")
    measure: MeasureRef = Field(description="The transactions that can qualify.")
    amount: Amount = Field(description="Paid per qualifying event.")
    window: Effective = Field(
        description=(
            "The `[from, to)` dates in which events count: see "
            "[Effective window](#effective-window)."
        )
    )
    when: list[Condition] = Field(
        default_factory=list,
        description="What makes an event qualify: see [Conditions](#conditions).",
    )
    max_events: Annotated[int | None, Shown(default="none (no limit)")] = Field(
        default=None, ge=1, description="At most this many events are paid per participant."
    )
    max_events_per: Annotated[Frequency | None, Shown(default="the whole window")] = Field(
        default=None,
        description=(
            f"The period `max_events` counts in, across calculation periods ({FREQUENCY_WORDS}): "
            "`quarterly` pays at most `max_events` a quarter on a monthly-paid plan."
        ),
    )
    counts_toward_quota: bool = Field(
        default=False, description="Whether SPIFF credit also counts toward quota attainment."
    )


class OverrideComponent(ComponentBase):
    """A manager's override on the team's credit or earnings."""

    kind: Literal["override"] = Field(description="Always `override` for this kind of component.")
    measure: MeasureRef = Field(description="The team's credit that is summed.")
    rate: Rate = Field(description="The override rate.")
    basis: OverrideBasis = Field(
        default=OverrideBasis.TEAM_CREDIT,
        description=(
            "`team_credit` (the team's credited amounts) or `team_earnings` (the team's "
            "commission)."
        ),
    )
    levels: int = Field(
        default=1,
        ge=1,
        description=(
            "How many levels of the hierarchy below the manager count (1 = direct reports)."
        ),
    )
    include_roles: Annotated[list[str], Shown(default="empty (all roles)")] = Field(
        default_factory=list, description="Only team members with these roles count."
    )
    exclude_roles: list[str] = Field(
        default_factory=list,
        description=(
            "Team members with these roles do not count (for example sales engineers, to avoid "
            "counting a deal twice)."
        ),
    )
    scope: Scope = Field(default=Scope.PERIOD, description="`transaction`, `period` or `to_date`.")
    quota: QuotaRef | None = Field(
        default=None, description="The manager's team quota, for a threshold or cap."
    )


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
