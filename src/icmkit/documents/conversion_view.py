"""Part 5 of the program document: the data conversion plan (mappings, history, opening
balances, control totals, cutover and rollback)."""

from __future__ import annotations

from dataclasses import dataclass

from icmkit.documents.addresses import natural_key
from icmkit.documents.formatting import day, number
from icmkit.documents.program_index import ProgramIndex
from icmkit.documents.view_blocks import View


@dataclass(frozen=True, slots=True)
class HistoryView(View):
    """The span of history converted: ``from_`` up to and including ``to``."""

    from_: str
    to: str
    description: str


@dataclass(frozen=True, slots=True)
class FieldMapView(View):
    source: str
    target: str
    transform: str


@dataclass(frozen=True, slots=True)
class MappingView(View):
    id: str
    anchor: str
    source: str
    object: str
    target: str
    keys: str
    fields: list[FieldMapView]
    notes: str


@dataclass(frozen=True, slots=True)
class OpeningBalanceView(View):
    id: str
    name: str
    as_of: str
    source: str
    description: str


@dataclass(frozen=True, slots=True)
class ControlTotalView(View):
    id: str
    name: str
    mapping: str
    measure: str
    expected: str
    tolerance: str


@dataclass(frozen=True, slots=True)
class CutoverView(View):
    date: str
    steps: list[str]
    go_no_go: list[str]
    rollback: list[str]


@dataclass(frozen=True, slots=True)
class ConversionView(View):
    owner: str
    history: HistoryView | None
    mappings: list[MappingView]
    opening_balances: list[OpeningBalanceView]
    control_totals: list[ControlTotalView]
    cutover: CutoverView


def conversion(index: ProgramIndex) -> ConversionView | None:
    c = index.program.conversion
    if c is None:
        return None
    history = None
    if c.history is not None:
        history = HistoryView(day(c.history.from_), day(c.history.to), c.history.description or "")
    return ConversionView(
        owner=index.person(c.owner),
        history=history,
        mappings=[
            MappingView(
                id=m.id,
                anchor=index.anchors("map", m.id),
                source=m.source,
                object=m.object,
                target=m.target,
                keys=", ".join(m.keys),
                fields=[FieldMapView(f.source, f.target, f.transform or "") for f in m.fields],
                notes=m.notes or "",
            )
            for m in sorted(c.mappings, key=lambda m: natural_key(m.id))
        ],
        opening_balances=[
            OpeningBalanceView(
                id=o.id,
                name=o.name,
                as_of=day(o.as_of),
                source=o.source or "",
                description=o.description or "",
            )
            for o in sorted(c.opening_balances, key=lambda o: natural_key(o.id))
        ],
        control_totals=[
            ControlTotalView(
                id=t.id,
                name=t.name,
                mapping=t.mapping or "",
                measure=t.measure,
                expected=number(t.expected),
                tolerance=number(t.tolerance),
            )
            for t in sorted(c.control_totals, key=lambda t: natural_key(t.id))
        ],
        cutover=CutoverView(
            date=day(c.cutover.date),
            steps=list(c.cutover.steps),
            go_no_go=list(c.cutover.go_no_go),
            rollback=list(c.cutover.rollback),
        ),
    )
