"""A plan's shape: what each commission component pays at every attainment, from the engine.

For a component measured against a quota (its own, or the plan's quota of its measure), the
payout at attainment ``a`` is what the engine's pricing (``pricing.priced``: the rate table
or pay curve with its attainment cap and same-scope threshold) gives for a credit of
``a × quota`` in one period — the quota's period for a ``to_date`` component, else the plan's
calculation period, with the quota and target scaled to it — then:

- a threshold on another scope, and every gate, close below their level (every quota is
  taken at the same attainment ``a``);
- a payout cap (``cap.amount`` or ``cap.multiple_of_target``, except per deal) limits it.

Multipliers (kickers on some transactions) and clawbacks are left out: the shape is the plan's
base rates. The quota and target incentive are the plan's defaults, else the median of the
roster's participants on the plan; a component without a quota on its measure, or whose
amounts are priced deal by deal on attainment, has no shape here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from icmkit.engine.calculate import exactly
from icmkit.engine.calendar import Calendar
from icmkit.engine.context import Context
from icmkit.engine.credited_input import CreditList
from icmkit.engine.errors import EngineError
from icmkit.engine.limits import cap_amount
from icmkit.engine.numbers import ZERO
from icmkit.engine.periods import Period
from icmkit.engine.pricing import PricedComponent, priced, threshold_level
from icmkit.engine.state import State
from icmkit.engine.targets import Person
from icmkit.engine.tiers import Limited, PayCurve, Pricing, RateTable
from icmkit.model.plans import (
    AnyComponent,
    CapLevel,
    FlatComponent,
    OverrideComponent,
    Plan,
    Quota,
    Scope,
)
from icmkit.model.roster import RosterEntry

SWEEP_PERSON = "plan-shape"


def _median(values: Sequence[Decimal]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _on_plan(plan: Plan, entry: RosterEntry) -> bool:
    if entry.assignments:
        return any(a.plan == plan.id for a in entry.assignments)
    return entry.role is not None and entry.role in plan.eligibility.roles


def _typical_person(plan: Plan, roster: Sequence[RosterEntry]) -> Person | None:
    """A participant with the plan's default quotas and target (the roster's medians where
    the plan has none); None when a quota has no amount at all."""
    people = [e for e in roster if _on_plan(plan, e)]
    quotas: dict[str, Decimal] = {}
    for quota in plan.quotas:
        amount = quota.amount
        if amount is None:
            amount = _median([e.quotas[quota.id] for e in people if quota.id in e.quotas])
        if amount is None:
            return None
        quotas[quota.id] = amount
    target: Decimal | None = None
    if plan.target_incentive is None or plan.target_incentive.amount is None:
        target = _median([e.target_incentive for e in people if e.target_incentive is not None])
    return Person(SWEEP_PERSON, quotas=quotas, target_incentive=target)


def sweep_quota(plan: Plan, component: AnyComponent) -> Quota | None:
    """The quota a component's attainment is measured on: its own, else the plan's quota of
    its measure."""
    own = getattr(component, "quota", None)
    measure = getattr(component, "measure", None)
    for quota in plan.quotas:
        if quota.id == own or (own is None and quota.measure == measure):
            return quota
    return None


@dataclass(frozen=True)
class Shape:
    """What one component pays as a function of attainment, in one quota period."""

    plan: Plan
    component: PricedComponent
    quota_id: str
    """The quota attainment is measured on."""
    quota: Decimal
    """The quota of the period swept."""
    target: Decimal | None
    """The plan's target incentive for that period (None when the plan has none)."""
    period: Period
    pay: Callable[[Decimal], Decimal]
    table: RateTable | None
    """The component's rate table in amounts, when it has one."""
    breaks: tuple[Decimal, ...]
    """The attainments where the payout may jump or change slope (tier and band bounds,
    curve points, thresholds, gates, attainment caps), ascending; between two of them it is a
    straight line."""

    def share(self, attainment: Decimal) -> Decimal | None:
        """The payout at ``attainment`` as a share of target."""
        if self.target is None or self.target <= 0:
            return None
        return self.pay(attainment) / self.target


def _priceable(component: AnyComponent) -> PricedComponent | None:
    if not isinstance(component, PricedComponent):
        return None
    if component.scope is Scope.TRANSACTION and not isinstance(
        component, FlatComponent | OverrideComponent
    ):
        return None
    return component


def _payout(
    component: PricedComponent, context: Context, quota: Decimal, pricing: Pricing
) -> Callable[[Decimal], Decimal]:
    threshold = component.threshold
    closed_below: Decimal | None = None
    if threshold is not None and threshold.scope is not component.scope:
        level = threshold_level(component, context, threshold.scope)
        closed_below = level / quota if level is not None else None
    gates = [gate.min_attainment for gate in component.gates]
    cap = component.cap
    limit = (
        cap_amount(component, context)
        if cap is not None and cap.level is not CapLevel.DEAL
        else None
    )

    def pay(attainment: Decimal) -> Decimal:
        if closed_below is not None and attainment < closed_below:
            return ZERO
        if any(attainment < level for level in gates):
            return ZERO
        found = pricing.value(attainment * quota)
        return min(found, limit) if limit is not None else found

    return lambda attainment: exactly(lambda: pay(attainment))


def _breaks(component: PricedComponent, pricing: Pricing, quota: Decimal) -> tuple[Decimal, ...]:
    amounts: list[Decimal] = []
    attainments: list[Decimal] = [g.min_attainment for g in component.gates]
    if isinstance(pricing, Limited):
        amounts += [x for x in (pricing.threshold, pricing.cap_at) if x is not None]
        pricing = pricing.base
    if isinstance(pricing, RateTable):
        for tier in pricing.slices:
            amounts += [tier.lo] if tier.hi is None else [tier.lo, tier.hi]
    elif isinstance(pricing, PayCurve):
        attainments += [point.attainment for point in pricing.points]
    threshold = component.threshold
    if threshold is not None and threshold.attainment is not None:
        attainments.append(threshold.attainment)
    if threshold is not None and threshold.amount is not None:
        amounts.append(threshold.amount)
    found = {a / quota for a in amounts} | set(attainments)
    return tuple(sorted(a for a in found if a >= 0))


def shape_of(
    plan: Plan,
    component: AnyComponent,
    roster: Sequence[RosterEntry] = (),
    calendar: Calendar | None = None,
) -> Shape | None:
    """The component's payout curve, or None when it has no attainment to sweep."""
    found = _priceable(component)
    quota = sweep_quota(plan, component)
    if found is None or quota is None:
        return None
    person = _typical_person(plan, roster)
    if person is None:
        return None
    chosen = calendar or Calendar()
    frequency = quota.period
    if found.scope is not Scope.TO_DATE:
        frequency = plan.payment.calculation or plan.payment.frequency
    period = chosen.period_of(frequency, plan.effective.from_)
    context = Context.create(plan, person, period, chosen, CreditList(), State(), explain=False)

    def build() -> Shape | None:
        # as the engine measures it: a per-deal component's quota is its quota period's
        amount = context.targets.quota(quota.id, found.scope, period.window.start).amount
        if amount <= 0:
            return None
        try:
            target: Decimal | None = context.targets.target(None, Scope.PERIOD).amount
        except EngineError:
            target = None
        pricing = priced(found, context, period.window.start)[0].pricing
        pay = _payout(found, context, amount, pricing)
        base = pricing.base if isinstance(pricing, Limited) else pricing
        table = base if isinstance(base, RateTable) else None
        return Shape(
            plan,
            found,
            quota.id,
            amount,
            target,
            period,
            pay,
            table,
            _breaks(found, pricing, amount),
        )

    try:
        return exactly(build)
    except EngineError:
        return None


def shapes_of(
    plan: Plan, roster: Sequence[RosterEntry] = (), calendar: Calendar | None = None
) -> list[Shape]:
    """Every component of ``plan`` that has a shape."""
    found = [shape_of(plan, component, roster, calendar) for component in plan.components]
    return [shape for shape in found if shape is not None]
