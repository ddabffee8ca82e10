"""What plan components are built from: windows, conditions, limits and rate tables."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from icmkit.model.base import Amount, Item, Rate, Ref, Text
from icmkit.model.plan_choices import CapKind, CapLevel, GateMiss, Scope, ThresholdPay


class Effective(Item):
    """A half-open validity window ``[from, to)``; no ``to`` means open-ended."""

    from_: date = Field(alias="from")
    to: date | None = None


class Condition(Item):
    """A test on a transaction attribute. All given tests must hold."""

    field: str
    equals: str | None = None
    in_: list[str] | None = Field(default=None, alias="in")
    at_least: Amount | None = None
    below: Amount | None = None


class Cap(Item):
    amount: Amount | None = Field(default=None, description="Payout cap in money.")
    attainment: Rate | None = Field(default=None, description="Attainment cap, as a fraction.")
    multiple_of_target: Rate | None = Field(
        default=None, description="Payout cap as a multiple of target incentive."
    )
    level: CapLevel = CapLevel.COMPONENT
    kind: CapKind = CapKind.HARD


class Threshold(Item):
    """Nothing is paid below ``attainment``; above it, pay from the first dollar or the excess."""

    attainment: Rate
    pay: ThresholdPay = ThresholdPay.FROM_FIRST_DOLLAR
    scope: Scope = Scope.PERIOD


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


class Objective(Item):
    id: str
    name: Text
    weight: Rate
