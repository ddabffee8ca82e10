"""A component's pay curve as a document shows it: a chart (SVG geometry, as text) and a
table of its key points, in the plan's words.

The points come from the engine (``engine.curves``); between two points the payout runs in a
straight line, and a jump at an edge is drawn as a vertical step (the point just below it,
then the point at it).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from icmkit.documents.formatting import number, percent, words
from icmkit.documents.plan_words import PERIOD_WORDS, PlanWords
from icmkit.documents.view_blocks import Table, View
from icmkit.engine.curves import CurveAxis, PayCurve, PayPoint
from icmkit.model.plans import AnyComponent, MboComponent, QuotaBonusComponent

WIDTH = 640
HEIGHT = 300
LEFT = 84
RIGHT = 612
TOP = 24
BOTTOM = 246
MARK_WORDS = {
    "tier": "rate changes",
    "threshold": "threshold reached",
    "gate": "gate opens",
    "cap": "cap reached",
}
CHART_WORDS = {"threshold": "threshold", "gate": "gate", "cap": "cap"}
"""What a dashed line on the chart is labelled with besides its x (a rate change has none)."""


@dataclass(frozen=True, slots=True)
class Tick(View):
    at: str
    """The tick's pixel position along its axis."""
    label: str
    label_at: str
    """Where its label sits along the same axis."""


@dataclass(frozen=True, slots=True)
class EdgeLine(View):
    """A dashed vertical line where the pay rule changes, with what changes there."""

    x: str
    label: str
    label_x: str
    label_y: str


@dataclass(frozen=True, slots=True)
class Dot(View):
    x: str
    y: str
    label: str


@dataclass(frozen=True, slots=True)
class CurveView(View):
    id: str
    """Unique in the document (an HTML id prefix)."""
    title: str
    caption: str
    """What the chart shows, for whom, and that the engine computed it."""
    file: str
    """The SVG file beside a Markdown document, relative to it."""
    width: str
    height: str
    left: str
    right: str
    top: str
    bottom: str
    line: str
    """The curve as SVG polyline points."""
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    edges: list[EdgeLine]
    dots: list[Dot]
    x_title: str
    y_title: str
    x_title_y: str
    middle_x: str
    middle_y: str
    y_label_x: str
    """Where the y ticks' labels end (right-aligned)."""
    tick_end: str
    """Where the x ticks end below the axis."""
    x_label_y: str
    table: Table
    summary: str
    """The curve in one sentence, for readers who do not see the chart."""


def _fmt(value: Decimal) -> str:
    return f"{float(value):.1f}"


def _nice_step(span: Decimal, ticks: int) -> Decimal:
    raw = span / ticks
    power = Decimal(10) ** (len(str(int(raw))) - 1) if raw >= 1 else Decimal("0.1")
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


def _x_text(curve: PayCurve, x: Decimal, w: PlanWords) -> str:
    if curve.axis is CurveAxis.ATTAINMENT or curve.axis is CurveAxis.SCORE:
        return percent(x.quantize(Decimal("0.01")).normalize())
    if curve.axis is CurveAxis.EVENTS:
        return number(x)
    return w.money(x.quantize(Decimal(1)))


def _x_words(curve: PayCurve, component: AnyComponent, w: PlanWords) -> tuple[str, str]:
    """The x axis's title, and the column heading of the table's first column."""
    if curve.axis is CurveAxis.ATTAINMENT:
        return f"Attainment of {w.quota(curve.quota)}", "Attainment"
    if curve.axis is CurveAxis.SCORE:
        return "Total weighted score of the objectives", "Score"
    if curve.axis is CurveAxis.EVENTS:
        return "Qualifying deals", "Qualifying deals"
    measure = w.measure(str(getattr(component, "measure", "")))
    return measure, measure


def _period_words(curve: PayCurve) -> str:
    return f"one {PERIOD_WORDS[curve.frequency]}"


def _quota_words(curve: PayCurve, w: PlanWords) -> str:
    """``the annual New ARR booked quota`` (without its amount)."""
    quota = w.quotas.get(curve.quota or "")
    if quota is None:
        return "the quota"
    return f"the {words(quota.period.value)} {w.measure(quota.measure)} quota"


def _caption(curve: PayCurve, component: AnyComponent, w: PlanWords, personal: bool) -> str:
    period = PERIOD_WORDS[curve.frequency]
    measure = w.measure(str(getattr(component, "measure", "")))
    if curve.axis is CurveAxis.SCORE:
        text = f"What {component.name} pays for a {period}, by the total score of the objectives"
    elif curve.axis is CurveAxis.EVENTS:
        text = f"What {component.name} pays for a {period}, by the number of qualifying deals"
    elif curve.axis is CurveAxis.AMOUNT:
        text = f"What {component.name} pays for a {period}'s {measure}"
    elif curve.reference is not None:
        text = (
            f"What {component.name} pays for a {period} on {w.money(curve.reference)} of "
            f"{measure}, by attainment of {_quota_words(curve, w)}"
        )
    else:
        text = (
            f"What {component.name} pays for a {period}'s {measure}, by attainment of "
            f"{_quota_words(curve, w)}"
        )
    if curve.axis is CurveAxis.ATTAINMENT and curve.quota_amount is not None:
        text += f" (100% = {w.money(_whole(curve.quota_amount))} in the {period})"
    uses_target = curve.target is not None and getattr(component, "target", None) is None
    uses_target = uses_target and (
        isinstance(component, QuotaBonusComponent | MboComponent)
        or (component.cap is not None and component.cap.multiple_of_target is not None)
    )
    if curve.axis is CurveAxis.ATTAINMENT or uses_target:
        whose = "your" if personal else "the plan's standard"
        what = " and ".join(
            x
            for x, used in (("quota", curve.axis is CurveAxis.ATTAINMENT), ("target", uses_target))
            if used
        )
        text += f", for {whose} {what}"
        if uses_target and curve.target is not None:
            text += f" (target incentive {w.money(curve.target)})"
    text += ". Computed by the calculation engine from the plan's rules"
    if curve.defaults:
        assumed = " and ".join(curve.defaults)
        text += f"; the plan sets no {assumed}, so an example {assumed} is used"
    return text + "."


def _whole(value: Decimal) -> Decimal:
    """``value`` without decimals when it has none to show."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _rows(
    curve: PayCurve, points: list[PayPoint], w: PlanWords, with_credit: bool
) -> list[list[str]]:
    rows = []
    for p in points:
        x = _x_text(curve, p.x, w)
        label = f"just below {x}" if p.below else x
        notes = ", ".join(MARK_WORDS[m] for m in p.marks if m in MARK_WORDS and not p.below)
        row = [label[:1].upper() + label[1:]]
        if with_credit and curve.quota_amount is not None:
            credit = (p.x * curve.quota_amount).quantize(Decimal(1))
            row.append(w.money(credit) if not p.below else "")
        row += [w.money(p.payout), notes]
        rows.append(row)
    return rows


def curve_view(
    curve: PayCurve,
    component: AnyComponent,
    w: PlanWords,
    anchor: str,
    file: str,
    *,
    personal: bool = False,
) -> CurveView:
    """The chart and table of ``curve`` (of ``component`` of the plan ``w`` words)."""
    points = curve.points
    x_end = max(p.x for p in points) or Decimal(1)
    y_top = max(p.payout for p in points)
    y_step = _nice_step(y_top or Decimal(1), 5)
    y_end = ((y_top or Decimal(1)) / y_step).to_integral_value(rounding=ROUND_CEILING) * y_step
    if y_end == y_top:
        y_end += y_step

    def px(x: Decimal) -> Decimal:
        return LEFT + (RIGHT - LEFT) * x / x_end

    def py(y: Decimal) -> Decimal:
        return BOTTOM - (BOTTOM - TOP) * y / y_end

    line = " ".join(f"{_fmt(px(p.x))},{_fmt(py(p.payout))}" for p in points)
    x_step = _nice_step(x_end, 8)
    if curve.axis in (CurveAxis.ATTAINMENT, CurveAxis.SCORE):
        # quarters up to 200%, halves up to 400%, beyond that (a tier edge far out) a round
        # step that keeps the ticks few
        x_step = Decimal("0.25") if x_end <= 2 else max(Decimal("0.5"), _nice_step(x_end, 8))
    x_ticks = []
    tick = Decimal(0)
    while tick <= x_end:
        x_ticks.append(Tick(_fmt(px(tick)), _x_text(curve, tick, w), _fmt(px(tick))))
        tick += x_step
    y_ticks = []
    tick = Decimal(0)
    while tick <= y_end:
        y_ticks.append(Tick(_fmt(py(tick)), number(tick.quantize(Decimal(1))), _fmt(py(tick) + 4)))
        tick += y_step
    edges = []
    shown = [p for p in points if not p.below]
    for index, p in enumerate(q for q in shown if set(q.marks) & set(MARK_WORDS)):
        said = ", ".join(dict.fromkeys(CHART_WORDS[m] for m in p.marks if m in CHART_WORDS))
        x = px(p.x)
        label = f"{said} {_x_text(curve, p.x, w)}".strip()
        # labels near the right edge are written to the left of their line
        label_x = x + 3 if x < RIGHT - 90 else x - 3 - 6 * len(label)
        edges.append(EdgeLine(_fmt(x), label, _fmt(label_x), str(TOP + 12 + 12 * (index % 3))))
    dots = [
        Dot(_fmt(px(p.x)), _fmt(py(p.payout)), f"{_x_text(curve, p.x, w)}: {w.money(p.payout)}")
        for p in shown
    ]
    x_title, x_column = _x_words(curve, component, w)
    with_credit = curve.axis is CurveAxis.ATTAINMENT and curve.reference is None
    columns = [x_column]
    if with_credit and curve.quota_amount is not None:
        columns.append(w.measure(str(getattr(component, "measure", ""))))
    columns += ["Payout", "What happens here"]
    table = Table(columns, _rows(curve, points, w, with_credit))
    summary = "; ".join(
        f"{'just below ' if p.below else ''}{_x_text(curve, p.x, w)}: {w.money(p.payout)}"
        for p in points
    )
    return CurveView(
        id=f"curve-{anchor}",
        title=f"Pay curve: {component.name}",
        caption=_caption(curve, component, w, personal),
        file=file,
        width=str(WIDTH),
        height=str(HEIGHT),
        left=str(LEFT),
        right=str(RIGHT),
        top=str(TOP),
        bottom=str(BOTTOM),
        line=line,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        edges=edges,
        dots=dots,
        x_title=x_title,
        y_title=f"Payout ({w.currency})",
        x_title_y=str(BOTTOM + 40),
        middle_x=str((LEFT + RIGHT) // 2),
        middle_y=str((TOP + BOTTOM) // 2),
        y_label_x=str(LEFT - 6),
        tick_end=str(BOTTOM + 4),
        x_label_y=str(BOTTOM + 17),
        table=table,
        summary=f"{component.name} pays {summary}.",
    )
