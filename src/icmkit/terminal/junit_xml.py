"""JUnit XML, the test report format CI services show (GitLab, Jenkins): the one writer of it.

The reports of ``icmkit check`` and ``icmkit test`` describe their suites and cases with the
dataclasses here and :func:`junit_xml` writes them. Text is made fit for XML 1.0 on the way:
control characters are shown escaped (``\\x01``), and the few characters XML cannot hold at
all (lone surrogates, U+FFFE, U+FFFF) become U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    escaped = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return _NOT_XML.sub("\ufffd", escaped)


@dataclass(frozen=True)
class Problem:
    """Why a test case failed (a ``failure``) or could not run (an ``error``)."""

    message: str
    type: str
    text: str


@dataclass(frozen=True)
class Case:
    name: str
    classname: str
    file: str | None = None
    line: int | None = None
    failure: Problem | None = None
    error: Problem | None = None
    output: str = ""
    """What the case wrote (``system-out``), shown even when it passes."""


@dataclass(frozen=True)
class Suite:
    name: str
    cases: list[Case] = field(default_factory=list)


def _counts(cases: list[Case]) -> dict[str, str]:
    return {
        "tests": str(len(cases)),
        "failures": str(sum(1 for c in cases if c.failure is not None)),
        "errors": str(sum(1 for c in cases if c.error is not None)),
    }


def junit_xml(name: str, suites: list[Suite]) -> str:
    """The report: a ``testsuites`` element named ``name`` (UTF-8 text with an XML
    declaration)."""
    every = [case for suite in suites for case in suite.cases]
    root = ET.Element("testsuites", {"name": xml_text(name), **_counts(every)})
    for suite in suites:
        attributes = {"name": xml_text(suite.name), **_counts(suite.cases), "skipped": "0"}
        element = ET.SubElement(root, "testsuite", attributes)
        for case in suite.cases:
            _case(ET.SubElement(element, "testcase", _case_attributes(case)), case)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _case_attributes(case: Case) -> dict[str, str]:
    attributes = {"classname": xml_text(case.classname), "name": xml_text(case.name)}
    if case.file is not None:
        attributes["file"] = xml_text(case.file)
    if case.line is not None:
        attributes["line"] = str(case.line)
    return attributes


def _case(element: ET.Element, case: Case) -> None:
    for tag, problem in (("failure", case.failure), ("error", case.error)):
        if problem is not None:
            attributes = {"message": xml_text(problem.message), "type": xml_text(problem.type)}
            ET.SubElement(element, tag, attributes).text = xml_text(problem.text)
    if case.output:
        ET.SubElement(element, "system-out").text = xml_text(case.output)
