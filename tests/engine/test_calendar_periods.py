"""The program calendar: which period holds a day, the period's first and last day, its label,
and reading a label back."""

from __future__ import annotations

from datetime import date

import pytest

from icmkit.engine.calendar import Calendar
from icmkit.engine.periods import Window
from icmkit.model.plans import Frequency

ANCHORED = Calendar(biweekly_anchor=date(2027, 1, 4))


@pytest.mark.parametrize(
    ("frequency", "day", "label", "first", "end"),
    [
        (Frequency.MONTHLY, date(2027, 3, 31), "2027-03", date(2027, 3, 1), date(2027, 4, 1)),
        (Frequency.SEMI_ANNUAL, date(2027, 6, 30), "2027-H1", date(2027, 1, 1), date(2027, 7, 1)),
        (Frequency.SEMI_ANNUAL, date(2027, 7, 1), "2027-H2", date(2027, 7, 1), date(2028, 1, 1)),
        (
            Frequency.SEMI_MONTHLY,
            date(2027, 3, 15),
            "2027-03-01..2027-03-15",
            date(2027, 3, 1),
            date(2027, 3, 16),
        ),
        (
            Frequency.SEMI_MONTHLY,
            date(2027, 3, 16),
            "2027-03-16..2027-03-31",
            date(2027, 3, 16),
            date(2027, 4, 1),
        ),
        (
            Frequency.WEEKLY,
            date(2027, 3, 10),
            "2027-03-08..2027-03-14",
            date(2027, 3, 8),
            date(2027, 3, 15),
        ),
        (
            Frequency.BIWEEKLY,
            date(2027, 1, 17),
            "2027-01-04..2027-01-17",
            date(2027, 1, 4),
            date(2027, 1, 18),
        ),
        (
            Frequency.BIWEEKLY,
            date(2027, 1, 18),
            "2027-01-18..2027-01-31",
            date(2027, 1, 18),
            date(2027, 2, 1),
        ),
    ],
)
def test_the_period_holding_a_day_has_its_first_day_end_and_label(
    frequency: Frequency, day: date, label: str, first: date, end: date
) -> None:
    period = ANCHORED.period_of(frequency, day)
    assert (period.label, period.window, period.frequency) == (
        label,
        Window(first, end),
        frequency,
    )


@pytest.mark.parametrize(
    ("label", "first", "end", "frequency"),
    [
        ("2027", date(2027, 1, 1), date(2028, 1, 1), Frequency.ANNUAL),
        ("2027-W05", date(2027, 2, 1), date(2027, 2, 8), Frequency.WEEKLY),
        ("2027-H2", date(2027, 7, 1), date(2028, 1, 1), Frequency.SEMI_ANNUAL),
    ],
)
def test_a_label_is_read_back_as_its_period(
    label: str, first: date, end: date, frequency: Frequency
) -> None:
    period = Calendar().parse(label)
    assert (period.label, period.window, period.frequency) == (
        label,
        Window(first, end),
        frequency,
    )


def test_a_fiscal_year_named_by_its_end_is_read_from_its_label() -> None:
    july = Calendar(fiscal_start=7)
    assert july.parse("2027").window == Window(date(2026, 7, 1), date(2027, 7, 1))
