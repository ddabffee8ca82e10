"""What a sign-off approved and whether it still holds: the fingerprint of an item's content,
the latest fingerprint recorded for each item, and SGN001 when the two differ.

A fingerprint is the sha256 of a canonical JSON text of the item (its YAML keys, sorted,
no spaces), so the same content always gives the same fingerprint, whatever the file's
layout, comments or key order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.model.base import Item
from icmkit.model.catalogue import content, signable
from icmkit.model.findings import Severity
from icmkit.model.program_bundle import Program
from icmkit.model.signoffs import SignOff

FINGERPRINT_PREFIX = "sha256:"


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def fingerprint(item: Item) -> str:
    """``sha256:<hex>`` of the canonical JSON of the item's content."""
    digest = hashlib.sha256(canonical_json(content(item)).encode("utf-8")).hexdigest()
    return FINGERPRINT_PREFIX + digest


def signed_at(record: SignOff) -> dt.datetime:
    """When ``record`` was signed, in UTC (a time written without a zone is read as UTC)."""
    when = record.on if record.on.tzinfo is not None else record.on.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def latest_signoffs(program: Program) -> dict[str, tuple[SignOff, str]]:
    """Item id -> the latest sign-off that covers it and the fingerprint it recorded."""
    latest: dict[str, tuple[SignOff, str]] = {}
    for record in sorted(program.signoffs, key=signed_at):  # file order on ties
        for ident, recorded in record.items.items():
            latest[ident] = (record, recorded)
    return latest


@rule("SGN001", Severity.WARNING, "item changed since it was signed off")
def changed_since_signoff(program: Program) -> Iterator[Hit]:
    if not program.signoffs:
        return
    latest = latest_signoffs(program)
    seen: set[str] = set()
    for entry in signable(program):
        found = latest.get(entry.id)
        if found is None or entry.id in seen:
            continue
        seen.add(entry.id)
        record, recorded = found
        if fingerprint(entry.item) == recorded:
            continue
        when = signed_at(record).strftime("%Y-%m-%d %H:%M UTC")
        yield hit(
            f"{entry.kind} `{entry.id}` changed since {record.by} ({record.role}) signed it "
            f"off on {when}; review the change (`icmkit diff --since-signoff`) and "
            "sign it off again",
            entry.item.where,
            "id",
            key=True,
        )


RULES: tuple[Rule, ...] = (changed_since_signoff,)
