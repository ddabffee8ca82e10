"""The other files of ``icmkit calc``: quotas, legacy payouts, scores and cash receipts.

- Quotas: ``participant``, ``quota``, ``amount``; the quota ``target_incentive`` sets the
  participant's target incentive.
- Legacy payouts: ``participant``, ``payout`` and optionally ``period``.
- Scores: ``participant``, ``period``, ``objective``, ``score`` (MBO scores, ``0.8`` or
  ``80%``).
- Receipts: ``id`` (the deal), ``date``, ``amount``: cash received, for plans that release
  commission on cash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from icmkit.engine.csv_tables import InputFileError, day, number, rows, share
from icmkit.model.number_text import UNDECLARED_TEXT, NumberFormat
from icmkit.model.plans import Plan
from icmkit.model.testing import Receipt

TARGET_INCENTIVE = "target_incentive"


@dataclass
class Quotas:
    quotas: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    targets: dict[str, Decimal] = field(default_factory=dict)


def read_quotas(
    path: Path, plans: Plan | Sequence[Plan], fmt: NumberFormat = UNDECLARED_TEXT
) -> Quotas:
    chosen = [plans] if isinstance(plans, Plan) else list(plans)
    known = {q.id for plan in chosen for q in plan.quotas}
    found = Quotas()
    problems: list[str] = []
    for line, row in rows(path, ("participant", "quota", "amount")):
        who, quota = row["participant"], row["quota"]
        if not who or not quota:
            problems.append(f"{path}:{line}: participant and quota must not be empty")
            continue
        if quota != TARGET_INCENTIVE and quota not in known:
            what = "the plan" if len(chosen) == 1 else "any of the plans"
            problems.append(f"{path}:{line}: quota `{quota}` is not a quota of {what}")
            continue
        try:
            amount = number(row["amount"], "amount", fmt)
        except ValueError as error:
            problems.append(f"{path}:{line}: {error}")
            continue
        if quota == TARGET_INCENTIVE:
            found.targets[who] = amount
        else:
            found.quotas.setdefault(who, {})[quota] = amount
    if problems:
        raise InputFileError(problems)
    return found


def read_legacy(
    path: Path, fmt: NumberFormat = UNDECLARED_TEXT
) -> dict[tuple[str, str | None], Decimal]:
    """Legacy payouts by participant (and by ``period``, when the file has that column)."""
    found: dict[tuple[str, str | None], Decimal] = {}
    problems: list[str] = []
    for line, row in rows(path, ("participant", "payout")):
        who = row["participant"]
        period = row.get("period") or None
        try:
            payout = number(row["payout"], "payout", fmt)
        except ValueError as error:
            problems.append(f"{path}:{line}: {error}")
            continue
        if not who:
            problems.append(f"{path}:{line}: participant is empty")
        elif (who, period) in found:
            what = f"participant {who}" + (f" in period {period}" if period else "")
            problems.append(f"{path}:{line}: {what} appears twice")
        else:
            found[(who, period)] = payout
    if problems:
        raise InputFileError(problems)
    return found


def read_scores(
    path: Path, fmt: NumberFormat = UNDECLARED_TEXT
) -> dict[tuple[str, str], dict[str, Decimal]]:
    """MBO scores by participant and period label."""
    found: dict[tuple[str, str], dict[str, Decimal]] = {}
    problems: list[str] = []
    for line, row in rows(path, ("participant", "period", "objective", "score")):
        who, period, objective = row["participant"], row["period"], row["objective"]
        if not (who and period and objective):
            problems.append(f"{path}:{line}: participant, period and objective must not be empty")
            continue
        try:
            score = share(row["score"], "score", fmt)
        except ValueError as error:
            problems.append(f"{path}:{line}: {error}")
            continue
        scored = found.setdefault((who, period), {})
        if objective in scored:
            problems.append(f"{path}:{line}: {objective} of {who} in {period} appears twice")
            continue
        scored[objective] = score
    if problems:
        raise InputFileError(problems)
    return found


def read_receipts(path: Path, fmt: NumberFormat = UNDECLARED_TEXT) -> dict[str, list[Receipt]]:
    """Cash received by deal id, in date order."""
    found: dict[str, list[Receipt]] = {}
    problems: list[str] = []
    for line, row in rows(path, ("id", "date", "amount")):
        if not row["id"]:
            problems.append(f"{path}:{line}: id is empty")
            continue
        try:
            receipt = Receipt.model_validate(
                {"date": day(row["date"], "date"), "amount": number(row["amount"], "amount", fmt)}
            )
        except ValueError as error:
            problems.append(f"{path}:{line}: {error}")
            continue
        found.setdefault(row["id"], []).append(receipt)
    if problems:
        raise InputFileError(problems)
    for receipts in found.values():
        receipts.sort(key=lambda r: r.date)
    return found
