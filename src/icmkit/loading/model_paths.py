"""Which model a path inside a file's data leads to (for 'unknown key' hints)."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any, Union

from pydantic import BaseModel


def _unwrap(annotation: Any, data: Any) -> Any:
    """Strip Optional/Annotated and pick the union member that fits ``data``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin is Union or origin is types.UnionType:
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
            if models and isinstance(data, dict):
                kind = data.get("kind")
                for model in models:
                    field = model.model_fields.get("kind")
                    if field is not None and kind in typing.get_args(field.annotation):
                        return model
                return models[0] if len(models) == 1 else None
            lists = [m for m in members if typing.get_origin(m) in (list, dict)]
            if lists:
                annotation = lists[0]
                continue
            return members[0] if len(members) == 1 else None
        return annotation


def _field_by_key(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key or name == key:
            return info.annotation
    return None


def model_at(root: type[BaseModel], data: Any, path: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path`` of ``data``, if one does."""
    annotation: Any = root
    current = data
    for step in path:
        annotation = _unwrap(annotation, current)
        if annotation is None:
            return None
        origin = typing.get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if not isinstance(step, str):
                return None
            annotation = _field_by_key(annotation, step)
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        elif origin is dict:
            annotation = typing.get_args(annotation)[1]
        else:
            return None
        try:
            current = current[step]
        except (KeyError, IndexError, TypeError):
            current = None
    annotation = _unwrap(annotation, current)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def keys_of(model: type[BaseModel]) -> list[str]:
    """The keys a model accepts in YAML (aliases where set)."""
    return [info.alias or name for name, info in model.model_fields.items()]
