"""Outcomes kept between runs, equivalent mutants as recorded by hand, and the figures."""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from mutation_tool.operators import Mutant

EQUIVALENT = "equivalent"
NO_TESTS = "no tests"
"""No test runs the mutated line: a survivor."""
NOT_RUN = "not run"
"""No outcome kept for the mutant (``--report-only`` after an unfinished run)."""
KILLED_OUTCOMES = frozenset({"killed", "timeout"})


@dataclass(frozen=True)
class Equivalent:
    file: str
    line: str
    mutation: str
    reason: str
    function: str | None = None
    """The enclosing function (``Class.method``), when the same line occurs in several."""
    nth: int | None = None
    """Which of the same changes on that line (0 for the first), when there are several."""

    def matches(self, mutant: Mutant) -> bool:
        return (
            self.file == mutant.file
            and self.line == mutant.line_text
            and self.mutation == mutant.description
            and (self.function is None or self.function == mutant.scope)
            and (self.nth is None or self.nth == mutant.nth)
        )


def load_equivalents(path: Path) -> list[Equivalent]:
    """``[[equivalent]]`` tables with ``file``, ``line`` (the stripped source line),
    ``mutation`` (as the report shows it), ``reason`` and, where the line is not unique,
    ``function``; ``nth`` picks one of several equal changes on one line."""
    if not path.is_file():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Equivalent(
            e["file"], e["line"], e["mutation"], e["reason"], e.get("function"), e.get("nth")
        )
        for e in data.get("equivalent", [])
    ]


def equivalent_reason(mutant: Mutant, known: list[Equivalent]) -> str | None:
    for entry in known:
        if entry.matches(mutant):
            return entry.reason
    return None


@dataclass(frozen=True)
class Stored:
    outcome: str
    seconds: float
    file_hash: str
    tree_hash: str


def load_results(path: Path) -> dict[str, Stored]:
    found: dict[str, Stored] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found[row["key"]] = Stored(
                    row["outcome"], row["seconds"], row["file_hash"], row["tree_hash"]
                )
    return found


def save_results(path: Path, results: dict[str, Stored]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [
        json.dumps(
            {
                "key": k,
                "outcome": v.outcome,
                "seconds": v.seconds,
                "file_hash": v.file_hash,
                "tree_hash": v.tree_hash,
            }
        )
        for k, v in sorted(results.items())
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


@dataclass
class Figures:
    """Counts for one package (or all): kill rate over the non-equivalent mutants."""

    counts: Counter[str]

    @property
    def mutants(self) -> int:
        return sum(self.counts.values())

    @property
    def judged(self) -> int:
        return self.mutants - self.counts[EQUIVALENT] - self.counts[NOT_RUN]

    @property
    def killed(self) -> int:
        return sum(self.counts[o] for o in KILLED_OUTCOMES)

    @property
    def rate(self) -> float:
        return 100.0 * self.killed / self.judged if self.judged else 100.0


def package_of(file: str) -> str:
    parts = Path(file).parts
    return "/".join(parts[:-1]) if len(parts) > 1 else file
