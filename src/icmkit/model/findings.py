"""Findings: what a check reports, with a stable rule code and a place to edit."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters. Errors fail ``check``; warnings fail it with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, pointing at ``path:line:col`` (1-based) of the file the user edits."""

    code: str
    severity: Severity
    message: str
    path: str
    line: int = 1
    col: int = 1

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code, self.message)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "col": self.col,
        }
