"""The roster ``icmkit calc`` takes: a participants CSV, or the program's participants.yaml.

Columns: ``participant`` and optional ``name``, ``role``, ``manager``, ``hire_date``,
``leave_date``, ``territory``, ``segment``; a participant on several plans over time has one
row per plan with ``plan``, ``from`` (first day) and ``to`` (first day no longer).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from icmkit.engine.csv_tables import InputFileError, day, rows
from icmkit.model.roster import RosterEntry


@dataclass
class Roster:
    """Who is who: roles, managers, employment dates and plan assignments, by participant."""

    people: dict[str, RosterEntry] = field(default_factory=dict)
    columns: frozenset[str] = frozenset()


def roster_of(entries: Sequence[RosterEntry]) -> Roster:
    """The program's roster (``participants.yaml``) as calc takes it."""
    found = {entry.id: entry for entry in entries}
    columns = {"participant", "role", "manager", "hire_date", "leave_date"}
    return Roster(found, frozenset(columns))


def _assignment(row: dict[str, str]) -> dict[str, object] | None:
    plan = row.get("plan") or ""
    if not plan:
        return None
    return {
        "plan": plan,
        "from": day(row["from"], "from") if row.get("from") else None,
        "to": day(row["to"], "to") if row.get("to") else None,
    }


def read_roster(path: Path) -> Roster:
    """The participants file, or InputFileError listing bad rows (unknown managers included).

    One row per participant; a participant on several plans over time has one row per plan,
    with ``plan`` and the dates ``from`` (first day) and ``to`` (first day no longer)."""
    found = Roster()
    problems: list[str] = []
    rows_of: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, row in rows(path, ("participant",)):
        if not found.columns:
            found.columns = frozenset(row)
        who = row["participant"]
        if not who:
            problems.append(f"{path}:{line}: participant is empty")
            continue
        rows_of.setdefault(who, []).append((line, row))
    for who, entries in rows_of.items():
        line, row = entries[0]
        if len(entries) > 1 and not all(r.get("plan") for _, r in entries):
            problems.append(
                f"{path}:{entries[1][0]}: participant {who} appears twice; a participant on "
                "several plans has one row per plan, each with `plan`, `from` and `to`"
            )
            continue
        try:
            hire = day(row["hire_date"], "hire_date") if row.get("hire_date") else None
            leave = day(row["leave_date"], "leave_date") if row.get("leave_date") else None
            assignments = [a for _, r in entries if (a := _assignment(r)) is not None]
        except ValueError as error:
            problems.append(f"{path}:{line}: {error}")
            continue
        if hire is not None and leave is not None and leave < hire:
            problems.append(f"{path}:{line}: leave_date {leave} is before hire_date {hire}")
            continue
        found.people[who] = RosterEntry.model_validate(
            {
                "id": who,
                "name": row.get("name") or None,
                "role": row.get("role") or None,
                "manager": row.get("manager") or None,
                "hire_date": hire,
                "leave_date": leave,
                "territory": row.get("territory") or None,
                "segment": row.get("segment") or None,
                "assignments": assignments,
            }
        )
    for who, entry in found.people.items():
        if entry.manager is not None and entry.manager not in found.people:
            line = rows_of[who][0][0]
            problems.append(f"{path}:{line}: manager {entry.manager} of {who} is not on the roster")
    if problems:
        raise InputFileError(problems)
    return found
