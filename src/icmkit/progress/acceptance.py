"""Who has accepted their plan letter: progress for ``status``, and the blockers of the go-live
gate (every participant on a plan at go-live must have accepted their current letter)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from icmkit.model.program_bundle import Program
from icmkit.progress.checklist import one_line
from icmkit.signoffs.acceptance_rules import acceptances_by_letter, accepted
from icmkit.signoffs.letters import letters_of

GO_LIVE = re.compile(r"go[\s_-]*live", re.IGNORECASE)
"""A milestone whose id or name says "go-live" (``MS-GO-LIVE``, "Go live")."""


@dataclass(frozen=True)
class LetterRow:
    """A participant's letter not accepted in its current version."""

    participant: str
    name: str
    plan: str
    version: str
    """The short version the participant must accept (``sha256:`` and 12 hex digits)."""
    earlier: bool
    """Whether they accepted an earlier version of it."""

    def to_dict(self) -> dict[str, object]:
        return {
            "participant": self.participant,
            "name": self.name,
            "plan": self.plan,
            "version": self.version,
            "accepted_earlier_version": self.earlier,
        }

    @property
    def text(self) -> str:
        why = "accepted an earlier version" if self.earlier else "not accepted"
        return f"{self.participant} {self.name} on {self.plan}: {why}"


@dataclass(frozen=True)
class AcceptanceProgress:
    """Letters of participants on a plan on ``on`` or later, and how many are accepted."""

    on: dt.date
    letters: int
    accepted: int
    waiting: list[LetterRow] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.accepted / self.letters) if self.letters else 100

    def to_dict(self) -> dict[str, object]:
        return {
            "active_on_or_after": self.on.isoformat(),
            "letters": self.letters,
            "accepted": self.accepted,
            "waiting": [row.to_dict() for row in self.waiting],
        }


def acceptance_progress(program: Program, on: dt.date) -> AcceptanceProgress | None:
    """The letters of participants on a plan on ``on`` or later, accepted or waiting; None
    for a program without a roster."""
    if not program.participants:
        return None
    by_letter = acceptances_by_letter(program)
    letters = [x for x in letters_of(program) if x.active_on_or_after(on)]
    waiting = [
        LetterRow(
            x.participant.id,
            one_line(x.participant.name or ""),
            x.plan.id,
            x.short,
            x.key in by_letter,
        )
        for x in letters
        if accepted(x, by_letter) is None
    ]
    return AcceptanceProgress(on, len(letters), len(letters) - len(waiting), waiting)


def go_live(program: Program) -> tuple[int, dt.date] | None:
    """The go-live phase and day: the phase of the go-live milestone and its date, else the
    last phase and its first day; None without a timeline."""
    timeline = program.timeline
    if timeline is None or not timeline.phases:
        return None
    for milestone in sorted(timeline.milestones, key=lambda m: (m.date, m.id)):
        if milestone.phase is not None and (
            GO_LIVE.search(milestone.id) or GO_LIVE.search(milestone.name)
        ):
            return milestone.phase, milestone.date
    last = max(timeline.phases, key=lambda p: p.number)
    return last.number, last.start
