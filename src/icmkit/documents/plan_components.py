"""How each component of a plan reads: a summary sentence, a table (rates, tiers, bands,
curve points, objectives) and notes; one function per component kind.

The notes every kind can carry (when it applies, threshold, gates, cap, kickers) follow the
kind's own notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from icmkit.documents.formatting import day, number, percent, span
from icmkit.documents.plan_words import PERIOD_WORDS, SCOPE_WORDS, PlanWords, condition_words
from icmkit.documents.view_blocks import Table, View

if TYPE_CHECKING:
    from icmkit.documents.pay_curve_view import CurveView
from icmkit.model.plans import (
    AboveLast,
    AcceleratedComponent,
    AnyComponent,
    Axis,
    Cap,
    CapKind,
    CapLevel,
    ComponentBase,
    FlatComponent,
    GateMiss,
    Interpolation,
    MboComponent,
    OverrideBasis,
    OverrideComponent,
    QuotaBonusComponent,
    SpiffComponent,
    ThresholdPay,
    TieredComponent,
    TierMethod,
)

KIND_NAMES = {
    "flat": "Commission at one rate",
    "tiered": "Commission from a rate table",
    "accelerated": "Commission with accelerators",
    "quota_bonus": "Bonus on quota attainment",
    "mbo": "Bonus on objectives (MBO)",
    "spiff": "SPIFF (fixed amount per qualifying deal)",
    "override": "Manager override",
}
CAP_LEVELS = {
    CapLevel.DEAL: "per deal",
    CapLevel.COMPONENT: "for this component",
    CapLevel.PERIOD: "per period",
    CapLevel.YEAR: "per year",
    CapLevel.PLAN: "for the whole plan",
}


@dataclass(frozen=True, slots=True)
class ComponentView(View):
    id: str
    anchor: str
    name: str
    kind: str
    kind_name: str
    description: str
    summary: str
    table: Table | None
    notes: list[str]
    curve: CurveView | None = None
    """The pay curve, computed by the engine (None: see ``no_curve``)."""
    no_curve: str = ""
    """Why the component has no chart."""
    example: str = ""
    """A worked example in plain words."""


@dataclass(frozen=True, slots=True)
class KindText:
    """What a component's kind says: its summary, its table and its own notes."""

    summary: str
    table: Table | None = None
    notes: list[str] = field(default_factory=list)


def _flat(c: FlatComponent, w: PlanWords) -> KindText:
    return KindText(
        f"You earn {percent(c.rate)} of {w.measure(c.measure)} on {SCOPE_WORDS[c.scope]}.",
        Table(["Measure", "Rate"], [[w.measure(c.measure), percent(c.rate)]]),
    )


def _tiered(c: TieredComponent, w: PlanWords) -> KindText:
    basis = (
        f"your attainment of {w.quota(c.quota)}"
        if c.axis is Axis.ATTAINMENT
        else w.measure(c.measure)
    )
    method = (
        "each slice is paid at the rate of its own tier (marginal)"
        if c.method is TierMethod.MARGINAL
        else "the whole amount is paid at the rate of the highest tier reached (retroactive)"
    )
    rows = [
        [
            span(
                w.bound(t.from_, c.axis),
                w.bound(t.to, c.axis) if t.to is not None else None,
                first=True,
            ),
            percent(t.rate),
        ]
        for t in c.tiers
    ]
    return KindText(
        f"You earn a rate from the table below on {SCOPE_WORDS[c.scope]} of "
        f"{w.measure(c.measure)}; tiers are by {basis}, and {method}.",
        Table(["Range", "Rate"], rows),
    )


def _accelerated(c: AcceleratedComponent, w: PlanWords) -> KindText:
    bands = (
        "each band paid at its own factor"
        if c.method is TierMethod.MARGINAL
        else "the highest band reached applies to all"
    )
    rows = [
        [
            span(percent(b.from_), percent(b.to) if b.to is not None else None, first=True)
            + " attainment",
            f"×{number(b.multiplier)}",
            percent(c.base_rate * b.multiplier),
        ]
        for b in c.bands
    ]
    return KindText(
        f"You earn a base rate of {percent(c.base_rate)} of {w.measure(c.measure)} "
        f"on {SCOPE_WORDS[c.scope]}, multiplied by the factor of your attainment band "
        f"of {w.quota(c.quota)} ({bands}).",
        Table(["Attainment", "Multiplier", "Effective rate"], rows),
    )


def _quota_bonus(c: QuotaBonusComponent, w: PlanWords) -> KindText:
    target = w.target(c.target)
    target_text = f" ({w.money(target)})" if target is not None else ""
    between = (
        "between two points the payout is interpolated on a straight line"
        if c.interpolation is Interpolation.LINEAR
        else "between two points the payout stays at the last point reached"
    )
    above = (
        "above the last point the payout does not rise further"
        if c.above_last is AboveLast.CAP
        else "above the last point the payout keeps rising on the same slope"
    )
    columns = ["Attainment", "Payout (share of target)"]
    if target is not None:
        columns.append("Payout")
    rows = []
    for point in c.curve:
        row = [percent(point.attainment), percent(point.payout)]
        if target is not None:
            row.append(w.money((target * point.payout).quantize(Decimal("0.01"))))
        rows.append(row)
    return KindText(
        f"You earn a share of your target incentive{target_text} set by your "
        f"attainment of {w.quota(c.quota)} on {SCOPE_WORDS[c.scope]}; {between}; {above}.",
        Table(columns, rows),
    )


def _mbo(c: MboComponent, w: PlanWords) -> KindText:
    target = w.target(c.target)
    target_text = w.money(target) if target is not None else "your target incentive"
    notes = []
    if c.min_score is not None:
        notes.append(f"Nothing is paid below a total score of {percent(c.min_score)}.")
    return KindText(
        f"You earn {target_text} times the weighted score of your objectives, "
        f"with the total score counted up to {percent(c.max_score)}.",
        Table(["Objective", "Weight"], [[o.name, percent(o.weight)] for o in c.objectives]),
        notes,
    )


def _spiff(c: SpiffComponent, w: PlanWords) -> KindText:
    window = span(day(c.window.from_), day(c.window.to) if c.window.to else None)
    notes = []
    if c.when:
        notes.append(f"Qualifies when {condition_words(c.when)}.")
    if c.max_events is not None:
        per = (
            f"in each {PERIOD_WORDS[c.max_events_per]}"
            if c.max_events_per is not None
            else "in the whole window"
        )
        deals = "deal" if c.max_events == 1 else "deals"
        notes.append(f"At most {c.max_events} qualifying {deals} are paid to you {per}.")
    notes.append(
        "These transactions also count toward quota."
        if c.counts_toward_quota
        else "The SPIFF itself does not count toward quota."
    )
    return KindText(
        f"You earn {w.money(c.amount)} for each qualifying {w.measure(c.measure)} "
        f"transaction dated {window}.",
        notes=notes,
    )


def _override(c: OverrideComponent, w: PlanWords) -> KindText:
    basis = "credit" if c.basis is OverrideBasis.TEAM_CREDIT else "earnings"
    levels = "one level" if c.levels == 1 else f"{c.levels} levels"
    notes = []
    if c.include_roles:
        notes.append(f"Counts team members in roles: {', '.join(c.include_roles)}.")
    if c.exclude_roles:
        notes.append(f"Leaves out team members in roles: {', '.join(c.exclude_roles)}.")
    return KindText(
        f"You earn {percent(c.rate)} of your team's {basis} on "
        f"{w.measure(c.measure)} ({SCOPE_WORDS[c.scope]}), {levels} down.",
        notes=notes,
    )


KIND_TEXT: dict[type[ComponentBase], Callable[[Any, PlanWords], KindText]] = {
    FlatComponent: _flat,
    TieredComponent: _tiered,
    AcceleratedComponent: _accelerated,
    QuotaBonusComponent: _quota_bonus,
    MboComponent: _mbo,
    SpiffComponent: _spiff,
    OverrideComponent: _override,
}
"""Each component type and the function that says what it pays."""


def cap_words(cap: Cap, w: PlanWords) -> str:
    limits = []
    if cap.amount is not None:
        limits.append(f"earnings capped at {w.money(cap.amount)}")
    if cap.attainment is not None:
        limits.append(f"attainment counted up to {percent(cap.attainment)}")
    if cap.multiple_of_target is not None:
        limits.append(f"earnings capped at {number(cap.multiple_of_target)}× target incentive")
    how = (
        "earnings above the cap are not paid"
        if cap.kind is CapKind.HARD
        else "earnings above the cap are held back and paid when later periods leave room"
    )
    return f"Cap: {', '.join(limits) or 'a cap'} {CAP_LEVELS[cap.level]}; {how}."


def _common_notes(c: ComponentBase, w: PlanWords) -> list[str]:
    """When the component applies, and its threshold, gates, cap and kickers."""
    notes = []
    if c.effective is not None:
        until = day(c.effective.to) if c.effective.to else None
        notes.append(f"Applies {span(day(c.effective.from_), until)}.")
    if c.threshold is not None:
        pay = (
            "from the first dollar"
            if c.threshold.pay is ThresholdPay.FROM_FIRST_DOLLAR
            else "only on the amount above the threshold"
        )
        level = (
            f"{w.money(c.threshold.amount)} of credit"
            if c.threshold.amount is not None
            else f"{percent(c.threshold.attainment or Decimal(0))} attainment of quota"
        )
        notes.append(
            f"Threshold: nothing is paid below {level} on {SCOPE_WORDS[c.threshold.scope]}; "
            f"above it, pay is {pay}."
        )
    for gate in c.gates:
        miss = (
            "otherwise the earnings are lost"
            if gate.on_miss is GateMiss.FORFEIT
            else "otherwise the earnings are held until the gate is met"
        )
        notes.append(
            f"Gate: paid only when attainment of {w.quota(gate.quota)} reaches "
            f"{percent(gate.min_attainment)} on {SCOPE_WORDS[gate.scope]}; {miss}."
        )
    if c.cap is not None:
        notes.append(cap_words(c.cap, w))
    for m in c.multipliers:
        where = f" on transactions where {condition_words(m.when)}" if m.when else ""
        first = f", for the first {m.first_deals} deals" if m.first_deals else ""
        notes.append(f"Kicker: earnings ×{number(m.factor)}{where}{first}.")
    return notes


def component_view(c: AnyComponent, w: PlanWords) -> ComponentView:
    text = KIND_TEXT[type(c)](c, w)
    return ComponentView(
        id=c.id,
        anchor=w.anchors("component", c.id),
        name=c.name,
        kind=c.kind,
        kind_name=KIND_NAMES[c.kind],
        description=c.description or "",
        summary=text.summary,
        table=text.table,
        notes=text.notes + _common_notes(c, w),
    )
