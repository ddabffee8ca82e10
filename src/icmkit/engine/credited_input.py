"""The one interface between the input stage and the plan math.

The plan math (``context``, ``components``, ``limits``, ``adjustments``, ``payment``) reads a
participant's credits under a plan through :class:`SeatCredits` only: the total credit of a
measure in a window (the participant's own and what a selection of their team's rolls up), and
the credits one by one only where a component really needs them (pricing per transaction,
per-deal caps, multipliers, SPIFF events, clawbacks of specific deals, explanations). An input
stage is a :class:`CreditedInput`: it yields every credited participant of a plan with those
credits, one participant at a time.

:class:`CreditList` is the reference implementation, over the credits of deals held in memory
(a test case's transactions, or rows read by the pure-Python reader); the columnar stage
(``columnar_credits``) answers the same questions from aggregates and the few rows it ships.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

from icmkit.engine.crediting import Credit, Deal, Selection, credits, levels_needed
from icmkit.engine.hierarchy import Hierarchy
from icmkit.engine.numbers import ZERO
from icmkit.engine.periods import Window
from icmkit.model.plans import Plan


class SeatCredits(Protocol):
    """What the plan math reads of one participant's credits under one plan."""

    def total(
        self, measure: str, window: Window, selection: Selection, excluded: frozenset[str]
    ) -> Decimal:
        """The credit of ``measure`` dated in ``window`` that ``selection`` takes, less the
        deals in ``excluded``."""
        ...

    def each(
        self, measure: str, window: Window, selection: Selection, excluded: frozenset[str]
    ) -> list[Credit]:
        """The same credits one by one, in date order (then the order the deals were given)."""
        ...

    def befores(
        self, credits: list[Credit], start: date, selection: Selection, excluded: frozenset[str]
    ) -> list[Decimal]:
        """For each of ``credits`` (in date order, then the order of the deals): the credit of
        its measure that ``selection`` takes from ``start`` up to it (not included), in date
        order and then the order of the deals."""
        ...

    def cancelled(self) -> list[Credit]:
        """Every credit (own and rolled up) of a deal that is cancelled some day, in date order."""
        ...

    def cancellable(self) -> list[Credit]:
        """The participant's own credits of deals that are cancelled some day, in date order."""
        ...

    def sellers(self, selection: Selection) -> list[str]:
        """Whose credits ``selection`` takes, sorted (the members an override counts)."""
        ...

    def own_deals(self) -> dict[str, Deal]:
        """The participant's own deals by id (for commission released on cash)."""
        ...


class CreditedInput(Protocol):
    """An input stage: the credits of a plan, participant by participant."""

    def credited(self, plan: Plan) -> Iterator[tuple[str, SeatCredits]]:
        """Every participant credited under ``plan`` with their credits, each once."""
        ...


@dataclass
class CreditList:
    """A participant's credits held one by one, in date order (the reference implementation)."""

    items: list[Credit] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)
    _cancelled: list[Credit] | None = None

    @classmethod
    def of(cls, items: list[Credit]) -> CreditList:
        """``items`` must be in date order (then the order of the deals)."""
        return cls(items, [c.transaction.date for c in items])

    def each(
        self, measure: str, window: Window, selection: Selection, excluded: frozenset[str]
    ) -> list[Credit]:
        low = bisect.bisect_left(self.dates, window.start)
        high = bisect.bisect_left(self.dates, window.end, low)
        return [
            c
            for c in self.items[low:high]
            if c.measure == measure
            and (not excluded or c.transaction.id not in excluded)
            and selection.takes(c)
        ]

    def total(
        self, measure: str, window: Window, selection: Selection, excluded: frozenset[str]
    ) -> Decimal:
        return sum((c.amount for c in self.each(measure, window, selection, excluded)), ZERO)

    def befores(
        self, credits: list[Credit], start: date, selection: Selection, excluded: frozenset[str]
    ) -> list[Decimal]:
        return [
            running.get(credit.measure, ZERO)
            for credit, running in zip(
                credits, self.running(credits, start, selection, excluded), strict=True
            )
        ]

    def running(
        self, credits: list[Credit], start: date, selection: Selection, excluded: frozenset[str]
    ) -> list[dict[str, Decimal]]:
        """For each of ``credits``: the credit by measure from ``start`` up to it."""
        wanted = {id(credit): index for index, credit in enumerate(credits)}
        found: list[dict[str, Decimal]] = [{} for _ in credits]
        totals: dict[str, Decimal] = {}
        left = len(wanted)
        for item in self.items[bisect.bisect_left(self.dates, start) :]:
            if not left:
                break
            index = wanted.get(id(item))
            if index is not None:
                found[index] = dict(totals)
                left -= 1
            if (not excluded or item.transaction.id not in excluded) and selection.takes(item):
                totals[item.measure] = totals.get(item.measure, ZERO) + item.amount
        return found

    def cancelled(self) -> list[Credit]:
        if self._cancelled is None:
            self._cancelled = [c for c in self.items if c.transaction.cancelled_on is not None]
        return self._cancelled

    def cancellable(self) -> list[Credit]:
        return [c for c in self.cancelled() if c.depth == 0]

    def sellers(self, selection: Selection) -> list[str]:
        return sorted(
            {c.transaction.participant or "" for c in self.items if selection.takes(c)} - {""}
        )

    def own_deals(self) -> dict[str, Deal]:
        return {c.transaction.id: c.transaction for c in self.items if c.depth == 0}


@dataclass
class DealsInput:
    """The reference input stage: deals held in memory, credited by ``crediting.credits``."""

    deals: Sequence[Deal]
    hierarchy: Hierarchy
    default_participant: str = ""

    def credited(self, plan: Plan) -> Iterator[tuple[str, SeatCredits]]:
        owned: dict[str, list[Credit]] = {}
        found = credits(
            plan, self.deals, self.default_participant, self.hierarchy, levels_needed(plan)
        )
        for credit in found:
            owned.setdefault(credit.owner, []).append(credit)
        for owner, items in owned.items():
            yield owner, CreditList.of(items)


def credit_list(items: Iterable[Credit]) -> CreditList:
    """Credits in date order (then their deals' order) as a reference ``SeatCredits``."""
    return CreditList.of(sorted(items, key=lambda c: (c.transaction.date, c.order)))
