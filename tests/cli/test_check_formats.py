"""`icmkit check` output: text, JSON and GitHub annotations, colour, and `--strict`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.conftest import build_file_tree
from tests.loading.conftest import REQUIREMENT_BODY, invoke, replace

from icmkit.model.findings import Finding, Severity
from icmkit.terminal.findings_view import as_github, finding_line

ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[A-Z]+\d+::.+$"
)
ANSI = "\x1b["

UNKNOWN_STATUS = (
    "requirements/core.yaml:28:13: error: SCH003 `status`: `agred` is not allowed; use one of: "
    "proposed, agreed, configured, tested, accepted, deferred; did you mean `agreed`?"
)


def _two_problems(program: Path) -> None:
    """One error (a bad status) and one warning (an unknown owner, lowered to a warning)."""
    replace(program, "requirements/core.yaml", "status: proposed", "status: agred")
    replace(
        program, "requirements/core.yaml", "owner: ana\n  - id: FR-PC", "owner: anna\n  - id: FR-PC"
    )
    with (program / "program.yaml").open("a", encoding="utf-8") as handle:
        handle.write("check:\n  severity: {REF001: warning}\n")


def test_json_is_the_only_thing_on_stdout(program: Path) -> None:
    _two_problems(program)
    run = invoke(["check", "--format", "json"])
    assert run.exit_code == 1
    document = json.loads(run.stdout)
    assert set(document) == {"version", "program", "files", "ok", "summary", "findings"}
    assert document["version"] == 1
    assert document["ok"] is False
    assert document["files"] == 7
    assert Path(document["program"]) == program
    assert document["summary"] == {"errors": 1, "warnings": 1, "notes": 0}
    assert document["findings"] == [
        {
            "code": "REF001",
            "severity": "warning",
            "message": "unknown team member `anna`; use the id of an existing team member; "
            "did you mean `ana`?",
            "path": "requirements/core.yaml",
            "line": 8,
            "col": 12,
        },
        {
            "code": "SCH003",
            "severity": "error",
            "message": UNKNOWN_STATUS.split(" SCH003 ", 1)[1],
            "path": "requirements/core.yaml",
            "line": 28,
            "col": 13,
        },
    ]


def test_json_of_a_clean_program(program: Path) -> None:
    run = invoke(["check", "-f", "json"])
    assert run.exit_code == 0
    document = json.loads(run.stdout)
    assert document["ok"] is True
    assert document["findings"] == []
    assert document["summary"] == {"errors": 0, "warnings": 0, "notes": 0}


def test_json_paths_are_relative_to_the_current_folder(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_problems(minimal_program)
    monkeypatch.chdir(minimal_program.parent)
    document = json.loads(invoke(["check", "program", "--format", "json"]).stdout)
    assert [f["path"] for f in document["findings"]] == ["program/requirements/core.yaml"] * 2


def test_github_annotations_one_per_finding(program: Path) -> None:
    _two_problems(program)
    run = invoke(["check", "--format", "github"])
    assert run.exit_code == 1
    annotations = [line for line in run.lines if line.startswith("::")]
    assert annotations == [
        "::warning file=requirements/core.yaml,line=8,col=12,title=REF001::REF001 unknown team "
        "member `anna`; use the id of an existing team member; did you mean `ana`?",
        "::error file=requirements/core.yaml,line=28,col=13,title=SCH003::"
        + UNKNOWN_STATUS.split(": error: ", 1)[1],
    ]
    assert all(ANNOTATION.match(line) for line in annotations)
    assert run.lines[-1] == "Found 1 error, 1 warning, 0 notes (7 files checked)."


def test_github_escapes_file_names_and_messages(program: Path) -> None:
    # A file name with a comma, a colon and a percent sign; a key with a newline in it.
    build_file_tree(
        program,
        {
            "requirements/a, b: 100%.yaml": (
                f'requirements:\n  - id: FR-DI-003\n{REQUIREMENT_BODY}    "odd,\\nkey: 5%": 1\n'
            )
        },
    )
    run = invoke(["check", "--format", "github"])
    annotations = [line for line in run.lines if line.startswith("::")]
    assert annotations == [
        "::error file=requirements/a%2C b%3A 100%25.yaml,line=7,col=5,title=SCH001::SCH001 "
        "unknown key `odd,%0Akey: 5%25` in requirement `FR-DI-003`; remove it or fix its spelling"
    ]
    assert ANNOTATION.match(annotations[0])


def test_github_escaping_of_every_special_character() -> None:
    finding = Finding("REF001", Severity.INFO, "50% done,\r\nnext: a", "dir,x/a:b%.yaml", 3, 4)
    assert as_github([finding], 1, False, lambda p: p).splitlines()[0] == (
        "::notice file=dir%2Cx/a%3Ab%25.yaml,line=3,col=4,title=REF001::"
        "REF001 50%25 done,%0D%0Anext: a"
    )


def test_text_output_has_no_colour_when_not_a_terminal(program: Path) -> None:
    _two_problems(program)
    run = invoke(["check"])
    assert ANSI not in run.stdout
    assert run.lines == [
        UNKNOWN_STATUS,
        "requirements/core.yaml:8:12: warning: REF001 unknown team member `anna`; use the id "
        "of an existing team member; did you mean `ana`?",
        "Found 1 error, 1 warning, 0 notes (7 files checked): 1 error fails the check.",
    ]


@pytest.mark.parametrize("option", ["--errors-only", "-q"])
def test_errors_only_lists_what_fails_and_counts_the_rest(program: Path, option: str) -> None:
    _two_problems(program)
    run = invoke(["check", option])
    assert run.exit_code == 1
    assert run.lines == [
        UNKNOWN_STATUS,
        "Found 1 error, 1 warning, 0 notes (7 files checked; 1 other finding not shown): "
        "1 error fails the check.",
    ]


def test_errors_only_with_strict_keeps_the_warnings_that_fail(program: Path) -> None:
    _two_problems(program)
    run = invoke(["check", "-q", "--strict"])
    assert run.exit_code == 1
    assert len(run.findings) == 2
    assert run.lines[-1] == (
        "Found 1 error, 1 warning, 0 notes (7 files checked): 1 error and 1 warning fail the check."
    )


def test_errors_only_in_github_annotates_errors_only(program: Path) -> None:
    _two_problems(program)
    run = invoke(["check", "-q", "--format", "github"])
    assert [line.split(" ", 1)[0] for line in run.lines[:-1]] == ["::error"]


def test_force_color_colours_the_text(program: Path) -> None:
    _two_problems(program)
    run = invoke(["check"], env={"FORCE_COLOR": "1"})
    assert "\x1b[31mSCH003\x1b[0m" in run.stdout


def test_no_color_wins_over_force_color(program: Path) -> None:
    _two_problems(program)
    run = invoke(["check"], env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert ANSI not in run.stdout
    assert UNKNOWN_STATUS in run.lines


def test_text_keeps_each_finding_on_one_line_without_control_codes(program: Path) -> None:
    build_file_tree(
        program,
        {
            "requirements/extra.yaml": (
                f'requirements:\n  - id: FR-DI-003\n{REQUIREMENT_BODY}    "a\\nb\\e[31m": 1\n'
            )
        },
    )
    run = invoke(["check"])
    assert run.findings == [
        "requirements/extra.yaml:7:5: error: SCH001 unknown key `a\\nb\\x1b[31m` in requirement "
        "`FR-DI-003`; remove it or fix its spelling"
    ]
    assert "\x1b" not in run.stdout


def test_finding_line_labels_every_severity_after_the_place() -> None:
    same = str
    assert finding_line(Finding("X001", Severity.ERROR, "e", "a.yaml", 4, 5), same) == (
        "a.yaml:4:5: error: X001 e"
    )
    assert finding_line(Finding("X001", Severity.WARNING, "w", "a.yaml", 2, 3), same) == (
        "a.yaml:2:3: warning: X001 w"
    )
    assert finding_line(Finding("X001", Severity.INFO, "n", "a.yaml"), same) == (
        "a.yaml:1:1: note: X001 n"
    )


def test_warnings_pass_without_strict_and_fail_with_it(program: Path) -> None:
    replace(
        program, "requirements/core.yaml", "owner: ana\n  - id: FR-PC", "owner: anna\n  - id: FR-PC"
    )
    with (program / "program.yaml").open("a", encoding="utf-8") as handle:
        handle.write("check:\n  severity: {REF001: warning}\n")
    relaxed = invoke(["check"])
    strict = invoke(["check", "--strict"])
    assert relaxed.exit_code == 0
    assert strict.exit_code == 1
    assert relaxed.findings == strict.findings
    assert relaxed.lines[-1] == (
        "Found 0 errors, 1 warning, 0 notes (7 files checked): nothing fails the check."
    )
    assert strict.lines[-1] == (
        "Found 0 errors, 1 warning, 0 notes (7 files checked): 1 warning fails the check."
    )


def test_warnings_fail_setting_acts_like_strict(program: Path) -> None:
    replace(
        program, "requirements/core.yaml", "owner: ana\n  - id: FR-PC", "owner: anna\n  - id: FR-PC"
    )
    with (program / "program.yaml").open("a", encoding="utf-8") as handle:
        handle.write("check:\n  severity: {REF001: warning}\n  warnings_fail: true\n")
    run = invoke(["check", "--format", "json"])
    assert run.exit_code == 1
    assert json.loads(run.stdout)["ok"] is False
