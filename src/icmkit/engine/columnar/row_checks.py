"""Every problem of a transactions file, found by the engine and worded by the reference reader.

The engine finds the rows the reference refuses (``bad``), the rows that repeat a
participant's transaction, and the deals whose splits do not add up; the first
:data:`~icmkit.engine.csv_tables.MAX_SHOWN` of them are worded in Python by the very code of
``calc_inputs`` (a bad row is read again by its reader), so the messages are the reference's,
in the same order: the rows' problems by line, then the deals' in the order their second row
comes. Nothing is computed from a file with a problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from icmkit.engine.calc_inputs import Reader, deal_split_problem
from icmkit.engine.columnar.backend import ROW, Backend, column
from icmkit.engine.columnar.staging import Typed
from icmkit.engine.csv_tables import MAX_SHOWN, InputFileError
from icmkit.engine.errors import EngineError
from icmkit.model.plans import SplitKind

if TYPE_CHECKING:
    import ibis.expr.types as ir


@dataclass
class Deals:
    """The deals of several accepted rows (ids), to give default shares by row order."""

    table: ir.Table
    """``tid``, ``rows``, ``given``: deals on more than one row, with how many gave a split."""


def raw_values(row: dict[str, Any], width: int) -> list[str]:
    return [row[column(i)] or "" for i in range(width)]


def with_raw(typed: Typed, rows: ir.Table) -> ir.Table:
    """``rows`` (a few, with :data:`ROW`) with the file's cells as the engine read them."""
    read = typed.texts.read.table
    width = typed.texts.layout.width
    raw = read.select(*[read[column(i)] for i in range(width)], raw_row=read[ROW])
    return rows.join(raw, rows[ROW] == raw.raw_row).select(
        rows, *[raw[column(i)] for i in range(width)]
    )


def reader_of(typed: Typed) -> Reader:
    texts = typed.texts
    return Reader(texts.layout.at, texts.plan, texts.fmt)


def _bad_messages(backend: Backend, typed: Typed, path: Path) -> tuple[int, list[tuple[int, str]]]:
    table = typed.table
    bad = table.filter(table.bad)
    count = int(bad.count().to_pyarrow().as_py())
    if not count:
        return 0, []
    width = typed.texts.layout.width
    first = bad.order_by(ROW).limit(MAX_SHOWN).select(ROW)
    rows = with_raw(typed, first).order_by(ROW).to_pyarrow().to_pylist()
    lines = backend.lines(typed.texts.read, [r[ROW] for r in rows])
    reader = reader_of(typed)
    found: list[tuple[int, str]] = []
    for r in rows:
        line = lines[r[ROW]]
        try:
            reader.row(raw_values(r, width))
        except ValueError as error:
            found.append((line, f"{path}:{line}: {error}"))
            continue
        raise EngineError(
            f"internal error: {path}:{line} was refused by the {backend.name} stage but reads "
            "well in Python; please report it"
        )
    return count, found


def _several(accepted: ir.Table) -> ir.Table:
    """The accepted rows of deals on more than one row."""
    ids = accepted.group_by("tid").aggregate(rows=accepted.count()).filter(lambda t: t.rows > 1)
    return accepted.semi_join(ids, "tid")


def check_rows(backend: Backend, typed: Typed, path: Path) -> Deals:
    """Raise InputFileError listing every problem of the file; else the deals on several rows."""
    import ibis

    texts = typed.texts
    structural = backend.structural(texts.read, path)
    bad_count, bad = _bad_messages(backend, typed, path)
    table = typed.table
    accepted = table.filter(~table.bad)
    several = _several(accepted)
    ranked = backend.cache(
        several.mutate(seen=ibis.row_number().over(group_by=["tid", "who"], order_by=ROW))
    )
    duplicates = ranked.filter(ranked.seen > 0)
    dup_count = int(duplicates.count().to_pyarrow().as_py())
    dups: list[tuple[int, str]] = []
    if dup_count:
        first = duplicates.order_by(ROW).limit(MAX_SHOWN).select(ROW, "tid", "who")
        rows = first.to_pyarrow().to_pylist()
        lines = backend.lines(texts.read, [r[ROW] for r in rows])
        for r in rows:
            line = lines[r[ROW]]
            dups.append(
                (line, f"{path}:{line}: transaction {r['tid']} of {r['who']} appears twice")
            )
    kept = ranked.filter(ranked.seen == 0)
    deals = _deals(kept)
    deal_count, deal_problems = _deal_problems(backend, typed, kept, deals, path)
    rows_first = sorted([*structural, *bad, *dups], key=lambda item: item[0])
    shown = [message for _, message in rows_first][:MAX_SHOWN]
    if len(shown) < MAX_SHOWN:
        shown += deal_problems[: MAX_SHOWN - len(shown)]
    total = len(structural) + bad_count + dup_count + deal_count
    if total:
        raise InputFileError(shown, total)
    return Deals(deals)


def _deals(kept: ir.Table) -> ir.Table:
    """Each deal of several rows (duplicates left out): rows, splits given, their total, and
    where its second row is."""
    import ibis

    ordered = kept.mutate(place=ibis.row_number().over(group_by="tid", order_by=ROW))
    return (
        ordered.group_by("tid")
        .aggregate(
            rows=ordered.count(),
            given=ordered.split_given.cast("int64").sum(),
            total=ordered.split.sum(),
            second=ibis.ifelse(ordered.place == 1, ordered[ROW], None).max(),
        )
        .filter(lambda t: t.rows > 1)
    )


def _deal_problems(
    backend: Backend, typed: Typed, kept: ir.Table, deals: ir.Table, path: Path
) -> tuple[int, list[str]]:
    """How many deals' splits cannot be credited, and the first ones worded."""
    import ibis

    plan = typed.texts.plan
    splits = plan.crediting.splits
    defaults = splits.default_shares if splits is not None else []
    overlay = splits is not None and splits.kind is SplitKind.OVERLAY
    default_total = sum(defaults, Decimal(0))
    some = (deals.given > 0) & (deals.given < deals.rows)
    none_matching = (deals.given == 0) & (deals.rows != len(defaults))
    total = ibis.ifelse(
        deals.given == 0, ibis.literal(default_total).cast(deals.total.type()), deals.total
    )
    limit = splits.max_total if overlay and splits is not None else Decimal(1)
    over = total > ibis.literal(limit)
    wrong = deals.filter(some | none_matching | over)
    count = int(wrong.count().to_pyarrow().as_py())
    if not count:
        return 0, []
    first = wrong.order_by("second").limit(MAX_SHOWN).select("tid", "second")
    picked = [r["tid"] for r in first.to_pyarrow().to_pylist()]
    chosen = kept.filter(kept.tid.isin(picked)).select(ROW, "tid")
    rows = with_raw(typed, chosen).order_by(ROW).to_pyarrow().to_pylist()
    lines = backend.lines(typed.texts.read, [r[ROW] for r in rows])
    reader = reader_of(typed)
    by_deal: dict[str, list[tuple[int, bool, Decimal]]] = {}
    for r in rows:
        parsed, given = reader.row(raw_values(r, typed.texts.layout.width))
        by_deal.setdefault(r["tid"], []).append((lines[r[ROW]], given, parsed.split))
    found: list[str] = []
    for deal_id in picked:
        problem, _ = deal_split_problem(plan, path, deal_id, by_deal[deal_id])
        if problem is not None:
            found.append(problem)
    return count, found
