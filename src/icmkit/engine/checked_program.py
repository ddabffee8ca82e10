"""Find, load and check a program in one call: what every command starts from.

It sits above the engine so that the checks include the engine's own rule, ENG001 (expected
results of calculation test cases), wherever a program is checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import icmkit.engine.expected_results  # noqa: F401  (registers ENG001)
from icmkit.checks.runner import CheckReport, run_checks
from icmkit.loading.program_loader import load_working_tree
from icmkit.loading.source import find_root
from icmkit.loading.yaml_reader import DEFAULT_LIMITS, Limits
from icmkit.model.program_bundle import Program


@dataclass
class CheckedProgram:
    root: Path
    program: Program
    report: CheckReport


def load_and_check(
    start: Path, *, use_cache: bool = True, limits: Limits = DEFAULT_LIMITS
) -> CheckedProgram:
    """The program at or above ``start``, loaded from the working tree and checked."""
    root = find_root(start)
    loaded = load_working_tree(root, use_cache=use_cache, limits=limits)
    report = run_checks(loaded.program, loaded.findings)
    return CheckedProgram(root, loaded.program, report)
