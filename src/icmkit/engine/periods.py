"""Periods and windows: parse ``2027-03`` / ``2027-Q1`` / ``2027`` and measure date ranges.

Every window is half-open, ``[start, end)``, like every other range in the format.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from icmkit.engine.errors import EngineError
from icmkit.model.plans import Frequency, ProrationUnit

MONTHS_IN: dict[Frequency, int] = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.SEMI_ANNUAL: 6,
    Frequency.ANNUAL: 12,
}

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")


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

    def __str__(self) -> str:
        last = self.end - timedelta(days=1)
        return f"{self.start.isoformat()} to {last.isoformat()}"


@dataclass(frozen=True, slots=True)
class Period:
    """The tested period: a month, a quarter, a half year or a year."""

    label: str
    window: Window

    @property
    def months(self) -> int:
        return self.window.months

    def enclosing(self, frequency: Frequency) -> Window:
        """The window of length ``frequency`` (aligned on the calendar year) holding this period.

        When this period is longer than ``frequency``, the period's own window.
        """
        length = MONTHS_IN[frequency]
        if length <= self.months:
            return self.window
        start = self.window.start
        first = date(start.year, ((start.month - 1) // length) * length + 1, 1)
        return Window(first, add_months(first, length))


def parse_period(text: str) -> Period:
    """``2027-03``, ``2027-Q1``, ``2027-H1`` or ``2027``; anything else is an EngineError."""
    label = text.strip()
    if found := _MONTH.match(label):
        year, month = int(found[1]), int(found[2])
        if not 1 <= month <= 12:
            raise EngineError(f"period `{label}`: month {month} does not exist")
        start = date(year, month, 1)
        return Period(label, Window(start, add_months(start, 1)))
    if found := _QUARTER.match(label):
        start = date(int(found[1]), (int(found[2]) - 1) * 3 + 1, 1)
        return Period(label, Window(start, add_months(start, 3)))
    if found := _HALF.match(label):
        start = date(int(found[1]), (int(found[2]) - 1) * 6 + 1, 1)
        return Period(label, Window(start, add_months(start, 6)))
    if found := _YEAR.match(label):
        start = date(int(found[1]), 1, 1)
        return Period(label, Window(start, add_months(start, 12)))
    raise EngineError(f"period `{label}` is not a month (2027-03), quarter (2027-Q1) or year")


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
    if end <= first:
        return 0, window.days if unit is ProrationUnit.DAYS else window.months
    if unit is ProrationUnit.DAYS:
        return (end - first).days, window.days
    whole = 0
    month = window.start
    while month < window.end:
        following = add_months(month, 1)
        if first <= month and following <= end:
            whole += 1
        month = following
    return whole, window.months
