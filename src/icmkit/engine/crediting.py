"""Crediting: which transactions count for whom, for which measure, and for how much.

A transaction belongs to the measure it names (or the plan's first measure) and counts only
when it meets every condition of the measure's ``filter``. Its credit is amount × split share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from icmkit.engine.errors import EngineError
from icmkit.engine.hierarchy import Hierarchy, chain
from icmkit.engine.periods import Window
from icmkit.model.number_text import NumberTextError, parse_number
from icmkit.model.plans import Condition, OverrideComponent, Plan
from icmkit.model.testing import Receipt


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
    def attributes(self) -> Mapping[str, str | Decimal]: ...
    @property
    def cancelled_on(self) -> dt.date | None: ...
    @property
    def term_months(self) -> int | None: ...
    @property
    def receipts(self) -> Sequence[Receipt]: ...


@dataclass(frozen=True, slots=True)
class Credit:
    """One transaction credited to one participant for one measure."""

    transaction: Deal
    order: int
    """Position in the test case's list: same-date transactions are taken in this order."""
    measure: str
    owner: str
    """Who is credited."""
    amount: Decimal
    depth: int = 0
    """0 for the participant's own deal; 1 for a direct report's deal rolled up; and so on."""
    seller_role: str | None = None
    """For a rolled-up deal: the role of the participant whose deal it is, on its date."""

    @property
    def label(self) -> str:
        return self.transaction.id


@dataclass(frozen=True)
class Selection:
    """Which of a participant's credits count: their own, and their team's down to ``levels``
    below them, of the roles the lists let through."""

    own: bool = True
    levels: int = 0
    include_roles: tuple[str, ...] = ()
    exclude_roles: tuple[str, ...] = ()

    def takes(self, credit: Credit) -> bool:
        return self.takes_class(credit.depth, credit.seller_role)

    def takes_class(self, depth: int, role: str | None) -> bool:
        """Whether credit this far down the hierarchy, sold in this role, counts."""
        if depth == 0:
            return self.own
        if depth > self.levels:
            return False
        if self.include_roles and role not in self.include_roles:
            return False
        return role not in self.exclude_roles


def rollup_selection(plan: Plan) -> Selection:
    """A participant's own credit, plus what the plan's ``crediting.rollup`` rolls up."""
    rollup = plan.crediting.rollup
    if rollup is None:
        return Selection()
    return Selection(True, rollup.levels, tuple(rollup.include_roles), tuple(rollup.exclude_roles))


def team_selection(component: OverrideComponent) -> Selection:
    """The team credit an override is paid on (not the manager's own)."""
    return Selection(
        False, component.levels, tuple(component.include_roles), tuple(component.exclude_roles)
    )


def levels_needed(plan: Plan) -> int:
    """How far up the hierarchy the plan's rollups and overrides reach."""
    found = [c.levels for c in plan.components if isinstance(c, OverrideComponent)]
    if plan.crediting.rollup is not None:
        found.append(plan.crediting.rollup.levels)
    return max(found, default=0)


BUILT_IN_FIELDS = frozenset(
    {"id", "amount", "measure", "participant", "split", "term_months", "date", "cancelled_on"}
)
"""Fields every transaction has: conditions may test them like attributes."""


def attribute(transaction: Deal, name: str) -> str | Decimal | None:
    """The value a condition tests: a built-in field of the transaction or an attribute."""
    if name in BUILT_IN_FIELDS:
        value = getattr(transaction, name)
        if value is None:
            return None
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return value  # type: ignore[no-any-return]
    return transaction.attributes.get(name)


def _as_number(value: str | Decimal, condition: Condition) -> Decimal:
    if isinstance(value, Decimal):
        return value
    try:
        return parse_number(value)
    except NumberTextError as error:
        raise EngineError(
            f"condition on `{condition.field}`: the value {error}; "
            "conditions with at_least or below need numbers"
        ) from None


def _same(value: str | Decimal, wanted: str | Decimal) -> bool:
    """Equal as numbers when both are numbers, else equal as text."""
    if isinstance(value, Decimal) or isinstance(wanted, Decimal):
        try:
            left = value if isinstance(value, Decimal) else parse_number(value)
            right = wanted if isinstance(wanted, Decimal) else parse_number(wanted)
        except NumberTextError:
            return str(value) == str(wanted)
        return left == right
    return value == wanted


def holds(condition: Condition, transaction: Deal) -> bool:
    value = attribute(transaction, condition.field)
    if value is None:
        return False
    if condition.equals is not None and not _same(value, condition.equals):
        return False
    if condition.in_ is not None and not any(_same(value, item) for item in condition.in_):
        return False
    if condition.at_least is not None or condition.below is not None:
        number = _as_number(value, condition)
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


def credits(
    plan: Plan,
    deals: Iterable[Deal],
    participant: str,
    hierarchy: Hierarchy | None = None,
    levels: int = 0,
) -> list[Credit]:
    """Every deal credited to its participant (default ``participant``), and with a
    ``hierarchy`` to their managers up to ``levels`` above them on the deal's date; in date
    order.

    Deals read from a file share one attributes mapping per distinct set of attributes, so a
    measure's filter is decided once per set when it tests attributes only."""
    found: list[Credit] = []
    by_attributes = not any(
        condition.field in BUILT_IN_FIELDS for m in plan.measures for condition in m.filter
    )
    decided: dict[tuple[str | None, int], str | None] = {}
    for order, deal in enumerate(deals):
        if by_attributes:
            key = (deal.measure, id(deal.attributes))
            if key in decided:
                measure = decided[key]
            else:
                measure = decided[key] = _credited_measure(plan, deal)
        else:
            measure = _credited_measure(plan, deal)
        if measure is None:
            continue
        owner = deal.participant or participant
        amount = deal.amount * deal.split
        found.append(Credit(deal, order, measure, owner, amount))
        if hierarchy is None or not levels:
            continue
        role = hierarchy.role_of(owner, deal.date)
        for depth, manager in enumerate(chain(hierarchy, owner, deal.date, levels), start=1):
            found.append(Credit(deal, order, measure, manager, amount, depth, role))
    found.sort(key=lambda c: (c.transaction.date, c.order))
    return found


def in_window(items: Sequence[Credit], window: Window) -> list[Credit]:
    return [c for c in items if window.contains(c.transaction.date)]
