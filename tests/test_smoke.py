from pathlib import Path

from typer.testing import CliRunner

from icmkit.cli.app import app


def test_minimal_program_checks_clean(minimal_program: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(minimal_program)])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("No problems found (7 files checked).\n")
