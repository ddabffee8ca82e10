"""The documents' views: typed, read-only, complete for every component kind, and readable
from a repo's own templates by attribute or by key."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

import pytest

from icmkit.documents import plan_components
from icmkit.documents.plan_view import plan_view
from icmkit.documents.program_view import program_view
from icmkit.documents.render import render_documents
from icmkit.documents.view_blocks import View
from icmkit.engine.load_and_check import load_and_check
from icmkit.model.plans import COMPONENT_KINDS, AnyComponent

REPO = Path(__file__).resolve().parents[2]
LUMEN = REPO / "examples" / "lumen-analytics"


def test_every_component_kind_has_its_words() -> None:
    types = set(typing.get_args(AnyComponent))
    assert set(plan_components.KIND_TEXT) == types
    assert set(plan_components.KIND_NAMES) == set(COMPONENT_KINDS)


def _views(value: object) -> typing.Iterator[View]:
    if isinstance(value, View):
        yield value
        for f in dataclasses.fields(value):
            yield from _views(getattr(value, f.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _views(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _views(item)


def test_views_are_frozen_dataclasses_of_plain_data() -> None:
    checked = load_and_check(LUMEN, use_cache=False)
    program = checked.program
    roots: list[View] = [program_view(program)]
    roots += [plan_view(program, plan) for plan in program.plans]
    plain = (str, int, bool, type(None), list, dict, View)
    kinds: set[str] = set()
    for view in _views(roots):
        params = type(view).__dataclass_params__
        assert params.frozen, type(view)
        for f in dataclasses.fields(view):
            assert isinstance(getattr(view, f.name), plain), (type(view), f.name)
        kinds.add(type(view).__name__)
    assert {"ProgramView", "PlanView", "ComponentView", "ExampleView", "Chart"} <= kinds
    with pytest.raises(dataclasses.FrozenInstanceError):
        roots[0].rendered_at = "now"


def test_a_repo_template_reads_views_by_attribute_or_by_key(minimal_program: Path) -> None:
    (minimal_program / "templates").mkdir()
    (minimal_program / "templates" / "plan.md.j2").write_text(
        '{{ plan.name }} / {{ plan["name"] }} / {{ components[0]["kind_name"] }}'
        ' / {{ sections["earnings"] }}\n',
        encoding="utf-8",
    )
    docs = render_documents(load_and_check(minimal_program).program, minimal_program)
    assert docs["plans/PLAN-AE.md"] == (
        "Account executive plan / Account executive plan / Commission from a rate table"
        " / How you earn\n"
    )
