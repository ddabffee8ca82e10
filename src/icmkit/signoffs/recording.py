"""Recording a sign-off: which items a scope covers, their fingerprints, and the text of
signoffs.yaml with one more record, and which file that is."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Sequence

from icmkit.errors import UsageError
from icmkit.model.catalogue import Entry, signable
from icmkit.model.layout import SIGNOFFS_FILE, kind_for
from icmkit.model.program_bundle import Program
from icmkit.model.signoffs import SignOff
from icmkit.signoffs.fingerprints import fingerprint, signed_at

SCOPES: dict[str, tuple[str, ...]] = {
    "requirements": ("business requirement", "requirement"),
    "plans": ("plan",),
}
ALL = "all"

HEADER = (
    "# Sign-offs recorded by `icmkit signoff`: who approved which items, and the fingerprint\n"
    "# of each item's content at that moment. `icmkit check` warns (SGN001) when a signed\n"
    "# item has changed since. Add records with `icmkit signoff`; keep earlier ones.\n"
)


def items_in_scope(program: Program, scope: Sequence[str]) -> list[Entry]:
    """The items ``scope`` names: ``requirements``, ``plans``, ``all`` or item ids."""
    if not scope:
        raise UsageError("say what is signed off: --scope requirements, plans, all or item ids")
    entries = list(signable(program))
    by_id: dict[str, Entry] = {}
    for entry in entries:
        by_id.setdefault(entry.id, entry)
    chosen: dict[str, Entry] = {}
    unknown: list[str] = []
    for word in scope:
        if word == ALL:
            chosen.update((e.id, e) for e in entries if e.id not in chosen)
        elif word in SCOPES:
            kinds = SCOPES[word]
            chosen.update((e.id, e) for e in entries if e.kind in kinds and e.id not in chosen)
        elif word in by_id:
            chosen.setdefault(word, by_id[word])
        else:
            unknown.append(word)
    if unknown:
        raise UsageError(
            f"--scope {', '.join(unknown)}: not requirements, plans, all or the id of an item "
            "of this program"
        )
    if not chosen:
        raise UsageError(f"--scope {' '.join(scope)}: no items to sign off")
    return list(chosen.values())


def new_signoff(
    program: Program, by: str, role: str, scope: Sequence[str], when: dt.datetime
) -> SignOff:
    if not by.strip() or not role.strip():
        raise UsageError("--by and --role must not be empty")
    if any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in by + role):
        raise UsageError("--by and --role must be one line of text without control characters")
    entries = items_in_scope(program, scope)
    return SignOff(
        by=by.strip(),
        role=role.strip(),
        on=when.astimezone(dt.UTC).replace(microsecond=0),
        scope=list(scope),
        items={e.id: fingerprint(e.item) for e in entries},
    )


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def record_lines(record: SignOff, dash: int = 2, indent: int = 4) -> list[str]:
    """The lines of one record in the sequence of signoffs.yaml: its ``-`` at column ``dash``
    and its keys at column ``indent`` (both counted from 0)."""
    first, rest = " " * dash + "- ", " " * indent
    when = signed_at(record).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        f"{first}{' ' * (indent - dash - 2)}by: {_quoted(record.by)}",
        f"{rest}role: {_quoted(record.role)}",
        f"{rest}on: {_quoted(when)}",
        f"{rest}scope: [{', '.join(_quoted(s) for s in record.scope)}]",
    ]
    if record.items:
        lines.append(f"{rest}items:")
        lines.extend(f"{rest}  {_quoted(k)}: {_quoted(v)}" for k, v in record.items.items())
    else:
        lines.append(f"{rest}items: {{}}")
    return lines


def signoffs_text(records: Sequence[SignOff]) -> str:
    """The whole of signoffs.yaml for ``records``, oldest first, in one stable layout."""
    lines = [HEADER.rstrip("\n"), "signoffs:"]
    for record in records:
        lines.extend(record_lines(record))
    return "\n".join(lines) + "\n"


def signoffs_file(program: Program) -> str:
    """The program's sign-offs file (``signoffs.yaml``, or the ``.yml`` one it has)."""
    existing = [f for f in program.files if (kind := kind_for(f)) and kind.name == "signoffs"]
    return existing[0] if existing else SIGNOFFS_FILE
