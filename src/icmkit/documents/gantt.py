"""Geometry of the timeline chart: bars and milestones placed on a day scale, as plain data."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from icmkit.documents.view_blocks import View
from icmkit.model.timeline import Timeline

LABEL_WIDTH = 300
"""The label column's width when every label fits it; a wider one grows to fit its labels."""
MAX_LABEL_WIDTH = 620
CHART_WIDTH = 580
ROW_HEIGHT = 26
TOP = 30
BOTTOM = 10
_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def _fmt(value: float) -> str:
    return f"{value:.1f}"


LABEL_CHARS = 46
"""Characters of a label that fit ``LABEL_WIDTH`` pixels at the chart's font size."""
CHAR_PIXELS = (LABEL_WIDTH - 12) / LABEL_CHARS


def label_width(labels: list[str]) -> int:
    """The label column's width in pixels: wide enough for the longest label (so that none
    is cut, in print too), from ``LABEL_WIDTH`` up to ``MAX_LABEL_WIDTH``."""
    longest = max((len(" ".join(label.split())) for label in labels), default=0)
    return min(max(LABEL_WIDTH, round(longest * CHAR_PIXELS + 12.5)), MAX_LABEL_WIDTH)


def short(text: str, width: int = LABEL_WIDTH) -> str:
    """A label that fits a label column ``width`` pixels wide (only a very long one is cut);
    the full text stays in the tooltip."""
    text = " ".join(text.split())
    chars = int((width - 12) / CHAR_PIXELS + 1e-9)
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


_MERMAID_UNSAFE = re.compile(r"[^\w .,()'&/+%’‘–—-]")
"""Everything but letters, digits, spaces and plain punctuation: a colon ends a task's name,
``#`` and ``%%`` start comments, a backtick can close the Markdown code block, braces start
directives, and quotes and angle brackets are markup in the labels."""
_MERMAID_WORDS = frozenset(
    {
        "gantt", "dateformat", "axisformat", "tickinterval", "inclusiveenddates", "topaxis",
        "includes", "excludes", "todaymarker", "weekday", "weekend", "title", "acctitle",
        "accdescr", "accdescription", "section", "click", "call", "href", "callback",
    }
)  # fmt: skip
"""Words Mermaid reads as a statement when a line starts with them (in any case)."""


def mermaid_text(text: str) -> str:
    """A task name that stays one task name in a Mermaid gantt block: only letters, digits
    and plain punctuation, one line, and never starting with a word of Mermaid's own."""
    cleaned = _MERMAID_UNSAFE.sub(" ", text.replace(":", " - ").replace(";", ","))
    cleaned = re.sub("%+", "%", " ".join(cleaned.split()))
    if cleaned.split(" ", 1)[0].casefold() in _MERMAID_WORDS:
        cleaned = "- " + cleaned
    return cleaned or "-"


@dataclass(frozen=True, slots=True)
class ChartRow(View):
    """One row of the chart: its labels and its dates (ISO text)."""

    label: str
    short_label: str
    """The label cut to fit the label column; the full one is the tooltip."""
    mermaid_label: str
    mermaid_id: str
    start: str
    end: str
    end_exclusive: str


@dataclass(frozen=True, slots=True)
class PhaseBar(ChartRow):
    """A phase as a bar; coordinates are SVG pixels, written as text."""

    x: str
    width: str
    y: str
    height: str
    text_y: str
    kind: Literal["phase"] = "phase"


@dataclass(frozen=True, slots=True)
class MilestoneMark(ChartRow):
    """A milestone as a diamond at its date."""

    done: bool
    points: str
    text_y: str
    kind: Literal["milestone"] = "milestone"


@dataclass(frozen=True, slots=True)
class Tick(View):
    """The first of a month on the day scale."""

    x: str
    label: str


@dataclass(frozen=True, slots=True)
class Chart(View):
    width: str
    height: str
    label_x: str
    chart_left: str
    chart_right: str
    top: str
    bottom: str
    tick_label_y: str
    rows: list[PhaseBar | MilestoneMark]
    """Phases by start date, then milestones by date."""
    ticks: list[Tick]
    first: str
    last: str


def chart(timeline: Timeline | None) -> Chart | None:
    """Rows (phases, then milestones) with x/width in pixels, month ticks, and Mermaid rows."""
    if timeline is None or not timeline.phases:
        return None
    phases = sorted(timeline.phases, key=lambda p: (p.start, p.number))
    milestones = sorted(timeline.milestones, key=lambda m: (m.date, m.id))
    first = min([p.start for p in phases] + [m.date for m in milestones])
    last = max([p.end for p in phases] + [m.date for m in milestones]) + dt.timedelta(days=1)
    total = max((last - first).days, 1)
    scale = CHART_WIDTH / total
    labels = [f"Phase {p.number}: {p.name}" for p in phases] + [m.name for m in milestones]
    left = label_width(labels)

    def x_of(day: dt.date) -> float:
        return left + (day - first).days * scale

    rows: list[PhaseBar | MilestoneMark] = []
    y = TOP
    for phase in phases:
        x0 = x_of(phase.start)
        x1 = x_of(phase.end + dt.timedelta(days=1))
        rows.append(
            PhaseBar(
                label=f"Phase {phase.number}: {phase.name}",
                short_label=short(f"Phase {phase.number}: {phase.name}", left),
                mermaid_label=mermaid_text(f"Phase {phase.number} {phase.name}"),
                mermaid_id=f"phase{phase.number}",
                start=phase.start.isoformat(),
                end=phase.end.isoformat(),
                end_exclusive=(phase.end + dt.timedelta(days=1)).isoformat(),
                x=_fmt(x0),
                width=_fmt(max(x1 - x0, 1.0)),
                y=str(y + 4),
                height=str(ROW_HEIGHT - 8),
                text_y=str(y + ROW_HEIGHT // 2 + 4),
            )
        )
        y += ROW_HEIGHT
    for index, milestone in enumerate(milestones, start=1):
        cx = x_of(milestone.date)
        cy = y + ROW_HEIGHT // 2
        half = 7
        points = (
            f"{_fmt(cx)},{cy - half} {_fmt(cx + half)},{cy} {_fmt(cx)},{cy + half} "
            f"{_fmt(cx - half)},{cy}"
        )
        rows.append(
            MilestoneMark(
                label=milestone.name,
                short_label=short(milestone.name, left),
                mermaid_label=mermaid_text(milestone.name),
                mermaid_id=f"milestone{index}",
                start=milestone.date.isoformat(),
                end=milestone.date.isoformat(),
                end_exclusive=milestone.date.isoformat(),
                done=milestone.done,
                points=points,
                text_y=str(cy + 4),
            )
        )
        y += ROW_HEIGHT
    ticks = []
    month = dt.date(first.year, first.month, 1)
    while month < last:
        if month >= first:
            label = f"{_MONTHS[month.month - 1]} {month.year}"
            ticks.append(Tick(_fmt(x_of(month)), label))
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    height = y + BOTTOM
    return Chart(
        width=str(left + CHART_WIDTH + 10),
        height=str(height),
        label_x="6",
        chart_left=str(left),
        chart_right=str(left + CHART_WIDTH),
        top=str(TOP - 6),
        bottom=str(height - BOTTOM),
        tick_label_y=str(TOP - 12),
        rows=rows,
        ticks=ticks,
        first=first.isoformat(),
        last=(last - dt.timedelta(days=1)).isoformat(),
    )
