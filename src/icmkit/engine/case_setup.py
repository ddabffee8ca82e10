"""A multi-period test case as a run: its roster, seats, deals, calendar and starting state.

The roster is the test's ``participants`` (as in ``participants.yaml``), the program's roster
(``roster: true``), or the test's ``participant`` and ``team``. Participants are on the plans
their assignments name; a participant without assignments is on the test case's plan when the
plan's eligibility names their role, or when they have no role. A history typed in the test is
where its participant starts on the test's plan; its ``credit_to_date`` is credit before the
first period that the test's transactions do not list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from icmkit.engine.calendar import Calendar
from icmkit.engine.errors import EngineError
from icmkit.engine.hierarchy import Hierarchy, RosterHierarchy, StaticHierarchy
from icmkit.engine.periods import Window
from icmkit.engine.run import RunOptions, Seat, person_of, seats_of
from icmkit.engine.state import State
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program
from icmkit.model.roster import RosterEntry
from icmkit.model.testing import Inputs, TestCase


@dataclass
class CaseSetup:
    seats: list[Seat]
    hierarchy: Hierarchy
    window: Window
    options: RunOptions
    participant: str
    """The test's participant: expectations without ``participant`` are theirs."""


def calendar_of(program: Program) -> Calendar:
    return Calendar.of(program.info.calendar if program.info is not None else None)


def _roster(given: Inputs, program: Program) -> list[RosterEntry] | None:
    if given.participants:
        return list(given.participants)
    if given.roster:
        if not program.participants:
            raise EngineError(
                "the test takes the program's roster (`roster: true`), but the program has no "
                "participants.yaml (or it failed to load)"
            )
        return list(program.participants)
    return None


def _seats(entries: list[RosterEntry], plan: Plan, plans: Mapping[str, Plan]) -> list[Seat]:
    """Assignments as given; otherwise the test's plan for the eligible or role-less."""
    seats = seats_of([e for e in entries if e.assignments], plans)
    for entry in entries:
        if entry.assignments:
            continue
        if entry.role is not None and entry.role not in plan.eligibility.roles:
            continue
        seats.append(Seat(plan, person_of(entry)))
    return seats


def case_setup(case: TestCase, plan: Plan, program: Program) -> CaseSetup:
    """The run a multi-period test case describes."""
    given = case.given
    assert given is not None and given.periods is not None
    calendar = calendar_of(program)
    window = calendar.parse(given.periods).window
    plans = {p.id: p for p in program.plans}
    plans[plan.id] = plan
    entries = _roster(given, program)
    hierarchy: Hierarchy
    if entries is None:
        me = given.participant
        entries = [RosterEntry.model_validate({**me.model_dump(), "id": me.id})]
        seats = _seats(entries, plan, {plan.id: plan})
        hierarchy = StaticHierarchy.of([me, *given.team])
        participant = me.id
    else:
        seats = _seats(entries, plan, plans)
        hierarchy = RosterHierarchy.of(entries)
        participant = (
            given.participant.id
            if "participant" in given.model_fields_set
            else (entries[0].id if len(entries) == 1 else given.participant.id)
        )
    states = {}
    if "history" in given.model_fields_set:
        state = State.from_history(given.history)
        state.opening_credit = dict(given.history.credit_to_date)
        state.opening_date = window.start
        states[(participant, plan.id)] = state
    options = RunOptions(
        calendar,
        as_of=given.as_of,
        scores=dict(given.scores),
        scores_by_period={k: dict(v) for k, v in given.scores_by_period.items()},
        start_states=states,
    )
    return CaseSetup(seats, hierarchy, window, options, participant)
