"""SGN001: an item changed after it was signed off."""

from __future__ import annotations

from collections.abc import Iterator

from icmkit.checks.registry import Hit, Rule, hit, rule
from icmkit.model.catalogue import signable
from icmkit.model.findings import Severity
from icmkit.model.program_bundle import Program
from icmkit.signoffs.fingerprints import fingerprint, latest_signoffs, signed_at


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
