"""YAML that cannot be parsed (YML001) or repeats a key (YML002): one finding, at the place."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.loading.conftest import CheckRun


def test_unclosed_bracket_names_where_it_was_opened(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {
            "requirements/extra.yaml": """
                requirements:
                  - id: FR-DI-003
                    title: [Nightly import of opportunities
                    category: data_integration
                    kind: standard
                    phase: 1
                """
        },
    )
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:4:13: error: YML001 YAML syntax error: did not find expected ',' "
        "or ']' (while parsing a flow sequence started at line 3, column 12)"
    ]
    assert run.exit_code == 1


def test_bad_indentation(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {
            "requirements/extra.yaml": """
                requirements:
                  - id: FR-DI-003
                     title: Nightly import of opportunities
                """
        },
    )
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:3:11: error: YML001 YAML syntax error: "
        "mapping values are not allowed in this context"
    ]
    assert run.exit_code == 1


def test_outdented_key_names_the_list_it_breaks(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {
            "requirements/extra.yaml": """
                requirements:
                  - id: FR-DI-003
                    title: Nightly import of opportunities
                   category: data_integration
                """
        },
    )
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:4:4: error: YML001 YAML syntax error: did not find expected '-' "
        "indicator (while parsing a block collection started at line 2, column 3)"
    ]
    assert run.exit_code == 1


def test_tab_indentation_says_to_use_spaces(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {
            "requirements/extra.yaml": (
                b"requirements:\n  - id: FR-DI-003\n\ttitle: Nightly import of opportunities\n"
            )
        },
    )
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:3:1: error: YML001 YAML syntax error: a tab where YAML expects "
        "spaces; indent with spaces, not tabs"
    ]
    assert run.exit_code == 1


def test_unclosed_quote(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {
            "requirements/extra.yaml": """
                requirements:
                  - id: FR-DI-003
                    title: "Nightly import
                    category: data_integration
                """
        },
    )
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:5:1: error: YML001 YAML syntax error: found unexpected end of "
        "stream (while scanning a quoted scalar started at line 3, column 12)"
    ]
    assert run.exit_code == 1


def test_second_document_in_one_file(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {"requirements/extra.yaml": "requirements: []\n---\nrequirements: []\n"},
    )
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:2:1: error: YML001 YAML syntax error: a second document (`---`); "
        "keep one document per file"
    ]
    assert run.exit_code == 1


def test_undefined_alias(program: Path, check: CheckRun) -> None:
    build_file_tree(program, {"requirements/extra.yaml": "requirements: *missing\n"})
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:1:15: error: YML001 YAML syntax error: found undefined alias"
    ]
    assert run.exit_code == 1


def test_duplicate_key_at_second_key_naming_the_first(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {
            "requirements/extra.yaml": """
                requirements:
                  - id: FR-DI-003
                    title: Nightly import of opportunities
                    category: data_integration
                    kind: standard
                    title: Nightly import of accounts
                    phase: 1
                """
        },
    )
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:6:5: error: YML002 duplicate key `title` (first given at line 3); "
        "remove one of them"
    ]
    assert run.exit_code == 1


def test_duplicate_top_level_key(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {
            "requirements/extra.yaml": """
                requirements: []

                requirements: []
                """
        },
    )
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:3:1: error: YML002 duplicate key `requirements` (first given at "
        "line 1); remove one of them"
    ]
    assert run.exit_code == 1


def test_syntax_error_in_a_used_file_reports_no_dangling_references(
    program: Path, check: CheckRun
) -> None:
    # The plan and a test case refer to FR-PC-001 and FR-DI-001 in this file: once the file
    # cannot be read, those references are not reported again as unknown.
    text = (program / "requirements/core.yaml").read_text(encoding="utf-8")
    (program / "requirements/core.yaml").write_text(
        text.replace("title: Import opportunities", "title: [Import opportunities"),
        encoding="utf-8",
    )
    run = check()
    assert run.errors() == [
        "requirements/core.yaml:4:13: error: YML001 YAML syntax error: did not find expected ',' "
        "or ']' (while parsing a flow sequence started at line 3, column 12)"
    ]
    assert not [line for line in run.findings if "REF001" in line]
    assert run.exit_code == 1
