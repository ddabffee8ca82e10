"""Plan letters: one per participant of the roster and plan they are on, and the version of
each (the fingerprint of what it says).

A participant is on the plans their assignments name, or, without assignments, on every plan
whose eligibility names their role. Their letter states the plan as it stands in the latest
version in force while they are on it, their own quotas and target incentive (an
assignment's, else the participant's, else the plan's), their dates on the plan, their role,
territory and segment. The letter's version is the ``sha256:`` fingerprint of exactly that,
so it changes when any of it changes (a rate, a quota, a date, a name), and only then: the
plan's owner, the requirements it implements and the data sources of its measures are not in
a letter.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from icmkit.model.catalogue import content
from icmkit.model.plan_versions import VersionInForce, versions_of
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program
from icmkit.model.roster import Assignment, RosterEntry
from icmkit.signoffs.fingerprints import FINGERPRINT_PREFIX, canonical_json

SHORT = 12
"""Hex digits of a fingerprint printed as a letter's short version."""

_NOT_IN_A_LETTER = ("owner", "requirements", "versions")
"""Plan keys for the program team, not the participant."""


@dataclass(frozen=True)
class Letter:
    """One participant's letter for one plan (one assignment, or an eligible role)."""

    participant: RosterEntry
    plan: Plan
    """The plan as written (all versions)."""
    version: VersionInForce
    """The version the letter states: the latest in force while the participant is on it."""
    previous: VersionInForce | None
    """The version before it, when the participant was on the plan under that one too."""
    start: date
    """The first day on the plan."""
    end: date | None
    """The first day no longer on the plan (None: to the plan's open end)."""
    role: str | None
    quotas: dict[str, Decimal]
    """Every quota of the plan's version: the participant's own, else the plan's amount."""
    own_quotas: frozenset[str]
    """Which of ``quotas`` are the participant's own."""
    target: Decimal | None
    own_target: bool
    fingerprint: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.participant.id, self.plan.id)

    @property
    def short(self) -> str:
        """The version as printed for people: ``sha256:`` and its first 12 hex digits."""
        return self.fingerprint[: len(FINGERPRINT_PREFIX) + SHORT]

    def active_on_or_after(self, day: date) -> bool:
        """Whether the participant is on the plan on ``day`` or later."""
        return self.end is None or self.end > day


def terms(plan: Plan) -> dict[str, Any]:
    """What a letter says of a plan version: its content without what is only for the team."""
    data = content(plan)
    for key in _NOT_IN_A_LETTER:
        data.pop(key, None)
    for measure in data.get("measures", []):
        measure.pop("source", None)
    return data


def _window(
    entry: RosterEntry, plan: Plan, assignment: Assignment | None
) -> tuple[date, date | None]:
    starts = [plan.effective.from_]
    ends = [d for d in (plan.effective.to,) if d is not None]
    if entry.hire_date is not None:
        starts.append(entry.hire_date)
    if entry.leave_date is not None:
        ends.append(entry.leave_date + timedelta(days=1))
    if assignment is not None:
        if assignment.from_ is not None:
            starts.append(assignment.from_)
        if assignment.to is not None:
            ends.append(assignment.to)
    return max(starts), min(ends) if ends else None


def _versions(
    plan: Plan, start: date, end: date | None
) -> tuple[VersionInForce, VersionInForce | None]:
    """The latest version in force while on the plan, and the one before it if that one was
    in force then too."""
    every = versions_of(plan)
    held = [v for v in every if (end is None or v.start < end) and (v.end is None or v.end > start)]
    current = held[-1] if held else every[0]
    previous = held[-2] if len(held) > 1 else None
    return current, previous


def _letter(entry: RosterEntry, plan: Plan, assignment: Assignment | None) -> Letter:
    start, end = _window(entry, plan, assignment)
    version, previous = _versions(plan, start, end)
    stated = version.plan
    own = {**entry.quotas, **(assignment.quotas if assignment is not None else {})}
    quotas: dict[str, Decimal] = {}
    for quota in stated.quotas:
        amount = own.get(quota.id, quota.amount)
        if amount is not None:
            quotas[quota.id] = amount
    target = entry.target_incentive
    if assignment is not None and assignment.target_incentive is not None:
        target = assignment.target_incentive
    own_target = target is not None
    if target is None and stated.target_incentive is not None:
        target = stated.target_incentive.amount
    role = (assignment.role if assignment is not None else None) or entry.role
    said = {
        "participant": {
            "id": entry.id,
            "name": entry.name,
            "role": role,
            "territory": entry.territory,
            "segment": entry.segment,
        },
        "plan": {"id": plan.id, "version": version.number, "from": version.start.isoformat()},
        "change": None if version.change is None else content(version.change),
        "previous": None if previous is None else terms(previous.plan),
        "on_plan": {"from": start.isoformat(), "to": end.isoformat() if end else None},
        "quotas": {k: str(v) for k, v in sorted(quotas.items())},
        "target_incentive": None if target is None else str(target),
        "terms": terms(stated),
    }
    digest = hashlib.sha256(canonical_json(said).encode("utf-8")).hexdigest()
    return Letter(
        entry,
        plan,
        version,
        previous,
        start,
        end,
        role,
        quotas,
        frozenset(q for q in quotas if q in own),
        target,
        own_target,
        FINGERPRINT_PREFIX + digest,
    )


def letters_of(program: Program) -> list[Letter]:
    """Every letter of the program's roster, by participant id and then plan (in the order of
    the participant's assignments, else of plan ids)."""
    plans = {p.id: p for p in program.plans}
    found: list[Letter] = []
    for entry in sorted(program.participants, key=lambda e: e.id):
        if entry.assignments:
            for assignment in entry.assignments:
                plan = plans.get(assignment.plan)
                if plan is not None:
                    found.append(_letter(entry, plan, assignment))
        else:
            for plan_id in sorted(plans):
                plan = plans[plan_id]
                if entry.role is not None and entry.role in plan.eligibility.roles:
                    found.append(_letter(entry, plan, None))
    return [f for f in found if f.end is None or f.start < f.end]


def matches(recorded: str, fingerprint: str) -> bool:
    """Whether a recorded letter version (whole, or its first 12 or more hex digits) is
    ``fingerprint``."""
    return len(recorded) >= len(FINGERPRINT_PREFIX) + SHORT and fingerprint.startswith(recorded)
