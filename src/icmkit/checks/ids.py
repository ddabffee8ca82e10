"""ID001 ids well-formed; ID002 ids unique."""

from __future__ import annotations

import re
from collections.abc import Iterator

from icmkit.checks.collections_index import items_by_entity
from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.model.base import Item
from icmkit.model.findings import Severity
from icmkit.model.program_bundle import Program

LOCAL_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
MAX_ID_LENGTH = 100
"""Longest id of a program-wide item (ids become anchors and file names)."""
TEAM_ID = re.compile(r"^[a-z][a-z0-9._-]*$")


def _program_id(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"^{prefix}-[A-Z0-9]+(?:[-_.][A-Z0-9]+)*$")


def well_formed_id(prefix: str, ident: str) -> bool:
    """Whether ``ident`` has the form ID001 expects of a program-wide id with ``prefix``."""
    return _program_id(prefix).match(ident) is not None


def _local_items(program: Program) -> Iterator[tuple[str, list[Item]]]:
    """Collections whose ids only need to be unique inside their plan or test case."""
    for plan in program.plans:
        yield f"plan `{plan.id}` measure", list(plan.measures)
        yield f"plan `{plan.id}` quota", list(plan.quotas)
        yield f"plan `{plan.id}` component", list(plan.components)
        for component in plan.components:
            yield f"component `{component.id}` multiplier", list(component.multipliers)
            objectives = getattr(component, "objectives", [])
            yield f"component `{component.id}` objective", list(objectives)
    for case in program.test_cases:
        if case.given is not None:
            yield f"test case `{case.id}` transaction", list(case.given.transactions)


@rule("ID001", Severity.ERROR, "id does not have the expected form")
def malformed_ids(program: Program) -> Iterator[Hit]:
    for entity, items in items_by_entity(program):
        pattern = _program_id(entity.prefix)
        for item in items:
            ident = str(getattr(item, "id", ""))
            if not pattern.match(ident):
                yield hit(
                    f"{entity.name} id `{ident}` should look like `{entity.prefix}-NAME-001` "
                    "(upper-case letters, digits and dashes after the prefix)",
                    item.where,
                    "id",
                )
            elif len(ident) > MAX_ID_LENGTH:
                yield hit(
                    f"{entity.name} id `{ident[:40]}…` is {len(ident)} characters long; keep "
                    f"ids to {MAX_ID_LENGTH} characters (they become file names and anchors)",
                    item.where,
                    "id",
                )
    for what, items in _local_items(program):
        for item in items:
            ident = str(getattr(item, "id", ""))
            if not LOCAL_ID.match(ident):
                yield hit(
                    f"{what} id `{ident}` should start with a letter and hold only letters, "
                    "digits, `-` and `_`",
                    item.where,
                    "id",
                )
    if program.info is not None:
        for member in program.info.team:
            if not TEAM_ID.match(member.id):
                yield hit(
                    f"team member id `{member.id}` should be a lower-case handle like `jdoe`",
                    member.where,
                    "id",
                )


def _duplicates(items: list[Item], what: str) -> Iterator[Hit]:
    first: dict[str, Item] = {}
    for item in items:
        ident = str(getattr(item, "id", ""))
        earlier = first.get(ident)
        if earlier is None:
            first[ident] = item
            continue
        where = earlier.where
        line, _ = where.at("id")
        place = f"{where.path}:{line}"
        yield hit(
            f"duplicate {what} id `{ident}` (first used at {place}); give each {what} its own id",
            item.where,
            "id",
        )


@rule("ID002", Severity.ERROR, "id used twice")
def duplicate_ids(program: Program) -> Iterator[Hit]:
    for entity, items in items_by_entity(program):
        yield from _duplicates(items, entity.name)
    for what, items in _local_items(program):
        yield from _duplicates(items, what)
    if program.info is not None:
        yield from _duplicates(list(program.info.team), "team member")


RULES: tuple[Rule, ...] = (
    malformed_ids,
    duplicate_ids,
)
