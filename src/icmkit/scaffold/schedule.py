"""The dates of a new program: four phases of whole weeks, one after the other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

PHASE_WEEKS: Final[tuple[int, ...]] = (6, 6, 4, 12)
"""Default length of phases 1-4 in weeks: prototype, pre-production, onboarding, support."""


@dataclass(frozen=True)
class PhaseDates:
    number: int
    start: dt.date
    end: dt.date
    """Last day of the phase (inclusive)."""


def next_monday(today: dt.date) -> dt.date:
    """The first Monday after ``today`` (a week later when today is a Monday)."""
    return today + dt.timedelta(days=7 - today.weekday())


def phase_dates(start: dt.date, weeks: tuple[int, ...] = PHASE_WEEKS) -> list[PhaseDates]:
    """Back-to-back phases: each starts the day after the previous one ends."""
    phases: list[PhaseDates] = []
    begin = start
    for number, length in enumerate(weeks, start=1):
        end = begin + dt.timedelta(days=7 * length - 1)
        phases.append(PhaseDates(number, begin, end))
        begin = end + dt.timedelta(days=1)
    return phases
