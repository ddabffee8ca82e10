"""Findings as SARIF 2.1.0, the format code-scanning services read (GitHub, GitLab, Azure).

One run, with every code ``icmkit check`` can report as a rule, and one result per finding
pointing at ``path:line:col``. Paths are URIs relative to the folder the command ran in
(``%SRCROOT%``), as shown by the other formats; a program outside it gets ``file:`` URIs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath
from typing import Any, Final
from urllib.parse import quote

from icmkit import __version__
from icmkit.model.findings import Finding, Severity
from icmkit.terminal.json_text import json_text

PathFn = Callable[[str], str]
RuleRow = tuple[str, Severity, str]
"""A rule as listed by ``icmkit rules``: code, default severity, summary."""

SARIF_VERSION: Final = "2.1.0"
SARIF_SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT: Final = "%SRCROOT%"

LEVELS: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _artifact(path: str) -> dict[str, str]:
    posix = PurePosixPath(path.replace(os.sep, "/"))
    if posix.is_absolute():
        return {"uri": "file://" + _quoted(posix.as_posix())}
    return {"uri": _quoted(posix.as_posix()), "uriBaseId": SOURCE_ROOT}


def _quoted(path: str) -> str:
    """``path`` as a URI path: each byte of its name percent-encoded where a URI needs it
    (a name the file system gave as bytes that are not UTF-8 included)."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "backslashreplace")
    return quote(raw)


def _rule(code: str, severity: Severity, summary: str) -> dict[str, Any]:
    return {
        "id": code,
        "shortDescription": {"text": summary},
        "defaultConfiguration": {"level": LEVELS[severity]},
    }


def as_sarif(findings: list[Finding], rules: Iterable[RuleRow], display: PathFn) -> str:
    """The SARIF log of one ``check`` run, as indented JSON ending in a newline."""
    table: dict[str, RuleRow] = {}
    for row in rules:
        table.setdefault(row[0], row)
    for f in findings:  # a code the rule table does not list still gets a rule
        table.setdefault(f.code, (f.code, f.severity, f.code))
    index = {code: position for position, code in enumerate(table)}
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(display(f.path)),
                        "region": {"startLine": f.line, "startColumn": f.col},
                    }
                }
            ],
        }
        for f in findings
    ]
    document = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "icmkit",
                        "version": __version__,
                        "rules": [_rule(*row) for row in table.values()],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json_text(document)
