"""The whole status of a program on a given day, as one value for every view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from icmkit.model.program_bundle import Program
from icmkit.progress.acceptance import AcceptanceProgress, acceptance_progress
from icmkit.progress.checklist import (
    CategoryProgress,
    PhaseChecklist,
    category_progress,
    one_line,
    phase_checklists,
)
from icmkit.progress.counts import Progress, progress_of
from icmkit.progress.filters import StatusFilter, select
from icmkit.progress.hours import HoursSummary, hours_summary
from icmkit.progress.milestones import OverdueMilestone, overdue_milestones
from icmkit.progress.open_tests import TestRow, tests_needing_attention

JSON_VERSION = 1


@dataclass(frozen=True)
class StatusReport:
    program: str
    as_of: dt.date
    filters: StatusFilter
    overall: Progress
    phases: list[PhaseChecklist] = field(default_factory=list)
    categories: list[CategoryProgress] = field(default_factory=list)
    hours: HoursSummary = field(default_factory=HoursSummary)
    overdue_milestones: list[OverdueMilestone] = field(default_factory=list)
    tests: list[TestRow] = field(default_factory=list)
    check_errors: int = 0
    letters: AcceptanceProgress | None = None
    """Plan letters of participants on a plan on the day or later, and how many are accepted
    (None without a roster)."""

    def to_dict(self) -> dict[str, object]:
        return {
            "version": JSON_VERSION,
            "program": self.program,
            "as_of": self.as_of.isoformat(),
            "filters": self.filters.to_dict(),
            "check_errors": self.check_errors,
            "progress": self.overall.to_dict(),
            "phases": [p.to_dict() for p in self.phases],
            "categories": [c.to_dict() for c in self.categories],
            "hours": self.hours.to_dict(),
            "overdue_milestones": [m.to_dict() for m in self.overdue_milestones],
            "tests": [t.to_dict() for t in self.tests],
            "letters": None if self.letters is None else self.letters.to_dict(),
        }


def program_title(program: Program) -> str:
    if program.info is None:
        return "Program"
    return one_line(program.info.name or program.info.customer)


def build_status(
    program: Program,
    as_of: dt.date,
    chosen: StatusFilter | None = None,
    check_errors: int = 0,
) -> StatusReport:
    """Everything ``icmkit status`` shows, narrowed by ``chosen``."""
    chosen = chosen or StatusFilter()
    selected = select(program.requirements, chosen)
    test_scope = [r.id for r in selected] if chosen.active else None
    return StatusReport(
        program=program_title(program),
        as_of=as_of,
        filters=chosen,
        overall=progress_of(selected),
        phases=phase_checklists(program, chosen, selected),
        categories=category_progress(program, selected),
        hours=hours_summary(program, selected, chosen.phase),
        overdue_milestones=overdue_milestones(program, as_of, chosen.phase),
        tests=tests_needing_attention(program, test_scope),
        check_errors=check_errors,
        letters=acceptance_progress(program, as_of),
    )
