"""The rules are listed, not registered: each rule module lists its rules in RULES, and
EVERY_RULE lists every module's, so every command runs the same rules whatever was imported."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

from icmkit.checks.rules import LOADER_CODES, Rule
from icmkit.checks.runner import CHECKS_RULES
from icmkit.engine.load_and_check import EVERY_RULE

SRC = Path(__file__).resolve().parents[2] / "src"


def _defines_a_rule(tree: ast.Module) -> bool:
    return any(
        isinstance(d, ast.Call) and isinstance(d.func, ast.Name) and d.func.id == "rule"
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        for d in node.decorator_list
    )


def _rule_modules() -> list[str]:
    """Every module of icmkit with a function decorated with ``@rule(...)``."""
    return [
        ".".join(path.relative_to(SRC).with_suffix("").parts)
        for path in sorted((SRC / "icmkit").rglob("*.py"))
        if _defines_a_rule(ast.parse(path.read_text(encoding="utf-8")))
    ]


def test_each_rule_module_lists_every_rule_it_defines_and_every_rule_is_run() -> None:
    modules = _rule_modules()
    assert "icmkit.engine.expected_results" in modules
    assert "icmkit.signoffs.fingerprints" in modules
    listed: list[Rule] = []
    for name in modules:
        module = importlib.import_module(name)
        defined = [value for value in vars(module).values() if isinstance(value, Rule)]
        assert sorted(r.code for r in module.RULES) == sorted(r.code for r in defined), name
        listed += module.RULES
    assert sorted(r.code for r in EVERY_RULE) == sorted(r.code for r in listed)


def test_codes_are_unique_and_the_checks_layer_rules_come_first() -> None:
    codes = [r.code for r in EVERY_RULE]
    assert len(codes) == len(set(codes))
    assert not set(codes) & set(LOADER_CODES)
    assert EVERY_RULE[: len(CHECKS_RULES)] == CHECKS_RULES
    assert codes[-7:] == ["SGN001", "ENG001", "SHP001", "SHP002", "SHP003", "SHP004", "VER004"]


def test_rules_lists_the_same_codes_in_a_fresh_process() -> None:
    """`icmkit rules` in a process that has imported nothing else (as the console script
    runs it) lists every rule, ENG001 included."""
    done = subprocess.run(
        [sys.executable, "-m", "icmkit", "rules", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={"PYTHONPATH": str(SRC), "PATH": ""},
    )
    assert "ENG001" in done.stdout and "SGN001" in done.stdout
    assert done.stdout.count('"code"') == len(EVERY_RULE) + len(LOADER_CODES)
