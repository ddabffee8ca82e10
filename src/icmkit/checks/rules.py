"""What a rule is: a small function with a stable code, a severity and a summary.

``@rule(...)`` turns a function into a :class:`Rule`; nothing is registered anywhere. Each
rule module lists its own rules in a ``RULES`` tuple, and one module at the engine layer lists
every rule ``icmkit check`` runs (:data:`icmkit.engine.load_and_check.EVERY_RULE`). The codes
reported while reading files, before any rule runs, are listed here too."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from icmkit.model.findings import Severity
from icmkit.model.positions import Where
from icmkit.model.program_bundle import Program


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports: a message and the place to edit (the code is the rule's, and so
    is the severity unless the hit gives its own)."""

    message: str
    path: str
    line: int
    col: int
    severity: Severity | None = None


def hit(
    message: str,
    where: Where,
    *path: str | int,
    key: bool = False,
    severity: Severity | None = None,
) -> Hit:
    """A hit at the value (or with ``key=True`` the key) at ``path`` below ``where``;
    ``severity`` for a rule whose severity depends on the program (such as its phase)."""
    line, col = where.key_at(*path) if key else where.at(*path)
    return Hit(message, where.path, line, col, severity)


RuleFunc = Callable[[Program], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    func: RuleFunc

    def __call__(self, program: Program) -> Iterable[Hit]:
        return self.func(program)


# Codes reported while reading files, before any rule runs (documented with the rules).
LOADER_CODES: dict[str, tuple[Severity, str]] = {
    "YML001": (Severity.ERROR, "YAML syntax error"),
    "YML002": (Severity.ERROR, "duplicate key in a mapping"),
    "YML003": (Severity.ERROR, "too many values (alias bomb) or nesting too deep"),
    "YML004": (Severity.ERROR, "file larger than the size limit"),
    "YML005": (Severity.ERROR, "file is not UTF-8 text"),
    "YML006": (Severity.ERROR, "empty file"),
    "YML007": (Severity.ERROR, "unsupported YAML tag"),
    "YML008": (Severity.ERROR, "unquoted value that YAML reads as a number, date or yes/no"),
    "SCH001": (Severity.ERROR, "unknown key"),
    "SCH002": (Severity.ERROR, "missing required key"),
    "SCH003": (Severity.ERROR, "wrong type or value not allowed"),
    "SCH004": (Severity.ERROR, "unknown or missing component kind"),
    "SCH005": (Severity.ERROR, "file or collection has the wrong shape"),
    "FIL001": (Severity.ERROR, "required program file missing"),
    "FIL002": (Severity.ERROR, "the same program file twice (.yaml and .yml)"),
    "FIL003": (Severity.ERROR, "program file is a symbolic link leading outside the program"),
    "FIL004": (Severity.ERROR, "program file is a pipe, a device or another special file"),
    "FIL005": (Severity.ERROR, "file name is not valid UTF-8"),
}


def rule(code: str, severity: Severity, summary: str) -> Callable[[RuleFunc], Rule]:
    """Make the decorated function the rule ``code``."""

    def make(func: RuleFunc) -> Rule:
        return Rule(code, severity, summary, func)

    return make


def all_codes(rules: Iterable[Rule]) -> Iterator[tuple[str, Severity, str]]:
    """Every code icmkit can report with ``rules``: loader codes first, then the rules, each
    sorted by code."""
    for code in sorted(LOADER_CODES):
        yield code, *LOADER_CODES[code]
    for found in sorted(rules, key=lambda r: r.code):
        yield found.code, found.severity, found.summary


def rule_list(*groups: Iterable[Rule]) -> tuple[Rule, ...]:
    """The rules of ``groups`` in order, as one tuple; a code given twice (or a loader's code)
    is a programming error."""
    rules = tuple(found for group in groups for found in group)
    seen: set[str] = set(LOADER_CODES)
    for found in rules:
        if found.code in seen:
            raise ValueError(f"rule code {found.code} given twice")
        seen.add(found.code)
    return rules
