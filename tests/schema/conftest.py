"""Helpers for the JSON Schema tests: YAML files as an editor's schema validator sees them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match

from icmkit.loading.yaml_reader import read_yaml
from icmkit.model.layout import FileKind, kind_for
from icmkit.schema.export import schema_for

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "lumen-analytics"
MINIMAL = REPO / "tests" / "fixtures" / "minimal"


def as_json_data(value: Any) -> Any:
    """YAML data as JSON sees it: an unquoted date is text (YAML 1.2 has no date type)."""
    if isinstance(value, dict):
        return {key: as_json_data(entry) for key, entry in value.items()}
    if isinstance(value, list):
        return [as_json_data(entry) for entry in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load(path: Path) -> Any:
    result = read_yaml(path.read_bytes())
    assert result.ok, result.problems
    return as_json_data(result.data)


def program_files(root: Path) -> list[tuple[str, FileKind]]:
    """Every program file below ``root``: relative path and kind."""
    found: list[tuple[str, FileKind]] = []
    for path in sorted(root.rglob("*.y*ml")):
        rel = path.relative_to(root).as_posix()
        kind = kind_for(rel)
        if kind is not None:
            found.append((rel, kind))
    return found


def errors(kind: FileKind, data: Any) -> list[str]:
    """Validation messages, each prefixed with the path of the value: ``a/0/b: message``.

    For a value that matches none of several schemas (``anyOf``), the message is the one of
    the closest schema, as editors show it.
    """
    validator = Draft7Validator(schema_for(kind))
    found: list[str] = []
    for error in validator.iter_errors(data):
        best = best_match([error])
        assert best is not None
        found.append("/".join(str(p) for p in best.absolute_path) + ": " + best.message)
    return sorted(found)
