"""Findings as a JUnit XML report, the test report format CI services show (GitLab, Jenkins).

One test suite, one test case per file checked. A file fails when it has findings that fail
the check (errors, and warnings with ``--strict``); its other findings are kept as the test
case's output, so a passing report still shows warnings and notes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Final

from icmkit.model.findings import Finding, Severity
from icmkit.terminal.findings_view import finding_line, plural, printable

PathFn = Callable[[str], str]

SUITE_NAME: Final = "icmkit check"


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold at all, not even escaped."""


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _failing(finding: Finding, strict: bool) -> bool:
    return finding.severity is Severity.ERROR or (strict and finding.severity is Severity.WARNING)


def as_junit(findings: list[Finding], files: Iterable[str], strict: bool, display: PathFn) -> str:
    """The JUnit XML report of one ``check`` run (UTF-8 text with an XML declaration)."""
    import xml.etree.ElementTree as ET

    by_path: dict[str, list[Finding]] = {path: [] for path in files}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    paths = sorted(by_path)
    failed_files = sum(1 for p in paths if any(_failing(f, strict) for f in by_path[p]))

    counts = {"tests": str(len(paths)), "failures": str(failed_files), "errors": "0"}
    suites = ET.Element("testsuites", {"name": "icmkit", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": SUITE_NAME, **counts, "skipped": "0"})
    for path in paths:
        shown = _xml_text(printable(display(path)))
        case = ET.SubElement(suite, "testcase", {"classname": SUITE_NAME, "name": shown})
        failing = [f for f in by_path[path] if _failing(f, strict)]
        others = [f for f in by_path[path] if not _failing(f, strict)]
        if failing:
            codes = ", ".join(dict.fromkeys(f.code for f in failing))
            failure = ET.SubElement(
                case,
                "failure",
                {
                    "message": f"{plural(len(failing), 'finding')}: {codes}",
                    "type": failing[0].code,
                },
            )
            failure.text = _xml_text("".join(finding_line(f, display) + "\n" for f in failing))
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = _xml_text("".join(finding_line(f, display) + "\n" for f in others))
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
