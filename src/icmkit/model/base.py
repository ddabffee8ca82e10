"""Base model and the scalar types shared by every entity."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Final

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr

from icmkit.model.number_text import checked_number, parse_number, parse_share
from icmkit.model.positions import Where


@dataclass(frozen=True, slots=True)
class Shown:
    """How the format reference (docs/format.md) shows a key, where its annotation and default
    say too little: ``Annotated[Ref, Shown(type="reference to a team member")]``.

    ``type`` is the text of the table's Type column, ``default`` that of its Required / default
    column. Pydantic ignores this marker; it changes neither validation nor the JSON Schema.
    """

    type: str | None = None
    default: str | None = None


EARLIEST_DAY: Final = dt.date(1900, 1, 1)
LATEST_DAY: Final = dt.date(2999, 12, 31)
"""The range of every date in a program: far from the ends of the calendar (year 1 and 9999),
where a day before or after does not exist and every window and period must be counted."""


class Item(BaseModel):
    """Base of every model read from a program file: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")

    _where: Where | None = PrivateAttr(default=None)

    @property
    def where(self) -> Where:
        # Read the private slot directly: pydantic's __getattr__ path is slow on hot loops.
        private = self.__pydantic_private__
        found = private.get("_where") if private else None
        return found if found is not None else Where("")


def in_calendar(value: dt.date) -> dt.date:
    """A date (or the day of a timestamp) in the years every program date must be in."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(f"expected a date in the years {EARLIEST_DAY.year} to {LATEST_DAY.year}")
    return value


Day = Annotated[dt.date, AfterValidator(in_calendar)]
"""A date (``YYYY-MM-DD``) in the years 1900 to 2999."""

Timestamp = Annotated[dt.datetime, AfterValidator(in_calendar)]
"""A moment (``2027-02-12T16:30:00Z``) in the years 1900 to 2999."""


def to_decimal(value: Any) -> Any:
    """Exact decimals only: ints, Decimals and numeric text; floats and booleans are refused."""
    if isinstance(value, bool):
        raise ValueError("expected a number, not a yes/no value")
    if isinstance(value, int | Decimal):
        return checked_number(value)
    if isinstance(value, str):
        return parse_number(value)
    if isinstance(value, float):
        raise ValueError("expected an exact decimal, not a binary float")
    return value


def to_rate(value: Any) -> Any:
    """A rate as a fraction (``0.08``) or as a percentage (``"8%"``)."""
    if isinstance(value, str):
        return parse_share(value)
    return to_decimal(value)


Amount = Annotated[Decimal, BeforeValidator(to_decimal), Shown(type="amount")]
"""Money or a count: an exact decimal."""

Rate = Annotated[Decimal, BeforeValidator(to_rate), Shown(type="rate")]
"""A rate or share: a decimal fraction, or text with a percent sign (``"8%"`` is 0.08)."""

Hours = Annotated[Decimal, BeforeValidator(to_decimal), Field(ge=0), Shown(type="hours")]
"""Hours of work: an exact decimal, zero or more."""

Ref = str
"""The id of another item."""

Text = str

LocalId = Annotated[str, Shown(type="local id")]
"""An id that need only be unique where it is defined (in one plan, or in one test case)."""

TeamMemberRef = Annotated[Ref, Shown(type="reference to a team member")]
"""The handle of a member of the program's team."""

DataSourceRef = Annotated[Ref, Shown(type="reference to a data source")]
"""The id of a data source."""

RequirementRefs = Annotated[list[Ref], Shown(type="list of functional requirement ids")]
"""Ids of functional requirements."""


def parse_decimal(value: Any) -> Decimal:
    """Public helper for other layers that must read an amount the same way the models do."""
    result = to_decimal(value)
    if not isinstance(result, Decimal):
        raise ValueError(f"expected a number, got {value!r}")
    return result


__all__ = [
    "Amount",
    "DataSourceRef",
    "Day",
    "Hours",
    "InvalidOperation",
    "Item",
    "LocalId",
    "Rate",
    "Ref",
    "RequirementRefs",
    "Shown",
    "TeamMemberRef",
    "Text",
    "Timestamp",
    "in_calendar",
    "parse_decimal",
]
