"""SGN001: an item changed after it was signed off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from icmkit.checks.registry import Hit, hit, rule
from icmkit.model.catalogue import fingerprint, signable
from icmkit.model.findings import Severity
from icmkit.model.program_bundle import Program
from icmkit.model.signoffs import SignOff


def latest_signoffs(program: Program) -> dict[str, tuple[SignOff, str]]:
    """Item id -> the latest sign-off that covers it and the fingerprint it recorded."""
    latest: dict[str, tuple[SignOff, str]] = {}
    for record in sorted(program.signoffs, key=lambda r: _utc(r.on)):  # file order on ties
        for ident, recorded in record.items.items():
            latest[ident] = (record, recorded)
    return latest


def _utc(when: dt.datetime) -> dt.datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _when(record: SignOff) -> str:
    return _utc(record.on).astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


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
        yield hit(
            f"{entry.kind} `{entry.id}` changed since {record.by} ({record.role}) signed it "
            f"off on {_when(record)}; review the change (`icmkit diff --since-signoff`) and "
            "sign it off again",
            entry.item.where,
            "id",
            key=True,
        )
