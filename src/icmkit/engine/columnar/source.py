"""The columnar stage as the plan math sees it: a transactions file read, checked and credited
in an engine, handed over participant by participant (``credited_input.CreditedInput``).

:func:`open_columnar` reads and checks the file at once (bad rows raise InputFileError, so
nothing is computed from a half-read file); the crediting runs when the plan math asks for a
plan's credits, and the results stream out of the engine ordered by participant: each
participant's sums, rows, lead-ins and team are gathered, handed over, and dropped before the
next participant's are read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from icmkit.engine.calendar import Calendar
from icmkit.engine.columnar.backend import (
    ROW,
    Backend,
    csv_columns,
    is_parquet,
)
from icmkit.engine.columnar.crediting_query import (
    Cuts,
    credited_rows,
    credits_of,
    ranged,
    segmented,
)
from icmkit.engine.columnar.layout import layout_of
from icmkit.engine.columnar.owner_streams import fetched, merged, streamed
from icmkit.engine.columnar.row_checks import (
    Deals,
    check_rows,
    raw_values,
    reader_of,
    with_raw,
)
from icmkit.engine.columnar.seat_credits import SegmentedCredits, Sums
from icmkit.engine.columnar.segments import boundaries, own_days
from icmkit.engine.columnar.spells import manager_spells, role_spells
from icmkit.engine.columnar.staging import Typed, texts_of, typed_of
from icmkit.engine.credited_input import CreditList, SeatCredits
from icmkit.engine.crediting import Credit, levels_needed
from icmkit.engine.deal_needs import PRICED_KINDS, measures_read_deal_by_deal
from icmkit.engine.errors import EngineError
from icmkit.engine.hierarchy import Hierarchy
from icmkit.engine.periods import Window
from icmkit.engine.targets import Person
from icmkit.model.number_text import NumberFormat
from icmkit.model.plans import OverrideComponent, Plan
from icmkit.model.testing import Receipt

if TYPE_CHECKING:
    import ibis.expr.types as ir

Progress = Callable[[str, int, int | None], None]
"""Told what the stage is doing: a step, how far, out of how many (None: unknown)."""


def _quiet(step: str, done: int, total: int | None) -> None:
    del step, done, total


@dataclass
class ColumnarTransactions:
    """A transactions file read and checked by an engine, for one plan."""

    backend: Backend
    path: Path
    typed: Typed
    deals: Deals
    progress: Progress = _quiet
    receipts: Mapping[str, Sequence[Receipt]] = field(default_factory=dict)
    _participants: set[str] | None = None

    @property
    def plan(self) -> Plan:
        return self.typed.texts.plan

    def with_receipts(self, receipts: Mapping[str, Sequence[Receipt]]) -> None:
        self.receipts = receipts

    def span(self) -> tuple[date, date] | None:
        table = self.typed.table
        good = table.filter(~table.bad)
        found = good.aggregate(first=good.day.min(), last=good.day.max()).to_pyarrow()
        first, last = found.column("first")[0].as_py(), found.column("last")[0].as_py()
        if first is None or last is None:
            return None
        return first, last

    def participants(self) -> set[str]:
        if self._participants is None:
            table = self.typed.table
            found = table.filter(~table.bad).select("who").distinct()
            self._participants = {r["who"] for r in found.to_pyarrow().to_pylist()}
        return self._participants

    def credited_input(
        self,
        hierarchy: Hierarchy,
        people: Sequence[Person],
        window: Window,
        calendar: Calendar,
        as_of: date | None,
        explain: bool,
    ) -> ColumnarCredits:
        return ColumnarCredits(self, hierarchy, list(people), window, calendar, as_of, explain)


def open_columnar(
    backend: Backend,
    path: Path,
    plan: Plan,
    fmt: NumberFormat,
    only_known: bool = False,
    progress: Progress = _quiet,
) -> ColumnarTransactions:
    """Read and check the transactions file; InputFileError lists its problems."""
    progress("reading and checking the transactions", 0, None)
    if not is_parquet(path):
        layout_of(csv_columns(path), plan, path)  # csv_columns refuses a folder, pipe or device
    read = backend.read(path)
    layout = layout_of(read.columns, plan, path)
    texts = texts_of(backend, read, layout, plan, fmt, only_known)
    splits = plan.crediting.splits
    typed = typed_of(backend, texts, list(splits.default_shares) if splits is not None else [])
    deals = check_rows(backend, typed, path)
    return ColumnarTransactions(backend, path, typed, deals, progress)


@dataclass
class ColumnarCredits:
    """The credits of one file's plan, computed in the engine when asked for."""

    source: ColumnarTransactions
    hierarchy: Hierarchy
    people: list[Person]
    window: Window
    calendar: Calendar
    as_of: date | None
    explain: bool

    def credited(self, plan: Plan) -> Iterator[tuple[str, SeatCredits]]:
        source = self.source
        typed = source.typed
        rows = credited_rows(typed, source.deals)
        if ranged(plan):
            self._stop_at_filter(rows)
        levels = levels_needed(plan)
        managers = manager_spells(self.hierarchy) if levels else []
        roles = role_spells(self.hierarchy) if levels else []
        credits = credits_of(source.backend, rows, typed, levels, managers, roles)
        common = boundaries(plan, self.window, self.calendar, self.as_of)
        own: dict[str, list[date]] = {}
        for person in self.people:
            inside = [d for d in own_days([person]) if common[0] < d < common[-1]]
            extra = sorted(set(inside) - set(common))
            if extra:
                own[person.id] = sorted(set(own.get(person.id, [])) | set(extra))
        segments = source.backend.cache(segmented(source.backend, credits, Cuts(common, own)))
        by_deal = measures_read_deal_by_deal(plan, self.explain)
        one_by_one = segments.cancelled | segments.measure.isin(list(by_deal) or [""])
        summed = segments.filter(~one_by_one)
        shipped = segments.filter(one_by_one)
        streams: list[Iterator[tuple[str, list[dict[str, Any]]]]] = [fetched(_sums(summed))]
        whole = {
            c.measure
            for c in plan.components
            if isinstance(c, PRICED_KINDS) and c.measure not in by_deal
        }
        if plan.clawback is not None and whole:
            streams.append(fetched(_lead_ins(summed, shipped, whole)))
        else:
            streams.append(iter(()))
        if any(isinstance(c, OverrideComponent) for c in plan.components):
            streams.append(fetched(_team(segments)))
        else:
            streams.append(iter(()))
        streams.append(streamed(_rows(shipped, typed)))
        reader = reader_of(typed)
        defaults = list(plan.crediting.splits.default_shares) if plan.crediting.splits else []
        total = len(source.participants())
        for done, (owner, (sums, lead_ins, team, shipped_rows)) in enumerate(
            merged(streams), start=1
        ):
            credit_rows = [
                self._credit(reader, defaults, typed, row, owner) for row in shipped_rows
            ]
            credit_rows.sort(key=lambda c: (c.transaction.date, c.order))
            found = SegmentedCredits(
                _sums_of(sums),
                CreditList.of(credit_rows),
                by_deal,
                _lead_in_of(lead_ins),
                {r[ROW]: r["segment"] for r in shipped_rows if r["cancelled"]},
                [(t["seller"], t["depth"], t["seller_role"]) for t in team],
            )
            source.progress("computing participants", done, total)
            yield owner, found

    def _stop_at_filter(self, rows: ir.Table) -> None:
        """A filter's range test on a row without a number stops the calculation, as in
        Python: the first such row is read again there to say why."""
        from icmkit.engine.crediting import credits as python_credits

        stopping = rows.filter(rows.stops).order_by(ROW).limit(1).select(ROW)
        width = self.source.typed.texts.layout.width
        found = with_raw(self.source.typed, stopping).to_pyarrow().to_pylist()
        if not found:
            return
        reader = reader_of(self.source.typed)
        row, _ = reader.row(raw_values(found[0], width))
        python_credits(self.source.plan, [row], "")
        raise EngineError(
            f"internal error: a filter stopped the {self.source.backend.name} stage on a row "
            "Python credits; please report it"
        )

    def _credit(
        self,
        reader: Any,
        defaults: list[Decimal],
        typed: Typed,
        found: dict[str, Any],
        owner: str,
    ) -> Credit:
        values = raw_values(found, typed.texts.layout.width)
        row, given = reader.row(values)
        index = found["default_index"]
        if not given and index is not None:
            row.split = defaults[index]
        receipts = self.source.receipts.get(row.id)
        if receipts:
            row.receipts = receipts
        return Credit(
            row,
            found[ROW],
            found["measure"],
            owner,
            row.amount * row.split,
            found["depth"],
            found["seller_role"],
        )


def _exact(value: Decimal, scale: int) -> Decimal:
    """An engine's DECIMAL with the exponent Python's sum of the same credits has."""
    return value.quantize(Decimal(1).scaleb(-max(0, scale)))


def _sums(summed: ir.Table) -> ir.Table:
    grouped = summed.group_by(["owner", "measure", "depth", "seller_role", "segment"]).aggregate(
        total=summed.credit.sum(),
        scale=summed.scale.max(),
        first=summed.day.min(),
        last=summed.day.max(),
    )
    return grouped.order_by(["owner", "first"])


def _sums_of(rows: list[dict[str, Any]]) -> dict[tuple[str, int, str | None], Sums]:
    found: dict[tuple[str, int, str | None], Sums] = {}
    for r in rows:
        total = r["total"]
        if total is None:
            raise EngineError("the credit added up is too large to compute exactly")
        key = (r["measure"], r["depth"], r["seller_role"])
        found.setdefault(key, Sums()).add(r["first"], r["last"], _exact(total, r["scale"]))
    return found


def _rows(shipped: ir.Table, typed: Typed) -> ir.Table:
    picked = shipped.select(
        "owner",
        ROW,
        "measure",
        "depth",
        "seller_role",
        "segment",
        "cancelled",
        "default_index",
        "day",
    )
    return with_raw(typed, picked).order_by(["owner", "day", ROW])


def _lead_ins(summed: ir.Table, shipped: ir.Table, whole: set[str]) -> ir.Table:
    """For each cancelled deal's credit of a measure priced as a whole: the summed credit of
    its segment before it, by depth and seller's role (a running sum over the segment's
    credits, with the cancelled credits put in as markers of no credit)."""
    import ibis

    keys = ["owner", "measure", "segment"]
    cancelled = shipped.filter(shipped.cancelled & shipped.measure.isin(list(whole))).select(
        *keys, "day", ROW
    )
    places = cancelled.select(*keys).distinct()
    relevant = summed.semi_join(places, keys)
    classes = relevant.select(*keys, "depth", "seller_role").distinct()
    markers = cancelled.join(classes, keys).select(
        *keys,
        "depth",
        "seller_role",
        "day",
        ROW,
        credit=ibis.literal(0).cast(summed.credit.type()),
        scale=ibis.literal(0),
        marker=ibis.literal(True),
    )
    credits = relevant.select(
        *keys,
        "depth",
        "seller_role",
        "day",
        ROW,
        "credit",
        scale=relevant.scale.cast("int64"),
        marker=ibis.literal(False),
    )
    both = ibis.union(credits, markers.mutate(scale=markers.scale.cast("int64")))
    window = ibis.window(
        group_by=[*keys, "depth", "seller_role"], order_by=["day", ROW], rows=(None, 0)
    )
    running = both.mutate(total=both.credit.sum().over(window), top=both.scale.max().over(window))
    found = running.filter(running.marker).select(
        "owner", "depth", "seller_role", "total", c_row=running[ROW], scale=running.top
    )
    return found.order_by("owner")


def _lead_in_of(rows: list[dict[str, Any]]) -> dict[int, dict[tuple[int, str | None], Decimal]]:
    found: dict[int, dict[tuple[int, str | None], Decimal]] = {}
    for r in rows:
        found.setdefault(r["c_row"], {})[(r["depth"], r["seller_role"])] = _exact(
            r["total"], r["scale"]
        )
    return found


def _team(segments: ir.Table) -> ir.Table:
    team = segments.select("owner", "seller", "depth", "seller_role").distinct()
    return team.order_by("owner")
