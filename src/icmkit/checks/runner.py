"""Run rules over a loaded program and apply the program's own check settings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from icmkit.checks import (
    case_rosters,
    conditions,
    coverage,
    ids,
    placeholders,
    plan_versions,
    plans,
    references,
    requirements,
    roster,
    status,
    timeline,
)
from icmkit.checks.rules import Rule, rule_list
from icmkit.model.findings import Finding, Severity
from icmkit.model.program import CheckSettings
from icmkit.model.program_bundle import Program

CHECKS_RULES: tuple[Rule, ...] = rule_list(
    conditions.RULES,
    coverage.RULES,
    ids.RULES,
    plan_versions.RULES,
    placeholders.RULES,
    plans.RULES,
    references.RULES,
    requirements.RULES,
    roster.RULES,
    case_rosters.RULES,
    status.RULES,
    timeline.RULES,
)
"""The rules of this layer, in a fixed order. ``icmkit check`` runs these and the rules of
the layers above (sign-offs, the engine): every rule is listed in
:data:`icmkit.engine.load_and_check.EVERY_RULE`."""


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
    program: Program,
    load_findings: Iterable[Finding] = (),
    *,
    rules: Sequence[Rule] = CHECKS_RULES,
) -> CheckReport:
    """All findings for ``program``: those from loading plus those of ``rules``, sorted by
    place."""
    found: list[Finding] = list(load_findings)
    for chosen in rules:
        for h in chosen(program):
            severity = h.severity or chosen.severity
            found.append(Finding(chosen.code, severity, h.message, h.path, h.line, h.col))
    unique = {(f.path, f.line, f.col, f.code, f.message): f for f in found}
    findings = _configure(unique.values(), program.settings)
    findings.sort(key=Finding.sort_key)
    return CheckReport(findings, len(program.files))
