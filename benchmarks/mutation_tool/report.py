"""The figures as a terminal table and as ``benchmarks/MUTATION.md``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from mutation_tool.operators import Mutant
from mutation_tool.results import EQUIVALENT, NO_TESTS, NOT_RUN, Figures, package_of

COLUMNS = ("killed", "timeout", "survived", NO_TESTS, EQUIVALENT, NOT_RUN)


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    outcome: str
    reason: str = ""


def figures(outcomes: list[Outcome]) -> dict[str, Figures]:
    per: dict[str, Counter[str]] = {}
    for o in outcomes:
        per.setdefault(package_of(o.mutant.file), Counter())[o.outcome] += 1
    table = {name: Figures(counts) for name, counts in sorted(per.items())}
    total: Counter[str] = Counter()
    for counts in per.values():
        total.update(counts)
    table["all"] = Figures(total)
    return table


def table(outcomes: list[Outcome]) -> str:
    head = "| package | mutants | " + " | ".join(COLUMNS) + " | kill rate |"
    rule = "|---|---:|" + "---:|" * len(COLUMNS) + "---:|"
    rows = [head, rule]
    for name, fig in figures(outcomes).items():
        label = f"**{name}**" if name == "all" else f"`{name}`"
        cells = " | ".join(str(fig.counts[c]) for c in COLUMNS)
        rows.append(f"| {label} | {fig.mutants} | {cells} | {fig.rate:.1f}% |")
    return "\n".join(rows)


def _where(m: Mutant) -> str:
    scope = f" `{m.scope}`" if m.scope else " (module level)"
    return f"`{m.file}:{m.line}`{scope}"


def _nth(m: Mutant) -> str:
    return f" (the same change, occurrence {m.nth + 1} on the line)" if m.nth else ""


def _code(text: str) -> str:
    return "`` " + text.replace("|", "\\|") + " ``"


def survivors(outcomes: list[Outcome]) -> str:
    lines = [
        f"- {_where(o.mutant)}: {_code(o.mutant.description)}{_nth(o.mutant)}"
        + (" (no test runs this line)" if o.outcome == NO_TESTS else "")
        for o in outcomes
        if o.outcome in ("survived", NO_TESTS)
    ]
    return "\n".join(lines) if lines else "None."


DEAD = ("dead code", "unreachable", "defensive", "only without")
"""Reasons that say the mutated code never runs for a user: listed apart, for removal."""


def equivalents(outcomes: list[Outcome], dead: bool) -> str:
    """Equivalent mutants with their reasons: those in code that never runs, or the others."""
    lines = [
        f"- {_where(o.mutant)}: {_code(o.mutant.description)} — {o.reason}"
        for o in outcomes
        if o.outcome == EQUIVALENT and o.reason.startswith(DEAD) == dead
    ]
    return "\n".join(lines) if lines else "None."
