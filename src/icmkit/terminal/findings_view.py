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


def finding_line(finding: Finding, display: PathFn, colour: bool = False) -> str:
    """``path:line:col: CODE message`` (warnings and notes say so before the message)."""
    where = f"{printable(display(finding.path))}:{finding.line}:{finding.col}:"
    label = "" if finding.severity is Severity.ERROR else f"{finding.severity.value}: "
    if finding.severity is Severity.INFO:
        label = "note: "
    code = finding.code
    if colour:
        where = f"\x1b[1m{where}\x1b[0m"
        code = f"\x1b[{_COLOURS[finding.severity]}m{code}\x1b[0m"
    return f"{where} {code} {label}{printable(finding.message)}"


def plural(n: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(findings: list[Finding], files: int, failed: bool, colour: bool = False) -> str:
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


def as_text(
    findings: list[Finding], files: int, failed: bool, display: PathFn, colour: bool
) -> str:
    lines = [finding_line(f, display, colour) for f in findings]
    lines.append(summary_line(findings, files, failed, colour))
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


def _failing(finding: Finding, strict: bool) -> bool:
    return finding.severity is Severity.ERROR or (strict and finding.severity is Severity.WARNING)


def as_junit(findings: list[Finding], files: Iterable[str], strict: bool, display: PathFn) -> str:
    """One test suite, one test case per file checked. A file fails when it has findings
    that fail the check (errors, and warnings with ``--strict``); its other findings are kept
    as the test case's output, so a passing report still shows warnings and notes."""
    by_path: dict[str, list[Finding]] = {path: [] for path in files}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    cases: list[junit_xml.Case] = []
    for path in sorted(by_path):
        failing = [f for f in by_path[path] if _failing(f, strict)]
        others = [f for f in by_path[path] if not _failing(f, strict)]
        failure = None
        if failing:
            codes = ", ".join(dict.fromkeys(f.code for f in failing))
            failure = junit_xml.Problem(
                f"{plural(len(failing), 'finding')}: {codes}",
                failing[0].code,
                "".join(finding_line(f, display) + "\n" for f in failing),
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
