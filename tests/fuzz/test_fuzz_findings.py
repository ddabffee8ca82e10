"""Plain regression tests for the bugs the fuzz test found, one per bug."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from icmkit.cli.app import app


def _run(program: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout + result.stderr


def test_export_of_a_requirement_file_that_is_not_utf8(minimal_program: Path) -> None:
    """`export xlsx` ended in UnicodeDecodeError (exit 3)."""
    core = minimal_program / "requirements" / "core.yaml"
    core.write_bytes(core.read_bytes().replace(b"Import", b"Imp\xffort", 1))
    code, output = _run(
        minimal_program,
        "export",
        "xlsx",
        str(minimal_program),
        "--out",
        str(minimal_program.parent / "r.xlsx"),
    )
    assert code == 2
    assert output == "icmkit: error: requirements/core.yaml is not UTF-8 text; run `icmkit check`\n"
