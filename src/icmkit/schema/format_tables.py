"""The key tables of docs/format.md, made from the models.

Each ``<!-- model: Name -->`` marker in the document is followed, after any prose, by the table
of that model's keys: ``| Key | Type | Required / default | Meaning |``. The rows come from the
fields the model declares: the key (its alias where set), a type and a default read from the
annotation and the default (or from a ``Shown`` marker where those say too little), and the
field's ``description``. The prose, the examples and the order of the document stay written
by hand. Regenerate the tables after changing a model::

    python -m icmkit.schema.format_tables docs/format.md
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from icmkit.model.base import Item, Shown
from icmkit.model.layout import FILE_KINDS
from icmkit.writing import write_text_atomic

REGENERATE: Final = "python -m icmkit.schema.format_tables docs/format.md"
DOC: Final = Path("docs/format.md")

MARKER: Final = re.compile(r"^<!-- model: (\w+) -->$")
HEADING: Final = re.compile(r"^#{1,6} ")
FENCE: Final = re.compile(r"^```")
HEADER: Final = ("| Key | Type | Required / default | Meaning |", "|---|---|---|---|")


class FormatTableError(ValueError):
    """The document or a model cannot give a key table (a bug in docs/format.md or a model)."""


@dataclass(frozen=True, slots=True)
class KeyRow:
    """One row of a key table."""

    key: str
    type: str
    default: str
    meaning: str

    def line(self) -> str:
        cells = (f"`{self.key}`", self.type, self.default, self.meaning.replace("|", r"\|"))
        return "| " + " | ".join(cells) + " |"


SHARED_ROWS: Final[dict[str, tuple[str, KeyRow]]] = {
    "ComponentBase": (
        "name",
        KeyRow(
            "kind",
            "one of",
            "required",
            "Which kind of component: see the table above and the sections below.",
        ),
    ),
}
"""Rows a base's table shows for a key each subclass declares itself, after the named key:
every component takes a ``kind``, but each kind's model declares its own one value."""


# ---- the models ----------------------------------------------------------------------------


def _models_in(annotation: Any) -> Iterator[type[Item]]:
    """The models inside an annotation (through Optional, lists, mappings, unions, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, Item):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def documented_models() -> dict[str, type[Item]]:
    """Every model a program file can hold, and the models they extend, by class name."""
    found: dict[str, type[Item]] = {}
    walked: set[type[Item]] = set()

    def walk(model: type[Item]) -> None:
        if model in walked:
            return
        walked.add(model)
        for cls in model.__mro__:
            if issubclass(cls, Item) and cls is not Item:
                found.setdefault(cls.__name__, cls)
        for info in model.model_fields.values():
            for inner in _models_in(info.annotation):
                walk(inner)

    for kind in FILE_KINDS:
        walk(kind.model)
        if kind.item_model is not None:
            walk(kind.item_model)
    return found


def own_fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """The fields ``model`` declares itself, not those it inherits from another model."""
    inherited = {
        name
        for base in model.__mro__[1:]
        if issubclass(base, BaseModel)
        for name in base.model_fields
    }
    return {name: info for name, info in model.model_fields.items() if name not in inherited}


# ---- one row per field ---------------------------------------------------------------------


def _shown_type(metadata: Sequence[Any]) -> str | None:
    """The type a ``Shown`` marker gives; the outermost (last, as pydantic flattens nested
    ``Annotated``) wins: ``Annotated[Rate, Shown(type="rate or amount")]``."""
    found = [m.type for m in metadata if isinstance(m, Shown) and m.type is not None]
    return found[-1] if found else None


def _shown_default(metadata: Sequence[Any]) -> str | None:
    found = [m.default for m in metadata if isinstance(m, Shown) and m.default is not None]
    return found[-1] if found else None


def _without_none(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def _noun(model: type[BaseModel]) -> str:
    """``TeamMember`` -> ``team member``."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower()


def _plural(noun: str) -> str:
    """``rate`` -> ``rates``, ``category`` -> ``categories``, ``reference to a plan`` ->
    ``plan ids``; ``text`` and ``one of`` stay as they are."""
    if noun in ("text", "one of"):
        return noun
    reference = re.fullmatch(r"reference to an? (.+)", noun)
    if reference:
        return reference.group(1) + " ids"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def _bounds(metadata: Sequence[Any]) -> str:
    low = next((m.ge for m in metadata if getattr(m, "ge", None) is not None), None)
    high = next((m.le for m in metadata if getattr(m, "le", None) is not None), None)
    if low is not None and high is not None:
        return f", {low} to {high}"
    if low is not None:
        return f", {low} or more"
    return ""


def type_text(annotation: Any, metadata: Sequence[Any] = ()) -> str:
    """The Type column for a value of ``annotation`` (``metadata``: the field's constraints)."""
    shown = _shown_type(metadata)
    if shown is not None:
        return shown
    annotation = _without_none(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return type_text(inner, (*extra, *metadata))
    if origin is typing.Literal:
        values = typing.get_args(annotation)
        return f"`{values[0]}`" if len(values) == 1 else "one of"
    if origin is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "list of " + _plural(_noun(item))
        return "list of " + _plural(type_text(item))
    if origin is dict:
        key, value = typing.get_args(annotation)
        return f"mapping of {type_text(key)} to {type_text(value)}"
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return "mapping"
        if issubclass(annotation, StrEnum):
            return "one of"
        if annotation is bool:
            return "yes/no"
        if annotation is int:
            return "integer" + _bounds(metadata)
        if annotation is dt.datetime:
            return "date and time"
        if annotation is dt.date:
            return "date"
        if annotation is str:
            return "text"
    raise FormatTableError(f"no type text for {annotation!r}: mark the field Shown(type=...)")


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def default_text(info: FieldInfo) -> str:
    """The Required / default column of a field."""
    shown = _shown_default(info.metadata)
    if shown is not None:
        return shown
    if info.is_required():
        at_least_one = any(getattr(m, "min_length", None) == 1 for m in info.metadata)
        return "required, at least one" if at_least_one else "required"
    value = info.get_default(call_default_factory=True)
    if value is None:
        return "none"
    if value in ([], {}):
        return "empty"
    if isinstance(value, list):
        return "`[" + ", ".join(_value_text(v) for v in value) + "]`"
    if isinstance(value, BaseModel):
        raise FormatTableError(f"no default text for {value!r}: mark the field Shown(default=...)")
    return f"`{_value_text(value)}`"


def key_rows(model: type[BaseModel]) -> list[KeyRow]:
    """The rows of ``model``'s key table, in the order the model declares its fields."""
    rows: list[KeyRow] = []
    for name, info in own_fields(model).items():
        where = f"{model.__name__}.{name}"
        if not info.description:
            raise FormatTableError(f"{where} has no description")
        try:
            row = KeyRow(
                info.alias or name,
                type_text(info.annotation, info.metadata),
                default_text(info),
                info.description,
            )
        except FormatTableError as error:
            raise FormatTableError(f"{where}: {error}") from None
        rows.append(row)
    shared = SHARED_ROWS.get(model.__name__)
    if shared is not None:
        after, row = shared
        index = next(i for i, r in enumerate(rows) if r.key == after)
        rows.insert(index + 1, row)
    return rows


def key_table(model: type[BaseModel]) -> list[str]:
    """The lines of ``model``'s key table."""
    return [*HEADER, *(row.line() for row in key_rows(model))]


# ---- the document --------------------------------------------------------------------------


def _table_end(lines: Sequence[str], start: int) -> int:
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return end


def with_tables(text: str, models: dict[str, type[Item]] | None = None) -> str:
    """``text`` (docs/format.md) with the key table after each model marker made anew."""
    models = documented_models() if models is None else models
    lines = text.split("\n")
    out: list[str] = []
    pending: str | None = None
    in_fence = False
    index = 0
    while index < len(lines):
        line = lines[index]
        if FENCE.match(line):
            in_fence = not in_fence
        marker = None if in_fence else MARKER.match(line)
        if not in_fence and (marker or HEADING.match(line)) and pending is not None:
            raise FormatTableError(f"docs/format.md: the {pending} section has no key table")
        if marker:
            pending = marker.group(1)
            if pending not in models:
                raise FormatTableError(f"docs/format.md: no model is called {pending}")
        elif pending is not None and not in_fence and line == HEADER[0]:
            out.extend(key_table(models[pending]))
            index = _table_end(lines, index)
            pending = None
            continue
        out.append(line)
        index += 1
    if pending is not None:
        raise FormatTableError(f"docs/format.md: the {pending} section has no key table")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """``python -m icmkit.schema.format_tables [FILE]``: rewrite the tables of FILE in place
    (docs/format.md by default)."""
    path = Path(argv[0]) if argv else DOC
    text = path.read_text(encoding="utf-8")
    updated = with_tables(text)
    if updated != text:
        write_text_atomic(path, updated)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
