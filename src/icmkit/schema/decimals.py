"""How exact decimals appear in a JSON Schema: a number, or text that reads as one.

The models read amounts and rates through ``BeforeValidator`` functions that also take
numeric text (``"1,200.50"``) and, for rates, a percentage (``"8%"``). Pydantic only sees the
``Decimal`` behind those functions, so the schema says here what the functions accept.
"""

from __future__ import annotations

from typing import Any, Final

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from icmkit.model import base

_NUMBER_TEXT: Final = r"[+-]?(\d[\d_,]*)?(\.\d[\d_,]*)?([eE][+-]?\d+)?"
AMOUNT_PATTERN: Final = rf"^(?=\s*[+-]?[.]?\d)\s*{_NUMBER_TEXT}\s*$"
"""Numeric text: digits with optional sign, fraction, exponent, `_` or `,` separators."""
RATE_PATTERN: Final = rf"^(?=\s*[+-]?[.]?\d)\s*{_NUMBER_TEXT}\s*%?\s*$"
"""Numeric text, optionally ending in a percent sign (``"8%"`` is 0.08)."""

_BOUNDS: Final = {
    "ge": "minimum",
    "le": "maximum",
    "gt": "exclusiveMinimum",
    "lt": "exclusiveMaximum",
}


def decimal_value(pattern: str, description: str) -> JsonSchemaValue:
    return {
        "anyOf": [{"type": "number"}, {"type": "string", "pattern": pattern}],
        "description": description,
    }


def amount_value() -> JsonSchemaValue:
    return decimal_value(AMOUNT_PATTERN, "An exact decimal: a number, or numeric text.")


def rate_value() -> JsonSchemaValue:
    return decimal_value(
        RATE_PATTERN,
        'A rate: a decimal fraction (0.08), or a percentage in quotes ("8%").',
    )


class ProgramJsonSchema(GenerateJsonSchema):
    """Pydantic's generator, with icmkit's decimals described as the models read them."""

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        function = schema["function"].get("function")
        if function is base.to_rate:
            return rate_value()
        if function is base.to_decimal:
            return amount_value()
        return super().function_before_schema(schema)

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        return amount_value()


def move_bounds(node: Any) -> None:
    """Turn pydantic's ``ge``/``le`` left beside a decimal ``anyOf`` into JSON Schema bounds
    on its number branch (in place, through the whole schema)."""
    if isinstance(node, list):
        for entry in node:
            move_bounds(entry)
        return
    if not isinstance(node, dict):
        return
    bounds = {key: node.pop(key) for key in list(node) if key in _BOUNDS}
    if bounds:
        for branch in node.get("anyOf", [node]):
            if branch.get("type") in ("number", "integer"):
                for key, value in bounds.items():
                    branch[_BOUNDS[key]] = value
    for value in node.values():
        move_bounds(value)
