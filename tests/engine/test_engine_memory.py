"""An engine that runs out of memory refuses the run with what to change: never a payout
computed from part of the data, never an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import snapshot_tree
from typer.testing import CliRunner

from icmkit.cli.app import app


def _with_engine(program: Path, engine: str) -> None:
    path = program / "program.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"engine: {engine}\n", encoding="utf-8")


@pytest.mark.parametrize("output", ["csv", "json"])
def test_duckdb_out_of_its_memory_limit_is_a_refusal_that_names_the_setting(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    _with_engine(minimal_program, "{duckdb: {memory_limit: 1MB}}")
    rows = "".join(f"A{n % 50},T{n},2027-03-{1 + n % 28:02d},{n}.25\n" for n in range(200_000))
    (minimal_program / "tx.csv").write_text("participant,id,date,amount\n" + rows, "utf-8")
    monkeypatch.chdir(minimal_program)
    before = snapshot_tree(minimal_program)

    result = CliRunner().invoke(
        app,
        ["calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-03", "-f", output],
    )

    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == (
        "icmkit: error: DuckDB ran out of memory within its limit of 1MB, nothing computed; "
        "raise `engine.duckdb.memory_limit` in program.yaml (for example 2GB, if the machine "
        "has it), or lower `engine.duckdb.threads`, or use --engine spark\n"
    )
    assert snapshot_tree(minimal_program) == before
