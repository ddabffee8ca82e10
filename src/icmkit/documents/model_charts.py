"""The charts of the model report as plain geometry: bars, lines, dots and axis labels placed
on an SVG canvas, every coordinate already written as text. The template only draws them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from icmkit.documents.view_blocks import View

WIDTH = 680
HEIGHT = 280
LEFT = 64
RIGHT = 16
TOP = 24
BOTTOM = 44


def _f(value: float) -> str:
    return f"{value:.1f}"


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def nice_step(value: float, whole: bool = False) -> float:
    """A round step that cuts ``value`` into at most five: 1, 2, 2.5 or 5 times a power of
    ten (``whole``: a whole number)."""
    rough = max(value, 1e-9) / 5
    power = 10.0 ** math.floor(math.log10(rough))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step >= rough and (not whole or step == int(step)):
            return max(step, 1.0) if whole else step
    return 10 * power


@dataclass(frozen=True, slots=True)
class Bar(View):
    x: str
    y: str
    width: str
    height: str
    css: str
    label: str
    """The tooltip: what the bar stands for, with its value."""


@dataclass(frozen=True, slots=True)
class Line(View):
    points: str
    css: str
    label: str


@dataclass(frozen=True, slots=True)
class Dot(View):
    cx: str
    cy: str
    css: str
    label: str


@dataclass(frozen=True, slots=True)
class Tick(View):
    x: str
    y: str
    text: str
    anchor: str = "middle"


@dataclass(frozen=True, slots=True)
class Rule(View):
    """A grid line from (x1, y1) to (x2, y2)."""

    x1: str
    y1: str
    x2: str
    y2: str


@dataclass(frozen=True, slots=True)
class Key(View):
    css: str
    text: str


@dataclass(frozen=True, slots=True)
class Chart(View):
    title: str
    description: str
    """What the chart shows, for screen readers (``aria-label``)."""
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    keys: list[Key] = field(default_factory=list)
    x_title: str = ""
    y_title: str = ""


@dataclass
class _Frame:
    """Plot-area geometry of a chart with a value axis from 0 to ``top``, marked every
    ``step``."""

    top: float
    step: float
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT

    @classmethod
    def up_to(cls, highest: float, whole: bool = False) -> _Frame:
        step = nice_step(highest, whole)
        return cls(step * max(1, math.ceil(highest / step - 1e-9)), step)

    @property
    def plot_height(self) -> int:
        return self.height - TOP - BOTTOM

    @property
    def plot_width(self) -> int:
        return self.width - self.left - RIGHT

    def y(self, value: float) -> float:
        return TOP + self.plot_height * (1 - min(value, self.top) / self.top)

    def value_axis(self, shown: str) -> tuple[list[Rule], list[Tick]]:
        rules: list[Rule] = []
        ticks: list[Tick] = []
        for n in range(round(self.top / self.step) + 1):
            value = self.step * n
            y = _f(self.y(value))
            rules.append(Rule(str(self.left), y, str(self.width - RIGHT), y))
            text = _pct(value) if shown == "percent" else f"{value:,.0f}"
            if shown == "percent" and round(value * 100) != value * 100:
                text = f"{value * 100:.1f}%"
            ticks.append(Tick(str(self.left - 6), _f(self.y(value) + 4), text, "end"))
        return rules, ticks


def histogram(
    title: str, labels: Sequence[str], series: Sequence[tuple[str, str, Sequence[int]]]
) -> Chart:
    """Bars per bin, one bar per series (``(name, css class, counts)``) side by side."""
    most = max((c for _, _, counts in series for c in counts), default=0)
    frame = _Frame.up_to(float(max(most, 1)), whole=True)
    rules, ticks = frame.value_axis("count")
    slot = frame.plot_width / max(len(labels), 1)
    width = slot * 0.8 / max(len(series), 1)
    bars: list[Bar] = []
    for index, label in enumerate(labels):
        x0 = frame.left + slot * index + slot * 0.1
        for number, (name, css, counts) in enumerate(series):
            count = counts[index]
            y = frame.y(count)
            bars.append(
                Bar(
                    _f(x0 + width * number),
                    _f(y),
                    _f(width),
                    _f(TOP + frame.plot_height - y),
                    css,
                    f"{name}: {count} in {label}",
                )
            )
        ticks.append(Tick(_f(x0 + slot * 0.4), str(HEIGHT - BOTTOM + 16), label))
    keys = [Key(f"{css}-bar", name) for name, css, _ in series] if len(series) > 1 else []
    return Chart(
        title,
        f"{title}: "
        + "; ".join(
            f"{label} {', '.join(str(s[2][i]) for s in series)}" for i, label in enumerate(labels)
        ),
        WIDTH,
        HEIGHT,
        bars=bars,
        ticks=ticks,
        rules=rules,
        keys=keys,
        y_title="participants",
    )


@dataclass(frozen=True)
class Series:
    """A line of (attainment, share of target) points, or dots when ``dots``."""

    name: str
    css: str
    points: Sequence[tuple[Decimal, Decimal]]
    dots: bool = False
    labels: Sequence[str] = ()


def curves(title: str, x_top: Decimal, series: Sequence[Series]) -> Chart:
    """Payout as a share of target against attainment, from 0 to ``x_top``."""
    highest = max((float(y) for s in series for _, y in s.points), default=1.0)
    frame = _Frame.up_to(max(highest, 1.0) * 1.05)
    rules, ticks = frame.value_axis("percent")
    span = float(x_top)

    def x(value: Decimal) -> float:
        return frame.left + frame.plot_width * min(float(value), span) / span

    for n in range(7):
        value = Decimal(span * n / 6)
        ticks.append(Tick(_f(x(value)), str(HEIGHT - BOTTOM + 16), _pct(float(value))))
    lines: list[Line] = []
    dots: list[Dot] = []
    keys: list[Key] = []
    for found in series:
        keys.append(Key(found.css, found.name))
        if found.dots:
            for (a, share), label in zip(found.points, found.labels, strict=True):
                dots.append(Dot(_f(x(a)), _f(frame.y(float(share))), found.css, label))
            continue
        points = " ".join(f"{_f(x(a))},{_f(frame.y(float(s)))}" for a, s in found.points)
        lines.append(Line(points, found.css, found.name))
    return Chart(
        title,
        f"{title}: payout as a share of target against attainment, "
        + ", ".join(s.name for s in series),
        WIDTH,
        HEIGHT,
        lines=lines,
        dots=dots,
        ticks=ticks,
        rules=rules,
        keys=keys,
        x_title="attainment",
        y_title="payout ÷ target",
    )


def changes(title: str, rows: Sequence[tuple[str, Decimal]], currency: str) -> Chart:
    """Horizontal bars of signed amounts, one row each: gains right, losses left of zero."""
    row_height = 22
    height = TOP + BOTTOM + row_height * max(len(rows), 1)
    left = 200
    largest = max((abs(float(v)) for _, v in rows), default=1.0) or 1.0
    plot = WIDTH - left - RIGHT
    middle = left + plot / 2
    half = plot / 2 * 0.95
    bars: list[Bar] = []
    ticks: list[Tick] = []
    for index, (label, value) in enumerate(rows):
        size = half * abs(float(value)) / largest
        y = TOP + row_height * index
        x0 = middle if value >= 0 else middle - size
        css = "gain" if value >= 0 else "loss"
        amount = f"{'+' if value >= 0 else ''}{value.quantize(Decimal('0.01')):,}"
        bars.append(
            Bar(
                _f(x0),
                _f(y + 3),
                _f(max(size, 1.0)),
                str(row_height - 6),
                css,
                f"{label}: {amount} {currency}",
            )
        )
        ticks.append(Tick(str(left - 8), _f(y + row_height / 2 + 4), label, "end"))
    rules = [Rule(_f(middle), str(TOP), _f(middle), str(height - BOTTOM))]
    for n in (-2, -1, 1, 2):
        mark = largest * n / 2
        ticks.append(Tick(_f(middle + half * n / 2), str(height - BOTTOM + 16), f"{mark:+,.0f}"))
    return Chart(
        title,
        f"{title}: " + "; ".join(f"{label} {value:+,.2f}" for label, value in rows),
        WIDTH,
        height,
        bars=bars,
        ticks=ticks,
        rules=rules,
        x_title=f"change ({currency})",
    )
