"""Checklists per phase: requirement rows, exit criteria and deliverables with their marks,
and text as every list of the status report shows it (:func:`one_line`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from icmkit.model.program_bundle import Program
from icmkit.model.requirements import FunctionalRequirement, Kind, Priority, Status
from icmkit.model.timeline import Phase
from icmkit.progress.counts import Progress, progress_of
from icmkit.progress.filters import StatusFilter

NOT_IN_TIMELINE = "not in the timeline"
"""The name shown for a phase that requirements use but the timeline does not hold."""


def one_line(text: str) -> str:
    """Text on a single line: runs of whitespace (newlines included) become one space."""
    return " ".join(text.split())


@dataclass(frozen=True)
class RequirementRow:
    id: str
    title: str
    status: Status
    kind: Kind
    priority: Priority
    category: str
    phase: int
    owner: str | None = None
    hours: Decimal | None = None

    @property
    def accepted(self) -> bool:
        return self.status is Status.ACCEPTED

    @classmethod
    def of(cls, requirement: FunctionalRequirement) -> RequirementRow:
        return cls(
            id=requirement.id,
            title=one_line(requirement.title),
            status=requirement.status,
            kind=requirement.kind,
            priority=requirement.priority,
            category=requirement.category,
            phase=requirement.phase,
            owner=requirement.owner,
            hours=requirement.hours,
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status.value,
            "kind": self.kind.value,
            "priority": self.priority.value,
            "category": self.category,
            "phase": self.phase,
            "owner": self.owner,
            "hours": str(self.hours) if self.hours is not None else None,
        }


@dataclass(frozen=True)
class CheckItem:
    """An exit criterion or a deliverable; ``done`` is ``None`` when the file does not say."""

    text: str
    done: bool | None

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "done": self.done}


@dataclass(frozen=True)
class PhaseChecklist:
    number: int
    name: str
    start: dt.date | None
    end: dt.date | None
    progress: Progress
    requirements: list[RequirementRow] = field(default_factory=list)
    exit_criteria: list[CheckItem] = field(default_factory=list)
    deliverables: list[CheckItem] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "number": self.number,
            "name": self.name,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "progress": self.progress.to_dict(),
            "requirements": [r.to_dict() for r in self.requirements],
            "exit_criteria": [c.to_dict() for c in self.exit_criteria],
            "deliverables": [d.to_dict() for d in self.deliverables],
        }


@dataclass(frozen=True)
class CategoryProgress:
    id: str
    name: str
    progress: Progress

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "progress": self.progress.to_dict()}


def timeline_phases(program: Program) -> dict[int, Phase]:
    if program.timeline is None:
        return {}
    return {phase.number: phase for phase in program.timeline.phases}


def phase_numbers(program: Program) -> list[int]:
    """Every phase the program mentions: those of the timeline and those requirements name."""
    numbers = set(timeline_phases(program))
    numbers.update(r.phase for r in program.requirements)
    return sorted(numbers)


def _deliverable(value: object) -> CheckItem:
    # Deliverables are plain text; a structured entry with ``text`` and ``done`` is read too.
    if isinstance(value, str):
        return CheckItem(one_line(value), None)
    text = getattr(value, "text", str(value))
    done = getattr(value, "done", None)
    return CheckItem(one_line(str(text)), done if isinstance(done, bool) else None)


def phase_checklists(
    program: Program, chosen: StatusFilter, selected: list[FunctionalRequirement]
) -> list[PhaseChecklist]:
    """One checklist per phase ``chosen`` lets through, of the ``selected`` requirements.

    When something other than the phase narrows the rows, phases left without rows are
    dropped and exit criteria and deliverables (which have no owner or category) are omitted.
    """
    phases = timeline_phases(program)
    by_phase: dict[int, list[FunctionalRequirement]] = {}
    for requirement in selected:
        by_phase.setdefault(requirement.phase, []).append(requirement)
    result: list[PhaseChecklist] = []
    for number in phase_numbers(program):
        if chosen.phase is not None and number != chosen.phase:
            continue
        rows = by_phase.get(number, [])
        if chosen.narrows_requirements and not rows:
            continue
        phase = phases.get(number)
        criteria: list[CheckItem] = []
        deliverables: list[CheckItem] = []
        if phase is not None and not chosen.narrows_requirements:
            criteria = [CheckItem(one_line(c.text), c.done) for c in phase.exit_criteria]
            deliverables = [_deliverable(d) for d in phase.deliverables]
        result.append(
            PhaseChecklist(
                number=number,
                name=one_line(phase.name) if phase is not None else NOT_IN_TIMELINE,
                start=phase.start if phase is not None else None,
                end=phase.end if phase is not None else None,
                progress=progress_of(rows),
                requirements=[RequirementRow.of(r) for r in rows],
                exit_criteria=criteria,
                deliverables=deliverables,
            )
        )
    return result


def category_progress(
    program: Program, selected: list[FunctionalRequirement]
) -> list[CategoryProgress]:
    """Progress per category of the selected requirements, in the program's category order."""
    names = program.category_names()
    used = {r.category for r in selected}
    order = [c for c in names if c in used] + sorted(used - set(names))
    return [
        CategoryProgress(
            cat, names.get(cat, cat), progress_of(r for r in selected if r.category == cat)
        )
        for cat in order
    ]
