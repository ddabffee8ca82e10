"""What a sign-off approved: the fingerprint of an item's content, and the latest fingerprint
recorded for each item.

A fingerprint is the sha256 of a canonical JSON text of the item (its YAML keys, sorted,
no spaces), so the same content always gives the same fingerprint, whatever the file's
layout, comments or key order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from icmkit.model.base import Item
from icmkit.model.catalogue import content
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
