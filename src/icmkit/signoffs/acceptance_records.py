"""Recording acceptances of plan letters: one given on the command line, or the completed rows
of an e-signature export; and the text of acceptances.yaml with them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from icmkit.errors import UsageError
from icmkit.model.acceptances import Acceptance, AcceptanceMethod
from icmkit.model.layout import ACCEPTANCES_FILE, kind_for
from icmkit.model.program_bundle import Program
from icmkit.signoffs.acceptance_rules import in_utc
from icmkit.signoffs.fingerprints import FINGERPRINT_PREFIX
from icmkit.signoffs.letters import SHORT, Letter, letters_of

HEADER = (
    "# Acceptances of plan letters, recorded by `icmkit accept`: which participant accepted\n"
    "# which version of their letter (the fingerprint printed on it), when and how.\n"
    "# `icmkit check` warns (ACC001) when a letter has changed since it was accepted. Add\n"
    "# records with `icmkit accept`; keep earlier ones.\n"
)

COLUMNS: dict[str, tuple[str, ...]] = {
    "participant": ("participant", "participant_id", "employee_id"),
    "plan": ("plan", "plan_id"),
    "letter": ("letter_version", "letter", "version"),
    "signed_at": ("signed_at", "completed_at", "signed_on"),
    "status": ("status",),
    "reference": ("envelope_id", "reference", "document_id"),
}
"""Each field of an export row and the column headers it is read from, first found wins."""

COMPLETED = frozenset({"completed", "signed", "accepted"})
_HEX = re.compile(r"^[0-9a-f]+$")


def acceptances_file(program: Program) -> str:
    """The program's acceptances file (``acceptances.yaml``, or the ``.yml`` one it has)."""
    existing = [f for f in program.files if (kind := kind_for(f)) and kind.name == "acceptances"]
    return existing[0] if existing else ACCEPTANCES_FILE


def letter_version(text: str, where: str) -> str:
    """A letter version as recorded: ``sha256:`` and 12 to 64 lower-case hex digits."""
    value = text.strip().lower()
    if value.startswith(FINGERPRINT_PREFIX):
        value = value[len(FINGERPRINT_PREFIX) :]
    if not _HEX.match(value) or not SHORT <= len(value) <= 64:
        raise UsageError(
            f"{where}: {text.strip()!r} is not a letter version: give the `sha256:` "
            f"fingerprint printed on the letter, or at least its first {SHORT} hex digits"
        )
    return FINGERPRINT_PREFIX + value


def _one_line(text: str, what: str) -> str:
    if any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in text):
        raise UsageError(f"{what} must be one line of text without control characters")
    return text.strip()


def letter_for(program: Program, participant: str, plan: str | None) -> Letter:
    """The participant's letter (for ``plan`` when they have several)."""
    mine = [letter for letter in letters_of(program) if letter.participant.id == participant]
    if not mine:
        known = {p.id for p in program.participants}
        if participant not in known:
            raise UsageError(f"{participant}: no such participant in participants.yaml")
        raise UsageError(f"{participant} is on no plan, so has no letter to accept")
    if plan is not None:
        chosen = [letter for letter in mine if letter.plan.id == plan]
        if not chosen:
            listed = ", ".join(letter.plan.id for letter in mine)
            raise UsageError(
                f"--plan {plan}: {participant} has no letter for it (they have: {listed})"
            )
        return chosen[-1]
    plans = sorted({letter.plan.id for letter in mine})
    if len(plans) > 1:
        raise UsageError(f"{participant} has letters for {', '.join(plans)}: say which with --plan")
    return mine[-1]


def new_acceptance(
    letter: Letter,
    when: dt.datetime,
    method: AcceptanceMethod,
    *,
    version: str | None = None,
    reference: str | None = None,
    recorded: str | None = None,
) -> Acceptance:
    """An acceptance of ``letter`` (of its current version unless ``version`` is given)."""
    return Acceptance(
        participant=letter.participant.id,
        plan=letter.plan.id,
        letter=letter_version(version, "--version") if version else letter.fingerprint,
        on=in_utc(when).replace(microsecond=0),
        method=method,
        reference=_one_line(reference, "--reference") or None if reference else None,
        recorded=_one_line(recorded, "who recorded it") or None if recorded else None,
    )


@dataclass
class Imported:
    """What an export gave: new acceptances, and the rows left out with why."""

    added: list[Acceptance] = field(default_factory=list)
    already: int = 0
    """Completed rows recorded before (same participant, plan, version and time)."""
    skipped: list[str] = field(default_factory=list)
    """Rows not completed: ``row 4: declined``."""


def _column(header: Sequence[str], names: tuple[str, ...]) -> int | None:
    wanted = [n.replace("_", "") for n in names]
    normal = [h.strip().lower().replace(" ", "").replace("_", "") for h in header]
    for name in wanted:
        if name in normal:
            return normal.index(name)
    return None


def _when(text: str, where: str) -> dt.datetime:
    value = text.strip()
    try:
        if len(value) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), dt.UTC)
        return in_utc(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        raise UsageError(
            f"{where}: signed_at {value!r} is not a date (2027-05-03) or a time "
            "(2027-05-03T09:12:00Z)"
        ) from None


def import_export(text: str, source: str, existing: Sequence[Acceptance]) -> Imported:
    """The completed rows of an e-signature export (CSV ``text``, read from ``source``) as
    acceptances; rows already in ``existing`` are counted, not added again."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        raise UsageError(f"{source}: the file is empty; expected a header row and data rows")
    header, body = rows[0], rows[1:]
    at: dict[str, int | None] = {key: _column(header, names) for key, names in COLUMNS.items()}
    missing = [
        COLUMNS[k][0] for k in ("participant", "plan", "letter", "signed_at") if at[k] is None
    ]
    if missing:
        raise UsageError(
            f"{source}: no column {', '.join(missing)} in the header row (it has: "
            f"{', '.join(h.strip() for h in header)}); see docs/format.md, "
            "Importing an e-signature export"
        )
    seen = {(a.participant, a.plan, a.letter, in_utc(a.on)) for a in existing}
    found = Imported()
    for number, row in enumerate(body, start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{source}: row {number}"

        def cell(key: str, row: list[str] = row) -> str:
            index = at[key]
            return row[index].strip() if index is not None and index < len(row) else ""

        status = cell("status").lower()
        if at["status"] is not None and status not in COMPLETED:
            found.skipped.append(f"row {number}: {status or 'no status'}")
            continue
        participant, plan = cell("participant"), cell("plan")
        if not participant or not plan:
            raise UsageError(f"{where}: the participant and the plan must be given")
        record = Acceptance(
            participant=_one_line(participant, where),
            plan=_one_line(plan, where),
            letter=letter_version(cell("letter"), where),
            on=_when(cell("signed_at"), where).replace(microsecond=0),
            method=AcceptanceMethod.E_SIGNATURE,
            reference=_one_line(cell("reference"), where) or None,
            recorded=f"imported from {source}",
        )
        key = (record.participant, record.plan, record.letter, in_utc(record.on))
        if key in seen:
            found.already += 1
            continue
        seen.add(key)
        found.added.append(record)
    return found


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def acceptances_text(records: Sequence[Acceptance]) -> str:
    """The whole of acceptances.yaml for ``records``, oldest first, in one stable layout."""
    lines = [HEADER.rstrip("\n"), "acceptances:"]
    for record in records:
        lines.append(f"  - participant: {_quoted(record.participant)}")
        lines.append(f"    plan: {_quoted(record.plan)}")
        lines.append(f"    letter: {_quoted(record.letter)}")
        lines.append(f"    on: {_quoted(in_utc(record.on).strftime('%Y-%m-%dT%H:%M:%SZ'))}")
        lines.append(f"    method: {_quoted(record.method.value)}")
        if record.reference:
            lines.append(f"    reference: {_quoted(record.reference)}")
        if record.recorded:
            lines.append(f"    recorded: {_quoted(record.recorded)}")
    if not records:
        lines[-1] = "acceptances: []"
    return "\n".join(lines) + "\n"
