"""Rows that add a requirement: which file may take it, and the YAML mapping it becomes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final

from icmkit.spreadsheet.columns import COLUMNS, ID_COLUMN
from icmkit.spreadsheet.yaml_files import set_value

NEW_FILE: Final = re.compile(r"^requirements/[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$")
"""A requirement file a row may create: directly in ``requirements/``, a plain name."""


def file_problem(root: Path, rel: str, existing: set[str]) -> str | None:
    """Why ``rel`` cannot take a new requirement, or ``None`` if it can."""
    if not rel:
        return "name the requirements/*.yaml file to add this requirement to"
    if rel in existing:
        return None
    if not NEW_FILE.match(rel):
        return (
            f"`{rel}` is not a requirement file of the program; new requirements go in a "
            "requirements/NAME.yaml file"
        )
    path = root / rel
    folder = (root / "requirements").resolve()
    if path.resolve().parent != folder:
        return f"`{rel}` leads outside the requirements/ folder"
    if path.exists() or path.is_symlink():
        return f"`{rel}` exists but is not a YAML requirement file the program reads"
    return None


def model_keys() -> list[str]:
    """The keys of a functional requirement, in the order of the model."""
    from icmkit.model.requirements import FunctionalRequirement

    return [info.alias or name for name, info in FunctionalRequirement.model_fields.items()]


def new_item(ident: str, values: dict[str, Any]) -> Any:
    """The YAML mapping of a new requirement: ``id`` and the non-empty values, in model order."""
    from ruamel.yaml.comments import CommentedMap

    item = CommentedMap()
    order = model_keys()
    keys = [ID_COLUMN, *(c.key for c in COLUMNS)]
    for key in sorted(keys, key=lambda k: order.index(k) if k in order else len(order)):
        value = ident if key == ID_COLUMN else values.get(key)
        if value is not None:
            set_value(item, key, value)
    return item
