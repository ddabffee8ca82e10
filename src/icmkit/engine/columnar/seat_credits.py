"""A participant's credits as the columnar stage hands them over: sums and a few rows.

Credit that no component reads deal by deal comes as sums per measure, depth in the
hierarchy, seller's role and segment (``segments``); the credits of deals that are cancelled
some day, and of measures read deal by deal, come one by one. A window the plan math asks
about must hold each sum whole or not at all: anything else is a bug, and says so.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from icmkit.engine.credited_input import CreditList
from icmkit.engine.crediting import Credit, Deal, Selection
from icmkit.engine.errors import EngineError
from icmkit.engine.numbers import ZERO
from icmkit.engine.periods import Window

Key = tuple[str, int, str | None]
"""(measure, depth, seller's role)."""


@dataclass
class Sums:
    """The sums of one key, by segment: first and last day credited, and the credit."""

    firsts: list[date] = field(default_factory=list)
    lasts: list[date] = field(default_factory=list)
    amounts: list[Decimal] = field(default_factory=list)

    def add(self, first: date, last: date, amount: Decimal) -> None:
        self.firsts.append(first)
        self.lasts.append(last)
        self.amounts.append(amount)

    def within(self, window: Window) -> Decimal:
        low = bisect.bisect_left(self.firsts, window.start)
        high = bisect.bisect_left(self.firsts, window.end, low)
        if (low and self.lasts[low - 1] >= window.start) or (
            high and high > low and self.lasts[high - 1] >= window.end
        ):
            raise EngineError(
                f"internal error: credit summed by segment does not fit the window {window}; "
                "please report it (--engine python computes it)"
            )
        return sum(self.amounts[low:high], ZERO)


@dataclass
class SegmentedCredits:
    """One participant's credits under one plan from the columnar stage (``SeatCredits``)."""

    sums: dict[Key, Sums] = field(default_factory=dict)
    rows: CreditList = field(default_factory=CreditList)
    by_deal: frozenset[str] = frozenset()
    """The measures whose every credit is in ``rows``."""
    lead_in: dict[int, dict[tuple[int, str | None], Decimal]] = field(default_factory=dict)
    """For a cancelled deal's credit (by its order): the summed credit of its segment before it."""
    segment_of: dict[int, date] = field(default_factory=dict)
    """For a cancelled deal's credit (by its order): the first day of its segment."""
    team: list[tuple[str, int, str | None]] = field(default_factory=list)
    """(seller, depth, seller's role) of every credit."""

    def total(
        self, measure: str, window: Window, selection: Selection, excluded: frozenset[str]
    ) -> Decimal:
        total = self.rows.total(measure, window, selection, excluded)
        for (name, depth, role), sums in self.sums.items():
            if name == measure and selection.takes_class(depth, role):
                total += sums.within(window)
        return total

    def each(
        self, measure: str, window: Window, selection: Selection, excluded: frozenset[str]
    ) -> list[Credit]:
        if measure not in self.by_deal:
            raise EngineError(
                f"internal error: credits of `{measure}` were asked one by one but summed; "
                "please report it (--engine python computes it)"
            )
        return self.rows.each(measure, window, selection, excluded)

    def befores(
        self, credits: list[Credit], start: date, selection: Selection, excluded: frozenset[str]
    ) -> list[Decimal]:
        shipped = self.rows.running(credits, start, selection, excluded)
        found: list[Decimal] = []
        for credit, running in zip(credits, shipped, strict=True):
            segment = self.segment_of.get(credit.order, credit.transaction.date)
            total = running.get(credit.measure, ZERO)
            for (name, depth, role), sums in self.sums.items():
                if name == credit.measure and selection.takes_class(depth, role):
                    total += sums.within(Window(start, segment))
            for (depth, role), amount in self.lead_in.get(credit.order, {}).items():
                if selection.takes_class(depth, role):
                    total += amount
            found.append(total)
        return found

    def cancelled(self) -> list[Credit]:
        return self.rows.cancelled()

    def cancellable(self) -> list[Credit]:
        return self.rows.cancellable()

    def sellers(self, selection: Selection) -> list[str]:
        return sorted({who for who, depth, role in self.team if selection.takes_class(depth, role)})

    def own_deals(self) -> dict[str, Deal]:
        return self.rows.own_deals()
