"""YAML 1.1 reads some unquoted words as yes/no, numbers or dates: say what to quote (YML008)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.loading.conftest import REQUIREMENT_BODY, CheckRun


def _write(program: Path, text: str) -> None:
    (program / "requirements/extra.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("ident", "read_as"),
    [
        ("NO", "a yes/no value"),
        ("off", "a yes/no value"),
        ("1.10", "a number"),
        ("12:30", "a number"),
        ("0x1F", "a number"),
        ("2027-01-01", "a date"),
        ("~", "nothing (null)"),
    ],
)
def test_unquoted_id_read_as_something_else(
    program: Path, check: CheckRun, ident: str, read_as: str
) -> None:
    _write(program, f"requirements:\n  - id: {ident}\n{REQUIREMENT_BODY}")
    run = check()
    if read_as == "nothing (null)":
        expected = (
            "requirements/extra.yaml:2:9: error: SCH003 `id`: expected text, got nothing (null)"
        )
    elif ":" in ident:
        expected = (
            f"requirements/extra.yaml:2:9: error: YML008 YAML reads the unquoted `{ident}` as the "
            f'base-60 number 750; write the number you mean, or put text in quotes: "{ident}"'
        )
    else:
        expected = (
            f"requirements/extra.yaml:2:9: error: YML008 `id`: YAML reads the unquoted `{ident}` "
            "as "
            f'{read_as}, not text; put it in quotes: "{ident}"'
        )
    assert run.findings == [expected]
    assert run.exit_code == 1


def test_quoted_id_is_text(program: Path, check: CheckRun) -> None:
    _write(program, f'requirements:\n  - id: "NO"\n{REQUIREMENT_BODY}')
    run = check()
    # Accepted as text: only the id rule complains about its form.
    assert run.findings == [
        "requirements/extra.yaml:2:9: error: ID001 requirement id `NO` should look like "
        "`FR-NAME-001` (upper-case letters, digits and dashes after the prefix)"
    ]


def test_owner_yes(program: Path, check: CheckRun) -> None:
    _write(program, f"requirements:\n  - id: FR-DI-003\n{REQUIREMENT_BODY}    owner: yes\n")
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:7:12: error: YML008 `owner`: YAML reads the unquoted `yes` as a "
        'yes/no value, not text; put it in quotes: "yes"'
    ]
    assert run.exit_code == 1


def test_unquoted_on_as_a_key_stays_a_key(program: Path, check: CheckRun) -> None:
    # YAML 1.1 would read the key `on` as true; icmkit keeps keys as written.
    _write(program, f"requirements:\n  - id: FR-DI-003\n{REQUIREMENT_BODY}    on: daily\n")
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:7:5: error: SCH001 unknown key `on` in requirement `FR-DI-003`; "
        "remove it or fix its spelling"
    ]
    assert run.exit_code == 1


def test_date_like_text_in_a_text_field_is_accepted(program: Path, check: CheckRun) -> None:
    # 2027-02-30 is no date, so it stays text (and text is what `title` wants).
    body = REQUIREMENT_BODY.replace("title: Nightly import of opportunities", "title: 2027-02-30")
    _write(program, f"requirements:\n  - id: FR-DI-003\n{body}")
    run = check()
    assert run.findings == []
    assert run.exit_code == 0


def test_real_date_in_a_text_field_says_to_quote_it(program: Path, check: CheckRun) -> None:
    body = REQUIREMENT_BODY.replace("title: Nightly import of opportunities", "title: 2027-02-28")
    _write(program, f"requirements:\n  - id: FR-DI-003\n{body}")
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:3:12: error: YML008 `title`: YAML reads the unquoted `2027-02-28` "
        "as "
        'a date, not text; put it in quotes: "2027-02-28"'
    ]


def test_base_60_number_in_an_amount_is_reported(program: Path, check: CheckRun) -> None:
    body = REQUIREMENT_BODY.replace("kind: standard", "kind: assisted")
    _write(program, f"requirements:\n  - id: FR-DI-003\n{body}    hours: 1:30\n")
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:7:12: error: YML008 YAML reads the unquoted `1:30` as the base-60 "
        'number 90; write the number you mean, or put text in quotes: "1:30"',
        # the 90 hours that YAML read also overrun the budget:
        "timeline.yaml:24:67: warning: TML003 assisted requirements need 94 hours but the "
        "program's assistance budget (`BUD-ASSIST`) holds 20 hours; raise the budget, or cut or "
        "defer assisted hours",
    ]
    assert run.exit_code == 1
