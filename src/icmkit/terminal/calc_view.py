"""Views of a period calculation: one CSV row or JSON object per participant."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from icmkit.engine.batch import Reconciled
from icmkit.engine.result import PayoutResult
from icmkit.model.plans import Plan
from icmkit.terminal.json_text import json_text


def _text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _clawbacks(result: PayoutResult) -> Decimal:
    """The clawbacks of one result; none is a zero with the payout's decimal places."""
    if not result.adjustments:
        return Decimal(0).quantize(result.payout)
    return sum((a.amount for a in result.adjustments), Decimal(0))


def _component_ids(results: Sequence[PayoutResult]) -> list[str]:
    return [c.id for c in results[0].components] if results else []


def as_csv(results: Sequence[PayoutResult], reconciled: Sequence[Reconciled] | None) -> str:
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


def as_json(
    results: Sequence[PayoutResult],
    reconciled: Sequence[Reconciled] | None,
    tolerance: Decimal | None,
) -> str:
    rows: list[dict[str, Any]] = []
    for result in results:
        rows.append(
            {
                "participant": result.participant,
                "components": {c.id: _text(c.amount) for c in result.components},
                "clawbacks": _text(_clawbacks(result)),
                "earnings": _text(result.earnings),
                "payout": _text(result.payout),
            }
        )
    document: dict[str, Any] = {
        "period": results[0].period if results else None,
        "plan": results[0].plan if results else None,
        "participants": rows,
        "total_payout": _text(sum((r.payout for r in results), Decimal(0))),
    }
    if reconciled is not None:
        document["reconciliation"] = {
            "tolerance": _text(tolerance),
            "outside_tolerance": sum(1 for r in reconciled if not r.within),
            "rows": [
                {
                    "participant": r.participant,
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
