"""Pay curves: what a component pays as attainment rises, computed by the engine.

A curve is a list of points (x, payout) for one component of a plan: x is attainment of a
quota (``1`` = 100%) when the component or its plan measures the component's credit against
one, else the credit itself (an amount), an MBO's total score, or a SPIFF's number of
qualifying events. Each payout is what the engine computes (``calculate``) for one period
holding that much credit, for a representative participant: the plan's own quota and target
incentive, a participant's own ones when given, or the defaults below when neither sets them.

The points are 0, each edge where the pay rule changes (tier and band edges, curve points,
the threshold, gates on the same quota, the cap, the score limits) and the end of the chart,
at least 200% of quota. Where the payout jumps at an edge, a point just below it (one cent of
credit less) comes first. Between points every pay rule the engine knows is a straight line,
so the points draw the whole curve.

The API: :func:`payout_at` (one point) and :func:`pay_curve` (the whole curve).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, Decimal

from icmkit.engine.calendar import Calendar
from icmkit.engine.curve_setup import (
    CENT,
    DEFAULT_REFERENCE,
    MIN_END,
    CurveAxis,
    CurveSetup,
    Representative,
    curve_setup,
    measured,
    paid_at,
    scope_of,
)
from icmkit.engine.errors import EngineError
from icmkit.model.plans import (
    AcceleratedComponent,
    Axis,
    Frequency,
    MboComponent,
    Plan,
    QuotaBonusComponent,
    Scope,
    SpiffComponent,
    TieredComponent,
)


@dataclass(frozen=True, slots=True)
class PayPoint:
    x: Decimal
    payout: Decimal
    below: bool = False
    """The payout just below ``x`` (one cent of credit less), where it jumps at ``x``."""
    marks: tuple[str, ...] = ()
    """Why ``x`` is on the curve: ``start``, ``tier``, ``threshold``, ``gate``, ``cap``,
    ``score``, ``events``, ``end``."""


@dataclass(frozen=True)
class PayCurve:
    plan: str
    component: str
    axis: CurveAxis
    period: str
    """The period computed, as the engine labels it."""
    frequency: Frequency
    """What kind of period that is."""
    quota: str | None
    """The quota attainment is measured against (axis ``attainment``)."""
    quota_amount: Decimal | None
    """That quota for the period, as the engine computes it."""
    target: Decimal | None
    reference: Decimal | None
    """The component's own credit when the axis measures another quota (a gated component)."""
    defaults: tuple[str, ...]
    """``quota`` and/or ``target`` when the defaults stood in for them."""
    points: list[PayPoint]


def _edges(setup: CurveSetup) -> dict[Decimal, list[str]]:
    """Where the pay rule changes, in units of the axis, with why."""
    c = setup.component
    edges: dict[Decimal, list[str]] = {}
    by_attainment = setup.axis is CurveAxis.ATTAINMENT

    def add(x: Decimal | None, why: str) -> None:
        if x is not None and x > 0:
            edges.setdefault(x, [])
            if why not in edges[x]:
                edges[x].append(why)

    def amount(value: Decimal | None) -> Decimal | None:
        """An amount of credit on the axis."""
        if value is None or not by_attainment:
            return value
        return value / setup.quota_amount

    def share(value: Decimal | None, quota: str | None, scope: Scope) -> Decimal | None:
        """A share of ``quota`` measured in ``scope``, on the axis (None: not on it)."""
        if value is None or quota is None or quota != setup.quota:
            return None
        return value * setup.targets.quota(quota, scope, setup.day).amount / setup.quota_amount

    quota = getattr(c, "quota", None)
    own_scope = scope_of(c)
    if isinstance(c, TieredComponent):
        for tier in c.tiers:
            for edge in (tier.from_, tier.to):
                add(
                    share(edge, quota, own_scope) if c.axis is Axis.ATTAINMENT else amount(edge),
                    "tier",
                )
    elif isinstance(c, AcceleratedComponent):
        for band in c.bands:
            add(share(band.from_, quota, own_scope), "tier")
            add(share(band.to, quota, own_scope), "tier")
    elif isinstance(c, QuotaBonusComponent):
        for point in c.curve:
            add(share(point.attainment, quota, own_scope), "tier")
    elif isinstance(c, MboComponent):
        add(c.min_score, "threshold")
        add(c.max_score, "cap")
    elif isinstance(c, SpiffComponent) and c.max_events is not None:
        add(Decimal(c.max_events), "cap")
    if c.threshold is not None:
        threshold_scope = (
            Scope.PERIOD if c.threshold.scope is Scope.TRANSACTION else c.threshold.scope
        )
        add(share(c.threshold.attainment, quota, threshold_scope), "threshold")
        add(amount(c.threshold.amount), "threshold")
    for gate in c.gates:
        add(share(gate.min_attainment, gate.quota, measured(gate.scope)), "gate")
    if c.cap is not None:
        add(share(c.cap.attainment, quota, own_scope), "cap")
    return edges


def _end(setup: CurveSetup, highest: Decimal) -> Decimal:
    """Where the chart ends: 200% of quota or more, past the last edge."""
    if setup.axis is CurveAxis.EVENTS:
        return highest + 2 if highest else Decimal(10)
    if setup.axis is CurveAxis.SCORE:
        return max(Decimal("1.5"), highest + Decimal("0.25"))
    if setup.axis is CurveAxis.ATTAINMENT:
        step = Decimal("0.25")
        end = max(MIN_END, highest + step)
        return (end / step).to_integral_value(rounding=ROUND_CEILING) * step
    if not highest:
        return DEFAULT_REFERENCE
    return _nice(highest * Decimal("1.5"))


def _nice(value: Decimal) -> Decimal:
    """``value`` rounded up to 1, 2 or 5 times a power of ten."""
    power = Decimal(10) ** (len(str(int(value))) - 1)
    for factor in (1, 2, 5, 10):
        if factor * power >= value:
            return factor * power
    return 10 * power


def _cap_edge(setup: CurveSetup, xs: list[Decimal]) -> Decimal | None:
    """Where a cap in money (or a multiple of target) starts to bind, if it does on the chart
    or not far past it."""
    c = setup.component
    if c.cap is None or (c.cap.amount is None and c.cap.multiple_of_target is None):
        return None
    loose = setup.plan.model_copy(
        update={
            "components": [
                p.model_copy(update={"cap": None}) if p.id == c.id else p
                for p in setup.plan.components
            ]
        }
    )
    free = replace(setup, plan=loose, component=next(p for p in loose.components if p.id == c.id))
    far = xs[-1] * 4
    limit = paid_at(setup, far)
    if paid_at(free, far) <= limit:
        return None
    points = [*xs, far]
    before = Decimal(0)
    for x in points:
        value = paid_at(free, x)
        if value >= limit:
            low = before
            low_value = paid_at(free, low)
            if value == low_value:
                return x
            return low + (x - low) * (limit - low_value) / (value - low_value)
        before = x
    return None


def payout_at(
    plan: Plan,
    component_id: str,
    x: Decimal,
    *,
    who: Representative | None = None,
    calendar: Calendar | None = None,
) -> Decimal:
    """What ``component_id`` of ``plan`` pays at ``x`` on its curve's axis (see
    :func:`pay_curve`). Raises EngineError when it cannot be computed."""
    component = next((c for c in plan.components if c.id == component_id), None)
    if component is None:
        raise EngineError(f"plan {plan.id} has no component `{component_id}`")
    setup = curve_setup(plan, component, who or Representative(), calendar or Calendar())
    return paid_at(setup, x)


def pay_curve(
    plan: Plan,
    component_id: str,
    *,
    who: Representative | None = None,
    calendar: Calendar | None = None,
) -> PayCurve:
    """The pay curve of ``component_id`` of ``plan`` (the plan as it stands: pass a version's
    plan for that version). Raises EngineError when it cannot be computed."""
    component = next((c for c in plan.components if c.id == component_id), None)
    if component is None:
        raise EngineError(f"plan {plan.id} has no component `{component_id}`")
    setup = curve_setup(plan, component, who or Representative(), calendar or Calendar())
    edges = _edges(setup)
    end = _end(setup, max(edges, default=Decimal(0)))
    xs = sorted({Decimal(0), *edges, end})
    capped = _cap_edge(setup, xs)
    if capped is not None and capped > 0:
        edges.setdefault(capped, []).append("cap")
        end = max(end, _end(setup, capped))
        xs = sorted({Decimal(0), *edges, end})
    points: list[PayPoint] = []
    for x in xs:
        value = paid_at(setup, x)
        marks = tuple(edges.get(x, []))
        if x == 0:
            marks = ("start", *marks)
        if x == end and not marks:
            marks = ("end",)
        if x > 0 and setup.axis is not CurveAxis.EVENTS and x in edges:
            just_below = paid_at(setup, x, below=True)
            if abs(just_below - value) > CENT:
                points.append(PayPoint(x, just_below, True, marks))
        points.append(PayPoint(x, value, False, marks))
    return PayCurve(
        plan.id,
        component.id,
        setup.axis,
        setup.period.label,
        setup.frequency,
        setup.quota,
        setup.quota_amount if setup.quota is not None else None,
        setup.target,
        setup.reference,
        setup.defaults,
        points,
    )


__all__ = ["CurveAxis", "PayCurve", "PayPoint", "Representative", "pay_curve", "payout_at"]
