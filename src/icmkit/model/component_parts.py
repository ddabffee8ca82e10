"""What plan components are built from: windows, conditions, limits and rate tables."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from icmkit.model.base import Amount, Day, Item, LocalId, Rate, Ref, Shown, Text
from icmkit.model.plan_choices import CapKind, CapLevel, GateMiss, Scope, ThresholdPay

MeasureRef = Annotated[Ref, Shown(type="reference to a measure")]
"""The id of a measure of the same plan."""

QuotaRef = Annotated[Ref, Shown(type="reference to a quota")]
"""The id of a quota of the same plan."""


class Effective(Item):
    """A half-open validity window ``[from, to)``; no ``to`` means open-ended."""

    from_: Day = Field(alias="from", description="First day included.")
    to: Annotated[Day | None, Shown(default="none (open-ended)")] = Field(
        default=None,
        description="First day no longer included: `to: 2028-01-01` ends on 31 December 2027.",
    )


class Condition(Item):
    """A test on a transaction attribute. All given tests must hold."""

    field: str = Field(
        description="The transaction attribute tested, such as `product` or `deal_type`, or "
        "one of its own fields (`amount`, `term_months`, `split`, `measure`, `participant`)."
    )
    equals: Annotated[str | Amount | None, Shown(type="text or number")] = Field(
        default=None,
        description="The attribute equals this text, or this number when both are numbers.",
    )
    in_: Annotated[list[str | Amount] | None, Shown(type="list of text or numbers")] = Field(
        default=None, alias="in", description="The attribute is one of these texts or numbers."
    )
    at_least: Amount | None = Field(
        default=None, description="The attribute is this number or more."
    )
    below: Amount | None = Field(
        default=None,
        description=(
            "The attribute is less than this number. Together with `at_least` this is the "
            "half-open range `[at_least, below)`."
        ),
    )


class Cap(Item):
    amount: Amount | None = Field(default=None, description="Payout cap in money.")
    attainment: Rate | None = Field(
        default=None,
        description="Attainment cap as a fraction of quota (`2.0` = 200%); needs a quota.",
    )
    multiple_of_target: Rate | None = Field(
        default=None,
        description="Payout cap as a multiple of the target incentive (`2` = twice target).",
    )
    level: CapLevel = Field(
        default=CapLevel.COMPONENT,
        description=(
            "What the cap limits, always for the component it is set on: `deal` (each deal's "
            "earnings), `component` and `period` (the component's earnings in the period), `year` "
            "(the plan year) or `plan` (the whole plan); for `year` and `plan` the cap is reduced "
            "by what was earned before the period (see `docs/engine.md`)."
        ),
    )
    kind: CapKind = Field(
        default=CapKind.HARD,
        description=(
            "`hard`: earnings above the cap are never paid. `refundable`: earnings above the cap "
            "are withheld and released when later periods leave room under the cap."
        ),
    )


class Threshold(Item):
    """Nothing is paid below the threshold; above it, pay from the first dollar or the excess."""

    attainment: Annotated[Rate | None, Shown(default="none (give this or `amount`)")] = Field(
        default=None, description='The threshold T as a fraction of quota (`"50%"`).'
    )
    amount: Annotated[Amount | None, Shown(default="none (give this or `attainment`)")] = Field(
        default=None,
        description=(
            "The threshold as an amount of the measure instead (`200000`: nothing below 200,000 "
            "of team revenue); needs no quota."
        ),
    )
    pay: ThresholdPay = Field(
        default=ThresholdPay.FROM_FIRST_DOLLAR,
        description="`from_first_dollar` or `on_excess`, as above.",
    )
    scope: Scope = Field(
        default=Scope.PERIOD,
        description="Where attainment is measured: `transaction`, `period` or `to_date`.",
    )

    @model_validator(mode="after")
    def _one_level(self) -> Threshold:
        if (self.attainment is None) == (self.amount is None):
            raise ValueError("give the threshold's `attainment` or its `amount` (one of them)")
        return self


class Gate(Item):
    """Pay this component only when another measure reaches ``min_attainment`` of its quota."""

    quota: QuotaRef = Field(description="The quota whose attainment opens the gate.")
    min_attainment: Rate = Field(description='The gate opens at this attainment or more (`"75%"`).')
    scope: Scope = Field(
        default=Scope.PERIOD,
        description="Where that attainment is measured: `transaction`, `period` or `to_date`.",
    )
    on_miss: GateMiss = Field(
        default=GateMiss.FORFEIT,
        description=(
            "While the gate is closed: `forfeit` (the earnings are lost) or `withhold` (the "
            "earnings are kept and paid once the gate opens in a later period)."
        ),
    )


class Multiplier(Item):
    """A kicker: multiply the component's earnings on transactions meeting ``when``."""

    id: LocalId = Field(description="Unique within the component.")
    factor: Rate = Field(description="The multiplier (`1.5` = 1.5×, `0.75` = a 25% reduction).")
    when: Annotated[list[Condition], Shown(default="empty (every transaction)")] = Field(
        default_factory=list,
        description="Which transactions qualify: see [Conditions](#conditions).",
    )
    first_deals: Annotated[int | None, Shown(default="none (no limit)")] = Field(
        default=None, ge=1, description="Only the participant's first N qualifying deals."
    )


class Tier(Item):
    from_: Annotated[Rate, Shown(type="rate or amount")] = Field(
        alias="from",
        description=(
            "Lower bound, included. An amount when the axis is `amount`, a fraction of quota when "
            "it is `attainment`."
        ),
    )
    to: Annotated[Rate | None, Shown(type="rate or amount", default='none ("and above")')] = Field(
        default=None, description="Upper bound, excluded; equal to the next tier's `from`."
    )
    rate: Annotated[Rate | None, Shown(default="none (give this or `amount`)")] = Field(
        default=None, description="The commission rate in this tier."
    )
    amount: Annotated[Amount | None, Shown(default="none (give this or `rate`)")] = Field(
        default=None,
        description=(
            "A fixed amount paid for filling the whole tier, spread evenly over its width "
            "(half the tier pays half the amount); instead of `rate`, and only on a tier with `to`."
        ),
    )

    @model_validator(mode="after")
    def _one_price(self) -> Tier:
        if (self.rate is None) == (self.amount is None):
            raise ValueError("give the tier a `rate` or an `amount` (one of them)")
        if self.amount is not None and self.to is None:
            raise ValueError(
                "a tier that pays an `amount` needs a `to`: the amount is spread over its width"
            )
        return self


class Band(Item):
    """An attainment band of an accelerated rate: ``[from, to)`` of quota, with a multiplier."""

    from_: Rate = Field(
        alias="from", description="Lower attainment bound, included (`0.5` = 50% of quota)."
    )
    to: Annotated[Rate | None, Shown(default='none ("and above")')] = Field(
        default=None, description="Upper attainment bound, excluded."
    )
    multiplier: Rate = Field(description="Multiplier on the base rate in this band (`1.5` = 1.5×).")


class CurvePoint(Item):
    attainment: Rate = Field(description="Attainment at this point (`1.0` = 100% of quota).")
    payout: Rate = Field(
        description="Payout at this point as a fraction of target (`1.0` = 100% of TI)."
    )


class Objective(Item):
    id: LocalId = Field(description="Test cases give scores by this id.")
    name: Text = Field(description="The objective as the participant reads it.")
    weight: Rate = Field(description="Its share of the total score; the weights add up to 1.")
