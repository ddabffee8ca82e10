"""Which components need each deal's credit, not only the totals (read from the plan alone).

A commission component priced as a whole needs the credit of a measure in a window added up;
one priced per transaction, with a cap per deal, with multipliers, rounded per transaction or
released on cash needs each credit in turn, and a SPIFF counts its events one by one. The
columnar input stage ships rows of those measures only.
"""

from __future__ import annotations

from icmkit.model.plan_choices import Release
from icmkit.model.plans import (
    AcceleratedComponent,
    AnyComponent,
    CapLevel,
    FlatComponent,
    OverrideComponent,
    Plan,
    QuotaBonusComponent,
    RoundingPoint,
    Scope,
    SpiffComponent,
    TieredComponent,
)

PRICED_KINDS = (
    FlatComponent,
    TieredComponent,
    AcceleratedComponent,
    QuotaBonusComponent,
    OverrideComponent,
)


def _linear(component: AnyComponent) -> bool:
    """Whether the component pays the same rate on every amount (a flat rate or an override
    without threshold or attainment cap): then pricing each transaction on its own adds up
    to pricing their total."""
    cap = component.cap
    return (
        isinstance(component, FlatComponent | OverrideComponent)
        and component.threshold is None
        and (cap is None or cap.attainment is None)
    )


def needs_each_deal(component: AnyComponent, plan: Plan, explain: bool) -> bool:
    """Whether each transaction's share of a commission component must be worked out."""
    cap = component.cap
    per_transaction = getattr(component, "scope", None) is Scope.TRANSACTION
    return (
        explain
        or (per_transaction and not _linear(component))
        or (cap is not None and cap.level is CapLevel.DEAL)
        or bool(component.multipliers)
        or plan.rounding.at is RoundingPoint.TRANSACTION
        or plan.payment.release is Release.ON_CASH
    )


def measures_read_deal_by_deal(plan: Plan, explain: bool) -> frozenset[str]:
    """The measures some component of ``plan`` reads credit by credit."""
    found: set[str] = set()
    for component in plan.components:
        if isinstance(component, SpiffComponent):
            found.add(component.measure)
        elif isinstance(component, PRICED_KINDS) and needs_each_deal(component, plan, explain):
            found.add(component.measure)
    return frozenset(found)
