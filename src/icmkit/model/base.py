"""Base model and the scalar types shared by every entity."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr

from icmkit.model.number_text import checked_number, parse_number, parse_share
from icmkit.model.positions import Where


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


def _to_decimal(value: Any) -> Any:
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


def _to_rate(value: Any) -> Any:
    """A rate as a fraction (``0.08``) or as a percentage (``"8%"``)."""
    if isinstance(value, str):
        return parse_share(value)
    return _to_decimal(value)


Amount = Annotated[Decimal, BeforeValidator(_to_decimal)]
"""Money or a count: an exact decimal."""

Rate = Annotated[Decimal, BeforeValidator(_to_rate)]
"""A rate or share: a decimal fraction, or text with a percent sign (``"8%"`` is 0.08)."""

Hours = Annotated[Decimal, BeforeValidator(_to_decimal), Field(ge=0)]

Ref = str
"""The id of another item."""

Text = str


def parse_decimal(value: Any) -> Decimal:
    """Public helper for other layers that must read an amount the same way the models do."""
    result = _to_decimal(value)
    if not isinstance(result, Decimal):
        raise ValueError(f"expected a number, got {value!r}")
    return result


__all__ = [
    "Amount",
    "Hours",
    "InvalidOperation",
    "Item",
    "Rate",
    "Ref",
    "Text",
    "parse_decimal",
]
