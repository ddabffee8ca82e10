"""The text view: snapshots at 80 and 120 columns, widths, colour and truncation."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from tests.conftest import build_file_tree
from tests.status.conftest import ANSI, AS_OF, EXAMPLE, run

from icmkit.terminal.status_view import PIPE_WIDTH, output_width

SNAPSHOTS = Path(__file__).parent / "snapshots"


def _check_snapshot(name: str, text: str) -> None:
    target = SNAPSHOTS / name
    if os.environ.get("ICMKIT_UPDATE_GOLDENS") == "1":
        target.write_text(text, encoding="utf-8")
    assert target.exists(), f"no snapshot {name}; run with ICMKIT_UPDATE_GOLDENS=1 to create it"
    assert text == target.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [80, 120])
def test_text_view_matches_snapshot(width: int) -> None:
    result = run(str(EXAMPLE), "--as-of", AS_OF, "--width", str(width))
    assert result.exit_code == 0, result.output
    _check_snapshot(f"example-{width}.txt", result.stdout)


@pytest.mark.parametrize("width", [40, 80, 120])
def test_no_line_is_longer_than_the_width(width: int) -> None:
    result = run(str(EXAMPLE), "--as-of", AS_OF, "--width", str(width))
    lines = result.stdout.splitlines()
    assert len(lines) > 10
    assert max(len(line) for line in lines) <= width
    assert not [line for line in lines if line != line.rstrip()]


def test_long_titles_are_cut_with_an_ellipsis_not_wrapped(minimal_program: Path) -> None:
    long_title = "Import opportunities " + "and their line items " * 8 + "END-OF-TITLE"
    core = (minimal_program / "requirements/core.yaml").read_text(encoding="utf-8")
    core = core.replace("Import opportunities from the CRM every night", long_title)
    build_file_tree(minimal_program, {"requirements/core.yaml": core})

    lines = run(str(minimal_program), "--width", "80").stdout.splitlines()

    row = next(line for line in lines if "FR-DI-001" in line)
    assert row.startswith("  [a] FR-DI-001 Import opportunities and their line items")
    assert "…" in row and row.rstrip().endswith("ana")
    assert len(row) <= 80
    assert "END-OF-TITLE" not in "\n".join(lines)
    assert not any(line.startswith("  and their") for line in lines)


def test_piped_output_uses_columns_else_cuts_no_title(minimal_program: Path) -> None:
    long_title = "Import opportunities " + "and their line items " * 8 + "END-OF-TITLE"
    core = (minimal_program / "requirements/core.yaml").read_text(encoding="utf-8")
    core = core.replace("Import opportunities from the CRM every night", long_title)
    build_file_tree(minimal_program, {"requirements/core.yaml": core})

    narrow = run(str(minimal_program), env={"COLUMNS": "60"}).stdout.splitlines()
    assert max(len(line) for line in narrow) <= 60
    assert any(len(line) == 60 for line in narrow)

    piped = run(str(minimal_program), env={"COLUMNS": ""}).stdout.splitlines()
    row = next(line for line in piped if "FR-DI-001" in line)
    assert f" {long_title} " in row
    assert "…" not in "\n".join(piped)
    other = next(line for line in piped if "FR-PC-001" in line)
    assert other.index(" ana") == row.index(" ana")  # the columns stay aligned


def test_piped_output_has_no_colour_codes(minimal_program: Path) -> None:
    result = run(str(minimal_program))
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)


def test_no_color_wins_over_force_color(minimal_program: Path) -> None:
    forced = run(str(minimal_program), env={"FORCE_COLOR": "1"})
    assert ANSI.search(forced.stdout), "FORCE_COLOR should colour the output"

    result = run(str(minimal_program), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not ANSI.search(result.stdout)
    assert ANSI.sub("", forced.stdout) == result.stdout


def test_sections_show_hours_milestones_and_tests(varied_program: Path) -> None:
    out = run(str(varied_program), "--as-of", "2027-04-15", "--width", "80").stdout
    assert "Overall  █████░░░░░ 2/4 accepted  50% 3/4 tested, 1 deferred" in out
    assert "  Assisted requirements: 6.5 h planned of 20 h assistance budget, 2.5 h accepted" in out
    assert "  Go-live support (BUD-SUPPORT, phase 4): 12 of 40 h spent" in out
    assert "  [!] MS-PREPROD  Pre-production ready  due 2027-03-26, 20 days late" in out
    assert "MS-GOLIVE" not in out and "MS-PROTO" not in out
    assert "  [ ] TC-DI-002 Month-end close checklist is complete (FR-DI-0… uat      not run" in out
    assert "    •   Solution design outline" in out
    assert "    [ ] Every plan type has a passing test case" in out


class _Terminal(io.StringIO):
    """A stream that says it is a terminal but has no real terminal behind it."""

    def isatty(self) -> bool:
        return True


def test_output_width_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "90")
    assert output_width(io.StringIO(), 120) == 120
    assert output_width(io.StringIO()) == 90
    assert output_width(_Terminal()) == 90  # no terminal size to ask: COLUMNS, as the shell sets
    monkeypatch.setenv("COLUMNS", "wide")
    assert output_width(io.StringIO()) == PIPE_WIDTH
    monkeypatch.delenv("COLUMNS")
    assert output_width(io.StringIO()) == PIPE_WIDTH  # a pipe or a file: nothing is cut
    assert output_width(_Terminal()) >= 40
