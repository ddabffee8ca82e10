"""Load a program and run every check: what ``icmkit check`` and every command that needs a
checked program start from, and the one list of the rules they run.

It sits at the engine layer so that the list includes the engine's own rule, ENG001
(expected results of calculation test cases)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from icmkit.checks.rules import Rule, rule_list
from icmkit.checks.runner import CHECKS_RULES, CheckReport, run_checks
from icmkit.engine import expected_results, plan_shape_rules, version_periods
from icmkit.engine.live_status import with_live_statuses
from icmkit.loading.program_loader import load_working_tree
from icmkit.loading.source import find_root
from icmkit.loading.yaml_reader import DEFAULT_LIMITS, Limits
from icmkit.model.findings import Finding
from icmkit.model.program_bundle import Program
from icmkit.signoffs import acceptance_rules, fingerprints

EVERY_RULE: tuple[Rule, ...] = rule_list(
    CHECKS_RULES,
    acceptance_rules.RULES,
    fingerprints.RULES,
    expected_results.RULES,
    plan_shape_rules.RULES,
    version_periods.RULES,
)
"""Every rule ``icmkit check`` runs, in the order it runs them (``icmkit rules`` and
docs/rules.md list them by code)."""


def check_program(program: Program, load_findings: Iterable[Finding] = ()) -> CheckReport:
    """The findings of loading ``program`` and of every rule."""
    return run_checks(program, load_findings, rules=EVERY_RULE)


@dataclass
class CheckedProgram:
    root: Path
    program: Program
    report: CheckReport


def load_and_check(
    start: Path, *, use_cache: bool = True, limits: Limits = DEFAULT_LIMITS
) -> CheckedProgram:
    """The program at or above ``start``, loaded from the working tree and checked; its
    calculation test cases carry the status the engine computes (``live_status``)."""
    root = find_root(start)
    loaded = load_working_tree(root, use_cache=use_cache, limits=limits)
    report = check_program(loaded.program, loaded.findings)
    return CheckedProgram(root, with_live_statuses(loaded.program), report)
