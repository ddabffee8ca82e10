"""One JSON Schema per kind of program file, as written to ``.icmkit/schemas/``."""

from __future__ import annotations

import json
import re
from typing import Any, Final

from icmkit.model.layout import FILE_KINDS, FileKind
from icmkit.schema.decimals import ProgramJsonSchema, move_bounds
from icmkit.schema.draft07 import to_draft07

SCHEMA_FOLDER: Final = ".icmkit/schemas"
"""Where a program repository keeps its schemas, relative to the program root."""
SCHEMA_SUFFIX: Final = ".schema.json"

_LOCAL_LINK: Final = re.compile(r"\[([^[\]]+)\]\(#[^)]*\)")
"""A Markdown link to a heading of docs/format.md, as key descriptions hold them."""


def schema_file_name(kind: FileKind) -> str:
    """``requirements.schema.json`` for the kind ``requirements``."""
    return kind.name + SCHEMA_SUFFIX


def _unlink(node: Any) -> None:
    """Keep only the text of links to docs/format.md's headings in every description (in
    place): an editor shows ``see Caps``, not a link that leads nowhere."""
    if isinstance(node, list):
        for entry in node:
            _unlink(entry)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = _LOCAL_LINK.sub(r"\1", value)
            else:
                _unlink(value)


def schema_for(kind: FileKind) -> dict[str, Any]:
    """The draft-07 JSON Schema of one kind of program file."""
    raw = kind.model.model_json_schema(by_alias=True, schema_generator=ProgramJsonSchema)
    move_bounds(raw)
    _unlink(raw)
    schema = to_draft07(raw)
    where = kind.pattern.replace("*", "<name>")
    schema.pop("title", None)
    schema.pop("description", None)
    head = {
        "$schema": schema.pop("$schema"),
        "title": f"icmkit {kind.title} file",
        "description": (
            f"The {kind.title} file of an icmkit program repository ({where}). "
            "Unknown keys are errors; run `icmkit check` for the checks a schema cannot make "
            "(ids, references, coverage, plan rules)."
        ),
    }
    return {**head, **schema}


def schema_text(kind: FileKind) -> str:
    """The schema of ``kind`` as the text of its file: indented JSON, ending in a newline."""
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"


def all_schema_files() -> dict[str, str]:
    """File name -> text, for every kind of program file."""
    return {schema_file_name(kind): schema_text(kind) for kind in FILE_KINDS}
