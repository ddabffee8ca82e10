"""Every item of a program that has an id, and an item's content as plain values (which
:mod:`icmkit.signoffs.fingerprints` hashes and reviews compare)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from icmkit.model.base import Item
from icmkit.model.program_bundle import Program


@dataclass(frozen=True, slots=True)
class Entry:
    """One item with an id: its kind (a noun, as shown to users), its id and the model."""

    kind: str
    id: str
    item: Item


def content(item: Item) -> dict[str, Any]:
    """The item's content as plain JSON values, with the keys used in the YAML files."""
    data: dict[str, Any] = item.model_dump(mode="json", by_alias=True)
    return data


def signable(program: Program) -> Iterator[Entry]:
    """The items a person can sign off, each whole: a plan includes its components."""
    return _entries(program, components_apart=False)


def reviewable(program: Program) -> Iterator[Entry]:
    """The items a review compares one by one: plans without their components, and each
    component on its own (as ``PLAN-ID/component-id``, since component ids are per plan)."""
    return _entries(program, components_apart=True)


def _entries(program: Program, *, components_apart: bool) -> Iterator[Entry]:
    for br in program.business_requirements:
        yield Entry("business requirement", br.id, br)
    for req in program.requirements:
        yield Entry("requirement", req.id, req)
    for plan in program.plans:
        yield Entry("plan", plan.id, plan)
        if components_apart:
            for component in plan.components:
                yield Entry("plan component", component_key(plan.id, component.id), component)
    yield from _others(program)


def component_key(plan_id: str, component_id: str) -> str:
    return f"{plan_id}/{component_id}"


def _others(program: Program) -> Iterator[Entry]:
    for case in program.test_cases:
        yield Entry("test case", case.id, case)
    for source in program.data_sources:
        yield Entry("data source", source.id, source)
    for report in program.reports:
        yield Entry("report", report.id, report)
    if program.design is not None:
        for part in program.design.components:
            yield Entry("design component", part.id, part)
        for integration in program.design.integrations:
            yield Entry("integration", integration.id, integration)
        for decision in program.design.decisions:
            yield Entry("decision", decision.id, decision)
    if program.timeline is not None:
        for milestone in program.timeline.milestones:
            yield Entry("milestone", milestone.id, milestone)
        for budget in program.timeline.budgets:
            yield Entry("budget", budget.id, budget)


KINDS: tuple[str, ...] = (
    "business requirement",
    "requirement",
    "plan",
    "plan component",
    "test case",
    "data source",
    "report",
    "design component",
    "integration",
    "decision",
    "milestone",
    "budget",
)
"""Every kind of item, in the order reviews list them."""
