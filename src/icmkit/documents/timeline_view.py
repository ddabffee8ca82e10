"""Part 6 of the program document: the phases with their goals and exit criteria, the
milestones, and the chart of both."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from icmkit.documents import gantt
from icmkit.documents.addresses import natural_key
from icmkit.documents.formatting import day
from icmkit.documents.program_index import ProgramIndex
from icmkit.documents.view_blocks import View


@dataclass(frozen=True, slots=True)
class ExitCriterionView(View):
    text: str
    done: bool


@dataclass(frozen=True, slots=True)
class PhaseView(View):
    number: int
    anchor: str
    name: str
    start: str
    end: str
    days: int
    """Calendar days, both ends included."""
    requirements: int
    """Requirements planned for the phase."""
    goals: list[str]
    deliverables: list[str]
    exit_criteria: list[ExitCriterionView]
    exit_done: int


@dataclass(frozen=True, slots=True)
class MilestoneView(View):
    id: str
    name: str
    date: str
    phase: str
    done: bool


@dataclass(frozen=True, slots=True)
class TimelineView(View):
    phases: list[PhaseView]
    milestones: list[MilestoneView]
    chart: gantt.Chart | None


def timeline(index: ProgramIndex) -> TimelineView | None:
    t = index.program.timeline
    if t is None:
        return None
    phase_reqs = Counter(r.phase for r in index.requirements)
    phases = [
        PhaseView(
            number=ph.number,
            anchor=index.anchors("phase", str(ph.number)),
            name=ph.name,
            start=day(ph.start),
            end=day(ph.end),
            days=(ph.end - ph.start).days + 1,
            requirements=phase_reqs.get(ph.number, 0),
            goals=list(ph.goals),
            deliverables=list(ph.deliverables),
            exit_criteria=[ExitCriterionView(e.text, e.done) for e in ph.exit_criteria],
            exit_done=sum(1 for e in ph.exit_criteria if e.done),
        )
        for ph in sorted(t.phases, key=lambda p: (p.number, p.start))
    ]
    milestones = [
        MilestoneView(
            id=m.id,
            name=m.name,
            date=day(m.date),
            phase=str(m.phase) if m.phase is not None else "",
            done=m.done,
        )
        for m in sorted(t.milestones, key=lambda m: (m.date, natural_key(m.id)))
    ]
    return TimelineView(phases, milestones, gantt.chart(t))
