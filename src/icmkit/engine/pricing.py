"""A commission component's pricing function F, with the quota and target it is measured on.

Commission kinds (flat, tiered, accelerated, quota_bonus, override) price credit with one
function F of a cumulative amount (see ``tiers``), with an attainment cap and a same-scope
threshold folded in. With ``transaction`` scope on attainment, F depends on the deal's date
(the quota of the quota period holding it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from icmkit.engine.context import Context
from icmkit.engine.crediting import Selection, team_selection
from icmkit.engine.errors import EngineError
from icmkit.engine.numbers import ONE, ZERO, show
from icmkit.engine.targets import Scaled
from icmkit.engine.tiers import Limited, PayCurve, Pricing, RateTable, Slice, table_from
from icmkit.model.plans import (
    AcceleratedComponent,
    Axis,
    FlatComponent,
    OverrideBasis,
    OverrideComponent,
    QuotaBonusComponent,
    Scope,
    ThresholdPay,
    TieredComponent,
)

PricedComponent = (
    FlatComponent | TieredComponent | AcceleratedComponent | QuotaBonusComponent | OverrideComponent
)


@dataclass(frozen=True)
class Priced:
    """A commission component's pricing function and what it is applied to."""

    pricing: Pricing
    scope: Scope
    measure: str
    selection: Selection | None
    """Which credits count (None: the participant's own and what the plan rolls up)."""
    quota: str | None
    """The quota whose period to-date credit builds up in, if any."""


def quota_of(
    component: PricedComponent,
    context: Context,
    scope: Scope,
    why: str,
    day: date | None = None,
) -> Scaled:
    quota = component.quota
    if quota is None:
        raise EngineError(f"component `{component.id}` needs a quota for {why}")
    found = context.targets.quota(quota, scope, day)
    if found.amount <= 0:
        raise EngineError(f"component `{component.id}`: quota `{quota}` is 0 for this period")
    return found


def _base_pricing(
    component: PricedComponent, context: Context, day: date | None
) -> tuple[Pricing, list[str]]:
    notes: list[str] = []
    places = context.places
    if isinstance(component, FlatComponent | OverrideComponent):
        return RateTable((Slice(ZERO, None, component.rate, places),)), notes
    if isinstance(component, TieredComponent):
        rows = [(t.from_, t.to, t.rate, t.amount) for t in component.tiers]
        scale = ONE
        if component.axis is Axis.ATTAINMENT:
            quota = quota_of(component, context, component.scope, "attainment tiers", day)
            scale = quota.amount
            notes.append(
                f"tier bounds are fractions of the quota {show(scale, places)}{quota.note}"
            )
        return table_from(rows, scale, component.method, places), notes
    if isinstance(component, AcceleratedComponent):
        bands = quota_of(component, context, component.scope, "accelerator bands", day)
        rows = [(b.from_, b.to, component.base_rate * b.multiplier, None) for b in component.bands]
        notes.append(f"bands are fractions of the quota {show(bands.amount, places)}{bands.note}")
        return table_from(rows, bands.amount, component.method, places), notes
    curve_quota = quota_of(component, context, component.scope, "the pay curve", day)
    target = context.targets.target(component.target, component.scope)
    notes.append(
        f"target {show(target.amount, places)}{target.note}, "
        f"quota {show(curve_quota.amount, places)}{curve_quota.note}"
    )
    curve = PayCurve(
        tuple(sorted(component.curve, key=lambda p: p.attainment)),
        target.amount,
        curve_quota.amount,
        component.interpolation,
        component.above_last,
        places,
    )
    return curve, notes


def threshold_level(
    component: PricedComponent, context: Context, scope: Scope, day: date | None = None
) -> Decimal | None:
    """The component's threshold as an amount of its measure (None without one)."""
    found = component.threshold
    if found is None:
        return None
    if found.amount is not None:
        return found.amount
    assert found.attainment is not None
    return found.attainment * quota_of(component, context, scope, "a threshold", day).amount


def priced(
    component: PricedComponent, context: Context, day: date | None = None
) -> tuple[Priced, list[str]]:
    """The component's pricing F with its attainment cap and same-scope threshold applied
    (``day``: the deal's date, for ``transaction`` scope on attainment)."""
    base, notes = _base_pricing(component, context, day)
    cap_at: Decimal | None = None
    if component.cap is not None and component.cap.attainment is not None:
        quota = quota_of(component, context, component.scope, "an attainment cap", day)
        cap_at = component.cap.attainment * quota.amount
    threshold: Decimal | None = None
    on_excess = False
    found = component.threshold
    if found is not None and found.scope is component.scope:
        threshold = threshold_level(component, context, found.scope, day)
        on_excess = found.pay is ThresholdPay.ON_EXCESS
    selection: Selection | None = None
    if isinstance(component, OverrideComponent):
        if component.basis is OverrideBasis.TEAM_EARNINGS:
            raise EngineError(
                f"component `{component.id}`: an override on team earnings needs the team's "
                "earnings, which this calculation does not give"
            )
        selection = team_selection(component)
        members = context.team_members(selection)
        notes.append("team: " + (", ".join(members) or "nobody"))
    pricing = Limited(base, cap_at, threshold, on_excess, context.places)
    return Priced(pricing, component.scope, component.measure, selection, component.quota), notes


def needs_deal_date(component: PricedComponent) -> bool:
    """Whether F depends on each deal's date (transaction scope measured on a quota)."""
    if component.scope is not Scope.TRANSACTION:
        return False
    if isinstance(component, AcceleratedComponent | QuotaBonusComponent):
        return True
    if isinstance(component, TieredComponent) and component.axis is Axis.ATTAINMENT:
        return True
    cap = component.cap
    threshold = component.threshold
    return (cap is not None and cap.attainment is not None) or (
        threshold is not None and threshold.attainment is not None
    )
