"""TML001-TML005: phases in order, milestones inside them, hours within their budgets."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from icmkit.checks.plans import number
from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.model.findings import Severity
from icmkit.model.program_bundle import Program
from icmkit.model.requirements import Kind, Status
from icmkit.model.timeline import Budget, BudgetKind, Timeline


@rule("TML001", Severity.ERROR, "phases out of order, inverted or overlapping")
def phases_in_order(program: Program) -> Iterator[Hit]:
    timeline = program.timeline
    if timeline is None:
        return
    previous = None
    for index, phase in enumerate(timeline.phases):
        expected = index + 1
        if phase.number != expected:
            yield hit(
                f"phase `{phase.name}` is number {phase.number} but is phase {expected} in "
                f"the list; number the phases 1, 2, 3, … in the order they run",
                phase.where,
                "number",
            )
        if phase.start > phase.end:
            yield hit(
                f"phase {phase.number} ends on {phase.end}, before it starts ({phase.start}); "
                "fix `start` or `end`",
                phase.where,
                "end",
            )
        elif previous is not None and phase.start <= previous.end:
            yield hit(
                f"phase {phase.number} starts on {phase.start} but phase {previous.number} "
                f"ends on {previous.end}; start each phase after the previous one ends",
                phase.where,
                "start",
            )
        if phase.start <= phase.end:
            previous = phase


@rule("TML002", Severity.WARNING, "milestone outside the program or in an unknown phase")
def milestones_inside(program: Program) -> Iterator[Hit]:
    timeline = program.timeline
    if timeline is None:
        return
    first = min(p.start for p in timeline.phases)
    last = max(p.end for p in timeline.phases)
    numbers = {p.number for p in timeline.phases}
    for milestone in timeline.milestones:
        if milestone.date < first or milestone.date > last:
            yield hit(
                f"milestone `{milestone.id}` on {milestone.date} is outside the program "
                f"({first} to {last}); move it or the phases",
                milestone.where,
                "date",
            )
        if milestone.phase is not None and milestone.phase not in numbers:
            yield hit(
                f"milestone `{milestone.id}` names phase {milestone.phase}, which the "
                f"timeline does not have; use one of {_listing(numbers)}",
                milestone.where,
                "phase",
            )


def _listing(numbers: set[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers))


def _hours(hours: Decimal) -> str:
    return f"{number(hours)} hour" if hours == 1 else f"{number(hours)} hours"


def _budget_ids(budgets: list[Budget]) -> str:
    return ", ".join(f"`{b.id}`" for b in budgets)


@rule("TML003", Severity.WARNING, "assisted hours exceed the assistance budget")
def assistance_within_budget(program: Program) -> Iterator[Hit]:
    timeline = program.timeline
    if timeline is None:
        return
    by_phase: dict[int, Decimal] = {}
    for req in program.requirements:
        if req.kind is Kind.ASSISTED and req.status is not Status.DEFERRED and req.hours:
            by_phase[req.phase] = by_phase.get(req.phase, Decimal(0)) + req.hours
    budgets = [b for b in timeline.budgets if b.kind is BudgetKind.ASSISTANCE]
    phased: dict[int, list[Budget]] = {}
    for budget in budgets:
        if budget.phase is not None:
            phased.setdefault(budget.phase, []).append(budget)
    program_wide = [b for b in budgets if b.phase is None]
    for phase, own in sorted(phased.items()):
        need = by_phase.get(phase, Decimal(0))
        have = sum((b.hours for b in own), Decimal(0))
        if need > have:
            yield hit(
                f"assisted requirements of phase {phase} need {_hours(need)} but the "
                f"assistance budget of phase {phase} ({_budget_ids(own)}) holds "
                f"{_hours(have)}; raise the budget, or cut or defer assisted hours",
                own[0].where,
                "hours",
            )
    need = sum((h for p, h in by_phase.items() if p not in phased), Decimal(0))
    if not need:
        return
    have = sum((b.hours for b in program_wide), Decimal(0))
    if need <= have:
        return
    if program_wide:
        yield hit(
            f"assisted requirements need {_hours(need)} but the program's assistance budget "
            f"({_budget_ids(program_wide)}) holds {_hours(have)}; raise the budget, or cut or "
            "defer assisted hours",
            program_wide[0].where,
            "hours",
        )
    else:
        yield _at_budgets(
            f"assisted requirements need {_hours(need)} but there is no assistance budget "
            "for them; add a budget with `kind: assistance`",
            timeline,
        )


def _at_budgets(message: str, timeline: Timeline) -> Hit:
    """A hit at the timeline's `budgets` (or at the timeline when it has none)."""
    return hit(message, timeline.where, "budgets", key=True)


@rule("TML004", Severity.ERROR, "requirement in a phase the timeline does not have")
def requirement_phase(program: Program) -> Iterator[Hit]:
    timeline = program.timeline
    if timeline is None:
        return
    numbers = {p.number for p in timeline.phases}
    for req in program.requirements:
        if req.phase not in numbers:
            yield hit(
                f"requirement `{req.id}` is in phase {req.phase}, which the timeline does not "
                f"have; use one of {_listing(numbers)}",
                req.where,
                "phase",
            )


@rule("TML005", Severity.WARNING, "no go-live support budget")
def support_budget(program: Program) -> Iterator[Hit]:
    timeline = program.timeline
    if timeline is None:
        return
    if any(b.kind is BudgetKind.SUPPORT for b in timeline.budgets):
        return
    yield _at_budgets(
        "the timeline has no go-live support hours; add a budget with `kind: support` and "
        "the hours agreed for go-live and the first months",
        timeline,
    )


RULES: tuple[Rule, ...] = (
    phases_in_order,
    milestones_inside,
    assistance_within_budget,
    requirement_phase,
    support_budget,
)
