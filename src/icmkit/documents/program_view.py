"""The program document's view: the front matter (program, scope, team, plans), the table of
contents, and the six parts built by their own modules.

Everything a template needs is computed here (groupings, counts, traceability, chart
geometry, anchors), so templates only lay it out. Items are sorted by id, naturally.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from icmkit.documents.addresses import natural_key, plan_files
from icmkit.documents.approval_view import ApprovalView, Revision, approval
from icmkit.documents.conversion_view import ConversionView, conversion
from icmkit.documents.design_view import (
    DataSourceView,
    DesignView,
    ReportView,
    data_sources,
    design,
    reports,
)
from icmkit.documents.formatting import day, hours
from icmkit.documents.program_index import ProgramIndex
from icmkit.documents.requirements_view import (
    BusinessRequirementView,
    CategoryView,
    business_requirements,
    categories,
)
from icmkit.documents.testing_view import TestingView, stages_and_traceability
from icmkit.documents.timeline_view import TimelineView, timeline
from icmkit.documents.view_blocks import StatusCounts, TocEntry, TocLink, View
from icmkit.model.program_bundle import Program
from icmkit.model.requirements import Kind, Status

KIND_LABELS = {
    Kind.STANDARD: "Standard (out of the box)",
    Kind.UNIQUE: "Unique (specified)",
    Kind.ASSISTED: "Assisted (hours of help)",
}
PARTS = (
    ("part-1", "1. Business requirements"),
    ("part-2", "2. Functional requirements"),
    ("part-3", "3. Solution design outline"),
    ("part-4", "4. Test plans"),
    ("part-5", "5. Data conversion plan"),
    ("part-6", "6. Program timeline"),
)


@dataclass(frozen=True, slots=True)
class ProgramHeader(View):
    name: str
    customer: str
    platform: str
    currency: str
    start: str
    end: str
    """The program's end, or its last phase's end when ``program.yaml`` gives none."""


@dataclass(frozen=True, slots=True)
class TeamMemberView(View):
    id: str
    name: str
    role: str
    side: str
    email: str


@dataclass(frozen=True, slots=True)
class KindRow(View):
    """Requirements of one kind, counted by status."""

    kind: str
    label: str
    count: int
    statuses: list[int]


@dataclass(frozen=True, slots=True)
class BudgetView(View):
    id: str
    name: str
    kind: str
    hours: str
    used: str
    left: str
    phase: str


@dataclass(frozen=True, slots=True)
class ScopeView(View):
    statuses: list[str]
    rows: list[KindRow]
    total: StatusCounts
    business: int
    plans: int
    tests: int
    assisted_hours: str
    accepted_hours: str
    budgets: list[BudgetView]


@dataclass(frozen=True, slots=True)
class PlanLink(View):
    id: str
    name: str
    file: str
    """The plan document's file name, without extension."""


@dataclass(frozen=True, slots=True)
class ProgramView(View):
    """The names ``program.md.j2`` and ``program.html.j2`` see."""

    program: ProgramHeader
    rendered_at: str | None
    team: list[TeamMemberView]
    scope: ScopeView
    toc: list[TocEntry]
    parts: dict[str, str]
    """Part anchor -> title."""
    business: list[BusinessRequirementView]
    categories: list[CategoryView]
    design: DesignView | None
    data_sources: list[DataSourceView]
    reports: list[ReportView]
    testing: TestingView
    conversion: ConversionView | None
    timeline: TimelineView | None
    plans: list[PlanLink]
    approval: ApprovalView
    """The approval page: revision, sign-offs and what changed since each."""


def _header(program: Program) -> ProgramHeader:
    info = program.info
    if info is None:
        return ProgramHeader("Program", "", "", "USD", "", "")
    phases = program.timeline.phases if program.timeline is not None else []
    last_phase_end: dt.date | None = max((ph.end for ph in phases), default=None)
    return ProgramHeader(
        name=info.name or info.customer,
        customer=info.customer,
        platform=info.platform,
        currency=info.currency,
        start=day(info.start),
        end=day(info.end or last_phase_end),
    )


def _team(program: Program) -> list[TeamMemberView]:
    if program.info is None:
        return []
    return [
        TeamMemberView(m.id, m.name, m.role, m.side.value, m.email or "")
        for m in sorted(program.info.team, key=lambda m: (m.side.value, m.name, m.id))
    ]


def _scope(index: ProgramIndex) -> ScopeView:
    statuses = [s.value for s in Status]
    rows = []
    totals: Counter[str] = Counter()
    for kind in Kind:
        items = [r for r in index.requirements if r.kind is kind]
        counts = Counter(r.status.value for r in items)
        totals.update(counts)
        rows.append(
            KindRow(kind.value, KIND_LABELS[kind], len(items), [counts.get(s, 0) for s in statuses])
        )
    # planned as `status` and TML003 count them: deferred assisted requirements are not
    assisted = [
        r for r in index.requirements if r.kind is Kind.ASSISTED and r.status is not Status.DEFERRED
    ]
    assisted_hours = sum((r.hours or Decimal(0) for r in assisted), Decimal(0))
    accepted_hours = sum(
        (r.hours or Decimal(0) for r in assisted if r.status is Status.ACCEPTED), Decimal(0)
    )
    budgets = []
    if index.program.timeline is not None:
        for b in sorted(index.program.timeline.budgets, key=lambda b: natural_key(b.id)):
            budgets.append(
                BudgetView(
                    id=b.id,
                    name=b.name,
                    kind=b.kind.value,
                    hours=hours(b.hours),
                    used=hours(b.used),
                    left=hours(b.hours - b.used),
                    phase=str(b.phase) if b.phase is not None else "program",
                )
            )
    return ScopeView(
        statuses=statuses,
        rows=rows,
        total=StatusCounts(len(index.requirements), [totals.get(s, 0) for s in statuses]),
        business=len(index.business),
        plans=len(index.program.plans),
        tests=len(index.tests),
        assisted_hours=hours(assisted_hours),
        accepted_hours=hours(accepted_hours),
        budgets=budgets,
    )


def _toc(category_views: list[CategoryView], testing: TestingView) -> list[TocEntry]:
    """The six parts; under part 2 its categories, under part 4 its stages with test cases."""
    children = {
        "part-2": [TocLink(c.anchor, f"{c.number} {c.name}") for c in category_views],
        "part-4": [TocLink(s.anchor, s.name) for s in testing.stages if s.count]
        + [TocLink("traceability", "Traceability matrix")],
    }
    return [TocEntry(anchor, title, children.get(anchor, [])) for anchor, title in PARTS]


def program_view(
    program: Program, rendered_at: str | None = None, revision: Revision | None = None
) -> ProgramView:
    """Everything the program document shows (``revision``: what it is rendered from; None
    when the program is not in a git repository)."""
    index = ProgramIndex(program)
    category_views = categories(index)
    testing = stages_and_traceability(index)
    return ProgramView(
        program=_header(program),
        rendered_at=rendered_at,
        team=_team(program),
        scope=_scope(index),
        toc=_toc(category_views, testing),
        parts=dict(PARTS),
        business=business_requirements(index),
        categories=category_views,
        design=design(index),
        data_sources=data_sources(index),
        reports=reports(index),
        testing=testing,
        conversion=conversion(index),
        timeline=timeline(index),
        plans=[PlanLink(p.id, p.name, stem) for p, stem in plan_files(program)],
        approval=approval(program, revision),
    )
