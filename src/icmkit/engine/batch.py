"""Calculate a whole period from CSV files, and reconcile the payouts with a legacy register.

Files are read completely and checked row by row before anything is computed: a file with a
bad row gives a list of ``file:row: problem`` lines and no result.

- Transactions: columns ``participant``, ``id``, ``date``, ``amount`` (required) and
  ``measure``, ``split``, ``cancelled_on``, ``term_months`` (optional); every other column is
  an attribute that measure filters and conditions can test. Rows before the period in the
  same year make up each participant's credit to date; rows after it are ignored.
- Quotas: columns ``participant``, ``quota``, ``amount``; the quota ``target_incentive``
  sets the participant's target incentive.
- Legacy payouts: columns ``participant``, ``payout``.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from icmkit.engine.calculate import calculate
from icmkit.engine.crediting import credit_totals
from icmkit.engine.errors import EngineError
from icmkit.engine.numbers import ONE
from icmkit.engine.periods import Window, parse_period
from icmkit.engine.result import PayoutResult
from icmkit.errors import UnreadableInputError
from icmkit.model.plans import Plan
from icmkit.model.testing import Inputs

TRANSACTION_COLUMNS = ("participant", "id", "date", "amount")
OPTIONAL_COLUMNS = ("measure", "split", "cancelled_on", "term_months")
TARGET_INCENTIVE = "target_incentive"
MAX_SHOWN = 50


class InputFileError(UnreadableInputError):
    """Rows of an input file that cannot be used; nothing was computed."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:MAX_SHOWN]
        more = len(problems) - len(shown)
        text = "\n".join(shown) + (f"\n… and {more} more" if more else "")
        super().__init__(f"bad input rows, nothing computed:\n{text}")
        self.problems = problems


@dataclass(slots=True)
class Row:
    """One transaction row (the engine reads it like a test case's transaction)."""

    id: str
    date: dt.date
    amount: Decimal
    measure: str | None
    participant: str | None
    split: Decimal
    attributes: dict[str, str]
    cancelled_on: dt.date | None
    term_months: int | None


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal(text.strip().replace(",", ""))
    if not value.is_finite():
        raise InvalidOperation
    return value


class _RowError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _table(
    path: Path, required: tuple[str, ...]
) -> Iterator[tuple[int, list[str], dict[str, int]]]:
    """A CSV file's rows as lists, with line numbers and the header's column positions.

    A short row is padded with empty values; a row with too many values raises _RowError.
    """
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise UnreadableInputError(f"{path}: cannot read: {error.strerror}") from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = [name.strip() for name in next(reader, [])]
            columns = {name: index for index, name in enumerate(header)}
            missing = [name for name in required if name not in columns]
            if missing:
                raise InputFileError([f"{path}:1: missing column(s): {', '.join(missing)}"])
            width = len(header)
            for values in reader:
                if len(values) != width:
                    if not values:
                        continue
                    if len(values) > width:
                        raise _RowError(
                            reader.line_num, f"{len(values)} values for {width} columns"
                        )
                    values = values + [""] * (width - len(values))
                yield reader.line_num, values, columns
        except (csv.Error, UnicodeDecodeError) as error:
            raise InputFileError([f"{path}:{reader.line_num + 1}: {error}"]) from None


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as mappings, for the small files."""
    try:
        for line, values, columns in _table(path, required):
            yield line, {name: values[index] for name, index in columns.items()}
    except _RowError as error:
        raise InputFileError([f"{path}:{error.line}: {error}"]) from None


@dataclass
class Transactions:
    by_participant: dict[str, list[Row]] = field(default_factory=dict)
    count: int = 0


class _Reader:
    """Turns transaction rows into ``Row`` objects, sharing equal dates and attribute sets."""

    def __init__(self, columns: dict[str, int], measures: set[str]) -> None:
        self.measures = measures
        self.at = {name: columns.get(name) for name in (*TRANSACTION_COLUMNS, *OPTIONAL_COLUMNS)}
        self.required = tuple(columns[name] for name in TRANSACTION_COLUMNS)
        known = set(TRANSACTION_COLUMNS) | set(OPTIONAL_COLUMNS)
        self.extra = [(name, index) for name, index in columns.items() if name not in known]
        self.dates: dict[str, dt.date] = {}
        self.attributes: dict[tuple[str, ...], dict[str, str]] = {}
        self.names: dict[str, str] = {}

    def _value(self, values: list[str], name: str) -> str:
        index = self.at[name]
        return values[index].strip() if index is not None else ""

    def date(self, text: str, name: str) -> dt.date:
        found = self.dates.get(text)
        if found is None:
            try:
                found = dt.date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"{name} `{text}` is not a date (YYYY-MM-DD)") from None
            self.dates[text] = found
        return found

    def row(self, values: list[str]) -> Row:
        who_at, id_at, date_at, amount_at = self.required
        who = values[who_at].strip()
        tid = values[id_at].strip()
        day = values[date_at].strip()
        amount_text = values[amount_at].strip()
        if not (who and tid and day and amount_text):
            for name, text in zip(TRANSACTION_COLUMNS, (who, tid, day, amount_text), strict=True):
                if not text:
                    raise ValueError(f"{name} is empty")
        try:
            amount = _decimal(amount_text)
        except InvalidOperation:
            raise ValueError(f"amount `{amount_text}` is not a number") from None
        split = ONE
        split_text = self._value(values, "split")
        if split_text:
            split = self._split(split_text)
        measure = self._value(values, "measure") or None
        if measure is not None and measure not in self.measures:
            raise ValueError(f"measure `{measure}` is not a measure of the plan")
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
            attributes = {name: values[i] for name, i in self.extra if values[i]}
            self.attributes[key] = attributes
        found = self.dates.get(day)
        return Row(
            tid,
            found if found is not None else self.date(day, "date"),
            amount,
            measure,
            self.names.setdefault(who, who),
            split,
            attributes,
            self.date(cancelled_text, "cancelled_on") if cancelled_text else None,
            term,
        )

    @staticmethod
    def _split(text: str) -> Decimal:
        try:
            split = _decimal(text[:-1]) / 100 if text.endswith("%") else _decimal(text)
        except InvalidOperation:
            raise ValueError(f"split `{text}` is not a share") from None
        if split < 0:
            raise ValueError(f"split `{text}` is negative")
        return split


def read_transactions(path: Path, plan: Plan) -> Transactions:
    """Every row of the transactions file by participant, or InputFileError listing bad rows."""
    measures = {m.id for m in plan.measures}
    found = Transactions()
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    reader: _Reader | None = None
    rows = _table(path, TRANSACTION_COLUMNS)
    while True:
        try:
            line, values, columns = next(rows)
        except StopIteration:
            break
        except _RowError as error:
            problems.append(f"{path}:{error.line}: {error}")
            continue
        if reader is None:
            reader = _Reader(columns, measures)
        try:
            parsed = reader.row(values)
        except ValueError as error:
            problems.append(f"{path}:{line}: {error}")
            continue
        who = parsed.participant or ""
        key = (who, parsed.id)
        if key in seen:
            problems.append(f"{path}:{line}: transaction {parsed.id} of {who} appears twice")
            continue
        seen.add(key)
        found.by_participant.setdefault(who, []).append(parsed)
        found.count += 1
    if problems:
        raise InputFileError(problems)
    return found


@dataclass
class Quotas:
    quotas: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    targets: dict[str, Decimal] = field(default_factory=dict)


def read_quotas(path: Path, plan: Plan) -> Quotas:
    known = {q.id for q in plan.quotas}
    found = Quotas()
    problems: list[str] = []
    for line, row in _rows(path, ("participant", "quota", "amount")):
        who = (row.get("participant") or "").strip()
        quota = (row.get("quota") or "").strip()
        if not who or not quota:
            problems.append(f"{path}:{line}: participant and quota must not be empty")
            continue
        if quota != TARGET_INCENTIVE and quota not in known:
            problems.append(f"{path}:{line}: quota `{quota}` is not a quota of the plan")
            continue
        try:
            amount = _decimal(row.get("amount") or "")
        except InvalidOperation:
            problems.append(f"{path}:{line}: amount `{row.get('amount')}` is not a number")
            continue
        if quota == TARGET_INCENTIVE:
            found.targets[who] = amount
        else:
            found.quotas.setdefault(who, {})[quota] = amount
    if problems:
        raise InputFileError(problems)
    return found


def read_legacy(path: Path) -> dict[str, Decimal]:
    found: dict[str, Decimal] = {}
    problems: list[str] = []
    for line, row in _rows(path, ("participant", "payout")):
        who = (row.get("participant") or "").strip()
        try:
            payout = _decimal(row.get("payout") or "")
        except InvalidOperation:
            problems.append(f"{path}:{line}: payout `{row.get('payout')}` is not a number")
            continue
        if not who:
            problems.append(f"{path}:{line}: participant is empty")
        elif who in found:
            problems.append(f"{path}:{line}: participant {who} appears twice")
        else:
            found[who] = payout
    if problems:
        raise InputFileError(problems)
    return found


def calculate_period(
    plan: Plan, period: str, transactions: Transactions, quotas: Quotas | None = None
) -> list[PayoutResult]:
    """Every participant's result for ``period``, sorted by participant id."""
    window = parse_period(period).window
    year = Window(dt.date(window.start.year, 1, 1), window.start)
    people = set(transactions.by_participant)
    if quotas is not None:
        people |= set(quotas.quotas) | set(quotas.targets)
    results: list[PayoutResult] = []
    for who in sorted(people):
        rows = transactions.by_participant.get(who, [])
        now = [
            r
            for r in rows
            if window.contains(r.date)
            or (
                r.cancelled_on is not None
                and window.contains(r.cancelled_on)
                and r.date < window.end
            )
        ]
        earlier = [r for r in rows if year.contains(r.date)]
        participant: dict[str, object] = {"id": who}
        if quotas is not None:
            participant["quotas"] = quotas.quotas.get(who, {})
            if who in quotas.targets:
                participant["target_incentive"] = quotas.targets[who]
        inputs = Inputs.model_validate(
            {
                "period": period,
                "participant": participant,
                "history": {"credit_to_date": credit_totals(plan, earlier, who)},
            }
        )
        try:
            results.append(calculate(plan, inputs, now, explain=False))
        except EngineError as error:
            raise EngineError(f"participant {who}: {error}") from None
    return results


@dataclass(frozen=True)
class Reconciled:
    participant: str
    computed: Decimal | None
    legacy: Decimal | None
    difference: Decimal
    within: bool


def reconcile(
    results: list[PayoutResult], legacy: dict[str, Decimal], tolerance: Decimal
) -> list[Reconciled]:
    """Each participant's computed payout against the legacy one (missing on a side is a miss)."""
    computed = {r.participant: r.payout for r in results}
    found: list[Reconciled] = []
    for who in sorted(set(computed) | set(legacy)):
        ours, theirs = computed.get(who), legacy.get(who)
        difference = (ours or Decimal(0)) - (theirs or Decimal(0))
        within = ours is not None and theirs is not None and abs(difference) <= tolerance
        found.append(Reconciled(who, ours, theirs, difference, within))
    return found
