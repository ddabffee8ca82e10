"""A transactions file read and checked by an input stage, as ``calc`` computes from it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Protocol

from icmkit.engine.calendar import Calendar
from icmkit.engine.credited_input import CreditedInput
from icmkit.engine.hierarchy import Hierarchy
from icmkit.engine.periods import Window
from icmkit.engine.targets import Person
from icmkit.model.testing import Receipt


class TransactionSource(Protocol):
    """A transactions file read and checked by an input stage (Python or columnar)."""

    def participants(self) -> set[str]:
        """Everyone credited in the file."""
        ...

    def span(self) -> tuple[date, date] | None:
        """The first and last transaction dates (None when the file has no rows)."""
        ...

    def credited_input(
        self,
        hierarchy: Hierarchy,
        people: Sequence[Person],
        window: Window,
        calendar: Calendar,
        as_of: date | None,
        explain: bool,
    ) -> CreditedInput:
        """The credits of the file for the run over ``window`` of ``people``."""
        ...

    def with_receipts(self, receipts: Mapping[str, Sequence[Receipt]]) -> None:
        """Give each deal the cash received for it (commission released on cash)."""
        ...
