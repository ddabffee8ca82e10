"""Crediting: which transactions count for whom, for which measure, and for how much.

A transaction belongs to the measure it names (or the plan's first measure) and counts only
when it meets every condition of the measure's ``filter``. Its credit is amount × split share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Protocol

from icmkit.engine.errors import EngineError
from icmkit.engine.periods import Window
from icmkit.model.plans import Condition, Plan
from icmkit.model.testing import Participant


class Deal(Protocol):
    """What the engine reads of a transaction: a test case's ``Transaction`` or a CSV row."""

    @property
    def id(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def measure(self) -> str | None: ...
    @property
    def participant(self) -> str | None: ...
    @property
    def split(self) -> Decimal: ...
    @property
    def attributes(self) -> dict[str, str]: ...
    @property
    def cancelled_on(self) -> dt.date | None: ...
    @property
    def term_months(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Credit:
    """One transaction credited to one participant for one measure."""

    transaction: Deal
    order: int
    """Position in the test case's list: same-date transactions are taken in this order."""
    measure: str
    owner: str
    amount: Decimal

    @property
    def label(self) -> str:
        return self.transaction.id


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        return None


def attribute(transaction: Deal, name: str) -> str | None:
    """An attribute of a transaction; ``amount`` is the transaction's amount itself."""
    if name == "amount":
        return str(transaction.amount)
    return transaction.attributes.get(name)


def holds(condition: Condition, transaction: Deal) -> bool:
    value = attribute(transaction, condition.field)
    if value is None:
        return False
    if condition.equals is not None and value != condition.equals:
        return False
    if condition.in_ is not None and value not in condition.in_:
        return False
    if condition.at_least is not None or condition.below is not None:
        number = _number(value)
        if number is None:
            return False
        if condition.at_least is not None and number < condition.at_least:
            return False
        if condition.below is not None and number >= condition.below:
            return False
    return True


def all_hold(conditions: Iterable[Condition], transaction: Deal) -> bool:
    return all(holds(condition, transaction) for condition in conditions)


def _credited_measure(plan: Plan, deal: Deal) -> str | None:
    """The measure a deal counts toward, or ``None`` when the measure's filter leaves it out."""
    measure = next(
        (m for m in plan.measures if m.id == (deal.measure or plan.measures[0].id)), None
    )
    if measure is None:
        raise EngineError(f"transaction {deal.id}: plan {plan.id} has no measure `{deal.measure}`")
    if measure.filter and not all_hold(measure.filter, deal):
        return None
    return measure.id


def credits(plan: Plan, deals: Iterable[Deal], participant: str) -> list[Credit]:
    """Every deal credited to its participant (default ``participant``), in date order."""
    found: list[Credit] = []
    for order, deal in enumerate(deals):
        measure = _credited_measure(plan, deal)
        if measure is None:
            continue
        owner = deal.participant or participant
        found.append(Credit(deal, order, measure, owner, deal.amount * deal.split))
    found.sort(key=lambda c: (c.transaction.date, c.order))
    return found


def credit_totals(plan: Plan, deals: Iterable[Deal], participant: str) -> dict[str, Decimal]:
    """Credit of ``participant``'s own deals by measure (no order, no ``Credit`` objects)."""
    totals: dict[str, Decimal] = {}
    for deal in deals:
        if (deal.participant or participant) != participant:
            continue
        measure = _credited_measure(plan, deal)
        if measure is None:
            continue
        totals[measure] = totals.get(measure, Decimal(0)) + deal.amount * deal.split
    return totals


def in_window(items: Sequence[Credit], window: Window) -> list[Credit]:
    return [c for c in items if window.contains(c.transaction.date)]


def team_members(
    manager: str,
    team: Sequence[Participant],
    levels: int,
    include_roles: Sequence[str],
    exclude_roles: Sequence[str],
) -> list[Participant]:
    """Participants up to ``levels`` below ``manager`` whose roles pass the role lists."""
    below: list[Participant] = []
    bosses = {manager}
    for _ in range(levels):
        layer = [p for p in team if p.manager in bosses and p not in below]
        if not layer:
            break
        below.extend(layer)
        bosses = {p.id for p in layer}
    return [
        p
        for p in below
        if (not include_roles or p.role in include_roles) and p.role not in exclude_roles
    ]
