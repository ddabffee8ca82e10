"""What reading YAML gives: problems, results, and the values of scalars with their tags."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from icmkit.model.positions import PosNode

STR_TAG = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE_TAG = "tag:yaml.org,2002:merge"
_STANDARD_TAG = "tag:yaml.org,2002:"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"

_constructor = SafeConstructor()


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A problem found while reading one file (the caller adds the path)."""

    code: str
    message: str
    line: int = 1
    col: int = 1


@dataclass
class ReadResult:
    data: Any = None
    positions: PosNode | None = None
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.positions is not None


def scalar_value(
    tag: str, value: str, style: str | None, line: int, col: int, problems: list[ReadProblem]
) -> tuple[Any, str | None]:
    """The value of a scalar whose tag is resolved, and its text if YAML read it as non-text."""
    if tag == STR_TAG:
        return value, None
    text = value if not style else None
    if tag == _NULL:
        return None, text
    node = ScalarNode(tag, value, None, None, style)
    try:
        if tag == _BOOL:
            return _constructor.construct_yaml_bool(node), text
        if tag in (_INT, _FLOAT):
            number = _constructor.construct_yaml_int(node) if tag == _INT else _to_decimal(node)
            if text is not None and ":" in text:
                # ``1:30`` is 90 to YAML 1.1 readers: never what a program file means.
                problems.append(
                    ReadProblem(
                        "YML008",
                        f"YAML reads the unquoted `{value}` as the base-60 number {number}; "
                        f'write the number you mean, or put text in quotes: "{value}"',
                        line,
                        col,
                    )
                )
            return number, text
        if tag == _TIMESTAMP:
            return _constructor.construct_yaml_timestamp(node), text
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, IndexError):
        # Looks like a date or number but is not one (2027-02-30, 0x_, !!int x):
        # keep the text, so the field's own validation says what is wrong.
        return value, None
    problems.append(unsupported_tag(tag, line, col))
    return value, text


def unsupported_tag(tag: str, line: int, col: int) -> ReadProblem:
    return ReadProblem(
        "YML007", f"unsupported YAML tag `{tag.replace(_STANDARD_TAG, '!!')}`; remove it", line, col
    )


def _to_decimal(node: ScalarNode) -> Any:
    raw = node.value.replace("_", "")
    if ":" in raw:  # YAML 1.1 base-60 float, e.g. 1:30.5
        return Decimal(repr(_constructor.construct_yaml_float(node)))
    try:
        number = Decimal(raw)
    except InvalidOperation:
        return _constructor.construct_yaml_float(node)  # .inf / .nan: a float the models refuse
    return number if number.is_finite() else _constructor.construct_yaml_float(node)
