"""Views of a calculation: one CSV row or JSON object per participant (and plan and period)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from icmkit.engine.batch import CalcOutcome, Reconciled
from icmkit.engine.result import PayoutResult
from icmkit.model.plans import Plan
from icmkit.terminal.json_text import json_text


def _text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _money(value: Decimal, result: PayoutResult) -> Decimal:
    """``value`` with the payout's decimal places at least (a draw of ``3000`` is
    ``3000.00``, nothing held ``0.00``)."""
    return value + Decimal(0).quantize(result.payout)


def _clawbacks(result: PayoutResult) -> Decimal:
    """The clawbacks of one result, with the payout's decimal places at least (none, or only
    zero adjustments, is ``0.00``)."""
    return _money(sum((a.amount for a in result.adjustments), Decimal(0)), result)


def _component_ids(results: Sequence[PayoutResult]) -> list[str]:
    """Every component id, in the order the plans list them."""
    return list(dict.fromkeys(c.id for r in results for c in r.components))


def _one_period_csv(
    results: Sequence[PayoutResult], reconciled: Sequence[Reconciled] | None
) -> str:
    """``participant,<component ids>,clawbacks,earnings,payout`` (+ legacy columns)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    ids = _component_ids(results)
    header = ["participant", *ids, "clawbacks", "earnings", "payout"]
    if reconciled is not None:
        header += ["legacy_payout", "difference", "within_tolerance"]
    writer.writerow(header)
    matched = {r.participant: r for r in reconciled or []}
    by_id = {r.participant: r for r in results}
    for who in sorted(set(by_id) | set(matched)):
        result = by_id.get(who)
        row: list[str] = [who]
        if result is not None:
            clawed = _clawbacks(result)
            row += [_text(c.amount) for c in result.components]
            row += [_text(clawed), _text(result.earnings), _text(result.payout)]
        else:
            row += [""] * (len(ids) + 3)
        if reconciled is not None:
            found = matched[who]
            row += [_text(found.legacy), _text(found.difference), "yes" if found.within else "no"]
        writer.writerow(row)
    return out.getvalue()


def _many_periods_csv(results: Sequence[PayoutResult]) -> str:
    """One row per participant, plan and period, with the draw and what is held back."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    ids = _component_ids(results)
    writer.writerow(
        [
            "participant",
            "plan",
            "period",
            *ids,
            "clawbacks",
            "earnings",
            "draw_paid",
            "draw_recovered",
            "draw_balance",
            "held",
            "payout",
        ]
    )
    for result in results:
        amounts = {c.id: c.amount for c in result.components}
        writer.writerow(
            [
                result.participant,
                result.plan,
                result.period,
                *[_text(amounts.get(i)) for i in ids],
                _text(_clawbacks(result)),
                _text(result.earnings),
                _text(_money(result.draw_paid, result)),
                _text(_money(result.draw_recovered, result)),
                _text(_money(result.draw_balance, result)),
                _text(_money(result.held, result)),
                _text(result.payout),
            ]
        )
    return out.getvalue()


def _reconciliation_csv(reconciled: Sequence[Reconciled]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["participant", "period", "payout", "legacy_payout", "difference", "within_tolerance"]
    )
    for r in reconciled:
        writer.writerow(
            [
                r.participant,
                r.period or "",
                _text(r.computed),
                _text(r.legacy),
                _text(r.difference),
                "yes" if r.within else "no",
            ]
        )
    return out.getvalue()


def as_csv(outcome: CalcOutcome) -> str:
    """One period of one plan: a row per participant; otherwise a row per participant, plan
    and period (and with ``--compare``, a row per participant and period reconciled)."""
    if not outcome.several:
        return _one_period_csv(outcome.results, outcome.reconciled)
    if outcome.reconciled is not None:
        return _reconciliation_csv(outcome.reconciled)
    return _many_periods_csv(outcome.results)


def _result_json(result: PayoutResult, several: bool) -> dict[str, Any]:
    found: dict[str, Any] = {"participant": result.participant}
    if several:
        found |= {"plan": result.plan, "period": result.period}
    found |= {
        "components": {c.id: _text(c.amount) for c in result.components},
        "clawbacks": _text(_clawbacks(result)),
        "earnings": _text(result.earnings),
        "payout": _text(result.payout),
    }
    if several:
        found |= {
            "draw": {
                "paid": _text(_money(result.draw_paid, result)),
                "recovered": _text(_money(result.draw_recovered, result)),
                "balance": _text(_money(result.draw_balance, result)),
            },
            "held": _text(_money(result.held, result)),
        }
    return found


def as_json(outcome: CalcOutcome, tolerance: Decimal | None) -> str:
    results = outcome.results
    rows = [_result_json(result, outcome.several) for result in results]
    document: dict[str, Any]
    if outcome.several:
        document = {
            "plans": sorted({r.plan for r in results}),
            "periods": list(dict.fromkeys(r.period for r in results)),
            "results": rows,
        }
    else:
        document = {
            "period": results[0].period if results else None,
            "plan": results[0].plan if results else None,
            "participants": rows,
        }
    document["total_payout"] = _text(sum((r.payout for r in results), Decimal(0)))
    reconciled = outcome.reconciled
    if reconciled is not None:
        document["reconciliation"] = {
            "tolerance": _text(tolerance),
            "outside_tolerance": sum(1 for r in reconciled if not r.within),
            "rows": [
                {
                    "participant": r.participant,
                    **({"period": r.period} if r.period is not None else {}),
                    "computed": _text(r.computed),
                    "legacy": _text(r.legacy),
                    "difference": _text(r.difference),
                    "within_tolerance": r.within,
                }
                for r in reconciled
            ],
        }
    return json_text(document)


def columns_text(plan: Plan, columns: Sequence[tuple[str, str]]) -> str:
    """The columns ``calc`` reads for ``plan``, one per line."""
    width = max(len(name) for name, _ in columns)
    lines = [f"Columns of the transactions file for {plan.id}:"]
    lines += [f"  {name.ljust(width)}  {what}" for name, what in columns]
    return "\n".join(lines) + "\n"
