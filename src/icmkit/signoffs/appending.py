"""signoffs.yaml with one more record, keeping every byte a person wrote in it.

The new record is added as text at the end of the file, indented like the records already
there, so comments, blank lines and quoting stay as they are. The result is read back: when it
does not hold exactly the records of before and the new one (a flow list, ``signoffs: []``,
an unusual layout), the file is written again in the standard layout from its records, and
only then are comments lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from icmkit.errors import UnreadableInputError, UsageError
from icmkit.loading.yaml_reader import read_yaml
from icmkit.model.positions import CHILDREN, COL, LINE
from icmkit.model.signoffs import SignOff
from icmkit.signoffs.recording import HEADER, record_lines, signoffs_text

KEY = "signoffs"


def current_text(path: Path) -> str | None:
    """The text of the sign-offs file now, ``None`` if there is none yet."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise UnreadableInputError(f"{path.name}: cannot read: {reason}") from None


def _records_of(text: str, name: str) -> tuple[list[Any], Any]:
    """The records of the file's text as plain data, and the positions of its list."""
    read = read_yaml(text.encode("utf-8"))
    if read.problems or not isinstance(read.data, dict) or set(read.data) != {KEY}:
        raise UsageError(f"{name} is not a valid sign-offs file; run `icmkit check` and fix it")
    records = read.data[KEY]
    if records is None:
        return [], None
    if not isinstance(records, list):
        raise UsageError(f"`{KEY}` in {name} must be a list; run `icmkit check` and fix it")
    assert read.positions is not None
    return records, read.positions[CHILDREN][KEY]


def _indents(text: str, positions: Any) -> tuple[int, int]:
    """Where the records' ``-`` and keys start (columns from 0), from the first record."""
    if positions is None or not positions[CHILDREN]:
        return 2, 4
    first = positions[CHILDREN][0]
    line = text.split("\n")[first[LINE] - 1]
    key = first[COL] - 1
    dash = len(line) - len(line.lstrip(" "))
    if line[dash : dash + 1] != "-" or dash + 2 > key:
        return 2, 4
    return dash, key


def _as_data(record: SignOff) -> dict[str, Any]:
    """The new record as it reads back from the YAML written for it."""
    read = read_yaml(("\n".join(record_lines(record, 0, 2)) + "\n").encode("utf-8"))
    assert isinstance(read.data, list) and len(read.data) == 1
    data: dict[str, Any] = read.data[0]
    return data


def with_signoff(existing: str | None, record: SignOff, name: str) -> str:
    """The text of signoffs.yaml (``name``) with ``record`` added at the end; ``existing``
    is the file's text now, ``None`` if it does not exist yet."""
    if existing is None or not existing.strip():
        return signoffs_text([record])
    newline = "\r\n" if "\r\n" in existing else "\n"
    text = existing.replace("\r\n", "\n")
    bom = text.startswith("\ufeff")
    records, positions = _records_of(text.removeprefix("\ufeff"), name)
    dash, key = _indents(text.removeprefix("\ufeff"), positions)
    added = text + ("" if text.endswith("\n") else "\n")
    added += "\n".join(record_lines(record, dash, key)) + "\n"
    try:
        now, _ = _records_of(added.removeprefix("\ufeff"), name)
    except UsageError:
        now = []
    if now != [*records, _as_data(record)]:
        added = _rewritten(records, record, name)
        bom = False
    if bom and not added.startswith("\ufeff"):
        added = "\ufeff" + added
    return added.replace("\n", newline) if newline != "\n" else added


def _rewritten(records: list[Any], record: SignOff, name: str) -> str:
    """The whole file in the standard layout: the records there and ``record``."""
    from pydantic import ValidationError

    try:
        earlier = [SignOff.model_validate(r) for r in records]
    except ValidationError:
        raise UsageError(
            f"{name} holds a record that is not valid; run `icmkit check` and fix it"
        ) from None
    text = signoffs_text([*earlier, record])
    assert text.startswith(HEADER)
    return text
