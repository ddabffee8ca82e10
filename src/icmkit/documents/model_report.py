"""The model report as one self-contained HTML page: the figures' tables and inline SVG
charts (histograms of payout against target and of attainment, each plan's payout curves
with the participants' results on them, and for a comparison the change per participant and
per component). No script, no external file: the page can be mailed or attached to a
pull request as it is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from icmkit.documents.environment import make_environment, render_template
from icmkit.documents.model_charts import Chart, Series, changes, curves, histogram
from icmkit.documents.view_blocks import View
from icmkit.engine.distribution import Distribution
from icmkit.engine.model_impact import Impact
from icmkit.engine.model_summary import Summary
from icmkit.engine.modelling import ModelRun, ScenarioRun, calendar_of
from icmkit.engine.plan_shape import Shape, shapes_of
from icmkit.model.plans import Plan

TEMPLATE = "model.html.j2"
SWEEP_TO = Decimal(3)
SAMPLES = 150
MOST_BARS = 40
COLOURS = 6
"""Line colours of the curve charts, in turn (``c0`` to ``c5`` in the template)."""


class FigureTable(Protocol):
    """A titled table of text cells (the figures of ``terminal.model_tables``)."""

    title: str
    header: list[str]
    rows: list[list[str]]
    right: set[int]
    note: str
    bars: int | None


@dataclass(frozen=True, slots=True)
class TableBlock(View):
    title: str
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    note: str
    kind: str = "table"


@dataclass(frozen=True, slots=True)
class ChartBlock(View):
    chart: Chart
    note: str = ""
    kind: str = "chart"


@dataclass(frozen=True, slots=True)
class ModelPage(View):
    title: str
    subtitle: str
    headline: str
    blocks: list[TableBlock | ChartBlock]


def _table(table: FigureTable) -> TableBlock:
    width = len(table.header)
    return TableBlock(
        table.title,
        list(table.header) if any(table.header) else [],
        [list(row) for row in table.rows],
        [i in table.right for i in range(width)],
        table.note,
    )


def _bins(found: Distribution | None) -> tuple[list[str], list[int]]:
    if found is None:
        return [], []
    labels: list[str] = []
    for b in found.bins:
        if b.low is None:
            labels.append(f"<{b.high * 100:.0f}%" if b.high is not None else "all")
        elif b.high is None:
            labels.append(f"≥{b.low * 100:.0f}%")
        else:
            labels.append(f"{b.low * 100:.0f}–{b.high * 100:.0f}%")
    return labels, [b.count for b in found.bins]


def _share(summary: Summary) -> Distribution | None:
    return summary.share


def _attainment(summary: Summary) -> Distribution | None:
    return summary.attainment


def _histograms(summaries: Sequence[Summary]) -> list[ChartBlock]:
    found: list[ChartBlock] = []
    picks: tuple[tuple[str, Callable[[Summary], Distribution | None]], ...] = (
        ("Payout as a share of target", _share),
        ("Attainment", _attainment),
    )
    for title, pick in picks:
        series: list[tuple[str, str, Sequence[int]]] = []
        labels: list[str] = []
        for css, summary in zip(("base", "head")[-len(summaries) :], summaries, strict=True):
            labels_here, counts = _bins(pick(summary))
            if counts:
                labels = labels_here
                series.append((summary.label, css, counts))
        if series:
            found.append(ChartBlock(histogram(title, labels, series)))
    return found


def _points(shape: Shape) -> list[tuple[Decimal, Decimal]]:
    """The curve sampled evenly, with both sides of every break so that a jump shows."""
    target = shape.target or Decimal(0)
    if target <= 0:
        return []
    xs = {SWEEP_TO * n / SAMPLES for n in range(SAMPLES + 1)}
    tiny = Decimal("0.000001")
    for b in shape.breaks:
        if 0 < b <= SWEEP_TO:
            xs |= {b - tiny, b}
    return [(a, shape.pay(a) / target) for a in sorted(xs)]


def _shapes(run: ScenarioRun, plan_id: str) -> dict[str, list[tuple[Decimal, Decimal]]]:
    """Each component's curve in ``run``'s version of the plan."""
    plan: Plan | None = next((p for p in run.plans if p.id == plan_id), None)
    if plan is None:
        return {}
    found: dict[str, list[tuple[Decimal, Decimal]]] = {}
    for shape in shapes_of(plan, run.program.participants, calendar_of(run.program)):
        points = _points(shape)
        if points:
            found[shape.component.id] = points
    return found


def _plan_curves(
    plan_id: str, runs: Sequence[ScenarioRun], summaries: Sequence[Summary]
) -> ChartBlock | None:
    """Each component in its own colour: solid as it is (head), dashed as it was (base)
    when it changed."""
    versions = [_shapes(run, plan_id) for run in runs]
    head = versions[-1]
    base = versions[0] if len(versions) > 1 else head
    series: list[Series] = []
    for number, component in enumerate(dict.fromkeys([*base, *head])):
        colour = f"c{number % COLOURS}"
        before, after = base.get(component), head.get(component)
        if before is not None and before != after:
            series.append(Series(f"{component} ({runs[0].label})", f"{colour} base", before))
        if after is not None:
            label = component if before == after else f"{component} ({runs[-1].label})"
            series.append(Series(label, colour, after))
    if not series:
        return None
    summary = summaries[-1]
    dots = [
        (line.attainment, line.share, line.participant)
        for line in summary.lines
        if line.plan == plan_id and line.attainment is not None and line.share is not None
    ]
    if dots:
        series.append(
            Series(
                f"participants ({summary.label})",
                "dot",
                [(a, s) for a, s, _ in dots],
                dots=True,
                labels=[
                    f"{who}: attainment {a * 100:.1f}%, paid {s * 100:.1f}% of target"
                    for a, s, who in dots
                ],
            )
        )
    return ChartBlock(
        curves(f"{plan_id}: payout curves", SWEEP_TO, series),
        "Lines: what each component pays in one period, as a share of the plan's target "
        "incentive, by attainment (the engine's base rates, without multipliers; dashed: "
        "before the change). Dots: each participant's whole payout on the plan (every "
        "component) against target, by attainment over the periods modelled.",
    )


def _impact_charts(impact: Impact) -> list[ChartBlock]:
    currency = impact.head.currency
    people = sorted(impact.participants, key=lambda p: (-abs(p.delta), p.key))[:MOST_BARS]
    people.sort(key=lambda p: (-p.delta, p.key))
    found = []
    if people:
        note = (
            f"The {MOST_BARS} largest of {len(impact.participants)} changes."
            if len(impact.participants) > MOST_BARS
            else ""
        )
        found.append(
            ChartBlock(
                changes(
                    "Change in payout per participant",
                    [(p.key + (f" {p.name}" if p.name else ""), p.delta) for p in people],
                    currency,
                ),
                note,
            )
        )
    if impact.components:
        found.append(
            ChartBlock(
                changes(
                    "Components driving the change",
                    [(c.key, c.delta) for c in impact.components[:MOST_BARS]],
                    currency,
                )
            )
        )
    return found


def model_html(
    root: Path,
    found: ModelRun,
    summaries: Sequence[Summary],
    impact: Impact | None,
    tables: Sequence[FigureTable],
    headline: str,
) -> str:
    """The report page; ``tables`` are the figures in order, ``headline`` their summary."""
    blocks: list[TableBlock | ChartBlock] = []
    shown = [t for t in tables if t.bars is None]
    lead = 3 if impact is None else 5
    blocks += [_table(t) for t in shown[:lead]]
    if impact is not None:
        blocks += _impact_charts(impact)
    blocks += _histograms(summaries)
    blocks += [_table(t) for t in shown[lead:]]
    plans = list(dict.fromkeys(p.id for run in found.runs for p in run.plans))
    for plan_id in plans:
        chart = _plan_curves(plan_id, found.runs, summaries)
        if chart is not None:
            blocks.append(chart)
    head = summaries[-1]
    title = "Payout impact" if impact is not None else "Payout model"
    window = found.window
    last = window.end - timedelta(days=1)
    subtitle = (
        f"{', '.join(head.plans)} · {window.start.isoformat()} to {last.isoformat()} · "
        f"amounts in {head.currency}"
    )
    page = ModelPage(title, subtitle, headline, blocks)
    env = make_environment(root)
    return render_template(env, TEMPLATE, {"page": page}, root)
