"""Every id-carrying item of a program, by entity, for the id and reference rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from icmkit.model.base import Item
from icmkit.model.program_bundle import Program


@dataclass(frozen=True)
class Entity:
    """One kind of item with a program-wide id."""

    name: str
    prefix: str


BUSINESS = Entity("business requirement", "BR")
REQUIREMENT = Entity("requirement", "FR")
PLAN = Entity("plan", "PLAN")
TEST = Entity("test case", "TC")
SOURCE = Entity("data source", "DS")
MAPPING = Entity("mapping", "MAP")
BALANCE = Entity("opening balance", "OB")
CONTROL = Entity("control total", "CT")
REPORT = Entity("report", "RPT")
DESIGN = Entity("design component", "SD")
INTEGRATION = Entity("integration", "INT")
DECISION = Entity("decision", "DEC")
MILESTONE = Entity("milestone", "MS")
BUDGET = Entity("budget", "BUD")


def items_by_entity(program: Program) -> Iterator[tuple[Entity, list[Item]]]:
    """Each entity with its items, in file order."""
    yield BUSINESS, list(program.business_requirements)
    yield REQUIREMENT, list(program.requirements)
    yield PLAN, list(program.plans)
    yield TEST, list(program.test_cases)
    yield SOURCE, list(program.data_sources)
    conversion = program.conversion
    yield MAPPING, list(conversion.mappings) if conversion else []
    yield BALANCE, list(conversion.opening_balances) if conversion else []
    yield CONTROL, list(conversion.control_totals) if conversion else []
    yield REPORT, list(program.reports)
    design = program.design
    yield DESIGN, list(design.components) if design else []
    yield INTEGRATION, list(design.integrations) if design else []
    yield DECISION, list(design.decisions) if design else []
    timeline = program.timeline
    yield MILESTONE, list(timeline.milestones) if timeline else []
    yield BUDGET, list(timeline.budgets) if timeline else []


def id_set(items: list[Item]) -> set[str]:
    return {str(getattr(item, "id", "")) for item in items}
