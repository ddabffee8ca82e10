"""The exported schemas accept every valid program file and reject what ``check`` rejects."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from tests.schema.conftest import EXAMPLE, MINIMAL, errors, load, program_files

from icmkit.model.layout import FILE_KINDS, FileKind
from icmkit.schema.draft07 import DRAFT_07
from icmkit.schema.export import schema_for

KINDS = {kind.name: kind for kind in FILE_KINDS}


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


@pytest.mark.parametrize("kind", FILE_KINDS, ids=lambda kind: kind.name)
def test_each_schema_is_valid_draft07_with_local_definitions(kind: FileKind) -> None:
    schema = schema_for(kind)

    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT_07
    assert schema["title"] == f"icmkit {kind.title} file"
    assert schema["additionalProperties"] is False
    text = json.dumps(schema)
    assert "$defs" not in text
    assert '"discriminator"' not in text
    for ref in _refs(schema):
        assert ref.startswith("#/definitions/"), ref
        assert ref.removeprefix("#/definitions/") in schema["definitions"], ref


@pytest.mark.parametrize("kind", FILE_KINDS, ids=lambda kind: kind.name)
def test_every_key_has_a_description_for_editors(kind: FileKind) -> None:
    schema = schema_for(kind)
    objects = {"": schema, **schema["definitions"]}

    undescribed = [
        f"{name}.{key}"
        for name, node in objects.items()
        for key, value in node.get("properties", {}).items()
        if not value.get("description")
    ]
    linked = [text for text in _descriptions(schema) if "](#" in text]
    assert undescribed == []
    assert linked == [], "links to headings of docs/format.md lead nowhere in an editor"


def _descriptions(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["description"]] if isinstance(node.get("description"), str) else []
        return own + [text for value in node.values() for text in _descriptions(value)]
    if isinstance(node, list):
        return [text for value in node for text in _descriptions(value)]
    return []


@pytest.mark.parametrize(
    ("root", "rel", "kind"),
    [(root, rel, kind) for root in (EXAMPLE, MINIMAL) for rel, kind in program_files(root)],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_example_and_fixture_files_validate(root: Path, rel: str, kind: FileKind) -> None:
    assert errors(kind, load(root / rel)) == []


def test_the_example_covers_most_kinds() -> None:
    kinds = {kind.name for _, kind in program_files(EXAMPLE)}
    assert {"program", "requirements", "plan", "tests", "timeline", "design"} <= kinds


def test_unknown_key_fails_validation() -> None:
    data = load(MINIMAL / "requirements" / "core.yaml")
    data["requirements"][0]["titel"] = "typo"

    assert errors(KINDS["requirements"], data) == [
        "requirements/0: Additional properties are not allowed ('titel' was unexpected)"
    ]


def test_unknown_top_level_key_fails_validation() -> None:
    data = load(MINIMAL / "program.yaml")
    data["programme"] = {}

    assert errors(KINDS["program"], data) == [
        ": Additional properties are not allowed ('programme' was unexpected)"
    ]


def test_wrong_enum_value_fails_validation() -> None:
    data = load(MINIMAL / "requirements" / "core.yaml")
    data["requirements"][0]["priority"] = "urgent"

    assert errors(KINDS["requirements"], data) == [
        "requirements/0/priority: 'urgent' is not one of ['must', 'should', 'could', 'wont']"
    ]


def test_missing_required_key_fails_validation() -> None:
    data = load(MINIMAL / "timeline.yaml")
    del data["timeline"]["phases"][0]["name"]

    assert errors(KINDS["timeline"], data) == ["timeline/phases/0: 'name' is a required property"]


def test_unknown_component_kind_fails_validation() -> None:
    data = load(MINIMAL / "plans" / "ae.yaml")
    data["plan"]["components"][0]["kind"] = "flatt"

    assert errors(KINDS["plan"], data) == [
        "plan/components/0/kind: 'flatt' is not one of ['accelerated', 'flat', 'mbo', "
        "'override', 'quota_bonus', 'spiff', 'tiered']"
    ]


def test_a_key_of_another_component_kind_fails_validation() -> None:
    data = load(MINIMAL / "plans" / "ae.yaml")
    data["plan"]["components"][0]["base_rate"] = "5%"  # a key of accelerated components

    assert errors(KINDS["plan"], data) == [
        "plan/components/0: Additional properties are not allowed ('base_rate' was unexpected)"
    ]


def _component_with_rate(rate: Any) -> dict[str, Any]:
    data = load(MINIMAL / "plans" / "ae.yaml")
    flat = copy.deepcopy(data)
    flat["plan"]["components"] = [
        {"id": "C1", "name": "Commission", "kind": "flat", "measure": "M1", "rate": rate}
    ]
    return flat


@pytest.mark.parametrize("rate", [0.08, 1, "0.08", "8%", " 12.5 % ", "1_000", "-0.5"])
def test_rates_accept_numbers_numeric_text_and_percentages(rate: Any) -> None:
    assert errors(KINDS["plan"], _component_with_rate(rate)) == []


@pytest.mark.parametrize("rate", ["eight", "8 percent", "%", "", True, None])
def test_rates_refuse_other_values(rate: Any) -> None:
    found = errors(KINDS["plan"], _component_with_rate(rate))
    assert len(found) == 1
    assert found[0].startswith(f"plan/components/0/rate: {rate!r} ")


@pytest.mark.parametrize(
    ("amount", "ok"),
    [(1200, True), ("1,200.50", True), ("1e3", True), ("8%", False), ("lots", False)],
)
def test_amounts_accept_numbers_and_numeric_text_but_not_percentages(amount: Any, ok: bool) -> None:
    data = load(MINIMAL / "tests" / "plan-ae.yaml")
    data["test_cases"][0]["expect"] = {"payout": amount}

    found = errors(KINDS["tests"], data)

    if ok:
        assert found == []
    else:
        assert len(found) == 1
        assert found[0].startswith(f"test_cases/0/expect/payout: {amount!r} does not match '^")


def test_hours_must_not_be_negative() -> None:
    data = load(MINIMAL / "timeline.yaml")
    data["timeline"]["budgets"] = [{"id": "B1", "name": "Support", "kind": "support", "hours": -4}]

    found = errors(KINDS["timeline"], data)

    assert found == ["timeline/budgets/0/hours: -4 is less than the minimum of 0"]
