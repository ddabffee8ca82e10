"""A transactions file in the engine: every cell stripped as Python strips it, then typed.

The texts are kept once (cached in the engine: DuckDB spills what does not fit in memory);
the typed view reads numbers as DECIMAL of just the scale the data needs and days as DATE,
converting plain texts itself and looking the others up (``lookups``). ``bad`` marks a row
the reference reader refuses; ``foreign`` a row naming another plan's measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from icmkit.engine.columnar.backend import ROW, Backend, Read, column
from icmkit.engine.columnar.layout import Layout
from icmkit.engine.columnar.lookups import (
    DAY_KIND,
    TERM_KIND,
    YAML_KIND,
    Kind,
    Lookups,
    amount_kind,
    attribute_kind,
    share_kind,
)
from icmkit.engine.crediting import BUILT_IN_FIELDS
from icmkit.engine.errors import EngineError
from icmkit.model.base import EARLIEST_DAY, LATEST_DAY
from icmkit.model.number_text import NumberFormat
from icmkit.model.plans import Condition, Plan

if TYPE_CHECKING:
    import ibis.expr.types as ir

MAX_DIGITS = 37
"""Digits a credit (amount × share) may have in all: the engines' DECIMAL holds 38, and Spark
needs one more for a product."""
AMOUNT_DIGITS = 15
"""Digits before the point of an amount (amounts are below 10^15)."""
TEXT_FIELDS = ("id", "participant", "measure", "date", "cancelled_on")
"""Built-in fields a condition reads as text."""


def tested_fields(plan: Plan) -> list[str]:
    """The fields the measures' filters test, in order of first use."""
    found = [c.field for m in plan.measures for c in m.filter]
    return list(dict.fromkeys(found))


@dataclass
class Texts:
    """The stripped texts of a file, cached in the engine."""

    table: ir.Table
    read: Read
    layout: Layout
    plan: Plan
    fmt: NumberFormat
    only_known: bool


def _text(backend: Backend, read: Read, index: int | None) -> ir.StringValue:
    import ibis

    if index is None:
        return ibis.literal("")
    value = read.table[column(index)]
    return backend.strip(value.fill_null(""))


def texts_of(
    backend: Backend, read: Read, layout: Layout, plan: Plan, fmt: NumberFormat, only_known: bool
) -> Texts:
    """The file's rows with the texts the checks and crediting read, stripped, cached."""
    import ibis

    table = read.table
    first = plan.measures[0]
    named = {
        "who": "participant",
        "tid": "id",
        "day_text": "date",
        "measure_text": "measure",
        "split_text": "split",
        "term_text": "term_months",
        "cancelled_text": "cancelled_on",
    }
    fields = {m.id: m.field for m in plan.measures}
    stripped: dict[str, ir.Value] = {
        key: _text(backend, read, layout.index(name)) for key, name in named.items()
    }
    for name in dict.fromkeys(fields.values()):
        stripped[f"f_{name}"] = _text(backend, read, layout.index(name))
    tested = [n for n in tested_fields(plan) if n not in BUILT_IN_FIELDS]
    attributes = dict(layout.extra)  # a column a measure reads is not an attribute, as in Python
    for name in tested:
        index = attributes.get(name)
        if index is None:
            stripped[f"a_{name}"] = ibis.null("string")
        else:
            raw = table[column(index)]
            present = raw.notnull() & (raw != "")
            stripped[f"a_{name}"] = ibis.ifelse(present, _text(backend, read, index), None)
    # Strip every cell once, then work on the stripped texts.
    once = table.select(table[ROW], **stripped)
    known = [m.id for m in plan.measures]
    measure_id = ibis.ifelse(once.measure_text == "", first.id, once.measure_text)
    amount_text = ibis.cases(
        *[(measure_id == mid, once[f"f_{name}"]) for mid, name in fields.items()],
        else_=ibis.literal(""),
    )
    field_missing = ibis.cases(
        *[(measure_id == mid, layout.index(name) is None) for mid, name in fields.items()],
        else_=False,
    )
    staged = once.select(
        once[ROW],
        *[once[key] for key in named],
        *[once[f"a_{name}"] for name in tested],
        measure_id=measure_id,
        amount_text=amount_text,
        field_missing=field_missing,
        foreign=(once.measure_text != "") & ~once.measure_text.isin(known),
    )
    if only_known:
        staged = staged.filter(~staged.foreign)
    return Texts(staged, read, layout, plan, fmt, only_known)


@dataclass
class Typed:
    """The typed view of the texts, with ``bad`` for rows the reference reader refuses."""

    table: ir.Table
    texts: Texts
    amount_scale: int
    share_scale: int
    share_digits: int


def _unusual(table: ir.Table, wanted: list[tuple[Kind, ir.StringValue]]) -> dict[str, list[str]]:
    """The distinct texts of each expression that its kind does not read itself, by kind (one
    query: the file is read once for them all)."""
    import ibis

    parts = []
    for kind, expression in wanted:
        picked = table.select(kind=ibis.literal(kind.name), text=expression)
        parts.append(picked.filter((picked.text != "") & ~kind.is_plain(picked.text)))
    union = ibis.union(*parts, distinct=True) if len(parts) > 1 else parts[0].distinct()
    found: dict[str, list[str]] = {}
    for row in union.to_pyarrow().to_pylist():
        found.setdefault(str(row["kind"]), []).append(str(row["text"]))
    return found


def needs_number(condition: Condition) -> bool:
    """Whether a condition reads its value as a number (a range, or a number to equal)."""
    items = [condition.equals, *(condition.in_ or [])]
    return (
        condition.at_least is not None
        or condition.below is not None
        or any(isinstance(item, Decimal) for item in items)
    )


def _fraction_length(text: ir.StringValue, comma: bool) -> ir.IntegerValue:
    point = text.find("," if comma else ".")
    return (point >= 0).ifelse(text.length() - point - 1, 0)


def _whole_length(text: ir.StringValue, comma: bool) -> ir.IntegerValue:
    unsigned = text.replace("-", "")
    point = unsigned.find("," if comma else ".")
    return (point >= 0).ifelse(point, unsigned.length())


@dataclass(frozen=True)
class _Source:
    """A text column read by a kind: its lookup's columns are ``<key>_value``, ``<key>_scale``."""

    key: str
    column: str
    kind: Kind


def _joined(table: ir.Table, sources: list[_Source], lookups: Lookups) -> ir.Table:
    """``table`` with each source's lookup joined on its text."""
    view = table
    for source in sources:
        lookup = lookups.table(source.kind)
        if lookup is None:
            continue
        found = lookup.select(
            **{
                f"{source.key}_key": lookup.text,
                f"{source.key}_value": lookup.value,
                f"{source.key}_scale": lookup.scale,
            }
        )
        view = view.left_join(found, view[source.column] == found[f"{source.key}_key"]).select(
            view, found[f"{source.key}_value"], found[f"{source.key}_scale"]
        )
    return view


def _read(
    view: ir.Table, source: _Source, lookups: Lookups
) -> tuple[ir.StringValue, ir.IntegerValue]:
    """The source's value as plain text (NULL: empty or refused) and its scale."""
    import ibis

    text = view[source.column]
    plain = source.kind.is_plain(text)
    fast = ibis.ifelse(plain, source.kind.plain_value(text), None)
    scale = _fraction_length(text, source.kind.decimal_comma)
    if lookups.table(source.kind) is None:
        return fast, ibis.ifelse(plain, scale, 0)
    return (
        ibis.coalesce(fast, view[f"{source.key}_value"]),
        ibis.ifelse(plain, scale, view[f"{source.key}_scale"].fill_null(0)),
    )


def _collect(backend: Backend, texts: Texts) -> tuple[Lookups, list[_Source]]:
    """Read every unusual text of the columns the checks and crediting read."""
    table, fmt = texts.table, texts.fmt
    amounts, shares = amount_kind(fmt), share_kind(fmt)
    sources = [
        _Source("amt", "amount_text", amounts),
        _Source("shr", "split_text", shares),
        _Source("day", "day_text", DAY_KIND),
        _Source("cxl", "cancelled_text", DAY_KIND),
        _Source("trm", "term_text", TERM_KIND),
    ]
    builtin_text = {"id": "tid", "participant": "who", "measure": "measure_text"}
    attributes = attribute_kind(fmt) if fmt.declared else None
    numeric = {c.field for m in texts.plan.measures for c in m.filter if needs_number(c)}
    for name in tested_fields(texts.plan):
        if name in builtin_text:
            if name in numeric:
                sources.append(_Source(f"y_{name}", builtin_text[name], YAML_KIND))
        elif name not in BUILT_IN_FIELDS:
            if name in numeric:
                sources.append(_Source(f"y_{name}", f"a_{name}", YAML_KIND))
            if attributes is not None:
                sources.append(_Source(f"n_{name}", f"a_{name}", attributes))
    lookups = Lookups(backend)
    unusual = _unusual(table, [(s.kind, table[s.column].fill_null("")) for s in sources])
    kinds = {source.kind.name: source.kind for source in sources}
    for name, texts_of_kind in unusual.items():
        lookups.add(kinds[name], texts_of_kind)
    return lookups, sources


def typed_of(backend: Backend, texts: Texts, defaults: Sequence[Decimal]) -> Typed:
    """The typed view: ``amount``, ``split`` (NULL when not given), ``day``, ``cancelled``,
    the numbers conditions compare (``y_<field>``, and ``n_<field>`` for an attribute of a
    file with a declared format), and ``bad``."""
    import ibis
    import ibis.expr.datatypes as dt

    table, fmt = texts.table, texts.fmt
    amounts, shares = amount_kind(fmt), share_kind(fmt)
    lookups, sources = _collect(backend, texts)
    plain_amount = amounts.is_plain(table.amount_text)
    plain_share = shares.is_plain(table.split_text)
    scales = (
        table.aggregate(
            amount=ibis.ifelse(
                plain_amount, _fraction_length(table.amount_text, amounts.decimal_comma), 0
            ).max(),
            share=ibis.ifelse(
                plain_share, _fraction_length(table.split_text, shares.decimal_comma), 0
            ).max(),
            whole=ibis.ifelse(
                plain_share, _whole_length(table.split_text, shares.decimal_comma), 1
            ).max(),
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    amount_scale = max(int(scales["amount"] or 0), lookups.max_scale(amounts))
    default_scales = [-int(d.as_tuple().exponent) for d in defaults]
    default_digits = [len(str(int(abs(d)))) for d in defaults]
    share_scale = max([int(scales["share"] or 0), lookups.max_scale(shares), *default_scales])
    share_digits = max([int(scales["whole"] or 1), lookups.max_digits(shares), 1, *default_digits])
    if AMOUNT_DIGITS + amount_scale + share_digits + share_scale > MAX_DIGITS:
        raise EngineError(
            "the amounts and shares have too many digits together for the columnar engines' "
            f"exact DECIMAL ({amount_scale} and {share_scale} decimal places): "
            "use --engine python"
        )
    view = _joined(table, sources, lookups)
    read = {source.key: _read(view, source, lookups) for source in sources}
    amount_text, amount_places = read["amt"]
    split_text, split_places = read["shr"]
    amount = amount_text.cast(dt.Decimal(AMOUNT_DIGITS + amount_scale, amount_scale))
    split = split_text.cast(dt.Decimal(share_digits + share_scale, share_scale))
    day = read["day"][0].try_cast("date")
    cancelled = read["cxl"][0].try_cast("date")
    given = view.split_text != ""
    term_ok = (view.term_text == "") | read["trm"][0].notnull()
    columns: dict[str, ir.Value] = {
        "amount": amount,
        "amount_scale": amount_places,
        "split": ibis.ifelse(given, split, None),
        "split_scale": ibis.ifelse(given, split_places, 0),
        "split_given": given,
        "day": day,
        "cancelled": ibis.ifelse(view.cancelled_text == "", None, cancelled),
        "term": read["trm"][0].cast(dt.Decimal(38, 0)),
    }
    columns["bad"] = (
        (view.who == "")
        | (view.tid == "")
        | (view.day_text == "")
        | view.foreign
        | view.field_missing
        | amount_text.isnull()
        | (given & (split_text.isnull() | (split < 0)))
        | ~term_ok
        | day.isnull()
        | ~day.between(EARLIEST_DAY, LATEST_DAY)
        | ((view.cancelled_text != "") & cancelled.isnull())
        | ((view.cancelled_text != "") & ~cancelled.between(EARLIEST_DAY, LATEST_DAY))
    )
    number = dt.Decimal(27, 12)
    for source in sources:
        if source.key.startswith(("y_", "n_")):
            columns[source.key] = read[source.key][0].cast(number)
    typed = view.select(
        view[ROW],
        *[view[n] for n in ("who", "tid", "measure_text", "measure_id", "day_text")],
        *[view[f"a_{n}"] for n in tested_fields(texts.plan) if n not in BUILT_IN_FIELDS],
        **columns,
    )
    return Typed(backend.cache(typed), texts, amount_scale, share_scale, share_digits)
