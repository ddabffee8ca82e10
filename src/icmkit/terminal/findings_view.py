"""Findings as text lines, JSON, GitHub Actions annotations or a JUnit XML report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from icmkit.model.findings import Finding, Severity
from icmkit.terminal import junit_xml
from icmkit.terminal.json_text import json_text

PathFn = Callable[[str], str]

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}

_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}
_CONTROL.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def printable(text: str) -> str:
    """``text`` on one line with no terminal control codes (a value from a file may hold any)."""
    return text.translate(_CONTROL)


_LABELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def finding_line(finding: Finding, display: PathFn, colour: bool = False) -> str:
    """``path:line:col: error: CODE message``: the place first, then the severity (``error``,
    ``warning`` or ``note``), as compilers write it, so editors and CI jump to the place and
    tell errors from warnings."""
    where = f"{printable(display(finding.path))}:{finding.line}:{finding.col}:"
    label = f"{_LABELS[finding.severity]}:"
    code = finding.code
    if colour:
        where = f"\x1b[1m{where}\x1b[0m"
        label = f"\x1b[1;{_COLOURS[finding.severity]}m{label}\x1b[0m"
        code = f"\x1b[{_COLOURS[finding.severity]}m{code}\x1b[0m"
    return f"{where} {label} {code} {printable(finding.message)}"


def plural(n: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def failing(finding: Finding, strict: bool) -> bool:
    """Whether ``finding`` fails the check: errors always, warnings when ``strict``."""
    return finding.severity is Severity.ERROR or (strict and finding.severity is Severity.WARNING)


def errors_first(findings: Iterable[Finding]) -> list[Finding]:
    """Errors, then warnings, then notes; each in the order given (by file and line)."""
    return sorted(findings, key=lambda f: _RANK[f.severity])


def summary_line(findings: list[Finding], files: int, failed: bool, colour: bool = False) -> str:
    """The counts of each severity (the last line of the ``github`` format)."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    notes = sum(1 for f in findings if f.severity is Severity.INFO)
    checked = f"{plural(files, 'file')} checked"
    if not findings:
        text = f"No problems found ({checked})."
        return f"\x1b[32m{text}\x1b[0m" if colour else text
    parts = [plural(errors, "error"), plural(warnings, "warning"), plural(notes, "note")]
    text = f"Found {', '.join(parts)} ({checked})."
    if colour:
        text = f"\x1b[{'31' if failed else '33'}m{text}\x1b[0m"
    return text


def _blocking(findings: list[Finding], strict: bool) -> str:
    """What fails the check, such as ``1 error fails the check``."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING) if strict else 0
    counted = [plural(n, word) for n, word in ((errors, "error"), (warnings, "warning")) if n]
    if not counted:
        return "nothing fails the check"
    verb = "fails" if errors + warnings == 1 else "fail"
    return f"{' and '.join(counted)} {verb} the check"


def as_text(
    findings: list[Finding],
    files: int,
    strict: bool,
    display: PathFn,
    colour: bool,
    *,
    errors_only: bool = False,
) -> str:
    """One line per finding, errors first, then a summary that says what fails the check.

    With ``errors_only``, only the findings that fail the check are listed (the summary
    still counts them all)."""
    shown = [f for f in findings if failing(f, strict)] if errors_only else findings
    lines = [finding_line(f, display, colour) for f in errors_first(shown)]
    checked = f"{plural(files, 'file')} checked"
    if not findings:
        text = f"No problems found ({checked})."
        lines.append(f"\x1b[32m{text}\x1b[0m" if colour else text)
        return "\n".join(lines) + "\n"
    counts = [
        plural(sum(1 for f in findings if f.severity is severity), word)
        for severity, word in _LABELS.items()
    ]
    hidden = len(findings) - len(shown)
    if hidden:
        checked += f"; {plural(hidden, 'other finding')} not shown"
    blocking = _blocking(findings, strict)
    text = f"Found {', '.join(counts)} ({checked}): {blocking}."
    if colour:
        failed = any(failing(f, strict) for f in findings)
        text = f"\x1b[{'31' if failed else '33'}m{text}\x1b[0m"
    lines.append(text)
    return "\n".join(lines) + "\n"


def as_json(findings: list[Finding], files: int, failed: bool, display: PathFn, root: str) -> str:
    document = {
        "version": 1,
        "program": root,
        "files": files,
        "ok": not failed,
        "summary": {
            "errors": sum(1 for f in findings if f.severity is Severity.ERROR),
            "warnings": sum(1 for f in findings if f.severity is Severity.WARNING),
            "notes": sum(1 for f in findings if f.severity is Severity.INFO),
        },
        "findings": [{**f.to_dict(), "path": display(f.path)} for f in findings],
    }
    return json_text(document)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def as_github(findings: list[Finding], files: int, failed: bool, display: PathFn) -> str:
    """One workflow command per finding, then a plain summary line."""
    lines = []
    for f in findings:
        props = ",".join(
            [
                f"file={_escape_property(display(f.path))}",
                f"line={f.line}",
                f"col={f.col}",
                f"title={_escape_property(f.code)}",
            ]
        )
        lines.append(f"::{_COMMANDS[f.severity]} {props}::{_escape_data(f'{f.code} {f.message}')}")
    lines.append(summary_line(findings, files, failed))
    return "\n".join(lines) + "\n"


JUNIT_SUITE: Final = "icmkit check"


def as_junit(findings: list[Finding], files: Iterable[str], strict: bool, display: PathFn) -> str:
    """One test suite, one test case per file checked. A file fails when it has findings
    that fail the check (errors, and warnings with ``--strict``); its other findings are kept
    as the test case's output, so a passing report still shows warnings and notes."""
    by_path: dict[str, list[Finding]] = {path: [] for path in files}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    cases: list[junit_xml.Case] = []
    for path in sorted(by_path):
        blocking = [f for f in by_path[path] if failing(f, strict)]
        others = [f for f in by_path[path] if not failing(f, strict)]
        failure = None
        if blocking:
            codes = ", ".join(dict.fromkeys(f.code for f in blocking))
            failure = junit_xml.Problem(
                f"{plural(len(blocking), 'finding')}: {codes}",
                blocking[0].code,
                "".join(finding_line(f, display) + "\n" for f in blocking),
            )
        cases.append(
            junit_xml.Case(
                printable(display(path)),
                JUNIT_SUITE,
                failure=failure,
                output="".join(finding_line(f, display) + "\n" for f in others),
            )
        )
    return junit_xml.junit_xml("icmkit", [junit_xml.Suite(JUNIT_SUITE, cases)])
