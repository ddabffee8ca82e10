"""COV001-COV004: essential categories have requirements and tests; plans are tested."""

from __future__ import annotations

from collections.abc import Iterator

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.model.findings import Severity
from icmkit.model.layout import PROGRAM_FILE
from icmkit.model.plan_versions import every_version
from icmkit.model.positions import Where
from icmkit.model.program_bundle import Program
from icmkit.model.testing import TestCase


def _essential(program: Program) -> Iterator[tuple[str, Where, tuple[int, ...]]]:
    """Each known essential category with the place to point at for it."""
    info = program.info
    if info is None:
        return
    known = program.category_names()
    listed = info.where.has("essential_categories")
    for index, category in enumerate(program.essential_categories()):
        if category not in known:
            continue  # an unknown category is reported as a dangling reference
        if listed:
            yield category, info.where.child("essential_categories"), (index,)
        else:
            yield category, Where(info.where.path or PROGRAM_FILE), ()


def covered_categories(case: TestCase, by_id: dict[str, str]) -> set[str]:
    """The categories a test case covers: its own plus those of the requirements it verifies.

    ``by_id`` maps requirement ids to their categories.
    """
    found = set(case.categories)
    found.update(by_id[ref] for ref in case.verifies if ref in by_id)
    return found


def _grouped(
    program: Program, missing: list[tuple[str, Where, tuple[int, ...]]], lacks: str, fix: str
) -> Iterator[Hit]:
    """One hit for a single category that ``lacks`` something, at its line; one hit for
    several, at ``essential_categories``, so that a new program's to-do list is not a
    screenful of the same finding."""
    if not missing:
        return
    names = program.category_names()
    if len(missing) == 1:
        category, where, path = missing[0]
        yield hit(
            f"essential category `{category}` ({names[category]}) has {lacks}; {fix}", where, *path
        )
        return
    info = program.info
    assert info is not None  # there are essential categories only with a program file
    total = len(program.essential_categories())
    listed = ", ".join(f"`{category}`" for category, _, _ in missing)
    message = f"{len(missing)} of {total} essential categories have {lacks}: {listed}; {fix}"
    if info.where.has("essential_categories"):
        yield hit(message, info.where, "essential_categories", key=True)
    else:
        yield hit(message, Where(info.where.path or PROGRAM_FILE))


@rule("COV001", Severity.WARNING, "essential category without a functional requirement")
def category_without_requirement(program: Program) -> Iterator[Hit]:
    if "requirements" in program.incomplete:
        return  # the missing requirement may be one that did not load
    used = {r.category for r in program.requirements}
    missing = [found for found in _essential(program) if found[0] not in used]
    yield from _grouped(
        program,
        missing,
        "no functional requirement",
        "add one with this `category`, or drop the category from `essential_categories`"
        if len(missing) == 1
        else "add requirements with these categories, or drop them from `essential_categories`",
    )


@rule("COV002", Severity.WARNING, "essential category without a test case")
def category_without_test(program: Program) -> Iterator[Hit]:
    if program.incomplete & {"requirements", "tests"}:
        return  # the missing test case, or the requirement it verifies, may not have loaded
    by_id = {r.id: r.category for r in program.requirements}
    covered: set[str] = set()
    for case in program.test_cases:
        covered |= covered_categories(case, by_id)
    missing = [found for found in _essential(program) if found[0] not in covered]
    yield from _grouped(
        program,
        missing,
        "no test case",
        "add one that verifies a requirement of this category or lists it under `categories`"
        if len(missing) == 1
        else "phase 2 tests a use case in each: add test cases that verify a requirement of "
        "each category or list it under `categories`",
    )


@rule("COV003", Severity.WARNING, "plan without a test case")
def plan_without_test(program: Program) -> Iterator[Hit]:
    if "tests" in program.incomplete:
        return
    tested = {case.plan for case in program.test_cases if case.plan}
    for plan in program.plans:
        if plan.id not in tested:
            yield hit(
                f"plan `{plan.id}` is not verified by any test case; add a test case with "
                f"`plan: {plan.id}`",
                plan.where,
                "id",
            )


@rule("COV004", Severity.WARNING, "plan component without a test case")
def component_without_test(program: Program) -> Iterator[Hit]:
    if "tests" in program.incomplete:
        return
    named: dict[str, set[str]] = {}
    for case in program.test_cases:
        if case.plan:
            named.setdefault(case.plan, set()).update(case.components)
    reported: set[tuple[str, str]] = set()
    for plan in every_version(program.plans):  # a later version may add a component
        tested = named.get(plan.id, set())
        for component in plan.components:
            if component.id not in tested and (plan.id, component.id) not in reported:
                reported.add((plan.id, component.id))
                yield hit(
                    f"component `{component.id}` of plan `{plan.id}` is not named in any test "
                    f"case's `components`; add a test case with `plan: {plan.id}` and "
                    f"`components: [{component.id}]`",
                    component.where,
                    "id",
                )


RULES: tuple[Rule, ...] = (
    category_without_requirement,
    category_without_test,
    plan_without_test,
    component_without_test,
)
