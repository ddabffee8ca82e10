"""Pydantic writes JSON Schema 2020-12; editors and most validators read draft-07 best."""

from __future__ import annotations

from typing import Any, Final

DRAFT_07: Final = "http://json-schema.org/draft-07/schema#"

_DEFS_2020: Final = "#/$defs/"
_DEFS_07: Final = "#/definitions/"


def _ref(value: str) -> str:
    return _DEFS_07 + value[len(_DEFS_2020) :] if value.startswith(_DEFS_2020) else value


def _tagged_union(node: dict[str, Any]) -> dict[str, Any]:
    """A ``oneOf`` with an OpenAPI ``discriminator`` as draft-07 ``if``/``then`` by tag.

    With a plain ``oneOf``, a mistake inside a plan component only says that the component
    matches none of the seven kinds; choosing the schema by the tag first lets a validator
    (and an editor) point at the key or value that is wrong.
    """
    tag = node["discriminator"]["propertyName"]
    mapping: dict[str, str] = node["discriminator"]["mapping"]
    rest = {k: _convert(v) for k, v in node.items() if k not in ("oneOf", "discriminator")}
    return {
        **rest,
        "type": "object",
        "required": [tag],
        "properties": {tag: {"enum": list(mapping)}},
        "allOf": [
            {
                "if": {"properties": {tag: {"const": value}}, "required": [tag]},
                "then": {"$ref": _ref(target)},
            }
            for value, target in mapping.items()
        ],
    }


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(entry) for entry in node]
    if not isinstance(node, dict):
        return node
    discriminator = node.get("discriminator")
    if isinstance(discriminator, dict) and "mapping" in discriminator and "oneOf" in node:
        return _tagged_union(node)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "discriminator":  # OpenAPI's, without a mapping: the oneOf says the same
            continue
        if key == "$ref" and isinstance(value, str) and value.startswith(_DEFS_2020):
            out[key] = _ref(value)
        elif key == "$defs":
            out["definitions"] = {name: _convert(entry) for name, entry in value.items()}
        else:
            out[key] = _convert(value)
    return out


def to_draft07(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` rewritten for draft-07: ``definitions`` instead of ``$defs`` (and every
    ``$ref`` to them), ``$schema`` set, unions tagged by OpenAPI's ``discriminator`` made
    ``if``/``then`` choices by tag."""
    converted: dict[str, Any] = _convert(schema)
    if "$ref" in converted and len(converted) > 1:
        # Draft-07 ignores the siblings of a top-level $ref; keep them under allOf.
        ref = converted.pop("$ref")
        converted["allOf"] = [{"$ref": ref}]
    return {"$schema": DRAFT_07, **converted}
