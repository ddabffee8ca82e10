"""Where credit may be added up: the days on which the windows the plan math asks about start.

The plan math asks for the credit of a measure in windows made of calculation periods, quota
periods and plan years, cut by the plan's (and its components') effective dates, the day
after ``--as-of``, and for a participant by their hire, leave and assignment dates. The
engine adds credit up in *segments* between consecutive such days, so that every window the
plan math asks about is a run of whole segments: the days of the plan (:func:`boundaries`)
for everyone, and each participant's own days where they fall inside a segment.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from icmkit.engine.calendar import Calendar
from icmkit.engine.periods import Window
from icmkit.engine.targets import Person
from icmkit.model.plans import Frequency, Plan


def _starts(calendar: Calendar, frequency: Frequency, window: Window) -> set[date]:
    found: set[date] = set()
    for period in calendar.periods(frequency, window):
        found.add(period.window.start)
        found.add(period.window.end)
    return found


def boundaries(
    plan: Plan, window: Window, calendar: Calendar, as_of: date | None = None
) -> list[date]:
    """The days every participant's windows start or end on, in order: within ``window``
    widened to the calculation periods overlapping it."""
    calculated = plan.payment.calculation or plan.payment.frequency
    periods = calendar.periods(calculated, window)
    if periods:
        window = Window(
            min(window.start, periods[0].window.start), max(window.end, periods[-1].window.end)
        )
    found = {window.start, window.end}
    frequencies = {calculated, Frequency.ANNUAL} | {quota.period for quota in plan.quotas}
    for frequency in frequencies:
        found |= _starts(calendar, frequency, window)
    found.add(plan.effective.from_)
    if plan.effective.to is not None:
        found.add(plan.effective.to)
    for component in plan.components:
        if component.effective is not None:
            found.add(component.effective.from_)
            if component.effective.to is not None:
                found.add(component.effective.to)
    if as_of is not None:
        found.add(as_of + timedelta(days=1))
    return sorted(d for d in found if window.start <= d <= window.end)


def own_days(people: Iterable[Person]) -> set[date]:
    """The days a participant's own windows start or end on (hire, leave, assignment)."""
    found: set[date] = set()
    for person in people:
        if person.hire_date is not None:
            found.add(person.hire_date)
        if person.leave_date is not None:
            found.add(person.leave_date + timedelta(days=1))
        if person.on_plan is not None:
            found.add(person.on_plan.start)
            found.add(person.on_plan.end)
    return found


def days_table(cuts: Sequence[date]) -> tuple[list[date], list[date]]:
    """Each day from the first cut to the last (excluded) with the start of its segment."""
    days: list[date] = []
    starts: list[date] = []
    for start, end in itertools.pairwise(cuts):
        day = start
        while day < end:
            days.append(day)
            starts.append(start)
            day += timedelta(days=1)
    return days, starts
