"""Calendars: how periods of each frequency are cut, and how period labels are read.

Months are calendar months; quarters, half years and years follow the fiscal year, which may
start in any month. Weeks start on a chosen weekday; bi-weekly periods are counted from an
anchor day; semi-monthly periods run from the 1st to the 15th and from the 16th to the month's
last day.

Labels: ``2027-03`` (a month), ``2027-Q1`` / ``2027-H1`` / ``2027`` (a fiscal quarter, half
or year), ``2027-W05`` (an ISO week, when weeks start on Monday), ``2027-03-15`` (one day)
and ``A..B`` for everything from the start of A to the end of B, such as
``2027-03-01..2027-03-15`` (a semi-monthly period) or ``2027-01..2027-06`` (a run of months).
"""

from __future__ import annotations

import calendar as stdlib_calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from icmkit.engine.errors import EngineError
from icmkit.engine.periods import Period, Window, add_months
from icmkit.model.plans import Frequency
from icmkit.model.program import CalendarSpec, FiscalYearName, Weekday

MONTHS_IN: dict[Frequency, int] = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.SEMI_ANNUAL: 6,
    Frequency.ANNUAL: 12,
}
"""Frequencies that are whole numbers of months."""

_WEEKDAYS = list(Weekday)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_YEAR_FIRST = re.compile(r"^\d{4}(?:$|-)")
_LATEST = date(9998, 1, 1)
"""Periods must end before this day: later ones cannot be counted in."""


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    return day.replace(day=stdlib_calendar.monthrange(day.year, day.month)[1])


_REMEMBERED = 100_000
"""Periods kept by ``Calendar.period_of`` (then it starts again)."""
_PERIODS: dict[tuple[object, ...], Period] = {}


@dataclass(frozen=True)
class Calendar:
    """A program's calendar (``program.calendar``)."""

    fiscal_start: int = 1
    named_by_end: bool = True
    week_start: int = 0
    """Monday is 0."""
    biweekly_anchor: date | None = None

    @classmethod
    def of(cls, spec: CalendarSpec | None) -> Calendar:
        if spec is None:
            return cls()
        return cls(
            spec.fiscal_year_start,
            spec.fiscal_year_named_by is FiscalYearName.END,
            _WEEKDAYS.index(spec.week_starts),
            spec.biweekly_anchor,
        )

    # ---- fiscal years --------------------------------------------------------------------

    def year_start(self, fiscal_year: int) -> date:
        """The first day of fiscal year ``fiscal_year``."""
        calendar_year = fiscal_year
        if self.fiscal_start != 1 and self.named_by_end:
            calendar_year -= 1
        return date(calendar_year, self.fiscal_start, 1)

    def fiscal_year_of(self, day: date) -> int:
        start_year = day.year if day.month >= self.fiscal_start else day.year - 1
        if self.fiscal_start != 1 and self.named_by_end:
            return start_year + 1
        return start_year

    def year_window(self, day: date) -> Window:
        """The fiscal year holding ``day``."""
        start = self.year_start(self.fiscal_year_of(day))
        return Window(start, add_months(start, 12))

    # ---- periods of a frequency ----------------------------------------------------------

    def period_of(self, frequency: Frequency, day: date) -> Period:
        """The period of ``frequency`` that holds ``day`` (worked out once per calendar,
        frequency and day: a run asks again for every participant and period)."""
        key = (self, frequency, day)
        found = _PERIODS.get(key)
        if found is None:
            if len(_PERIODS) > _REMEMBERED:
                _PERIODS.clear()
            found = _PERIODS[key] = self._period_of(frequency, day)
        return found

    def _period_of(self, frequency: Frequency, day: date) -> Period:
        if frequency in MONTHS_IN:
            length = MONTHS_IN[frequency]
            year = self.year_window(day)
            offset = (day.year - year.start.year) * 12 + day.month - year.start.month
            start = add_months(year.start, offset - offset % length)
            return self._labelled(frequency, Window(start, add_months(start, length)))
        if frequency is Frequency.SEMI_MONTHLY:
            if day.day <= 15:
                window = Window(day.replace(day=1), day.replace(day=16))
            else:
                window = Window(day.replace(day=16), month_end(day) + timedelta(days=1))
            return self._labelled(frequency, window)
        if frequency is Frequency.WEEKLY:
            start = day - timedelta(days=(day.weekday() - self.week_start) % 7)
            return self._labelled(frequency, Window(start, start + timedelta(days=7)))
        anchor = self.biweekly_anchor
        if anchor is None:
            raise EngineError(
                "a bi-weekly period needs its anchor: give program.calendar.biweekly_anchor, "
                "the first day of one bi-weekly period"
            )
        start = day - timedelta(days=(day - anchor).days % 14)
        return self._labelled(frequency, Window(start, start + timedelta(days=14)))

    def periods(self, frequency: Frequency, window: Window) -> list[Period]:
        """The periods of ``frequency`` that overlap ``window``, in order."""
        found: list[Period] = []
        day = window.start
        while day < window.end:
            period = self.period_of(frequency, day)
            found.append(period)
            day = period.window.end
        return found

    def enclosing(self, frequency: Frequency, window: Window) -> Window:
        """The period of ``frequency`` holding ``window``'s start, or ``window`` itself when it
        is as long or longer."""
        holding = self.period_of(frequency, window.start).window
        if holding.start <= window.start and window.end <= holding.end:
            return holding
        return window

    def _labelled(self, frequency: Frequency, window: Window) -> Period:
        return Period(self.label(frequency, window), window, frequency)

    def label(self, frequency: Frequency | None, window: Window) -> str:
        """The label of a period, as ``parse`` reads it back."""
        start = window.start
        if frequency is Frequency.MONTHLY:
            return f"{start.year}-{start.month:02d}"
        if frequency in (Frequency.QUARTERLY, Frequency.SEMI_ANNUAL, Frequency.ANNUAL):
            year = self.fiscal_year_of(start)
            months = (start.year - self.year_start(year).year) * 12 + (
                start.month - self.fiscal_start
            )
            if frequency is Frequency.ANNUAL:
                return f"{year}"
            if frequency is Frequency.QUARTERLY:
                return f"{year}-Q{months // 3 + 1}"
            return f"{year}-H{months // 6 + 1}"
        last = window.end - timedelta(days=1)
        return f"{start.isoformat()}..{last.isoformat()}"

    # ---- labels --------------------------------------------------------------------------

    def parse(self, text: str) -> Period:
        """A period from its label; EngineError says what labels look like."""
        label = text.strip()
        if ".." in label:
            first, _, last = label.partition("..")
            start = self._single(first.strip(), label).window.start
            end = self._single(last.strip(), label).window.end
            if end <= start:
                raise EngineError(f"period `{label}` ends before it starts")
            return Period(label, Window(start, end), None)
        return self._single(label, label)

    def _single(self, label: str, whole: str) -> Period:
        try:
            found = self._read(label)
        except EngineError:
            raise
        except (ValueError, OverflowError):  # 2027-02-30, or a day past the year 9999
            if _YEAR_FIRST.match(label) and int(label[:4]) >= _LATEST.year:
                raise EngineError(f"period `{whole}` is too far in the future to compute") from None
            found = None
        if found is None:
            raise EngineError(
                f"period `{whole}` is not a month (2027-03), quarter (2027-Q1), half year "
                "(2027-H1), year (2027), week (2027-W05), day (2027-03-15) or a range such as "
                "2027-03-01..2027-03-15"
            )
        if found.window.end >= _LATEST:
            raise EngineError(f"period `{whole}` is too far in the future to compute")
        return found

    def _read(self, label: str) -> Period | None:
        if found := _MONTH.match(label):
            year, month = int(found[1]), int(found[2])
            if not 1 <= month <= 12:
                raise EngineError(f"period `{label}`: month {month} does not exist")
            start = date(year, month, 1)
            return Period(label, Window(start, add_months(start, 1)), Frequency.MONTHLY)
        if found := _QUARTER.match(label):
            start = add_months(self.year_start(int(found[1])), (int(found[2]) - 1) * 3)
            return Period(label, Window(start, add_months(start, 3)), Frequency.QUARTERLY)
        if found := _HALF.match(label):
            start = add_months(self.year_start(int(found[1])), (int(found[2]) - 1) * 6)
            return Period(label, Window(start, add_months(start, 6)), Frequency.SEMI_ANNUAL)
        if found := _YEAR.match(label):
            start = self.year_start(int(found[1]))
            return Period(label, Window(start, add_months(start, 12)), Frequency.ANNUAL)
        if found := _DAY.match(label):
            day = date(int(found[1]), int(found[2]), int(found[3]))
            return Period(label, Window(day, day + timedelta(days=1)), None)
        if found := _WEEK.match(label):
            if self.week_start != 0:
                raise EngineError(
                    f"period `{label}`: ISO weeks start on Monday, and this program's weeks do "
                    "not; give the week as a range of days"
                )
            start = date.fromisocalendar(int(found[1]), int(found[2]), 1)
            return Period(label, Window(start, start + timedelta(days=7)), Frequency.WEEKLY)
        return None


DEFAULT_CALENDAR = Calendar()


def parse_period(text: str, calendar: Calendar = DEFAULT_CALENDAR) -> Period:
    """A period label read with ``calendar`` (the calendar year by default)."""
    return calendar.parse(text)
