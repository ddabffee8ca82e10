"""Requirement files read and written with ruamel.yaml, keeping comments, order and quoting.

A file is rewritten only when a value in it changed or a requirement was added to it, and
only when ruamel.yaml writes the unchanged file back byte for byte (otherwise its layout would
change beyond the edited values, and the file is left for a person to edit). Comment lines at
the very end of a file stay at the end when requirements are added.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from icmkit.errors import UsageError

if TYPE_CHECKING:
    from ruamel.yaml import YAML


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass
class RequirementFile:
    path: Path
    rel: str
    text: str
    data: Any
    """The round-trip document (ruamel ``CommentedMap``) of the file without its ``tail``."""
    tail: str = ""
    """Comment lines at the end of the file, kept after any requirement added."""
    new: bool = False
    """A file that does not exist yet."""
    newline: str = "\n"
    """The file's line ending, kept when it is written back (``text`` has ``\n`` only)."""
    bom: bool = False
    """Whether the file starts with a byte order mark, kept when it is written back."""

    def requirements(self) -> list[Any]:
        if not isinstance(self.data, dict):
            return []
        items = self.data.get("requirements")
        return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []

    def can_add(self) -> bool:
        """Whether the file holds (or can be given) a ``requirements:`` list."""
        if self.data is None:
            return True
        return isinstance(self.data, dict) and (
            self.data.get("requirements") is None or isinstance(self.data["requirements"], list)
        )

    def add(self, item: Any) -> None:
        """Append a requirement mapping to the ``requirements:`` list, in block style."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        if self.data is None:
            self.data = CommentedMap()
        items = self.data.get("requirements")
        if items is None:
            items = CommentedSeq()
            self.data["requirements"] = items
        items.fa.set_block_style()
        items.append(item)

    def dump(self) -> str:
        out = io.StringIO()
        _yaml().dump(self.data, out)
        text = out.getvalue() + self.tail
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return "\ufeff" + text if self.bom else text

    def keeps_layout(self) -> bool:
        """Whether ruamel.yaml writes the unchanged file back byte for byte."""
        return self.new or keeps_layout(self.text)


def _split_tail(text: str) -> tuple[str, str]:
    """``text`` as the YAML up to its last content line, and the comment lines after it
    (with the blank lines before them), kept after any requirement added.

    A comment line in the first column is never part of a block scalar, so the split never
    cuts a value in two; indented comment lines (such as the commented example that ``init``
    leaves at the end of each requirement list) count too when the YAML without them reads
    the same.
    """
    lines = text.splitlines(keepends=True)
    last = max((i for i, line in enumerate(lines) if line.strip()[:1] not in ("", "#")), default=-1)
    first_comment = next(
        (i for i in range(last + 1, len(lines)) if lines[i].strip().startswith("#")), None
    )
    if first_comment is None:
        return text, ""
    start = first_comment
    while start > last + 1 and not lines[start - 1].strip():
        start -= 1
    body, tail = "".join(lines[:start]), "".join(lines[start:])
    if all(line.startswith("#") for line in lines[first_comment:] if line.strip()):
        return body, tail
    if _same_data(body, text):
        return body, tail
    for index in range(first_comment, len(lines)):
        if lines[index].startswith("#"):
            return "".join(lines[:index]), "".join(lines[index:])
    return text, ""


def _same_data(body: str, text: str) -> bool:
    """Whether ``body`` reads as the same data as ``text`` (what was cut off is comments)."""
    yaml = _yaml()
    try:
        return bool(yaml.load(body) == yaml.load(text))
    except Exception:  # unreadable either way: keep the split that needs no reading
        return False


def read_requirement_file(root: Path, rel: str) -> RequirementFile:
    """A requirement file of the program at ``root``, read as the program loader reads it (a
    link leading outside the program is refused); ``UsageError`` if it is not YAML text."""
    from icmkit.loading.source import WorkingTreeSource

    path = root / rel
    try:
        raw = WorkingTreeSource(root).read_bytes(rel).decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{rel} is not UTF-8 text; run `icmkit check`") from None
    bom = raw.startswith("\ufeff")
    newline = "\r\n" if "\r\n" in raw else "\n"
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    body, tail = _split_tail(text)
    try:
        data = _yaml().load(body)
    except Exception as exc:  # ruamel raises many kinds; all mean "not readable YAML"
        raise UsageError(f"{rel} is not readable YAML ({exc}); run `icmkit check`") from None
    return RequirementFile(path, rel, text, data, tail, newline=newline, bom=bom)


def new_requirement_file(root: Path, rel: str) -> RequirementFile:
    """A requirement file to be created, with an empty ``requirements:`` list."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    return RequirementFile(root / rel, rel, "", CommentedMap(requirements=CommentedSeq()), new=True)


def keeps_layout(text: str) -> bool:
    """Whether ruamel.yaml writes ``text`` back unchanged, byte for byte."""
    yaml = _yaml()
    body, tail = _split_tail(text)
    out = io.StringIO()
    yaml.dump(yaml.load(body), out)
    return out.getvalue() + tail == text


def set_value(item: Any, key: str, value: Any) -> None:
    """Set ``key`` of a requirement mapping; ``None`` removes it; text with line breaks
    becomes a literal block (``|``)."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if value is None:
        item.pop(key, None)
        return
    if isinstance(value, str) and "\n" in value:
        value = LiteralScalarString(value if value.endswith("\n") else value + "\n")
    elif isinstance(value, str):
        value = _text(value)
    elif not isinstance(value, int):
        value = float(value) if "." in str(value) else int(value)
    item[key] = value


def _text(value: str) -> str:
    """Text quoted when the program loader (YAML 1.1: ``yes``, ``1:30``, dates) would read it
    as something else than text."""
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    from icmkit.loading.yaml_reader import read_yaml

    read = read_yaml(f"value: {value}\n".encode())
    plain = not read.problems and isinstance(read.data, dict) and read.data.get("value") == value
    return value if plain else SingleQuotedScalarString(value)
