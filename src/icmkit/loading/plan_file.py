"""One plan file read on its own (a proposal kept outside the program, say), through the
program loader: the same YAML reader, limits and validation as every program file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from icmkit.errors import UnreadableInputError
from icmkit.loading.program_loader import MISSING_FILE, load_program
from icmkit.model.findings import Finding
from icmkit.model.plans import Plan


class _OnePlan:
    """A source holding one plan file."""

    def __init__(self, label: str, data: bytes) -> None:
        self.label = label
        self._data = data
        self.path = "plans/plan.yaml"

    def list_files(self) -> list[str]:
        return [self.path]

    def size(self, path: str) -> int:
        return len(self._data)

    def read_bytes(self, path: str) -> bytes:
        return self._data


def load_plan_file(path: Path) -> tuple[Plan | None, list[Finding]]:
    """The plan in the file at ``path`` (None when it does not load) and the problems found,
    reported against ``path``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInputError(f"{path}: cannot read: {exc.strerror}") from None
    source = _OnePlan(str(path), data)
    loaded = load_program(source, root_label=str(path.parent))
    findings = [
        dataclasses.replace(f, path=str(path)) for f in loaded.findings if f.code != MISSING_FILE
    ]
    plans = loaded.program.plans
    return (plans[0] if plans else None), findings
