"""COV005: `REPLACE:` placeholders are warnings in phase 1 and errors once the program is past
it (configurable); `render` marks a document that still shows one as a draft."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.checks.conftest import CheckAfter, Edit, run_check
from typer.testing import CliRunner

import icmkit.checks.placeholders
from icmkit.cli.app import app

# The minimal program's phase 1 runs from 2027-01-04 to 2027-02-12; phase 2 starts 2027-02-15.
PLACEHOLDER = Edit("program.yaml", "name: Bo Park,", 'name: "REPLACE: the administrator",')
FINDING = "program.yaml:8:22: {severity}: COV005 placeholder `REPLACE: the administrator` is "


def _on(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    monkeypatch.setattr(icmkit.checks.placeholders, "_today", lambda: day)


def test_a_warning_during_phase_1(check_after: CheckAfter, monkeypatch: pytest.MonkeyPatch) -> None:
    _on(monkeypatch, dt.date(2027, 1, 20))
    result = check_after([PLACEHOLDER])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        FINDING.format(severity="warning")
        + "still to be replaced; it is an error from phase 2 (from 2027-02-15)"
    )


def test_an_error_once_past_phase_1(
    check_after: CheckAfter, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on(monkeypatch, dt.date(2027, 2, 15))
    result = check_after([PLACEHOLDER])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == (
        FINDING.format(severity="error")
        + "still to be replaced; the program is in phase 2, and placeholders are errors from "
        "phase 2"
    )


def test_the_phase_it_fails_from_is_configurable(
    check_after: CheckAfter, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on(monkeypatch, dt.date(2027, 2, 15))
    result = check_after([PLACEHOLDER])
    assert result.exit_code == 1
    with (Path("program.yaml")).open("a", encoding="utf-8") as handle:
        handle.write("check:\n  placeholders_fail_from_phase: 3\n")
    relaxed = run_check()
    assert relaxed.exit_code == 0, relaxed.output
    assert ": warning: COV005 " in relaxed.output
    assert "it is an error from phase 3 (from 2027-03-29)" in relaxed.output


def test_every_text_of_every_file_is_searched(
    check_after: CheckAfter,
) -> None:
    result = check_after(
        [
            PLACEHOLDER,
            Edit("plans/ae.yaml", "name: New ARR", 'name: "REPLACE: the measure"'),
            Edit("timeline.yaml", "name: Go live,", 'name: "REPLACE: go-live",'),
        ]
    )
    lines = [line for line in result.output.splitlines() if " COV005 " in line]
    assert [line.split(": ")[0] for line in lines] == [
        "plans/ae.yaml:8:23",
        "program.yaml:8:22",
        "timeline.yaml:22:29",
    ]


def test_render_marks_a_document_with_a_placeholder_as_a_draft(
    program: Path, tmp_path: Path
) -> None:
    clean = CliRunner().invoke(app, ["render", "--out", str(tmp_path / "clean")])
    assert clean.exit_code == 0
    assert "Draft" not in (tmp_path / "clean" / "program.md").read_text(encoding="utf-8")
    assert "draft" not in clean.stderr

    text = (program / "plans/ae.yaml").read_text(encoding="utf-8")
    (program / "plans/ae.yaml").write_text(
        text.replace("name: New ARR", 'name: "REPLACE: the measure"'), encoding="utf-8"
    )
    out = tmp_path / "draft"
    result = CliRunner().invoke(app, ["render", "--out", str(out)])
    assert result.exit_code == 0, result.output
    plan_md = (out / "plans/PLAN-AE.md").read_text(encoding="utf-8")
    first_page = plan_md.split("## Contents")[0]
    assert "> **Draft:** this document still holds placeholder text" in first_page
    plan_html = (out / "plans/PLAN-AE.html").read_text(encoding="utf-8")
    assert plan_html.index('<p class="draft">') < plan_html.index("</header>")
    assert "Draft" not in (out / "program.md").read_text(encoding="utf-8")
    assert result.stderr == (
        "icmkit: warning: marked as a draft (placeholder text left): plans/PLAN-AE; `icmkit check` "
        "lists the placeholders (COV005)\n"
    )


def _text_of(length: int) -> str:
    """A placeholder of exactly ``length`` characters: `REPLACE: xxx…x`."""
    return "REPLACE: " + "x" * (length - len("REPLACE: "))


@pytest.mark.parametrize(
    ("length", "quoted"),
    [(60, _text_of(60)), (61, _text_of(59) + "…")],
    ids=["sixty-shown-whole", "sixty-one-cut"],
)
def test_a_long_placeholder_is_quoted_up_to_sixty_characters(
    length: int, quoted: str, check_after: CheckAfter
) -> None:
    result = check_after([Edit("program.yaml", "name: Bo Park,", f'name: "{_text_of(length)}",')])
    assert result.output.splitlines()[0].startswith(
        f"program.yaml:8:22: warning: COV005 placeholder `{quoted}` is still to be replaced; "
    ), result.output
