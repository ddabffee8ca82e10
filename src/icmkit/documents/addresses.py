"""Where an item is found in the documents: its anchor, its plan document's file name, and
its place in id order."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from icmkit.model.plans import Plan
    from icmkit.model.program_bundle import Program

_SLUG = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"(\d+)")
_UNSAFE_IN_FILE_NAMES = re.compile(r"[^A-Za-z0-9._-]+")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """``FR-2`` before ``FR-10``."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(text) if part
    )


MAX_STEM = 100
"""Longest plan document name before its extension: far below the file systems' 255 bytes,
with room for the extension and a temporary file's prefix and suffix."""


def plan_file_stem(plan_id: str) -> str:
    """A plan id as a safe file name (no folders, no dots at the start, at most
    :data:`MAX_STEM` characters: a longer id is cut and given a hash of the whole id)."""
    stem = _UNSAFE_IN_FILE_NAMES.sub("-", plan_id).lstrip(".-") or "plan"
    if len(stem) > MAX_STEM:
        digest = hashlib.sha256(plan_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        stem = f"{stem[: MAX_STEM - 13].rstrip('.-')}-{digest}"
    return stem


def plan_files(program: Program) -> list[tuple[Plan, str]]:
    """Each plan with a unique file stem, in id order."""
    used: set[str] = set()
    result = []
    for plan in sorted(program.plans, key=lambda p: natural_key(p.id)):
        base = plan_file_stem(plan.id)
        stem, n = base, 2
        while stem.lower() in used:
            stem, n = f"{base}-{n}", n + 1
        used.add(stem.lower())
        result.append((plan, stem))
    return result


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "item"


class Anchors:
    """Unique HTML ids for items: the same (kind, id) always gets the same anchor."""

    def __init__(self) -> None:
        self._given: dict[tuple[str, str], str] = {}
        self._used: set[str] = set()

    def __call__(self, kind: str, ident: str) -> str:
        key = (kind, ident)
        found = self._given.get(key)
        if found is not None:
            return found
        base = f"{kind}-{slug(ident)}"
        anchor = base
        n = 2
        while anchor in self._used:
            anchor = f"{base}-{n}"
            n += 1
        self._used.add(anchor)
        self._given[key] = anchor
        return anchor

    def get(self, kind: str, ident: str) -> str | None:
        return self._given.get((kind, ident))
