"""Rate tables and pay curves as functions of an amount, plus attainment caps and thresholds.

Every pricing here is a function F(x) of a cumulative amount x. A scope prices its amounts
as differences F(after) - F(before), so that one transaction, a period total and a
year-to-date increase are all priced by the same function.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from icmkit.engine.errors import EngineError
from icmkit.engine.numbers import ZERO, percent, show
from icmkit.model.plans import AboveLast, CurvePoint, Interpolation, TierMethod


@dataclass(frozen=True, slots=True)
class Slice:
    """One tier ``[lo, hi)`` of a rate table, in amounts; ``hi`` None means "and above"."""

    lo: Decimal
    hi: Decimal | None
    rate: Decimal
    places: int | None = None
    """Decimal places amounts are shown with in explanations (the plan's rounding)."""
    lump: Decimal | None = None
    """A tier that pays a fixed amount when full, spread evenly over its width."""

    def part(self, width: Decimal) -> Decimal:
        """What ``width`` of this tier pays."""
        if self.lump is not None and self.hi is not None:
            return self.lump * width / (self.hi - self.lo)
        return self.rate * width

    def label(self) -> str:
        upper = show(self.hi, self.places) if self.hi is not None else "…"
        return f"[{show(self.lo, self.places)}, {upper})"

    def at(self, width: Decimal, single: bool) -> str:
        """``width`` at this tier's rate, naming the tier unless the table has only one."""
        if self.lump is not None:
            text = f"{show(width, self.places)} of a tier paying {show(self.lump, self.places)}"
        else:
            text = f"{show(width, self.places)} at {percent(self.rate)}"
        return text if single else f"{text} (tier {self.label()})"

    def holds(self, x: Decimal) -> bool:
        return self.lo <= x and (self.hi is None or x < self.hi)


class Pricing(Protocol):
    def value(self, x: Decimal) -> Decimal: ...

    def explain(self, before: Decimal, after: Decimal) -> str: ...

    def tier_at(self, x: Decimal) -> tuple[int, Decimal] | None:
        """The tier (counted from 1) an amount falls in, and its rate; None without tiers."""
        ...


@dataclass(frozen=True)
class RateTable:
    """Tiers read marginally (each slice at its own rate) or retroactively (all at one rate).

    Amounts below the first tier's lower bound earn nothing, except that a negative amount
    (a return) is priced at the first tier's rate when that tier starts at 0 or below.
    """

    slices: tuple[Slice, ...]
    method: TierMethod = TierMethod.MARGINAL

    def __post_init__(self) -> None:
        if not self.slices:
            raise EngineError("a rate table needs at least one tier")

    def _below(self, x: Decimal) -> Decimal:
        first = self.slices[0]
        return first.rate * x if x < 0 and first.lo <= 0 else ZERO

    def tier_of(self, x: Decimal) -> Slice | None:
        for tier in self.slices:
            if tier.holds(x):
                return tier
        return None

    def tier_at(self, x: Decimal) -> tuple[int, Decimal] | None:
        for number, tier in enumerate(self.slices, start=1):
            if tier.holds(x):
                return number, tier.rate
        return None

    def value(self, x: Decimal) -> Decimal:
        if x < self.slices[0].lo or x < 0:
            return self._below(x)
        if self.method is TierMethod.RETROACTIVE:
            tier = self.tier_of(x)
            return tier.rate * x if tier is not None else ZERO
        total = ZERO
        for tier in self.slices:
            top = x if tier.hi is None else min(x, tier.hi)
            if top > tier.lo:
                total += tier.part(top - tier.lo)
        return total

    def explain(self, before: Decimal, after: Decimal) -> str:
        if self.method is TierMethod.RETROACTIVE:
            return self._explain_retroactive(before, after)
        low, high = min(before, after), max(before, after)
        single = len(self.slices) == 1
        parts: list[str] = []
        if low < 0 and self.slices[0].lo <= 0:
            width = min(high, ZERO) - low
            parts.append(self.slices[0].at(width, single))
        for tier in self.slices:
            top = high if tier.hi is None else min(high, tier.hi)
            bottom = max(low, tier.lo)
            if top > bottom:
                parts.append(tier.at(top - bottom, single))
        sign = "less " if after < before else ""
        return sign + (" + ".join(parts) if parts else "no tier reached")

    def _explain_retroactive(self, before: Decimal, after: Decimal) -> str:
        places = self.slices[0].places

        def at(x: Decimal) -> str:
            tier = self.tier_of(x)
            if tier is None:
                return f"{show(x, places)} below every tier"
            return f"{show(x, places)} all at {percent(tier.rate)} (tier {tier.label()})"

        if before == 0:
            return at(after)
        return f"{at(after)}, less {at(before)} already counted"


def table_from(
    bounds: Sequence[tuple[Decimal, Decimal | None, Decimal | None, Decimal | None]],
    scale: Decimal,
    method: TierMethod,
    places: int | None = None,
) -> RateTable:
    """A rate table from ``(from, to, rate, amount)`` rows whose bounds are multiplied by
    ``scale``; a row with an ``amount`` pays it for the whole tier (its rate is the amount
    over the tier's width)."""
    slices: list[Slice] = []
    for lo, hi, rate, lump in bounds:
        low = lo * scale
        high = hi * scale if hi is not None else None
        if lump is not None and high is not None and high > low:
            slices.append(Slice(low, high, lump / (high - low), places, lump))
        else:
            slices.append(Slice(low, high, rate if rate is not None else ZERO, places))
    return RateTable(tuple(slices), method)


def curve_fraction(
    points: Sequence[CurvePoint], att: Decimal, interpolation: Interpolation, above: AboveLast
) -> Decimal:
    """The payout fraction of a pay curve at attainment ``att`` (0 below the first point);
    ``points`` are in ascending attainment."""
    if att < points[0].attainment:
        return ZERO
    last = points[-1]
    if att >= last.attainment:
        if above is AboveLast.CAP or len(points) == 1 or att == last.attainment:
            return last.payout
        prev = points[-2]
        slope = (last.payout - prev.payout) / (last.attainment - prev.attainment)
        return last.payout + (att - last.attainment) * slope
    for low, high in itertools.pairwise(points):
        if low.attainment <= att < high.attainment:
            if interpolation is Interpolation.STEP:
                return low.payout
            share = (att - low.attainment) / (high.attainment - low.attainment)
            return low.payout + share * (high.payout - low.payout)
    return last.payout  # unreachable: the points cover [first, last)


@dataclass(frozen=True)
class PayCurve:
    """Target × f(amount / quota)."""

    points: tuple[CurvePoint, ...]
    target: Decimal
    quota: Decimal
    interpolation: Interpolation
    above_last: AboveLast
    places: int | None = None

    def fraction(self, x: Decimal) -> Decimal:
        if self.quota <= 0:
            raise EngineError("the quota is 0 or negative, so attainment cannot be computed")
        return curve_fraction(self.points, x / self.quota, self.interpolation, self.above_last)

    def value(self, x: Decimal) -> Decimal:
        return self.target * self.fraction(x)

    def tier_at(self, x: Decimal) -> tuple[int, Decimal] | None:
        return None

    def explain(self, before: Decimal, after: Decimal) -> str:
        def at(x: Decimal) -> str:
            att = x / self.quota
            return (
                f"attainment {percent(att.quantize(Decimal('0.0001')))} pays "
                f"{percent(self.fraction(x).quantize(Decimal('0.000001')))} of target "
                f"{show(self.target, self.places)}"
            )

        if before == 0:
            return at(after)
        return f"{at(after)}, less {at(before)} before"


@dataclass(frozen=True)
class Limited:
    """A pricing with an attainment cap and a threshold applied to its amount.

    ``cap_at``: amounts above it earn nothing. ``threshold``: below it the pricing pays 0; at
    or above it pays from the first dollar, or with ``on_excess`` only on the amount above it.
    """

    base: Pricing
    cap_at: Decimal | None = None
    threshold: Decimal | None = None
    on_excess: bool = False
    places: int | None = None

    def _amount(self, x: Decimal) -> Decimal:
        return min(x, self.cap_at) if self.cap_at is not None else x

    def tier_at(self, x: Decimal) -> tuple[int, Decimal] | None:
        shift = self.threshold if self.on_excess and self.threshold is not None else ZERO
        return self.base.tier_at(self._amount(x) - shift)

    def value(self, x: Decimal) -> Decimal:
        amount = self._amount(x)
        if self.threshold is not None:
            if amount < self.threshold:
                return ZERO
            if self.on_excess:
                return self.base.value(amount - self.threshold)
        return self.base.value(amount)

    def explain(self, before: Decimal, after: Decimal) -> str:
        notes: list[str] = []
        low, high = self._amount(before), self._amount(after)
        if self.cap_at is not None and max(before, after) > self.cap_at:
            notes.append(
                f"credit above the attainment cap {show(self.cap_at, self.places)} earns nothing"
            )
        if self.threshold is not None:
            if high < self.threshold:
                return (
                    f"{show(high, self.places)} is below the threshold "
                    f"{show(self.threshold, self.places)}: nothing paid"
                )
            shift = self.threshold if self.on_excess else ZERO
            if self.on_excess:
                notes.append(f"paid only above the threshold {show(self.threshold, self.places)}")
            opened_now = low < self.threshold
            text = self.base.explain(ZERO if opened_now else low - shift, high - shift)
            if opened_now and low > 0 and not self.on_excess:
                notes.append(f"threshold {show(self.threshold, self.places)} reached this period")
        else:
            text = self.base.explain(low, high)
        return "; ".join([text, *notes])
