"""Results streamed out of an engine participant by participant, several streams side by side.

Each stream is a query ordered by ``owner``; its rows are read in batches and grouped by
participant, and the streams are merged so that one participant's rows of every stream come
together. One stream (the rows handed over one by one, which may be many) is read while it is
used, one participant's rows at a time; the others (sums) are small and read whole first, since
an engine's connection serves one result at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from icmkit.engine.errors import EngineError

if TYPE_CHECKING:
    import ibis.expr.types as ir

BATCH = 65_536

Group = tuple[str, list[dict[str, Any]]]


def fetched(table: ir.Table) -> Iterator[Group]:
    """The rows of ``table`` (ordered by ``owner``), read whole first (a small result: the
    engine's connection is free again for the one result that is streamed)."""
    return by_owner(table.to_pyarrow().to_batches(max_chunksize=BATCH))


def streamed(table: ir.Table) -> Iterator[Group]:
    """The rows of ``table`` (ordered by ``owner``), read batch by batch while they are
    used: only one such result may be open on a connection at a time."""
    return by_owner(table.to_pyarrow_batches(chunk_size=BATCH))


def by_owner(batches: Iterable[Any]) -> Iterator[Group]:
    """The rows of record ``batches`` (ordered by ``owner``) grouped by owner."""
    current: str | None = None
    rows: list[dict[str, Any]] = []
    for batch in batches:
        for row in batch.to_pylist():
            owner = row["owner"]
            if owner != current:
                if current is not None:
                    if owner < current:
                        raise EngineError(
                            "internal error: the engine did not order the participants as "
                            "Python does; please report it"
                        )
                    yield current, rows
                current, rows = owner, []
            rows.append(row)
    if current is not None:
        yield current, rows


def merged(streams: Sequence[Iterator[Group]]) -> Iterator[tuple[str, list[list[dict[str, Any]]]]]:
    """Each owner with its rows from every stream (an empty list where a stream has none)."""
    heads: list[Group | None] = [next(stream, None) for stream in streams]
    while True:
        owners = [head[0] for head in heads if head is not None]
        if not owners:
            return
        owner = min(owners)
        found: list[list[dict[str, Any]]] = []
        for index, head in enumerate(heads):
            if head is not None and head[0] == owner:
                found.append(head[1])
                heads[index] = next(streams[index], None)
            else:
                found.append([])
        yield owner, found
