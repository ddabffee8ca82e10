"""docs/format.md stays true to the models: every key and allowed value, every example valid,
and every key table as the models make it."""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from icmkit.checks.runner import run_checks
from icmkit.loading.program_loader import load_file_items, load_program
from icmkit.loading.source import WorkingTreeSource
from icmkit.loading.yaml_reader import read_yaml
from icmkit.model.base import Item
from icmkit.model.layout import FILE_KINDS, kind_for
from icmkit.model.plans import COMPONENT_KINDS
from icmkit.schema.format_tables import REGENERATE, with_tables

DOC = Path(__file__).resolve().parents[2] / "docs" / "format.md"
TEXT = DOC.read_text(encoding="utf-8")
LINES = TEXT.splitlines()

MARKER = re.compile(r"^<!-- model: (\w+) -->$")
HEADING = re.compile(r"^#{1,3} ")
FENCE = re.compile(r"^```(\w*)\s*$")
FILE_COMMENT = re.compile(r"^# file: (\S+)$")


# ---- the models reachable from the file kinds ----------------------------------------------


def _leaves(annotation: Any) -> Iterator[Any]:
    """The plain types inside an annotation (through Optional, list, dict, unions, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _leaves(typing.get_args(annotation)[0])
    elif origin is typing.Literal:
        yield annotation
    elif origin is not None:
        for arg in typing.get_args(annotation):
            yield from _leaves(arg)
    else:
        yield annotation


def _reachable_models() -> list[type[BaseModel]]:
    found: dict[type[BaseModel], None] = {}

    def walk(model: type[BaseModel]) -> None:
        if model in found:
            return
        found[model] = None
        for field in model.model_fields.values():
            for leaf in _leaves(field.annotation):
                if isinstance(leaf, type) and issubclass(leaf, BaseModel):
                    walk(leaf)

    for kind in FILE_KINDS:
        walk(kind.model)
        if kind.item_model is not None:
            walk(kind.item_model)
    return list(found)


MODELS = _reachable_models()


@dataclass(frozen=True)
class DocField:
    """One YAML key of one model, with the class that declares it and its allowed values."""

    owner: str
    key: str
    values: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.owner}.{self.key}"


def _declaring_class(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The class whose body declares ``name`` (shared component keys live on their base)."""
    for cls in reversed(model.__mro__):
        if issubclass(cls, Item) and cls is not Item and name in cls.model_fields:
            return cls
    return model


def _allowed_values(annotation: Any) -> tuple[str, ...]:
    values: list[str] = []
    for leaf in _leaves(annotation):
        if typing.get_origin(leaf) is typing.Literal:
            values.extend(str(v) for v in typing.get_args(leaf))
        elif isinstance(leaf, type) and issubclass(leaf, StrEnum):
            values.extend(member.value for member in leaf)
    return tuple(values)


def _doc_fields() -> list[DocField]:
    fields: dict[tuple[str, str], DocField] = {}
    for model in MODELS:
        for name, info in model.model_fields.items():
            owner = _declaring_class(model, name).__name__
            key = info.alias or name
            fields.setdefault((owner, key), DocField(owner, key, _allowed_values(info.annotation)))
    return list(fields.values())


FIELDS = _doc_fields()
SECTION_OWNERS = sorted({f.owner for f in FIELDS})


# ---- the document's model sections and YAML examples ---------------------------------------


def _sections() -> dict[str, str]:
    """Model name -> the text after its ``<!-- model: Name -->`` marker, up to the next one."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    in_fence = False
    for line in LINES:
        if FENCE.match(line):
            in_fence = not in_fence
        marker = MARKER.match(line)
        if not in_fence and (marker or HEADING.match(line)):
            current = None
        if marker:
            assert marker.group(1) not in sections, f"two sections for {marker.group(1)}"
            current = sections[marker.group(1)] = []
        elif current is not None:
            current.append(line)
    return {name: "\n".join(body) for name, body in sections.items()}


SECTIONS = _sections()


@dataclass(frozen=True)
class Example:
    path: str
    line: int
    text: str


def _yaml_blocks() -> list[tuple[int, str]]:
    blocks: list[tuple[int, str]] = []
    start: int | None = None
    language = ""
    body: list[str] = []
    for number, line in enumerate(LINES, start=1):
        fence = FENCE.match(line)
        if fence and start is None:
            start, language, body = number, fence.group(1), []
        elif line.startswith("```") and start is not None:
            if language == "yaml":
                blocks.append((start, "\n".join(body) + "\n"))
            start = None
        elif start is not None:
            body.append(line)
    assert start is None, f"docs/format.md:{start}: code block is never closed"
    return blocks


BLOCKS = _yaml_blocks()


def _first_line(text: str) -> str:
    return (text.splitlines() or [""])[0]


def _examples() -> list[Example]:
    examples: list[Example] = []
    for line, text in BLOCKS:
        match = FILE_COMMENT.match(_first_line(text))
        if match:
            examples.append(Example(match.group(1), line, text))
    return examples


EXAMPLES = _examples()


def _mentioned(key: str, text: str) -> bool:
    return f"`{key}`" in text


# ---- tests ---------------------------------------------------------------------------------


def test_every_model_with_keys_has_its_own_section() -> None:
    missing = [name for name in SECTION_OWNERS if name not in SECTIONS]
    unknown = sorted(set(SECTIONS) - set(SECTION_OWNERS))
    assert not missing, f"docs/format.md has no `<!-- model: X -->` section for {missing}"
    assert not unknown, f"docs/format.md has sections for models that do not exist: {unknown}"


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_every_key_is_documented_in_its_model_section(field: DocField) -> None:
    section = SECTIONS.get(field.owner)
    assert section is not None, f"no section for {field.owner}"
    assert _mentioned(field.key, section), (
        f"`{field.key}` ({field}) is not mentioned in the {field.owner} section of docs/format.md"
    )


@pytest.mark.parametrize("field", [f for f in FIELDS if f.values], ids=str)
def test_every_allowed_value_is_listed_in_its_model_section(field: DocField) -> None:
    section = SECTIONS.get(field.owner, "")
    missing = [value for value in field.values if not _mentioned(value, section)]
    assert not missing, (
        f"allowed values of `{field.key}` ({field}) missing from its section: {missing}"
    )


def test_every_key_has_a_description() -> None:
    missing = sorted(
        {
            f"{_declaring_class(model, name).__name__}.{name}"
            for model in MODELS
            for name, info in model.model_fields.items()
            if not info.description
        }
    )
    assert not missing, (
        "give each of these fields a Field(description=...): it is the Meaning of its key in "
        f"docs/format.md and the hover text of the JSON Schemas: {missing}"
    )


def test_the_key_tables_are_the_ones_the_models_make() -> None:
    expected = with_tables(TEXT)
    diff = difflib.unified_diff(
        TEXT.splitlines(), expected.splitlines(), "docs/format.md", "from the models", lineterm=""
    )
    assert expected == TEXT, (
        f"the key tables of docs/format.md are out of date; regenerate them with `{REGENERATE}`\n"
        + "\n".join(list(diff)[:60])
    )


def test_every_file_kind_and_component_kind_has_an_example() -> None:
    kinds = {kind.name for example in EXAMPLES if (kind := kind_for(example.path)) is not None}
    assert kinds == {kind.name for kind in FILE_KINDS}
    shown = set(re.findall(r"^\s*(?:- )?kind: (\w+)$", "".join(e.text for e in EXAMPLES), re.M))
    assert set(COMPONENT_KINDS) <= shown, f"no example of {set(COMPONENT_KINDS) - shown}"


def test_every_yaml_block_names_its_file() -> None:
    unnamed = [line for line, text in BLOCKS if not FILE_COMMENT.match(_first_line(text))]
    assert not unnamed, f"yaml blocks without a `# file: <path>` first line at lines {unnamed}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.path}@{e.line}")
def test_example_is_a_valid_file(example: Example) -> None:
    kind = kind_for(example.path)
    assert kind is not None, f"docs/format.md:{example.line}: icmkit does not read {example.path}"
    result = read_yaml(example.text.encode("utf-8"))
    problems = [f"{p.line + example.line}: {p.code} {p.message}" for p in result.problems]
    assert not problems, f"docs/format.md example at line {example.line}: {problems}"
    instance, _items, findings = load_file_items(kind, example.path, result)
    messages = [f"docs/format.md:{f.line + example.line}: {f.code} {f.message}" for f in findings]
    assert not messages, "\n".join(messages)
    assert instance is not None


def _anchors() -> set[str]:
    """The anchors GitHub gives the headings (lower case, punctuation dropped, dashes)."""
    anchors: set[str] = set()
    in_fence = False
    for line in LINES:
        if FENCE.match(line):
            in_fence = not in_fence
        heading = re.match(r"^#+ (.*)$", line)
        if in_fence or not heading:
            continue
        slug = re.sub(r"[^\w\- ]", "", heading.group(1).lower()).replace(" ", "-")
        anchor, n = slug, 0
        while anchor in anchors:
            n += 1
            anchor = f"{slug}-{n}"
        anchors.add(anchor)
    return anchors


def test_every_link_inside_the_document_leads_to_a_heading() -> None:
    anchors = _anchors()
    broken = sorted(set(re.findall(r"\]\(#([^)]+)\)", TEXT)) - anchors)
    assert not broken, f"links to headings that do not exist: {broken}"


def test_examples_together_form_a_program_that_passes_check(tmp_path: Path) -> None:
    paths = [example.path for example in EXAMPLES]
    assert len(paths) == len(set(paths)), "two examples claim the same file"
    for example in EXAMPLES:
        target = tmp_path / example.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(example.text, encoding="utf-8")
    loaded = load_program(WorkingTreeSource(tmp_path))
    report = run_checks(loaded.program, loaded.findings)
    strict = loaded.program.settings.warnings_fail
    assert not report.failed(strict), "the examples of docs/format.md fail `icmkit check`:\n" + (
        "\n".join(f"{f.path}:{f.line}: {f.code} {f.message}" for f in report.findings)
    )
