"""``icmkit schema`` writes one schema per kind of program file; init ships them too."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from tests.schema.conftest import errors, load, program_files
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.model.layout import FILE_KINDS
from icmkit.resources import templates_root
from icmkit.scaffold.init_program import init_program
from icmkit.scaffold.options import CiChoice, InitOptions
from icmkit.schema.export import schema_for

MODELINE = "# yaml-language-server: $schema="


def test_schema_writes_one_file_per_kind(tmp_path: Path) -> None:
    out = tmp_path / "schemas"

    result = CliRunner().invoke(app, ["schema", "--out", str(out)])

    assert result.exit_code == 0, result.output
    names = [f"{kind.name}.schema.json" for kind in FILE_KINDS]
    assert result.stdout.splitlines() == [
        f"Wrote {len(FILE_KINDS)} schemas to {out.as_posix()}:",
        *(f"  {name}" for name in names),
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    for kind in FILE_KINDS:
        written = json.loads((out / f"{kind.name}.schema.json").read_text(encoding="utf-8"))
        assert written == schema_for(kind)
        Draft7Validator.check_schema(written)


def test_schema_defaults_to_the_program_schema_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    stale = tmp_path / ".icmkit" / "schemas" / "plan.schema.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")

    result = CliRunner().invoke(app, ["schema"])

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {len(FILE_KINDS)} schemas to .icmkit/schemas:\n")
    assert json.loads(stale.read_text(encoding="utf-8"))["title"] == "icmkit commission plan file"


def test_schema_out_must_not_be_a_file(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x")

    result = CliRunner().invoke(app, ["schema", "--out", str(target)])

    assert result.exit_code == 2
    assert result.stderr == f"icmkit: error: {target} is a file, not a folder\n"
    assert target.read_text() == "x"


@pytest.fixture(scope="module")
def new_program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "acme"
    options = InitOptions("Acme", "Performio", "USD", dt.date(2027, 1, 11), CiChoice.GITHUB)
    init_program(options, root, templates_root())
    return root


def test_init_writes_the_schemas(new_program: Path) -> None:
    for kind in FILE_KINDS:
        path = new_program / ".icmkit" / "schemas" / f"{kind.name}.schema.json"
        assert json.loads(path.read_text(encoding="utf-8")) == schema_for(kind)


def test_every_yaml_file_of_a_new_program_points_at_its_schema(new_program: Path) -> None:
    files = program_files(new_program)
    assert len(files) > 20
    for rel, kind in files:
        first = (new_program / rel).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(MODELINE), rel
        target = (new_program / rel).parent / first.removeprefix(MODELINE)
        assert target.resolve() == (
            new_program / ".icmkit" / "schemas" / f"{kind.name}.schema.json"
        ), rel


def test_every_yaml_file_of_a_new_program_validates(new_program: Path) -> None:
    for rel, kind in program_files(new_program):
        assert errors(kind, load(new_program / rel)) == [], rel
