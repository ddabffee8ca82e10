"""A measure's filter as an engine expression, with the meaning ``crediting.holds`` gives it.

A condition tests a value: a built-in field of the transaction or an attribute (absent when
its cell is empty). ``equals`` and ``in`` compare as numbers when either side is a number
(a text that does not read as a number then compares as text); ``at_least`` and ``below``
need a number, and a text that is not one stops the calculation (``EngineError``), as it
does in Python: :func:`filter_of` gives, besides whether the filter holds, whether a row
reaches such a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from icmkit.engine.crediting import BUILT_IN_FIELDS
from icmkit.model.number_text import NumberTextError, parse_number
from icmkit.model.plans import Condition

if TYPE_CHECKING:
    import ibis.expr.types as ir


@dataclass(frozen=True)
class Value:
    """A condition's value on a row: its text (NULL: absent), its number when it is one, and
    the number its text reads as (NULL when it does not)."""

    text: ir.StringValue | None
    number: ir.NumericValue | None
    as_number: ir.NumericValue | None

    @property
    def present(self) -> ir.BooleanValue:
        import ibis

        if self.number is not None and self.text is None:
            return self.number.notnull()
        assert self.text is not None
        if self.number is not None:
            return self.text.notnull() | self.number.notnull()
        return self.text.notnull() if self.text is not None else ibis.literal(False)

    @property
    def numeric(self) -> ir.NumericValue | None:
        """The number a range test reads: the value's number, else its text read as one."""
        import ibis

        if self.number is None:
            return self.as_number
        if self.as_number is None:
            return self.number
        return ibis.coalesce(self.number, self.as_number)


def value_of(typed: ir.Table, name: str, split: ir.Value, declared: bool) -> Value:
    """The value ``name`` names on a row of the typed view."""
    import ibis

    if name in BUILT_IN_FIELDS:
        if name == "amount":
            return Value(None, typed.amount, None)
        if name == "split":
            return Value(None, split, None)
        if name == "term_months":
            return Value(None, typed.term, None)
        if name == "date":
            return Value(typed.day.cast("string"), None, None)
        if name == "cancelled_on":
            return Value(typed.cancelled.cast("string"), None, None)
        text = {"id": typed.tid, "participant": typed.who, "measure": typed.measure_text}[name]
        if name == "measure":
            text = ibis.ifelse(text == "", None, text)
        return Value(text, None, _as_number(typed, name))
    text = typed[f"a_{name}"]
    number = typed[f"n_{name}"] if declared else None
    if number is not None:
        return Value(ibis.ifelse(number.isnull(), text, None), number, _as_number(typed, name))
    return Value(text, None, _as_number(typed, name))


def _as_number(typed: ir.Table, name: str) -> ir.NumericValue | None:
    """The field's text read as a number (only where a condition reads it as one)."""
    key = f"y_{name}"
    return typed[key] if key in typed.columns else None


def _number(wanted: str) -> Decimal | None:
    try:
        return parse_number(wanted)
    except NumberTextError:
        return None


def _same(value: Value, wanted: str | Decimal) -> ir.BooleanValue:
    """``crediting._same``: as numbers when either side is one, else as text."""
    import ibis

    by_number: ir.BooleanValue | None = None
    by_text: ir.BooleanValue | None = None
    if value.number is not None:
        target = wanted if isinstance(wanted, Decimal) else _number(wanted)
        by_number = value.number == ibis.literal(target) if target is not None else None
    if value.text is not None:
        if isinstance(wanted, Decimal):
            as_text = value.text == str(wanted)
            by_text = (
                as_text
                if value.as_number is None
                else ibis.ifelse(
                    value.as_number.notnull(), value.as_number == ibis.literal(wanted), as_text
                )
            )
        else:
            by_text = value.text == wanted
    if value.number is not None and value.text is not None:
        found = ibis.ifelse(
            value.number.notnull(),
            by_number if by_number is not None else ibis.literal(False),
            by_text if by_text is not None else ibis.literal(False),
        )
    else:
        found = by_number if by_number is not None else by_text
    if found is None:
        return ibis.literal(False)
    return found.fill_null(False)


def _holds_and_fails(condition: Condition, value: Value) -> tuple[ir.BooleanValue, ir.BooleanValue]:
    """Whether the condition holds, and whether the row reaches a range test without a
    number (the calculation stops there)."""
    import ibis

    reached = value.present.fill_null(False)
    if condition.equals is not None:
        reached = reached & _same(value, condition.equals)
    if condition.in_ is not None:
        anyone: ir.BooleanValue = ibis.literal(False)
        for item in condition.in_:
            anyone = anyone | _same(value, item)
        reached = reached & anyone
    if condition.at_least is None and condition.below is None:
        return reached, ibis.literal(False)
    number = value.numeric
    if number is None:
        return ibis.literal(False), reached
    fails = reached & number.isnull()
    holds = reached & number.notnull()
    if condition.at_least is not None:
        holds = holds & (number >= ibis.literal(condition.at_least))
    if condition.below is not None:
        holds = holds & (number < ibis.literal(condition.below))
    return holds.fill_null(False), fails.fill_null(False)


def filter_of(
    conditions: list[Condition], typed: ir.Table, split: ir.Value, declared: bool
) -> tuple[ir.BooleanValue, ir.BooleanValue]:
    """Whether every condition holds (taken in order, stopping at the first that does not),
    and whether a row stops the calculation on the way."""
    import ibis

    holds: ir.BooleanValue = ibis.literal(True)
    fails: ir.BooleanValue = ibis.literal(False)
    for condition in conditions:
        value = value_of(typed, condition.field, split, declared)
        one, stops = _holds_and_fails(condition, value)
        fails = fails | (holds & stops)
        holds = holds & one
    return holds, fails
