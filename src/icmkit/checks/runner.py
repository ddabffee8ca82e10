"""Run every rule over a loaded program and apply the program's own check settings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from icmkit.checks import (  # noqa: F401  (imported to register their rules)
    conditions,
    coverage,
    ids,
    plans,
    references,
    requirements,
    signoffs,
    status,
    timeline,
)
from icmkit.checks.registry import RULES
from icmkit.model.findings import Finding, Severity
from icmkit.model.program import CheckSettings
from icmkit.model.program_bundle import Program


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def failed(self, strict: bool) -> bool:
        if self.count(Severity.ERROR):
            return True
        return strict and self.count(Severity.WARNING) > 0


def _configure(findings: Iterable[Finding], settings: CheckSettings) -> list[Finding]:
    ignored = set(settings.ignore)
    result: list[Finding] = []
    for finding in findings:
        if finding.code in ignored:
            continue
        severity = settings.severity.get(finding.code)
        if severity is not None and severity is not finding.severity:
            finding = Finding(
                finding.code, severity, finding.message, finding.path, finding.line, finding.col
            )
        result.append(finding)
    return result


def run_checks(
    program: Program, load_findings: Iterable[Finding] = (), select: set[str] | None = None
) -> CheckReport:
    """All findings for ``program``: those from loading plus every rule's, sorted by place."""
    found: list[Finding] = list(load_findings)
    for code, registered in RULES.items():
        if select is not None and code not in select:
            continue
        for h in registered.func(program):
            found.append(Finding(code, registered.severity, h.message, h.path, h.line, h.col))
    unique = {(f.path, f.line, f.col, f.code, f.message): f for f in found}
    findings = _configure(unique.values(), program.settings)
    findings.sort(key=Finding.sort_key)
    return CheckReport(findings, len(program.files))
