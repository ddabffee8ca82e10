"""ACC001 and ACC002: letters changed since their participant accepted them, and acceptances
of letters the program does not have."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.model.acceptances import Acceptance
from icmkit.model.findings import Severity
from icmkit.model.program_bundle import Program
from icmkit.signoffs.letters import Letter, letters_of, matches


def in_utc(when: dt.datetime) -> dt.datetime:
    """``when`` in UTC (a time written without a zone is read as UTC)."""
    return (when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def acceptances_by_letter(program: Program) -> dict[tuple[str, str], list[Acceptance]]:
    """(participant, plan) -> the acceptances recorded for that letter, oldest first."""
    found: dict[tuple[str, str], list[Acceptance]] = {}
    for record in sorted(program.acceptances, key=lambda a: in_utc(a.on)):
        found.setdefault((record.participant, record.plan), []).append(record)
    return found


def accepted(
    letter: Letter, by_letter: dict[tuple[str, str], list[Acceptance]]
) -> Acceptance | None:
    """The latest acceptance of ``letter``'s current version, if it has one."""
    mine = [a for a in by_letter.get(letter.key, []) if matches(a.letter, letter.fingerprint)]
    return mine[-1] if mine else None


@rule("ACC001", Severity.WARNING, "plan letter changed since its participant accepted it")
def changed_since_acceptance(program: Program) -> Iterator[Hit]:
    if not program.acceptances or "participants" in program.incomplete:
        return
    by_letter = acceptances_by_letter(program)
    for letter in letters_of(program):
        records = by_letter.get(letter.key)
        if not records or accepted(letter, by_letter) is not None:
            continue
        found = records[-1]
        when = in_utc(found.on).strftime("%Y-%m-%d")
        who = letter.participant.name or letter.participant.id
        yield hit(
            f"the letter of {who} (`{letter.participant.id}`) for plan `{letter.plan.id}` has "
            f"changed since they accepted it on {when}: its version is now {letter.short}; "
            "send them the new letter (`icmkit render`) and record their acceptance "
            "(`icmkit accept`)",
            found.where,
            "letter",
        )


@rule("ACC002", Severity.ERROR, "acceptance of a participant or letter the program does not have")
def unknown_letters(program: Program) -> Iterator[Hit]:
    if not program.acceptances or "participants" in program.incomplete:
        return
    people = {p.id for p in program.participants}
    letters = {letter.key for letter in letters_of(program)}
    for record in program.acceptances:
        if record.participant not in people:
            yield hit(
                f"acceptance by `{record.participant}`, who is not in participants.yaml; use "
                "the id of a participant of the roster",
                record.where,
                "participant",
            )
        elif (record.participant, record.plan) not in letters:
            yield hit(
                f"`{record.participant}` has no letter for plan `{record.plan}`: they are not on "
                "it (no assignment to it, and their role is not eligible); use the plan of one "
                "of their letters",
                record.where,
                "plan",
            )


RULES: tuple[Rule, ...] = (changed_since_acceptance, unknown_letters)
