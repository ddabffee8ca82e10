"""ROS001-ROS007: the roster, in participants.yaml and in a test case's own ``participants``
(ROS008, what a test case names, is in ``checks.case_rosters``).

A roster that names a manager it does not hold, loops, gives one person two managers on a
day, puts them twice on one plan, or assigns them to a plan that does not exist computes
wrongly or not at all: ``icmkit calc`` and multi-period test cases run on it. Dates are
half-open, ``[from, to)``; a leave date is the last day employed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.loading.validation import did_you_mean
from icmkit.model.base import Item
from icmkit.model.findings import Severity
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program
from icmkit.model.roster import Assignment, ManagerSpell, RosterEntry
from icmkit.model.testing import TestCase

ROSTER_KIND = "participants"  # the file kind (``FileKind.name``) of participants.yaml


@dataclass(frozen=True)
class _Roster:
    """One roster: the program's (participants.yaml) or a test case's ``participants``."""

    entries: Sequence[RosterEntry]
    home: str
    """Where participants are listed, for advice: ``participants.yaml`` or the test's list."""
    case: TestCase | None = None

    def name(self, ident: str) -> str:
        owner = f" of test case `{self.case.id}`" if self.case is not None else ""
        return f"participant `{ident}`{owner}"


def _rosters(program: Program) -> Iterator[_Roster]:
    if program.participants:
        yield _Roster(program.participants, "participants.yaml")
    for case in program.test_cases:
        given = case.given
        if given is not None and given.participants:
            yield _Roster(given.participants, "the test's `participants`", case)


@rule("ROS001", Severity.ERROR, "manager not on the roster")
def unknown_managers(program: Program) -> Iterator[Hit]:
    for roster in _rosters(program):
        known = {entry.id for entry in roster.entries}
        broken = program.broken_ids if roster.case is None else set()
        for entry in roster.entries:
            named: list[tuple[str, Item]] = [(s.manager, s) for s in entry.managers]
            if entry.manager is not None:
                named.insert(0, (entry.manager, entry))
            for manager, item in named:
                if manager in known or manager in broken:
                    continue
                yield hit(
                    f"manager `{manager}` of {roster.name(entry.id)} is not on the roster; "
                    f"add `{manager}` to {roster.home}, or use the id of a participant who "
                    f"is{did_you_mean(manager, known)}",
                    item.where,
                    "manager",
                )


@dataclass(frozen=True)
class _Hierarchy:
    """Who reports to whom on a day, as the engine reads a roster: the spell that started
    last on or before the day (the last listed of those starting together), while it
    lasts; otherwise the one ``manager``."""

    entries: dict[str, RosterEntry]
    spells: dict[str, list[ManagerSpell]]

    @classmethod
    def of(cls, roster: _Roster) -> _Hierarchy:
        entries: dict[str, RosterEntry] = {}
        for entry in roster.entries:
            entries.setdefault(entry.id, entry)
        spells = {
            ident: sorted(e.managers, key=lambda s: s.from_)[::-1]
            for ident, e in entries.items()
            if e.managers
        }
        return cls(entries, spells)

    def edge(self, who: str, day: date) -> tuple[str, Item] | None:
        """``who``'s manager on ``day`` and the item that names them."""
        spells = self.spells.get(who)
        if spells is None:
            entry = self.entries[who]
            return (entry.manager, entry) if entry.manager is not None else None
        for spell in spells:
            if spell.from_ <= day:
                return (spell.manager, spell) if spell.to is None or day < spell.to else None
        return None

    def loop_from(self, who: str, day: date, done: set[str]) -> list[tuple[str, Item]]:
        """The loop ``who``'s chain of managers runs into on ``day``, each member with the
        item naming their manager; empty when the chain ends, leaves the roster or reaches
        someone in ``done`` (walked before). Everyone walked is added to ``done``."""
        path: list[tuple[str, Item]] = []
        seen: dict[str, int] = {}
        current = who
        while current in self.entries and current not in seen and current not in done:
            found = self.edge(current, day)
            seen[current] = len(path)
            if found is None:
                break
            path.append((current, found[1]))
            current = found[0]
        done.update(seen)
        return path[seen[current] :] if current in seen and seen[current] < len(path) else []


def _loop_hit(roster: _Roster, members: list[tuple[str, Item]], day: date) -> Hit:
    first, item = members[0]
    when = f" from {day}" if day > date.min else ""
    if len(members) == 1:
        return hit(
            f"{roster.name(first)} is their own manager{when}; name someone else as their "
            "manager, or no one",
            item.where,
            "manager",
        )
    chain = ", who reports to ".join(f"`{ident}`" for ident, _ in [*members[1:], members[0]])
    return hit(
        f"the hierarchy loops{when}: {roster.name(first)} reports to {chain}; give one of "
        "them a manager outside the loop",
        item.where,
        "manager",
    )


@rule("ROS002", Severity.ERROR, "loop in the hierarchy")
def hierarchy_loops(program: Program) -> Iterator[Hit]:
    for roster in _rosters(program):
        tree = _Hierarchy.of(roster)
        order = {ident: index for index, ident in enumerate(tree.entries)}
        starts: dict[date, list[str]] = {date.min: list(tree.entries)}
        for who, spells in tree.spells.items():
            for spell in spells:
                starts.setdefault(spell.from_, []).append(who)
        # A loop is new on a day one of its spells starts (or holds from the first day):
        # walk from everyone whose spell starts that day, each of them once.
        for day in sorted(starts):
            done: set[str] = set()
            for who in sorted(starts[day], key=order.__getitem__):
                members = tree.loop_from(who, day, done)
                new = [
                    i
                    for i, (_, item) in enumerate(members)
                    if day == date.min or (isinstance(item, ManagerSpell) and item.from_ == day)
                ]
                if new:
                    first = min(new, key=lambda i: order[members[i][0]])
                    yield _loop_hit(roster, members[first:] + members[:first], day)


Dated = ManagerSpell | Assignment


def _end(item: Dated) -> date:
    return item.to if item.to is not None else date.max


def _overlap(noun: str, owner: str, earlier: tuple[int, Dated], later: tuple[int, Dated]) -> Hit:
    (first, before), (second, after) = earlier, later
    if before.to is None:
        start = f"starts on {after.from_}" if after.from_ is not None else "has no `from` either"
        fix = f"`to: {after.from_}`" if after.from_ is not None else "a `to`"
        return hit(
            f"{noun} {first} of {owner} has no `to` but {noun} {second} {start}: they "
            f"overlap; give {noun} {first} {fix}",
            before.where,
        )
    start = f"starts on {after.from_}" if after.from_ is not None else "has no `from`"
    return hit(
        f"{noun} {second} of {owner} {start} but {noun} {first} runs to {before.to}: they "
        f"overlap; make it start on {before.to} or later",
        after.where,
        "from",
    )


def _periods(items: Sequence[tuple[int, Dated]], noun: str, owner: str) -> Iterator[Hit]:
    """Each numbered item must end after it starts, and no two may share a day."""
    valid: list[tuple[int, Dated]] = []
    for number, item in items:
        if item.from_ is not None and item.to is not None and item.to <= item.from_:
            yield hit(
                f"{noun} {number} of {owner} runs from {item.from_} to {item.to}; `to` must be "
                "after `from` (it is the first day no longer on it)",
                item.where,
                "to",
            )
        else:
            valid.append((number, item))
    valid.sort(key=lambda found: (found[1].from_ or date.min, found[0]))
    reach: tuple[int, Dated] | None = None
    for later in valid:
        if reach is not None and (later[1].from_ or date.min) < _end(reach[1]):
            yield _overlap(noun, owner, reach, later)
        if reach is None or _end(later[1]) > _end(reach[1]):
            reach = later


@rule("ROS003", Severity.ERROR, "overlapping manager spells or assignments, or dates out of order")
def overlaps(program: Program) -> Iterator[Hit]:
    for roster in _rosters(program):
        for entry in roster.entries:
            who = roster.name(entry.id)
            hired, left = entry.hire_date, entry.leave_date
            if hired is not None and left is not None and left < hired:
                yield hit(
                    f"{who} leaves on {left}, before their hire date {hired}; the leave date "
                    "is the last day employed: make it the hire date or later",
                    entry.where,
                    "leave_date",
                )
            spells = list(enumerate(entry.managers, 1))
            yield from _periods(spells, "manager spell", who)
            by_plan: dict[str, list[tuple[int, Dated]]] = {}
            for number, assignment in enumerate(entry.assignments, 1):
                by_plan.setdefault(assignment.plan, []).append((number, assignment))
            for plan, assignments in by_plan.items():
                yield from _periods(assignments, "assignment", f"{who} to plan `{plan}`")


def plans_by_id(program: Program) -> dict[str, Plan]:
    return {plan.id: plan for plan in program.plans}


def unknown_plan(ref: str, program: Program, plans: dict[str, Plan]) -> str | None:
    """The REF-style complaint about ``ref``, or None when it names a plan."""
    if ref in plans or ref in program.broken_ids:
        return None
    return f"unknown plan `{ref}`; use the id of an existing plan{did_you_mean(ref, plans)}"


@rule("ROS004", Severity.ERROR, "assignment to a plan that does not exist")
def unknown_plans(program: Program) -> Iterator[Hit]:
    plans = plans_by_id(program)
    for roster in _rosters(program):
        for entry in roster.entries:
            for assignment in entry.assignments:
                problem = unknown_plan(assignment.plan, program, plans)
                if problem is not None:
                    yield hit(
                        f"{roster.name(entry.id)} is assigned to an {problem}",
                        assignment.where,
                        "plan",
                    )


def _outside(entry: RosterEntry, plan: Plan | None, item: Assignment) -> Iterator[tuple[str, str]]:
    """What is wrong with an assignment's dates: the key to edit and the complaint."""
    start, end = item.from_, item.to
    hired, left = entry.hire_date, entry.leave_date
    if hired is not None and left is not None and left < hired:
        hired = left = None  # dates out of order: ROS003
    if start is not None and hired is not None and start < hired:
        yield (
            "from",
            (
                f"starts on {start}, before their hire date {hired}; start it on {hired} or later "
                "(or leave out `from`)"
            ),
        )
    if left is not None:
        gone = left + timedelta(days=1)
        if start is not None and start > left:
            yield (
                "from",
                (
                    f"starts on {start}, after their leave date {left} (their last day); start it "
                    "earlier, or remove it"
                ),
            )
        elif end is not None and end > gone:
            yield (
                "to",
                (
                    f"runs to {end}, after their leave date {left} (their last day); make `to` "
                    f"{gone} or earlier (or leave it out)"
                ),
            )
    window = plan.effective if plan is not None else None
    if window is None or (window.to is not None and window.to <= window.from_):
        return  # no such plan (ROS004), or its own window is wrong (PLN004)
    ends = window.to if window.to is not None else "open-ended"
    keep = f"keep it inside the plan's effective window [{window.from_}, {ends})"
    if start is not None and start < window.from_:
        yield "from", f"starts on {start}, before the plan starts; {keep} (or leave out `from`)"
    elif start is not None and window.to is not None and start >= window.to:
        yield "from", f"starts on {start}, after the plan ends; {keep}"
    if end is not None and window.to is not None and end > window.to:
        yield "to", f"runs to {end}, after the plan ends; {keep} (or leave out `to`)"
    elif end is not None and start is None and end <= window.from_:
        yield "to", f"ends on {end}, before the plan starts; {keep}"


@rule("ROS005", Severity.WARNING, "assignment outside the employment or the plan's dates")
def assignment_dates(program: Program) -> Iterator[Hit]:
    plans = plans_by_id(program)
    for roster in _rosters(program):
        for entry in roster.entries:
            for number, item in enumerate(entry.assignments, 1):
                if item.from_ is not None and item.to is not None and item.to <= item.from_:
                    continue  # out of order: ROS003
                what = f"assignment {number} of {roster.name(entry.id)} to plan `{item.plan}`"
                for key, problem in _outside(entry, plans.get(item.plan), item):
                    yield hit(f"{what} {problem}", item.where, key)


@rule("ROS006", Severity.ERROR, "participant id used twice")
def duplicate_participants(program: Program) -> Iterator[Hit]:
    for roster in _rosters(program):
        first: dict[str, RosterEntry] = {}
        for entry in roster.entries:
            earlier = first.setdefault(entry.id, entry)
            if earlier is entry:
                continue
            line, _ = earlier.where.at("id")
            yield hit(
                f"duplicate participant id `{entry.id}` (first used at {earlier.where.path}:"
                f"{line}); give each participant their own id",
                entry.where,
                "id",
            )


def _unpaid(roster: _Roster, entry: RosterEntry, roles: set[str], whose: str) -> Hit:
    who = roster.name(entry.id)
    if entry.role is None:
        return hit(
            f"{who} has no role and no assignments: they would be paid nothing; give them "
            "`assignments`, or a `role` a plan's eligibility names",
            entry.where,
            "id",
        )
    return hit(
        f"{who} has role `{entry.role}`, which {whose}, and no assignments: "
        "they would be paid nothing; give them `assignments`, or an eligible "
        f"role{did_you_mean(entry.role, roles)}",
        entry.where,
        "role",
    )


@rule(
    "ROS007", Severity.WARNING, "participant paid nothing: no assignment, and a role no plan names"
)
def unpaid_participants(program: Program) -> Iterator[Hit]:
    """The program's roster only: a test's participants are often there for the hierarchy
    (the reps under a manager whose override is tested), not to be paid."""
    if "plan" in program.incomplete:
        return  # a plan that failed to load may name the role
    roles = {role for plan in program.plans for role in plan.eligibility.roles}
    for roster in _rosters(program):
        if roster.case is not None:
            continue
        for entry in roster.entries:
            if entry.assignments or entry.role in roles:
                continue
            yield _unpaid(roster, entry, roles, "no plan's eligibility names")


RULES: tuple[Rule, ...] = (
    unknown_managers,
    hierarchy_loops,
    overlaps,
    unknown_plans,
    assignment_dates,
    duplicate_participants,
    unpaid_participants,
)
