"""Crediting in the engine: measures and filters, splits, rollups, segments.

Every accepted row counts toward its measure when the measure's filter holds; its credit is
amount × share (the row's split, else the plan's default share by its place in the deal, else
1), in DECIMAL. A deal rolls up to the participant's managers on its credit date, joined from
the manager spells, as deep as the plan reaches, each credit carrying the seller's role on
that day. Each credit then falls in a segment: the run of days between two days some window
starts on (``segments``), the participant's own days where they have some.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from icmkit.engine.columnar.backend import ROW, Backend
from icmkit.engine.columnar.conditions import filter_of
from icmkit.engine.columnar.row_checks import Deals
from icmkit.engine.columnar.segments import days_table
from icmkit.engine.columnar.spells import FIRST_DAY, Spell
from icmkit.engine.columnar.staging import Typed
from icmkit.model.plans import Plan

if TYPE_CHECKING:
    import ibis.expr.types as ir


@dataclass
class Cuts:
    """Where segments start: the plan's days for everyone, and some participants' own days."""

    common: list[date]
    own: dict[str, list[date]]


def _scale(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent


def ranged(plan: Plan) -> bool:
    """Whether a measure's filter tests a range (which may stop the calculation)."""
    return any(
        c.at_least is not None or c.below is not None for m in plan.measures for c in m.filter
    )


def credited_rows(typed: Typed, deals: Deals) -> ir.Table:
    """Accepted rows with ``split`` (final), ``split_scale``, ``default_index`` and
    ``measure`` (the one credited, NULL when its filter leaves the row out) and ``stops``
    (the row reaches a range test without a number: the calculation stops)."""
    import ibis
    import ibis.expr.datatypes as dt

    plan = typed.texts.plan
    table = typed.table.filter(~typed.table.bad)
    splits = plan.crediting.splits
    defaults = list(splits.default_shares) if splits is not None else []
    share_type = dt.Decimal(typed.share_digits + typed.share_scale, typed.share_scale)
    if defaults:
        shared = deals.table.filter(
            (deals.table.given == 0) & (deals.table.rows == len(defaults))
        ).select(deal="tid")
        members = table.semi_join(shared, table.tid == shared.deal).select(ROW, "tid")
        ranked = members.select(
            place_row=members[ROW],
            place=ibis.row_number().over(group_by="tid", order_by=ROW),
        )
        table = table.left_join(ranked, table[ROW] == ranked.place_row).select(table, ranked.place)
        default_split = ibis.cases(
            *[(table.place == i, ibis.literal(d, type=share_type)) for i, d in enumerate(defaults)],
            else_=ibis.null(share_type),
        )
        default_scale = ibis.cases(
            *[(table.place == i, _scale(d)) for i, d in enumerate(defaults)], else_=0
        )
        place = table.place
    else:
        default_split = ibis.null(share_type)
        default_scale = ibis.literal(0)
        place = ibis.null("int64")
    given = table.split_given
    split = ibis.cases(
        (given, table.split),
        (default_split.notnull(), default_split),
        else_=ibis.literal(Decimal(1), type=share_type),
    )
    split_scale = ibis.cases((given, table.split_scale), else_=default_scale)
    table = table.mutate(
        final_split=split,
        final_scale=split_scale,
        default_index=ibis.ifelse(given | default_split.isnull(), None, place),
    )
    declared = typed.texts.fmt.declared
    measure: ir.StringValue = table.measure_id
    stops: ir.BooleanValue = ibis.literal(False)
    filtered = [m for m in plan.measures if m.filter]
    if filtered:
        choices = []
        stop_choices = []
        for m in filtered:
            holds, fails = filter_of(m.filter, table, table.final_split, declared)
            choices.append((table.measure_id == m.id, ibis.ifelse(holds, m.id, None)))
            stop_choices.append((table.measure_id == m.id, fails))
        measure = ibis.cases(*choices, else_=table.measure_id)
        stops = ibis.cases(*stop_choices, else_=False)
    return table.mutate(measure=measure, stops=stops)


def credits_of(
    backend: Backend,
    rows: ir.Table,
    typed: Typed,
    levels: int,
    managers: Sequence[Spell],
    roles: Sequence[Spell],
) -> ir.Table:
    """One credit per (row, owner): the seller's at depth 0 and each manager's above."""
    import ibis
    import ibis.expr.datatypes as dt

    amount_scale, share_scale = typed.amount_scale, typed.share_scale
    credit_type = dt.Decimal(
        min(38, 15 + amount_scale + typed.share_digits + share_scale), amount_scale + share_scale
    )
    # Both factors get one precision, so that Ibis sees one of them as the wider type; the
    # engine multiplies exactly (the scales add up) and the product is cast to its own type.
    # At least 19 digits: DuckDB multiplies two DECIMAL(18) or narrower in 64 bits, which
    # overflows on a 15-digit amount with cents times a split (99999999999999999 * 50).
    width = min(38, max(19, 15 + amount_scale, typed.share_digits + share_scale))
    rows = rows.filter(rows.measure.notnull())
    amount = rows.amount.cast(dt.Decimal(width, amount_scale))
    split = rows.final_split.cast(dt.Decimal(width, share_scale))
    base = rows.select(
        ROW,
        "tid",
        "measure",
        "day",
        "default_index",
        seller="who",
        owner="who",
        credit=(amount * split).cast(credit_type),
        scale=rows.amount_scale + rows.final_scale,
        cancelled=rows.cancelled.notnull(),
    )
    if levels <= 0:
        return base.mutate(depth=ibis.literal(0), seller_role=ibis.null("string"))
    role_table = _spells_table(backend, roles, "role")
    with_role = base.left_join(
        role_table,
        [
            base.seller == role_table.who,
            base.day >= role_table.start,
            base.day < role_table.end,
        ],
    ).select(base, seller_role=role_table.role)
    manager_table = _spells_table(backend, managers, "manager")
    layers = [with_role.mutate(depth=ibis.literal(0))]
    current = with_role.mutate(m0=with_role.seller)
    for depth in range(1, levels + 1):
        spells = manager_table.view()
        up = current.join(
            spells,
            [
                current.owner == spells.who,
                current.day >= spells.start,
                current.day < spells.end,
            ],
        ).select(current, next_owner=spells.manager)
        seen = [up[f"m{k}"] for k in range(depth)]
        up = up.filter(~up.next_owner.isin(seen))
        up = up.mutate(owner=up.next_owner, **{f"m{depth}": up.next_owner}).drop("next_owner")
        layers.append(up.select(*base.columns, "seller_role").mutate(depth=ibis.literal(depth)))
        current = up
    return ibis.union(*layers)


def _spells_table(backend: Backend, spells: Sequence[Spell], what: str) -> ir.Table:
    return backend.small_table(
        {
            "who": [s[0] for s in spells],
            "start": [s[1] for s in spells],
            "end": [s[2] for s in spells],
            what: [s[3] for s in spells],
        },
        {"who": "string", "start": "date", "end": "date", what: "string"},
    )


def segmented(backend: Backend, credits: ir.Table, cuts: Cuts) -> ir.Table:
    """Each credit with ``segment``: the first day of the run of days it is summed in."""
    import ibis

    common = cuts.common
    days, starts = days_table(common)
    table = backend.small_table(
        {"seg_day": days, "seg_start": starts}, {"seg_day": "date", "seg_start": "date"}
    )
    joined = credits.left_join(table, credits.day == table.seg_day).select(
        credits, common_start=table.seg_start
    )
    if cuts.own:
        owners, own_days, own_starts = [], [], []
        for owner, own in cuts.own.items():
            merged = sorted(set(common) | set(own))
            for day, segment in zip(*days_table(merged), strict=True):
                owners.append(owner)
                own_days.append(day)
                own_starts.append(segment)
        own_table = backend.small_table(
            {"own_owner": owners, "own_day": own_days, "own_start": own_starts},
            {"own_owner": "string", "own_day": "date", "own_start": "date"},
        )
        joined = joined.left_join(
            own_table,
            [joined.owner == own_table.own_owner, joined.day == own_table.own_day],
        ).select(joined, own_table.own_start)
    outside = ibis.ifelse(
        joined.day < ibis.literal(common[0]), ibis.literal(FIRST_DAY), ibis.literal(common[-1])
    )
    found = [joined.common_start, outside]
    if cuts.own:
        found.insert(0, joined.own_start)
    return joined.mutate(segment=ibis.coalesce(*found))
