"""Milestones that are overdue: not done and dated before a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from icmkit.model.program_bundle import Program
from icmkit.progress.checklist import one_line


@dataclass(frozen=True)
class OverdueMilestone:
    id: str
    name: str
    date: dt.date
    phase: int | None
    days_late: int

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "date": self.date.isoformat(),
            "phase": self.phase,
            "days_late": self.days_late,
        }


def overdue_milestones(
    program: Program, as_of: dt.date, phase: int | None = None
) -> list[OverdueMilestone]:
    """Milestones not done whose date is before ``as_of``, oldest first."""
    if program.timeline is None:
        return []
    late = [
        OverdueMilestone(m.id, one_line(m.name), m.date, m.phase, (as_of - m.date).days)
        for m in program.timeline.milestones
        if not m.done and m.date < as_of and (phase is None or m.phase == phase)
    ]
    return sorted(late, key=lambda m: (m.date, m.id))
