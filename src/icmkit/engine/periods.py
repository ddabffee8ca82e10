"""Periods and windows, and how long they are (``calendar`` cuts and names them).

Every window is half-open, ``[start, end)``, like every other range in the format.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from icmkit.model.plans import Frequency, ProrationUnit


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after the month of ``day`` (day must be a 1st)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class Window:
    start: date
    end: date
    """First day no longer included."""

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    @property
    def month_aligned(self) -> bool:
        """Whether it runs from a month's first day to another month's first day."""
        return self.start.day == 1 and self.end.day == 1

    def clip(self, other: Window) -> Window | None:
        """The part of this window inside ``other``; None when they do not overlap."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Window(start, end) if start < end else None

    def __str__(self) -> str:
        last = self.end - timedelta(days=1)
        return f"{self.start.isoformat()} to {last.isoformat()}"


@dataclass(frozen=True, slots=True)
class Period:
    """A calculated period: a month, a quarter, a week, or any range of days."""

    label: str
    window: Window
    frequency: Frequency | None = None
    """The frequency it was cut by; None for a range of days given as such."""

    @property
    def months(self) -> int:
        return self.window.months


def whole_months(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (15 Jan to 15 Apr is 3; to 14 Apr is 2).

    A month ends on its last day when it is shorter than the start day: 31 Jan to 28 Feb is
    one month, 31 Jan to 30 Jun five.
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    month_end = end.day == calendar.monthrange(end.year, end.month)[1]
    if end.day < start.day and not month_end:
        months -= 1
    return max(months, 0)


def length(window: Window, by_months: bool) -> int:
    """Whole months (for a month-aligned window, when asked) or days."""
    return window.months if by_months and window.month_aligned else window.days


def active_units(
    window: Window, hire: date | None, leave: date | None, unit: ProrationUnit
) -> tuple[int, int]:
    """The units of ``window`` a participant was active (hire date to leave date, both
    included) and all its units: calendar days by ``days``; by ``months``, the months active
    for the whole month.

    Multiplying by the active units before dividing by the total keeps a prorated amount
    exact whenever it can be (30,000 × 5 / 30 is 5,000, not 5,000.000…001).
    """
    first = max(window.start, hire) if hire else window.start
    end = min(window.end, leave + timedelta(days=1)) if leave else window.end
    by_days = unit is ProrationUnit.DAYS or not window.month_aligned
    if end <= first:
        return 0, window.days if by_days else window.months
    if by_days:
        return (end - first).days, window.days
    whole = 0
    month = window.start
    while month < window.end:
        following = add_months(month, 1)
        if first <= month and following <= end:
            whole += 1
        month = following
    return whole, window.months
