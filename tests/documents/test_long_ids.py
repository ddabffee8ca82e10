"""A plan id too long for a file name: `check` reports it, and `render` still writes every
document (the file name is cut and made unique), never "File name too long" (exit 3)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.documents.addresses import MAX_STEM, plan_file_stem

LONG = "PLAN-" + "A" * 254


def _rename_plan(program: Path, new: str) -> None:
    for rel in ("plans/ae.yaml", "requirements/core.yaml", "tests/plan-ae.yaml"):
        path = program / rel
        path.write_text(path.read_text(encoding="utf-8").replace("PLAN-AE", new), "utf-8")


def test_check_reports_an_id_too_long(minimal_program: Path) -> None:
    _rename_plan(minimal_program, LONG)
    result = CliRunner().invoke(app, ["check", str(minimal_program)])
    assert result.exit_code == 1
    [finding] = [line for line in result.stdout.splitlines() if "ID001" in line]
    assert finding.endswith(
        f"plan id `{LONG[:40]}…` is 259 characters long; keep ids to 100 characters (they "
        "become file names and anchors)"
    )


def test_render_writes_every_document_of_a_plan_with_a_long_id(
    minimal_program: Path, tmp_path: Path
) -> None:
    _rename_plan(minimal_program, LONG)
    out = tmp_path / "docs"
    result = CliRunner().invoke(app, ["render", str(minimal_program), "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    stem = plan_file_stem(LONG)
    names = sorted(p.name for p in (out / "plans").iterdir())
    assert names == [f"{stem}-curves", f"{stem}.html", f"{stem}.md"]
    assert len(stem) == MAX_STEM
    assert [p.name for p in (out / "plans" / f"{stem}-curves").iterdir()] == [
        "component-commission.svg"
    ]


def test_long_ids_get_distinct_short_names() -> None:
    first, second = plan_file_stem(LONG), plan_file_stem(LONG + "B")
    assert first != second
    assert len(first) == len(second) == MAX_STEM
    assert plan_file_stem("PLAN-AE") == "PLAN-AE"
