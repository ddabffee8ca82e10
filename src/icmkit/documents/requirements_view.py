"""Parts 1 and 2 of the program document: business requirements, and functional requirements
grouped by category (standard ones as a checklist, unique ones in full, assisted as hours)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from icmkit.documents.addresses import natural_key
from icmkit.documents.formatting import day, hours
from icmkit.documents.program_index import ProgramIndex
from icmkit.documents.view_blocks import PlanRef, Ref, View
from icmkit.model.requirements import FunctionalRequirement, Kind, Status


@dataclass(frozen=True, slots=True)
class BusinessRequirementView(View):
    id: str
    anchor: str
    title: str
    why: str
    measure: str
    baseline: str
    target: str
    by: str
    sponsor: str
    priority: str
    requirements: list[Ref]
    """The functional requirements that link to it."""


@dataclass(frozen=True, slots=True)
class UserStoryView(View):
    as_a: str
    i_want: str
    so_that: str


@dataclass(frozen=True, slots=True)
class LinkGroup(View):
    """Links to items in this document under one label (``Business requirements: …``)."""

    label: str
    refs: list[Ref]


@dataclass(frozen=True, slots=True)
class IdGroup(View):
    """Ids of things outside the documents under one label (``Reports: …``)."""

    label: str
    ids: list[str]


@dataclass(frozen=True, slots=True)
class RequirementView(View):
    id: str
    anchor: str
    title: str
    kind: str
    priority: str
    phase: int
    status: str
    done: bool
    """Accepted."""
    owner: str
    hours: str
    spec: str
    user_stories: list[UserStoryView]
    acceptance_criteria: list[str]
    links: list[LinkGroup]
    plans: list[PlanRef]
    other_links: list[IdGroup]
    notes: str
    tests: list[Ref]


@dataclass(frozen=True, slots=True)
class CategoryView(View):
    id: str
    number: str
    """``2.1``, ``2.2``…: its section number in part 2."""
    anchor: str
    name: str
    essential: bool
    count: int
    accepted: int
    standard: list[RequirementView]
    unique: list[RequirementView]
    assisted: list[RequirementView]
    assisted_hours: str


def business_requirements(index: ProgramIndex) -> list[BusinessRequirementView]:
    linked: dict[str, list[str]] = {}
    for r in index.requirements:
        for ref in dict.fromkeys(r.links.business):
            linked.setdefault(ref, []).append(r.id)
    return [
        BusinessRequirementView(
            id=b.id,
            anchor=index.anchors("br", b.id),
            title=b.title,
            why=b.why,
            measure=b.outcome.measure,
            baseline=b.outcome.baseline or "",
            target=b.outcome.target,
            by=day(b.outcome.by),
            sponsor=index.person(b.sponsor),
            priority=b.priority.value,
            requirements=index.refs("fr", linked.get(b.id, [])),
        )
        for b in index.business
    ]


def requirement(index: ProgramIndex, r: FunctionalRequirement) -> RequirementView:
    links = [
        LinkGroup(label, index.refs(kind, refs))
        for label, kind, refs in (
            ("Business requirements", "br", r.links.business),
            ("Requirements", "fr", r.links.requirements),
        )
        if refs
    ]
    others = [
        IdGroup(label, list(refs))
        for label, refs in (("Reports", r.links.reports), ("Data sources", r.links.data_sources))
        if refs
    ]
    return RequirementView(
        id=r.id,
        anchor=index.anchors("fr", r.id),
        title=r.title,
        kind=r.kind.value,
        priority=r.priority.value,
        phase=r.phase,
        status=r.status.value,
        done=r.status is Status.ACCEPTED,
        owner=index.person(r.owner),
        hours=hours(r.hours),
        spec=r.spec or "",
        user_stories=[UserStoryView(s.as_a, s.i_want, s.so_that) for s in r.user_stories],
        acceptance_criteria=list(r.acceptance_criteria),
        links=links,
        plans=[index.plan_ref(i) for i in r.links.plans],
        other_links=others,
        notes=r.notes or "",
        tests=[index.ref("tc", t.id) for t in index.tests_of.get(r.id, [])],
    )


def categories(index: ProgramIndex) -> list[CategoryView]:
    """The program's categories in its own order, then unknown ones, then missing essential
    ones (shown empty, so the gap is visible)."""
    program = index.program
    names = program.category_names()
    essential = program.essential_categories()
    grouped: dict[str, list[FunctionalRequirement]] = {}
    for r in index.requirements:
        grouped.setdefault(r.category, []).append(r)
    order = [c for c in names if c in grouped or c in essential]
    order += sorted((c for c in grouped if c not in names), key=natural_key)
    order += [c for c in essential if c not in order]
    result = []
    for number, cat in enumerate(order, start=1):
        members = grouped.get(cat, [])
        items = [requirement(index, r) for r in members]
        total_hours = sum(
            (r.hours or Decimal(0) for r in members if r.kind is Kind.ASSISTED), Decimal(0)
        )
        result.append(
            CategoryView(
                id=cat,
                number=f"2.{number}",
                anchor=index.anchors("cat", cat),
                name=names.get(cat, cat),
                essential=cat in essential,
                count=len(items),
                accepted=sum(1 for i in items if i.done),
                standard=[i for i in items if i.kind == Kind.STANDARD.value],
                unique=[i for i in items if i.kind == Kind.UNIQUE.value],
                assisted=[i for i in items if i.kind == Kind.ASSISTED.value],
                assisted_hours=hours(total_hours),
            )
        )
    return result
