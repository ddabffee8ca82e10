"""The figures of a model run as titled tables of text cells, for the text and Markdown views.

One place decides what is shown and how each number reads (money to the cent with
thousands separators, shares to a tenth of a percent, changes with their sign); the text and
Markdown views only lay the tables out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from icmkit.engine.distribution import Bin, Distribution
from icmkit.engine.model_impact import Change, Impact, ParticipantChange
from icmkit.engine.model_summary import Earner, GroupTotal, SeatLine, Summary

CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def money(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{value.quantize(CENT):,}"


def signed(value: Decimal) -> str:
    text = money(value)
    return text if value < 0 else f"+{text}"


def percent(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{(value * 100).quantize(TENTH)}%"


def signed_percent(value: Decimal | None) -> str:
    if value is None:
        return "–"
    text = percent(value)
    return text if value < 0 else f"+{text}"


def bin_label(found: Bin) -> str:
    if found.low is None:
        return f"below {percent(found.high)}"
    if found.high is None:
        return f"{percent(found.low)} and above"
    return f"{percent(found.low)} to {percent(found.high)}"


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]
    right: set[int] = field(default_factory=set)
    """Columns of numbers (aligned right)."""
    note: str = ""
    bars: int | None = None
    """The column holding a histogram count, drawn as a bar in text."""


def window_text(summary: Summary) -> str:
    return f"{summary.first_day.isoformat()} to {summary.last_day.isoformat()}"


def credited_label(summary: Summary) -> str:
    measures = summary.revenue_measures
    if measures is None:
        return "Credited (own credit, every measure)"
    return "Credited (own credit of " + ", ".join(measures) + ")"


def totals(summary: Summary) -> Table:
    rows = [
        ["Total payout", f"{summary.currency} {money(summary.payout)}"],
        [credited_label(summary), f"{summary.currency} {money(summary.credited)}"],
        ["Cost of sales (payout ÷ credited)", percent(summary.cost_of_sales)],
        [
            "Target incentive",
            f"{summary.currency} {money(summary.target)}" if summary.target is not None else "–",
        ],
        [
            "Payout ÷ target",
            percent(summary.payout / summary.target) if summary.target else "–",
        ],
        ["Participants", str(len(summary.earners))],
    ]
    return Table("Totals", ["", ""], rows, {1})


def groups(title: str, what: str, found: Sequence[GroupTotal]) -> Table:
    rows = [
        [
            g.key,
            str(g.participants),
            money(g.payout),
            money(g.target),
            percent(g.share),
            percent(g.median_share),
            money(g.credited),
            percent(g.cost_of_sales),
        ]
        for g in found
    ]
    header = [
        what,
        "participants",
        "payout",
        "target",
        "payout ÷ target",
        "median share",
        "credited",
        "cost of sales",
    ]
    return Table(title, header, rows, {1, 2, 3, 4, 5, 6, 7})


def spread(title: str, found: Distribution | None, unit: str) -> list[Table]:
    if found is None:
        return [Table(title, [], [], note=f"No {unit} to show.")]
    stats = Table(
        title,
        ["count", "mean", "min", *(f"P{p}" for p in found.percentiles), "max"],
        [
            [
                str(found.count),
                percent(found.mean),
                percent(found.low),
                *(percent(v) for v in found.percentiles.values()),
                percent(found.high),
            ]
        ],
        set(range(9)),
    )
    histogram = Table(
        f"{title}: histogram",
        ["range", unit],
        [[bin_label(b), str(b.count)] for b in found.bins],
        {1},
        bars=1,
    )
    return [stats, histogram]


def earners(title: str, found: Sequence[Earner]) -> Table:
    rows = [
        [
            e.participant,
            e.name or "",
            ", ".join(e.roles),
            money(e.payout),
            percent(e.share),
        ]
        for e in found
    ]
    return Table(title, ["participant", "name", "role", "payout", "payout ÷ target"], rows, {3, 4})


def limits(title: str, lines: Sequence[SeatLine], at_cap: bool) -> Table:
    rows = [
        [
            line.participant,
            line.plan,
            percent(line.attainment),
            "; ".join(line.at_cap if at_cap else line.below_threshold),
        ]
        for line in lines
    ]
    note = "" if rows else "Nobody."
    return Table(title, ["participant", "plan", "attainment", "what"], rows, {2}, note)


def summary_tables(summary: Summary, top: int) -> list[Table]:
    tables = [
        totals(summary),
        groups("By plan", "plan", summary.by_plan),
        groups("By role", "role", summary.by_role),
        *spread("Payout as a share of target", summary.share, "participants"),
        *spread("Attainment", summary.attainment, "participants on a plan"),
    ]
    if top:
        tables.append(earners(f"Top {min(top, len(summary.earners))} earners", summary.top(top)))
        tables.append(
            earners(f"Bottom {min(top, len(summary.earners))} earners", summary.bottom(top))
        )
    tables.append(limits("At a cap", summary.at_cap, True))
    tables.append(limits("Below a threshold", summary.below_threshold, False))
    return tables


def _change_row(change: Change) -> list[str]:
    return [
        change.key,
        money(change.base),
        money(change.head),
        signed(change.delta),
        signed_percent(change.relative),
    ]


def _people(title: str, found: Sequence[ParticipantChange], top: int) -> Table:
    shown = found[:top]
    rows = [[p.key, p.name or "", ", ".join(p.roles), *_change_row(p)[1:]] for p in shown]
    note = "" if found else "Nobody."
    if len(found) > len(shown):
        more = len(found) - len(shown)
        note = (f"and {more} more" if shown else f"{more} participants") + (
            " (every one in --format json)"
        )
    return Table(
        f"{title} ({len(found)})",
        ["participant", "name", "role", "base", "head", "change", "%"],
        rows,
        {3, 4, 5, 6},
        note,
    )


def impact_tables(impact: Impact, top: int) -> list[Table]:
    base, head = impact.base, impact.head
    total = impact.total
    overview = Table(
        "Cost of the change",
        ["", "base", "head", "change"],
        [
            ["Total payout", money(total.base), money(total.head), signed(total.delta)],
            ["Change in %", "", "", signed_percent(total.relative)],
            [
                "Cost of sales",
                percent(base.cost_of_sales),
                percent(head.cost_of_sales),
                _points(base.cost_of_sales, head.cost_of_sales),
            ],
            [
                "Median payout ÷ target",
                percent(base.share.percentiles[50] if base.share else None),
                percent(head.share.percentiles[50] if head.share else None),
                _points(
                    base.share.percentiles[50] if base.share else None,
                    head.share.percentiles[50] if head.share else None,
                ),
            ],
            [
                "Participants at a cap",
                str(len({line.participant for line in base.at_cap})),
                str(len({line.participant for line in head.at_cap})),
                "",
            ],
        ],
        {1, 2, 3},
    )
    plans = Table(
        "By plan",
        ["plan", "base", "head", "change", "%"],
        [_change_row(c) for c in impact.by_plan],
        {1, 2, 3, 4},
    )
    drivers = Table(
        "Components driving the change",
        ["plan/component", "base", "head", "change", "%"],
        [_change_row(c) for c in impact.components],
        {1, 2, 3, 4},
        "" if impact.components else "No component's earnings changed.",
    )
    return [
        overview,
        plans,
        drivers,
        _people("Paid more", impact.winners, top),
        _people("Paid less", impact.losers, top),
    ]


def _points(before: Decimal | None, after: Decimal | None) -> str:
    """A change of a share in percentage points."""
    if before is None or after is None:
        return "–"
    points = ((after - before) * 100).quantize(TENTH)
    return f"{'+' if points >= 0 else ''}{points} pt"
