"""Validate plain data against the models; turn pydantic errors into findings at positions,
with a "did you mean" hint where a name is close to one that is allowed."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from icmkit.loading.model_paths import keys_of, model_at
from icmkit.model.base import Item
from icmkit.model.findings import Finding, Severity
from icmkit.model.plans import COMPONENT_KINDS
from icmkit.model.positions import CHILDREN, TEXT, Where, descend

M = TypeVar("M", bound=Item)

UNKNOWN_KEY = "SCH001"
MISSING_FIELD = "SCH002"
BAD_VALUE = "SCH003"
UNKNOWN_KIND = "SCH004"
YAML_11_SCALAR = "YML008"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` did you mean `x`?`` for the closest choice, or an empty string."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in options}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f"; did you mean `{close[0]}`?" if close else ""


def data_path(data: Any, loc: Sequence[str | int]) -> list[str | int]:
    """The part of a pydantic ``loc`` that names places in ``data`` (union tags dropped)."""
    path: list[str | int] = []
    current = data
    for step in loc:
        if isinstance(current, dict) and step in current:
            path.append(step)
            current = current[step]
        elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
            path.append(step)
            current = current[step]
        elif isinstance(current, dict) and isinstance(step, str) and not path_is_tag(step, current):
            path.append(step)  # a key that is missing or unknown: the last step
            current = None
        # else: a union tag or a validator name in the loc; skip it
    return path


def path_is_tag(step: str, current: dict[str, Any]) -> bool:
    return current.get("kind") == step or step.startswith(("function-", "lax-", "json-"))


def _item_at(data: Any, path: Sequence[str | int]) -> str:
    """The ``id`` of the mapping at ``path`` in ``data``, or an empty string."""
    current, _ = _value_at(data, path)
    ident = current.get("id") if isinstance(current, dict) else None
    return ident if isinstance(ident, str) else ""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | Decimal | float):
        return "a number"
    if value is None:
        return "nothing (null)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "decimal_type": "a number",
    "decimal_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time (YYYY-MM-DD)",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def _value_at(data: Any, path: Sequence[str | int]) -> tuple[Any, bool]:
    """The value at ``path`` in ``data``, and whether it is there."""
    current = data
    for step in path:
        if isinstance(current, dict) and step in current:
            current = current[step]
        elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
            current = current[step]
        else:
            return None, False
    return current, True


def _comma_in_flow_mapping(data: Any, where: Where, path: Sequence[str | int]) -> Finding | None:
    """An unknown key with no value, right after another key on the same line: the rest of
    an unquoted text that a comma cut short in a ``{...}`` mapping, as in
    ``{name: Go live, payroll first}``. Reported at the text to quote, with the fix."""
    if not path or not isinstance(path[-1], str):
        return None
    value, found = _value_at(data, path)
    parent, _ = _value_at(data, path[:-1])
    if not found or value is not None or not isinstance(parent, dict):
        return None
    keys = list(parent)
    index = keys.index(path[-1])
    if index == 0:
        return None
    before = keys[index - 1]
    text = parent[before]
    key_line, _ = where.key_at(*path)
    before_line, before_col = where.at(*path[:-1], before)
    if not isinstance(text, str) or before_line != key_line:
        return None
    whole = f"{text}, {path[-1]}".replace("\\", "\\\\").replace('"', '\\"')
    quoted = f'"{whole}"'
    return Finding(
        UNKNOWN_KEY,
        Severity.ERROR,
        f"unknown key `{path[-1]}` after `{before}: {text}`: in a `{{...}}` mapping a comma "
        f"ends the value; if the comma belongs to the text, quote it: {before}: {quoted}",
        where.path,
        before_line,
        before_col,
    )


def error_to_finding(
    err: ErrorDetails, model: type[BaseModel], data: Any, where: Where, what: str
) -> Finding | None:
    """One pydantic error as a finding pointing at the value (or key) to edit."""
    loc = list(err["loc"])
    path = data_path(data, loc)
    kind = err["type"]
    node, complete = descend(where.node, path)
    line, col = where.at(*path)
    field = str(path[-1]) if path else what
    if kind == "extra_forbidden":
        parent = model_at(model, data, path[:-1])
        hint = did_you_mean(field, keys_of(parent)) if parent else ""
        comma = None if hint else _comma_in_flow_mapping(data, where, path)
        if comma is not None:
            return comma
        kl, kc = where.key_at(*path)
        return Finding(
            UNKNOWN_KEY,
            Severity.ERROR,
            f"unknown key `{field}` in {what}{hint or '; remove it or fix its spelling'}",
            where.path,
            kl,
            kc,
        )
    if kind == "missing":
        parent_path = path[:-1]
        line, col = where.at(*parent_path)
        return Finding(
            MISSING_FIELD,
            Severity.ERROR,
            f"missing required key `{field}` in {what}; add it",
            where.path,
            line,
            col,
        )
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        ctx = err.get("ctx") or {}
        expected = str(ctx.get("expected_tags", "")).replace("'", "") or ", ".join(COMPONENT_KINDS)
        tag = ctx.get("tag", "")
        if kind == "union_tag_not_found":
            line, col = where.at(*path)
            item = _item_at(data, path)
            named = f"component `{item}` of {what}" if item else f"a component of {what}"
            return Finding(
                UNKNOWN_KIND,
                Severity.ERROR,
                f"missing `kind` in {named}; add one of: {expected}",
                where.path,
                line,
                col,
            )
        line, col = where.at(*path, "kind")
        hint = did_you_mean(str(tag), [t.strip() for t in expected.split(",")])
        return Finding(
            UNKNOWN_KIND,
            Severity.ERROR,
            f"unknown kind `{tag}` in {what}; use one of: {expected}{hint}",
            where.path,
            line,
            col,
        )
    value = err.get("input")
    original = node[TEXT] if complete and node[CHILDREN] is None else None
    if value is None:  # `key:` or `key: ~` is a missing value, not a quoting problem
        original = None
    expected_text = _EXPECTED.get(kind)
    if kind == "string_type" and original and ":" in original and isinstance(value, int | Decimal):
        return None  # a base-60 number: the YAML reader reported it already
    if kind == "string_type" and original is not None:
        return Finding(
            YAML_11_SCALAR,
            Severity.ERROR,
            f"`{field}`: YAML reads the unquoted `{original}` as {_describe(value)}, not text; "
            f'put it in quotes: "{original}"',
            where.path,
            line,
            col,
        )
    if kind in ("enum", "literal_error"):
        ctx = err.get("ctx") or {}
        expected = str(ctx.get("expected", "")).replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        hint = did_you_mean(str(value), choices)
        return Finding(
            BAD_VALUE,
            Severity.ERROR,
            f"`{field}`: `{value}` is not allowed; use one of: {', '.join(choices)}{hint}",
            where.path,
            line,
            col,
        )
    if expected_text is not None:
        shown = f"`{original}`" if original is not None else _describe(value)
        return Finding(
            BAD_VALUE,
            Severity.ERROR,
            f"`{field}`: expected {expected_text}, got {shown}",
            where.path,
            line,
            col,
        )
    message = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    message = message[:1].lower() + message[1:]
    return Finding(BAD_VALUE, Severity.ERROR, f"`{field}`: {message}", where.path, line, col)


def _may_hold_item(annotation: Any) -> bool:
    if isinstance(annotation, type) and not get_args(annotation):
        return issubclass(annotation, Item)
    return any(_may_hold_item(arg) for arg in get_args(annotation))


_ITEM_FIELDS: dict[type[Item], tuple[tuple[str, str], ...]] = {}


def _item_fields(model: type[Item]) -> tuple[tuple[str, str], ...]:
    """``(attribute, YAML key)`` of each field of ``model`` whose type can hold a model."""
    found = _ITEM_FIELDS.get(model)
    if found is None:
        found = tuple(
            (name, info.alias or name)
            for name, info in model.model_fields.items()
            if _may_hold_item(info.annotation)
        )
        _ITEM_FIELDS[model] = found
    return found


def attach(item: Item, where: Where) -> None:
    """Give ``item`` and every model inside it its place in the file."""
    private = item.__pydantic_private__
    if private is None:
        item._where = where
    else:
        private["_where"] = where  # direct: pydantic's __setattr__ is slow on hot loops
    for name, key in _item_fields(type(item)):
        value = getattr(item, name)
        if value is None:
            continue
        if isinstance(value, Item):
            attach(value, where.child(key))
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, Item):
                    attach(element, where.child(key, index))
        elif isinstance(value, dict):
            for dict_key, element in value.items():
                if isinstance(element, Item):
                    attach(element, where.child(key, dict_key))


def validate(model: type[M], data: Any, where: Where, what: str) -> tuple[M | None, list[Finding]]:
    """Validate ``data`` as ``model``; on failure, findings instead of an instance."""
    try:
        instance = model.model_validate(data)
    except ValidationError as exc:
        found = (
            error_to_finding(e, model, data, where, what) for e in exc.errors(include_url=False)
        )
        return None, [finding for finding in found if finding is not None]
    attach(instance, where)
    return instance, []


def describe_item(data: Any, noun: str) -> str:
    """``requirement `FR-1``` when the item has a usable id, else just the noun."""
    if isinstance(data, dict):
        ident = data.get("id")
        if isinstance(ident, str) and ident:
            return f"{noun} `{ident}`"
    return noun
