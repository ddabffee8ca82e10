"""COV005: a ``REPLACE:`` placeholder (as ``icmkit init`` leaves them) still in a program file.

A warning while the program is in its first phase, an error from the phase given by
``check: {placeholders_fail_from_phase: N}`` (default 2): by then the customer reads the
documents, and a placeholder must not reach them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, Final

from pydantic import BaseModel

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.model.base import Item
from icmkit.model.findings import Severity
from icmkit.model.program_bundle import PLACEHOLDER_MARK, Program

MARK: Final = PLACEHOLDER_MARK
"""What starts a placeholder text."""

_SHOWN: Final = 60
"""Characters of a placeholder quoted in the message."""

_KEYS: dict[type[BaseModel], dict[str, str]] = {}


def _keys(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> the key it is written under (``from_`` -> ``from``)."""
    found = _KEYS.get(model)
    if found is None:
        found = {name: info.alias or name for name, info in model.model_fields.items()}
        _KEYS[model] = found
    return found


def _placeholders(
    value: Any, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text holding ``MARK`` below ``value``, with its path of keys and indexes."""
    if isinstance(value, str):
        if MARK in value:
            yield path, value
    elif isinstance(value, BaseModel):
        keys = _keys(type(value))
        for name, child in value.__dict__.items():
            if child is not None and not isinstance(child, int | float | dt.date):
                yield from _placeholders(child, (*path, keys.get(name, name)))
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from _placeholders(child, (*path, index))
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _placeholders(child, (*path, str(key)))


def _items(program: Program) -> Iterable[Item | None]:
    yield program.info
    yield from program.business_requirements
    yield from program.requirements
    yield from program.plans
    yield from program.data_sources
    yield program.conversion
    yield from program.reports
    yield from program.participants
    yield from program.test_cases
    yield program.design
    yield program.timeline


def current_phase(program: Program, today: dt.date) -> int | None:
    """The phase the program is in on ``today``: the last one that has started (None before
    the first, or without a timeline)."""
    if program.timeline is None:
        return None
    started = [p.number for p in program.timeline.phases if p.start <= today]
    return max(started, default=None)


def _today() -> dt.date:
    """The day the program's phase is judged by (tests set their own)."""
    return dt.date.today()


def _quoted(text: str) -> str:
    start = text[text.index(MARK) :].splitlines()[0].strip()
    return start if len(start) <= _SHOWN else start[: _SHOWN - 1].rstrip() + "…"


def _severity(program: Program) -> tuple[Severity, str]:
    """How much a placeholder matters now, and why, in words."""
    fail_from = program.settings.placeholders_fail_from_phase
    phase = current_phase(program, _today())
    if fail_from == 1 or (phase is not None and phase >= fail_from):
        why = f"placeholders are errors from phase {fail_from}"
        if phase is not None:
            why = f"the program is in phase {phase}, and {why}"
        return Severity.ERROR, why
    phases = program.timeline.phases if program.timeline is not None else []
    starts = [p.start.isoformat() for p in phases if p.number == fail_from]
    when = f" (from {starts[0]})" if starts else ""
    return Severity.WARNING, f"it is an error from phase {fail_from}{when}"


@rule("COV005", Severity.WARNING, "`REPLACE:` placeholder left in a file (an error from phase 2)")
def placeholder_left(program: Program) -> Iterator[Hit]:
    marked = program.marked_files
    if not marked:
        return
    severity, why = _severity(program)
    for item in _items(program):
        if item is None or item.where.path not in marked:
            continue
        for path, text in _placeholders(item, ()):
            yield hit(
                f"placeholder `{_quoted(text)}` is still to be replaced; {why}",
                item.where,
                *path,
                severity=severity,
            )


RULES: tuple[Rule, ...] = (placeholder_left,)
