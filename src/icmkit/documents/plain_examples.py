"""A worked example per component, in plain words: one amount of credit (or score, or
qualifying deals), what the engine pays for it, and for a marginal rate table how each slice
adds up to it."""

from __future__ import annotations

from decimal import Decimal

from icmkit.documents.formatting import number, percent
from icmkit.documents.plan_words import PERIOD_WORDS, PlanWords
from icmkit.engine.calendar import Calendar
from icmkit.engine.curves import CurveAxis, PayCurve, Representative, payout_at
from icmkit.model.plans import (
    AcceleratedComponent,
    AnyComponent,
    Plan,
    TieredComponent,
    TierMethod,
)

ATTAINMENT = Decimal("1.2")
"""The attainment of the example: 120%, past quota, where accelerators show."""
SCORE = Decimal("0.9")
CENT = Decimal("0.01")


def _example_x(curve: PayCurve) -> Decimal:
    end = max(p.x for p in curve.points)
    edges = sorted({p.x for p in curve.points if p.x and "end" not in p.marks})
    if curve.axis is CurveAxis.ATTAINMENT:
        return ATTAINMENT if end > ATTAINMENT else end
    if curve.axis is CurveAxis.SCORE:
        return SCORE
    if curve.axis is CurveAxis.EVENTS:
        return Decimal(min(3, int(edges[0]))) if edges else Decimal(3)
    return (edges[0] * Decimal("1.5")).quantize(Decimal(1)) if edges else end / 2


def _marginal(component: AnyComponent) -> bool:
    return isinstance(component, TieredComponent | AcceleratedComponent) and (
        component.method is TierMethod.MARGINAL
    )


def _slices(curve: PayCurve, x: Decimal, paid: Decimal, w: PlanWords) -> list[str]:
    """What each tier's slice up to ``x`` pays, from the curve's points at the tier edges."""
    edges = [p for p in curve.points if not p.below and "tier" in p.marks and 0 < p.x < x]
    parts = []
    low, low_paid = Decimal(0), Decimal(0)
    for edge in [*edges, None]:
        high, high_paid = (edge.x, edge.payout) if edge is not None else (x, paid)
        if high_paid != low_paid:
            span = (
                f"up to {_x(curve, high, w)}"
                if low == 0
                else f"from {_x(curve, low, w)} to {_x(curve, high, w)}"
            )
            parts.append(f"{w.money(high_paid - low_paid)} {span}")
        low, low_paid = high, high_paid
    return parts


def _x(curve: PayCurve, x: Decimal, w: PlanWords) -> str:
    if curve.axis in (CurveAxis.ATTAINMENT, CurveAxis.SCORE):
        return percent(x.normalize())
    if curve.axis is CurveAxis.EVENTS:
        return number(x)
    return w.money(x)


def component_example(
    plan: Plan,
    component: AnyComponent,
    curve: PayCurve,
    w: PlanWords,
    calendar: Calendar,
    who: Representative | None = None,
) -> str:
    """``For example, if ...: this pays USD ...`` for ``component``."""
    x = _example_x(curve)
    paid = payout_at(plan, component.id, x, who=who, calendar=calendar)
    period = PERIOD_WORDS[curve.frequency]
    measure = w.measure(str(getattr(component, "measure", "")))
    if curve.axis is CurveAxis.SCORE:
        return (
            f"For example, if your objectives score {percent(x)} in total for a {period}, "
            f"this pays {w.money(paid)}."
        )
    if curve.axis is CurveAxis.EVENTS:
        return (
            f"For example, if {number(x)} of your deals qualify in a {period}, this pays "
            f"{w.money(paid)}."
        )
    if curve.axis is CurveAxis.AMOUNT:
        text = f"For example, if your {measure} in a {period} is {w.money(x)}, this pays "
    elif curve.reference is not None:
        text = (
            f"For example, if you reach {percent(x.normalize())} of {w.quota(curve.quota)} "
            f"in the {period} and have {w.money(curve.reference)} of {measure}, this pays "
        )
    else:
        assert curve.quota_amount is not None
        credit = (x * curve.quota_amount).quantize(CENT)
        credit = credit.quantize(Decimal(1)) if credit == credit.to_integral_value() else credit
        text = (
            f"For example, if your {measure} for the {period} is {w.money(credit)} "
            f"({percent(x.normalize())} of a {w.money(curve.quota_amount)} quota), this pays "
        )
    text += w.money(paid)
    if _marginal(component) and curve.reference is None:
        slices = _slices(curve, x, paid, w)
        if len(slices) > 1:
            text += ": " + ", ".join(slices)
    return text + "."
