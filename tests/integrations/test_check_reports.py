"""`icmkit check --format sarif|junit` for CI services, and GitHub annotations in Actions."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from typer.testing import CliRunner, Result

from icmkit import __version__
from icmkit.checks.rules import all_codes
from icmkit.cli.app import app
from icmkit.engine.load_and_check import EVERY_RULE
from icmkit.model.findings import Finding, Severity
from icmkit.terminal.findings_view import as_junit
from icmkit.terminal.sarif_view import as_sarif

BAD_STATUS = (
    "`status`: `agred` is not allowed; use one of: proposed, agreed, configured, tested, "
    "accepted, deferred; did you mean `agreed`?"
)
UNKNOWN_OWNER = (
    "unknown team member `anna`; use the id of an existing team member; did you mean `ana`?"
)


def _object(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": False,
    }


_TEXT = {"type": "string"}
_MESSAGE = _object(["text"], {"text": _TEXT})
_POSITIVE = {"type": "integer", "minimum": 1}

# The part of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) that icmkit writes: required
# keys, types and enums as the specification gives them; no other keys allowed.
SARIF_SUBSET: dict[str, Any] = _object(
    ["version", "runs"],
    {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"enum": ["2.1.0"]},
        "runs": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": _object(
                ["tool"],
                {
                    "tool": _object(
                        ["driver"],
                        {
                            "driver": _object(
                                ["name"],
                                {
                                    "name": _TEXT,
                                    "version": _TEXT,
                                    "rules": {
                                        "type": "array",
                                        "uniqueItems": True,
                                        "items": _object(
                                            ["id"],
                                            {
                                                "id": _TEXT,
                                                "shortDescription": _MESSAGE,
                                                "defaultConfiguration": _object(
                                                    [],
                                                    {
                                                        "level": {
                                                            "enum": [
                                                                "none",
                                                                "note",
                                                                "warning",
                                                                "error",
                                                            ]
                                                        }
                                                    },
                                                ),
                                            },
                                        ),
                                    },
                                },
                            )
                        },
                    ),
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": _object(
                            ["message"],
                            {
                                "ruleId": _TEXT,
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": _MESSAGE,
                                "locations": {
                                    "type": "array",
                                    "items": _object(
                                        [],
                                        {
                                            "physicalLocation": _object(
                                                [],
                                                {
                                                    "artifactLocation": _object(
                                                        [],
                                                        {
                                                            "uri": {
                                                                "type": "string",
                                                                "format": "uri-reference",
                                                            },
                                                            "uriBaseId": _TEXT,
                                                        },
                                                    ),
                                                    "region": _object(
                                                        [],
                                                        {
                                                            "startLine": _POSITIVE,
                                                            "startColumn": _POSITIVE,
                                                        },
                                                    ),
                                                },
                                            )
                                        },
                                    ),
                                },
                            },
                        ),
                    },
                },
            ),
        },
    },
)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


def _replace(root: Path, rel: str, old: str, new: str) -> None:
    target = root / rel
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1
    target.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal program as the current folder, with one error and one warning."""
    monkeypatch.chdir(minimal_program)
    core = "requirements/core.yaml"
    _replace(minimal_program, core, "status: proposed", "status: agred")
    _replace(minimal_program, core, "owner: ana\n  - id: FR-PC", "owner: anna\n  - id: FR-PC")
    with (minimal_program / "program.yaml").open("a", encoding="utf-8") as handle:
        handle.write("check:\n  severity: {REF001: warning}\n")
    return minimal_program


def _sarif(*args: str) -> tuple[int, dict[str, Any]]:
    result = invoke("check", "--format", "sarif", *args)
    document: dict[str, Any] = json.loads(result.stdout)
    errors = sorted(e.message for e in Draft7Validator(SARIF_SUBSET).iter_errors(document))
    assert errors == []
    return result.exit_code, document


def test_sarif_lists_every_rule_and_each_finding_at_its_place(program: Path) -> None:
    code, document = _sarif()

    assert code == 1
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("icmkit", __version__)
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert list(rules) == [code for code, _, _ in all_codes(EVERY_RULE)]
    for listed_code, severity, summary in all_codes(EVERY_RULE):
        assert rules[listed_code]["shortDescription"] == {"text": summary}
        level = {"error": "error", "warning": "warning", "info": "note"}[severity.value]
        assert rules[listed_code]["defaultConfiguration"] == {"level": level}

    assert [
        (
            r["ruleId"],
            r["level"],
            r["message"]["text"],
            r["locations"][0]["physicalLocation"]["artifactLocation"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in run["results"]
    ] == [
        (
            "REF001",
            "warning",
            UNKNOWN_OWNER,
            {"uri": "requirements/core.yaml", "uriBaseId": "%SRCROOT%"},
            {"startLine": 8, "startColumn": 12},
        ),
        (
            "SCH003",
            "error",
            BAD_STATUS,
            {"uri": "requirements/core.yaml", "uriBaseId": "%SRCROOT%"},
            {"startLine": 28, "startColumn": 13},
        ),
    ]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_of_a_clean_program_has_no_results(minimal_program: Path) -> None:
    code, document = _sarif(str(minimal_program))
    assert code == 0
    assert document["runs"][0]["results"] == []


def test_sarif_paths_are_uris_and_notes_are_notes() -> None:
    findings = [
        Finding("STA001", Severity.INFO, "a note", "plans/my plan.yaml", 3, 5),
        Finding("XYZ999", Severity.ERROR, "from elsewhere", "/abs/path/p.yaml", 1, 1),
    ]

    document = json.loads(as_sarif(findings, [], lambda path: path))

    assert list(Draft7Validator(SARIF_SUBSET).iter_errors(document)) == []
    run = document["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["STA001", "XYZ999"]
    first, second = run["results"]
    assert first["level"] == "note"
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "plans/my%20plan.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert (second["ruleIndex"], second["level"]) == (1, "error")
    assert second["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///abs/path/p.yaml"
    }


def _junit(*args: str) -> tuple[int, ET.Element]:
    result = invoke("check", "--format", "junit", *args)
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return result.exit_code, ET.fromstring(result.stdout.encode("utf-8"))


FILES = [
    "business-requirements.yaml",
    "data/sources.yaml",
    "plans/ae.yaml",
    "program.yaml",
    "requirements/core.yaml",
    "tests/plan-ae.yaml",
    "timeline.yaml",
]


def test_junit_has_one_test_case_per_file_and_fails_the_file_with_errors(program: Path) -> None:
    code, root = _junit()

    assert code == 1
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite"
    assert suite.attrib == {
        "name": "icmkit check",
        "tests": "7",
        "failures": "1",
        "errors": "0",
        "skipped": "0",
    }
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == FILES
    assert {case.get("classname") for case in cases} == {"icmkit check"}
    failed = {case.get("name"): case for case in cases if case.find("failure") is not None}
    assert list(failed) == ["requirements/core.yaml"]
    failure = failed["requirements/core.yaml"].find("failure")
    assert failure is not None
    assert failure.attrib == {"message": "1 finding: SCH003", "type": "SCH003"}
    assert failure.text == f"requirements/core.yaml:28:13: error: SCH003 {BAD_STATUS}\n"
    output = failed["requirements/core.yaml"].find("system-out")
    assert output is not None
    assert output.text == f"requirements/core.yaml:8:12: warning: REF001 {UNKNOWN_OWNER}\n"


def test_junit_strict_fails_on_warnings_too(program: Path) -> None:
    code, root = _junit("--strict")

    assert code == 1
    failure = root.find("testsuite/testcase[@name='requirements/core.yaml']/failure")
    assert failure is not None
    assert failure.attrib == {"message": "2 findings: REF001, SCH003", "type": "REF001"}
    assert failure.text is not None
    assert failure.text.splitlines() == [
        f"requirements/core.yaml:8:12: warning: REF001 {UNKNOWN_OWNER}",
        f"requirements/core.yaml:28:13: error: SCH003 {BAD_STATUS}",
    ]


def test_junit_of_a_clean_program_passes(minimal_program: Path) -> None:
    code, root = _junit(str(minimal_program))
    assert code == 0
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("7", "0")
    assert suite.findall("testcase/failure") == []


def test_junit_keeps_a_finding_on_a_missing_file_and_any_text_parses() -> None:
    findings = [
        Finding("FIL001", Severity.ERROR, "missing timeline.yaml", "timeline.yaml"),
        Finding("SCH003", Severity.ERROR, "bad \x01 value \ufffe <&>", "plans/a.yaml", 2, 3),
    ]

    root = ET.fromstring(as_junit(findings, ["plans/a.yaml"], False, lambda p: p))

    names = [case.get("name") for case in root.iter("testcase")]
    assert names == ["plans/a.yaml", "timeline.yaml"]
    failure = root.find("testsuite/testcase[@name='plans/a.yaml']/failure")
    assert failure is not None
    assert failure.text == "plans/a.yaml:2:3: error: SCH003 bad \\x01 value \ufffd <&>\n"


def test_in_github_actions_check_writes_annotations_by_default(program: Path) -> None:
    result = invoke("check", env={"GITHUB_ACTIONS": "true"})

    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[1] == (
        "::error file=requirements/core.yaml,line=28,col=13,title=SCH003::SCH003 " + BAD_STATUS
    )
    assert lines[0].startswith("::warning file=requirements/core.yaml,line=8,col=12,")


@pytest.mark.parametrize(
    ("env", "args"),
    [({"GITHUB_ACTIONS": "true"}, ("--format", "text")), ({"GITHUB_ACTIONS": "false"}, ())],
)
def test_text_when_asked_or_outside_github_actions(
    program: Path, env: dict[str, str], args: tuple[str, ...]
) -> None:
    result = invoke("check", *args, env=env)

    assert result.exit_code == 1
    assert (
        result.stdout.splitlines()[0] == f"requirements/core.yaml:28:13: error: SCH003 {BAD_STATUS}"
    )


def test_the_sarif_subset_refuses_what_the_specification_refuses() -> None:
    bad = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"version": "1"}},
                "results": [{"ruleId": "X", "level": "fatal", "message": {"txt": "x"}}],
            }
        ],
    }
    errors = sorted(e.message for e in Draft7Validator(SARIF_SUBSET).iter_errors(bad))
    assert errors == [
        "'fatal' is not one of ['none', 'note', 'warning', 'error']",
        "'name' is a required property",
        "'text' is a required property",
        "Additional properties are not allowed ('txt' was unexpected)",
    ]


def test_annotations_are_relative_to_the_github_workspace(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from inside the program, annotations still name files from the checkout's top."""
    (minimal_program / "requirements" / "core.yaml").write_text(
        (minimal_program / "requirements" / "core.yaml")
        .read_text(encoding="utf-8")
        .replace("owner: ana\n", "owner: anna\n", 1),
        encoding="utf-8",
    )
    monkeypatch.setenv("GITHUB_WORKSPACE", str(minimal_program.parent))
    monkeypatch.chdir(minimal_program / "requirements")
    result = CliRunner().invoke(app, ["check", "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "::error file=program/requirements/core.yaml,line=8,col=12,title=REF001::"
    )
