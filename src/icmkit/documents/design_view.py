"""Part 3 of the program document: the solution design outline, the data sources and the
reports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from icmkit.documents.addresses import natural_key
from icmkit.documents.formatting import day, number, words
from icmkit.documents.program_index import ProgramIndex
from icmkit.documents.view_blocks import Ref, Table, View


@dataclass(frozen=True, slots=True)
class EnvironmentView(View):
    name: str
    purpose: str


@dataclass(frozen=True, slots=True)
class DesignComponentView(View):
    id: str
    name: str
    description: str
    requirements: list[Ref]


@dataclass(frozen=True, slots=True)
class IntegrationView(View):
    id: str
    name: str
    source: str
    target: str
    method: str
    frequency: str
    notes: str


@dataclass(frozen=True, slots=True)
class DecisionView(View):
    id: str
    title: str
    decision: str
    rationale: str
    status: str
    date: str
    requirements: list[Ref]


@dataclass(frozen=True, slots=True)
class DesignView(View):
    overview: str
    environments: list[EnvironmentView]
    components: list[DesignComponentView]
    integrations: list[IntegrationView]
    decisions: list[DecisionView]


@dataclass(frozen=True, slots=True)
class ReportView(View):
    id: str
    name: str
    purpose: str
    audience: str
    frequency: str
    mandatory: bool
    sources: str
    owner: str
    layout: Table | None
    """Its columns and example rows."""


@dataclass(frozen=True, slots=True)
class DataSourceView(View):
    id: str
    name: str
    system: str
    objects: str
    method: str
    frequency: str
    owner: str
    notes: str


def design(index: ProgramIndex) -> DesignView | None:
    d = index.program.design
    if d is None:
        return None
    return DesignView(
        overview=d.overview or "",
        environments=[EnvironmentView(e.name, e.purpose) for e in d.environments],
        components=[
            DesignComponentView(c.id, c.name, c.description, index.refs("fr", c.requirements))
            for c in sorted(d.components, key=lambda c: natural_key(c.id))
        ],
        integrations=[
            IntegrationView(
                id=i.id,
                name=i.name,
                source=i.source,
                target=i.target,
                method=i.method,
                frequency=i.frequency,
                notes=i.notes or "",
            )
            for i in sorted(d.integrations, key=lambda i: natural_key(i.id))
        ],
        decisions=[
            DecisionView(
                id=x.id,
                title=x.title,
                decision=x.decision,
                rationale=x.rationale,
                status=x.status.value,
                date=day(x.date),
                requirements=index.refs("fr", x.requirements),
            )
            for x in sorted(d.decisions, key=lambda x: natural_key(x.id))
        ],
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


def reports(index: ProgramIndex) -> list[ReportView]:
    result = []
    for rep in sorted(index.program.reports, key=lambda r: natural_key(r.id)):
        layout = None
        if rep.layout is not None:
            layout = Table(
                list(rep.layout.columns), [[_cell(c) for c in row] for row in rep.layout.example]
            )
        result.append(
            ReportView(
                id=rep.id,
                name=rep.name,
                purpose=rep.purpose,
                audience=", ".join(rep.audience),
                frequency=rep.frequency,
                mandatory=rep.mandatory,
                sources=", ".join(rep.sources),
                owner=index.person(rep.owner),
                layout=layout,
            )
        )
    return result


def data_sources(index: ProgramIndex) -> list[DataSourceView]:
    return [
        DataSourceView(
            id=s.id,
            name=s.name,
            system=s.system,
            objects=", ".join(o.name for o in s.objects),
            method=words(s.method.value),
            frequency=words(s.frequency.value),
            owner=index.person(s.owner),
            notes=s.notes or "",
        )
        for s in sorted(index.program.data_sources, key=lambda s: natural_key(s.id))
    ]
