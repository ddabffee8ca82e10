"""Loading edges, with the exact message a user sees: a program found from its
`program.yaml`, an absent optional folder, a mapping where text belongs, a file without its
collection, an unreadable file named relative or absolute, and YAML the one-pass reader gives
up on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.loading.yaml_reader import Limits, read_yaml


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_the_program_file_itself_finds_the_program(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(minimal_program)
    assert _check("program.yaml") == (0, "No problems found (7 files checked).\n", "")


def test_an_absent_folder_is_no_file_rather_than_an_unreadable_one(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(minimal_program)
    for path in (minimal_program / "data").iterdir():
        path.unlink()
    (minimal_program / "data").rmdir()
    assert _check(".") == (
        1,
        "plans/ae.yaml:8:40: error: REF001 unknown data source `DS-CRM`; use the id of an "
        "existing data source\n"
        "Found 1 error, 0 warnings, 0 notes (6 files checked): 1 error fails the check.\n",
        "",
    )


def test_a_mapping_where_text_belongs_is_named(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(minimal_program)
    core = minimal_program / "requirements" / "core.yaml"
    text = core.read_text(encoding="utf-8")
    title = text.split("    title: ", 1)[1].split("\n", 1)[0]
    core.write_text(text.replace(f"    title: {title}\n", "    title: {a: 1}\n", 1))
    assert _check(".") == (
        1,
        "requirements/core.yaml:3:12: error: SCH003 `title`: expected text, got a mapping\n"
        "Found 1 error, 0 warnings, 0 notes (7 files checked): 1 error fails the check.\n",
        "",
    )


def test_a_file_without_its_collection_reports_only_its_unknown_keys(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(minimal_program)
    (minimal_program / "requirements" / "extra.yaml").write_text("categories: []\n")
    assert _check(".") == (
        1,
        "requirements/extra.yaml:1:1: error: SCH001 unknown key `categories` in functional "
        "requirements file; remove it or fix its spelling\n"
        "Found 1 error, 0 warnings, 0 notes (8 files checked): 1 error fails the check.\n",
        "",
    )


def test_an_unreadable_file_far_from_the_current_folder_is_named_in_full(
    minimal_program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zero = minimal_program / "requirements" / "zero.yaml"
    zero.symlink_to(os.devnull)
    far = tmp_path / "a" / "b" / "c"
    far.mkdir(parents=True)
    refused = (
        ":1:1: error: FIL003 a symbolic link leading outside the program folder; it is not read"
        " (copy the file into the program instead)"
    )
    monkeypatch.chdir(far)
    code, out, err = _check(str(minimal_program))
    assert (code, out.splitlines()[0], err) == (1, f"{zero}{refused}", "")
    monkeypatch.chdir(minimal_program.parent)
    code, out, err = _check(str(minimal_program))
    assert (code, out.splitlines()[0], err) == (1, f"program/requirements/zero.yaml{refused}", "")


def _problems(data: bytes, limits: Limits | None = None) -> list[tuple[str, str, int, int]]:
    result = read_yaml(data, limits or Limits())
    return [(p.code, p.message, p.line, p.col) for p in result.problems]


def test_a_second_document_after_a_duplicate_key_is_the_one_problem() -> None:
    assert _problems(b"a: 1\na: 2\n---\nb: 1\n") == [
        ("YML001", "YAML syntax error: a second document (`---`); keep one document per file", 3, 1)
    ]


def test_an_undefined_alias_after_a_duplicate_key_is_the_one_problem() -> None:
    assert _problems(b"a: 1\na: 2\nb: *nope\n") == [
        ("YML001", "YAML syntax error: found undefined alias", 3, 4)
    ]


@pytest.mark.parametrize(
    ("data", "line", "col"),
    [(b"a: &x 1\nb: *x\nc: [1, 2, 3, 4]\n", 3, 4), (b"a: 1\nb: 2\nc: 3\nd: 4\n", 3, 4)],
)
def test_too_many_values_are_reported_where_the_limit_is_passed(
    data: bytes, line: int, col: int
) -> None:
    assert _problems(data, Limits(max_nodes=3)) == [
        (
            "YML003",
            "file expands to more than 3 values (aliases counted each time they are used); "
            "remove the repeated aliases or split the file",
            line,
            col,
        )
    ]


def test_a_plan_that_fails_to_load_is_reported_once(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the test case still names the plan and its component: neither is reported as unknown
    monkeypatch.chdir(minimal_program)
    plan = minimal_program / "plans" / "ae.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("      method: marginal\n", "      method: marginal\n      bogus: 1\n")
    )
    assert _check(".") == (
        1,
        "plans/ae.yaml:17:7: error: SCH001 unknown key `bogus` in commission plan `PLAN-AE`; "
        "remove it or fix its spelling\n"
        "Found 1 error, 0 warnings, 0 notes (7 files checked): 1 error fails the check.\n",
        "",
    )


def test_the_parse_cache_is_kept_apart_for_each_set_of_limits(
    minimal_program: Path,
) -> None:
    from icmkit.engine.load_and_check import load_and_check

    assert load_and_check(minimal_program).report.findings == []
    tight = load_and_check(minimal_program, limits=Limits(max_nodes=20))
    assert {(f.code, f.path) for f in tight.report.findings} >= {("YML003", "plans/ae.yaml")}


def test_team_members_of_a_program_file_that_fails_to_load_are_not_unknown(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # requirements name `ana` and `bo` as owners: the team list is walked for their ids
    monkeypatch.chdir(minimal_program)
    info = minimal_program / "program.yaml"
    info.write_text(
        info.read_text(encoding="utf-8").replace(
            "  currency: USD\n", "  currency: USD\n  bogus: 1\n"
        )
    )
    assert _check(".") == (
        1,
        "program.yaml:5:3: error: SCH001 unknown key `bogus` in program; remove it or fix its "
        "spelling\n"
        "Found 1 error, 0 warnings, 0 notes (7 files checked): 1 error fails the check.\n",
        "",
    )


def test_items_that_fail_to_load_are_named_by_their_kind_and_id(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # nothing else is reported: not the references to them, nor what they would have covered
    monkeypatch.chdir(minimal_program)
    sources = minimal_program / "data" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace(
            "    owner: bo\n", "    owner: bo\n    bogus: 1\n"
        )
    )
    cases = minimal_program / "tests" / "plan-ae.yaml"
    cases.write_text(
        cases.read_text(encoding="utf-8").replace(
            "    stage: unit\n", "    stage: unit\n    bogus: 2\n", 1
        )
    )
    assert _check(".") == (
        1,
        "data/sources.yaml:10:5: error: SCH001 unknown key `bogus` in data source `DS-CRM`; "
        "remove it or fix its spelling\n"
        "tests/plan-ae.yaml:5:5: error: SCH001 unknown key `bogus` in test case `TC-AE-001`; "
        "remove it or fix its spelling\n"
        "Found 2 errors, 0 warnings, 0 notes (7 files checked): 2 errors fail the check.\n",
        "",
    )
