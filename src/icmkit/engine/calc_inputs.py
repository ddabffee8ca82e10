"""The CSV inputs of ``icmkit calc``: transactions, roster, quotas and legacy payouts.

- Transactions: columns ``participant``, ``id``, ``date`` and the column each measure reads
  (its ``field``, ``amount`` unless the plan says otherwise); optional ``measure``, ``split``,
  ``cancelled_on``, ``term_months``; every other column is an attribute that filters and
  conditions can test. A deal credited to several participants is one row per participant
  with the same ``id``: rows without a ``split`` take the plan's ``default_shares`` in the
  order they appear.
The quotas, legacy payouts, scores and cash receipts files are read in ``calc_side_files``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from icmkit.engine.calendar import Calendar
from icmkit.engine.credited_input import CreditedInput, DealsInput
from icmkit.engine.csv_tables import (
    InputFileError,
    day,
    header_of,
    number,
    share,
    table,
)
from icmkit.engine.errors import EngineError
from icmkit.engine.hierarchy import Hierarchy
from icmkit.engine.periods import Window
from icmkit.engine.targets import Person
from icmkit.model.data import DataSource
from icmkit.model.number_text import (
    UNDECLARED_TEXT,
    NumberFormat,
    NumberTextError,
    number_format,
    parse_number,
)
from icmkit.model.plans import Plan, SplitKind
from icmkit.model.testing import Receipt

KEY_COLUMNS = ("participant", "id", "date")
OPTIONAL_COLUMNS = ("measure", "split", "cancelled_on", "term_months")


@dataclass(slots=True)
class Row:
    """One transaction row (the engine reads it like a test case's transaction)."""

    id: str
    date: dt.date
    amount: Decimal
    measure: str | None
    participant: str | None
    split: Decimal
    attributes: Mapping[str, str | Decimal]
    cancelled_on: dt.date | None
    term_months: int | None
    receipts: Sequence[Receipt] = ()


def declared_format(plan: Plan, sources: Sequence[DataSource]) -> NumberFormat:
    """The number format the data sources of ``plan``'s measures declare (the strict
    undeclared reading when none does); EngineError when they declare different ones."""
    by_id = {source.id: source for source in sources}
    found: dict[tuple[str, str], str] = {}
    for measure in plan.measures:
        source = by_id.get(measure.source or "")
        if source is not None and source.number_format is not None:
            spec = source.number_format
            found.setdefault((spec.decimal.value, spec.thousands.value), source.id)
    if len(found) > 1:
        raise EngineError(
            "the plan's measures read data sources with different number formats ("
            + ", ".join(sorted(found.values()))
            + "): give the files' format with --decimal and --thousands"
        )
    if not found:
        return UNDECLARED_TEXT
    ((decimal, thousands),) = found
    return number_format(decimal, thousands)


def transaction_columns(plan: Plan, has_measure_column: bool) -> tuple[str, ...]:
    """The columns a transactions file must have for ``plan``."""
    measures = plan.measures if has_measure_column else plan.measures[:1]
    fields = dict.fromkeys(m.field for m in measures)
    return (*KEY_COLUMNS, *fields)


def describe_columns(plan: Plan) -> list[tuple[str, str]]:
    """Every column ``calc`` reads for ``plan``, with what it holds (for ``--columns``)."""
    found: list[tuple[str, str]] = [
        ("participant", "required: the participant credited"),
        ("id", "required: the transaction (or deal) id"),
        ("date", "required: the credit date, YYYY-MM-DD"),
    ]
    first = plan.measures[0]
    for measure in plan.measures:
        which = "" if measure is first else " (rows whose measure column names it)"
        found.append((measure.field, f"required: the amount of measure `{measure.id}`{which}"))
    found.append(("measure", f"optional: the measure credited (default `{first.id}`)"))
    found.append(("split", "optional: the participant's share (0.4 or 40%)"))
    found.append(("cancelled_on", "optional: when the deal was cancelled, YYYY-MM-DD"))
    found.append(("term_months", "optional: the contract term, for pro-rata clawbacks"))
    tested = sorted(
        {condition.field for measure in plan.measures for condition in measure.filter}
        | {
            condition.field
            for component in plan.components
            for condition in [
                *(c for m in component.multipliers for c in m.when),
                *getattr(component, "when", []),
            ]
        }
    )
    reserved = {name for name, _ in found}
    for name in tested:
        if name not in reserved:
            found.append((name, "attribute tested by a filter or condition"))
    return found


def reading_key(plan: Plan, fmt: NumberFormat, only_known: bool = False) -> str:
    """What ``read_transactions`` takes from ``plan``: plans with equal keys read a file into
    equal rows (two versions of a plan that differ only in their rates read it once)."""
    splits = plan.crediting.splits
    parts = [m.model_dump_json() for m in plan.measures]
    parts.append(splits.model_dump_json() if splits is not None else "")
    parts.append(repr((fmt, only_known)))
    return "\n".join(parts)


@dataclass
class Transactions:
    by_participant: dict[str, list[Row]] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    """Every row in the order of the file (empty: the order of ``by_participant``)."""

    def in_order(self) -> list[Row]:
        """The rows in the order they were given: same-day deals are taken in this order."""
        if self.rows:
            return self.rows
        return [row for rows in self.by_participant.values() for row in rows]

    def participants(self) -> set[str]:
        return set(self.by_participant)

    def span(self) -> tuple[dt.date, dt.date] | None:
        days = [row.date for deals in self.by_participant.values() for row in deals]
        if not days:
            return None
        return min(days), max(days)

    def with_receipts(self, receipts: Mapping[str, Sequence[Receipt]]) -> None:
        """Give each deal's rows the cash received for it."""
        for deals in self.by_participant.values():
            for row in deals:
                if row.id in receipts:
                    row.receipts = receipts[row.id]

    def credited_input(
        self,
        hierarchy: Hierarchy,
        people: Sequence[Person],
        window: Window,
        calendar: Calendar,
        as_of: dt.date | None,
        explain: bool,
    ) -> CreditedInput:
        """The rows credited in Python (the reference input stage)."""
        del people, window, calendar, as_of, explain
        return DealsInput(self.in_order(), hierarchy)


@dataclass
class _Pending:
    """A transaction row read, with its split still to decide when its deal has several rows."""

    line: int
    row: Row
    split_given: bool


class Reader:
    """Turns transaction rows into ``Row`` objects, sharing equal dates and attribute sets."""

    def __init__(self, columns: dict[str, int], plan: Plan, fmt: NumberFormat) -> None:
        self.fmt = fmt
        self.measures = {m.id: m for m in plan.measures}
        self.first = plan.measures[0]
        self.at = {name: columns.get(name) for name in (*KEY_COLUMNS, *OPTIONAL_COLUMNS)}
        self.columns = columns
        fields = {m.field for m in plan.measures}
        known = set(KEY_COLUMNS) | set(OPTIONAL_COLUMNS) | fields | {"amount"}
        self.extra = [(name, index) for name, index in columns.items() if name not in known]
        self.who_at, self.id_at, self.date_at = (columns[name] for name in KEY_COLUMNS)
        self.dates: dict[str, dt.date] = {}
        self.attributes: dict[tuple[str, ...], dict[str, str | Decimal]] = {}
        self.names: dict[str, str] = {}

    def foreign(self, values: list[str]) -> bool:
        """Whether the row names a measure that is not this plan's."""
        named = self._value(values, "measure")
        return bool(named) and named not in self.measures

    def _value(self, values: list[str], name: str) -> str:
        index = self.at[name]
        if index is None:
            return ""
        text = values[index]
        return text.strip() if text else ""

    def date(self, text: str, name: str) -> dt.date:
        found = self.dates.get(text)
        if found is None:
            found = day(text, name)
            self.dates[text] = found
        return found

    def _attribute(self, text: str) -> str | Decimal:
        """A declared number format turns numeric cells into numbers; other cells stay text."""
        if not self.fmt.declared or not text:
            return text
        try:
            return parse_number(text, self.fmt)
        except NumberTextError:
            return text

    def row(self, values: list[str]) -> tuple[Row, bool]:
        """The row, and whether it gave its own split."""
        who = values[self.who_at].strip()
        tid = values[self.id_at].strip()
        when = values[self.date_at].strip()
        if not (who and tid and when):
            for name, text in zip(KEY_COLUMNS, (who, tid, when), strict=True):
                if not text:
                    raise ValueError(f"{name} is empty")
        measure_id = self._value(values, "measure") or None
        measure = self.first
        if measure_id is not None:
            found = self.measures.get(measure_id)
            if found is None:
                raise ValueError(f"measure `{measure_id}` is not a measure of the plan")
            measure = found
        index = self.columns.get(measure.field)
        if index is None:
            raise ValueError(
                f"measure `{measure.id}` reads the column `{measure.field}`, "
                "which this file does not have"
            )
        amount = number(values[index].strip(), measure.field, self.fmt)
        split_text = self._value(values, "split")
        split = share(split_text, "split", self.fmt) if split_text else Decimal(1)
        term_text = self._value(values, "term_months")
        term: int | None = None
        if term_text:
            if not term_text.isdigit() or int(term_text) < 1:
                raise ValueError(f"term_months `{term_text}` is not a whole number of 1 or more")
            term = int(term_text)
        cancelled_text = self._value(values, "cancelled_on")
        key = tuple([values[index] for _, index in self.extra])
        attributes = self.attributes.get(key)
        if attributes is None:
            attributes = {
                name: self._attribute(values[i].strip()) for name, i in self.extra if values[i]
            }
            self.attributes[key] = attributes
        found_day = self.dates.get(when)
        parsed = Row(
            tid,
            found_day if found_day is not None else self.date(when, "date"),
            amount,
            measure_id,
            self.names.setdefault(who, who),
            split,
            attributes,
            self.date(cancelled_text, "cancelled_on") if cancelled_text else None,
            term,
        )
        return parsed, bool(split_text)


def deal_split_problem(
    plan: Plan, path: Path, deal_id: str, rows: Sequence[tuple[int, bool, Decimal]]
) -> tuple[str | None, list[Decimal]]:
    """Why the rows of a deal credited to several participants (line, whether it gave its
    split, its split) cannot be credited, or None; and their splits, defaults applied."""
    splits = plan.crediting.splits
    defaults = splits.default_shares if splits is not None else []
    overlay = splits is not None and splits.kind is SplitKind.OVERLAY
    shares = [split for _, _, split in rows]
    given = [row for row in rows if row[1]]
    first = rows[0][0]
    if len(rows) > 1 and len(given) < len(rows):
        if given:
            lines = ", ".join(str(line) for line, gave, _ in rows if not gave)
            return (
                f"{path}:{first}: deal {deal_id} gives a split on some rows but not "
                f"on rows {lines}: give every row its split"
            ), shares
        if len(defaults) != len(rows):
            have = f"{len(defaults)} default shares" if defaults else "no default_shares"
            return (
                f"{path}:{first}: deal {deal_id} is credited to {len(rows)} "
                f"participants without a split, and the plan has {have}: give a split "
                "column, or crediting.splits.default_shares with one share per row"
            ), shares
        shares = list(defaults)
    total = sum(shares, Decimal(0))
    if len(rows) > 1 and not overlay and total > 1:
        return (
            f"{path}:{first}: the shares of deal {deal_id} add up to "
            f"{total.normalize():f}, more than the whole deal; an overlay credit needs "
            "crediting.splits.kind: overlay"
        ), shares
    if overlay and splits is not None and total > splits.max_total:
        return (
            f"{path}:{first}: the shares of deal {deal_id} add up to "
            f"{total.normalize():f}, more than the plan's max_total"
        ), shares
    return None, shares


def _apply_default_shares(
    plan: Plan, path: Path, deals: dict[str, list[_Pending]], problems: list[str]
) -> None:
    """Give the rows of a deal credited to several participants their shares, or say why not."""
    for deal_id, pending in deals.items():
        rows = [(p.line, p.split_given, p.row.split) for p in pending]
        problem, shares = deal_split_problem(plan, path, deal_id, rows)
        if problem is not None:
            problems.append(problem)
            continue
        for item, split in zip(pending, shares, strict=True):
            item.row.split = split


def read_transactions(
    path: Path, plan: Plan, fmt: NumberFormat = UNDECLARED_TEXT, only_known: bool = False
) -> Transactions:
    """Every row of the transactions file by participant, or InputFileError listing bad rows.

    ``only_known``: rows naming a measure the plan does not have belong to another plan and
    are left out (when several plans are computed from one file)."""
    found = Transactions()
    problems: list[str] = []
    first_rows: dict[str, _Pending] = {}
    """Each deal's first row; deals on several rows move to ``deals``."""
    deals: dict[str, list[_Pending]] = {}
    header = header_of(path)
    for required in (KEY_COLUMNS, transaction_columns(plan, "measure" in header)):
        missing = [name for name in required if name not in header]
        if missing:
            raise InputFileError([f"{path}:1: missing column(s): {', '.join(missing)}"])
    reader: Reader | None = None
    for line, values, columns in table(path, KEY_COLUMNS, skipped=problems):
        if reader is None:
            reader = Reader(columns, plan, fmt)
        if only_known and reader.foreign(values):
            continue
        try:
            parsed, split_given = reader.row(values)
        except ValueError as error:
            problems.append(f"{path}:{line}: {error}")
            continue
        who = parsed.participant or ""
        pending = _Pending(line, parsed, split_given)
        earlier = first_rows.get(parsed.id)
        if earlier is None:
            first_rows[parsed.id] = pending
        else:
            several = deals.setdefault(parsed.id, [earlier])
            if any(p.row.participant == who for p in several):
                problems.append(f"{path}:{line}: transaction {parsed.id} of {who} appears twice")
                continue
            several.append(pending)
        found.by_participant.setdefault(who, []).append(parsed)
        found.rows.append(parsed)
    _apply_default_shares(plan, path, deals, problems)
    if problems:
        raise InputFileError(problems)
    return found
