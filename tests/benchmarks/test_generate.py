"""The benchmark generator writes a program that checks clean, the same for the same seed."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from typer.testing import CliRunner

from icmkit.cli.app import app

REPO = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "icmkit_benchmark_generate", REPO / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_generated_program_checks_clean(tmp_path: Path) -> None:
    _generator().main([str(tmp_path / "program"), "--requirements", "50"])
    assert len(list((tmp_path / "program" / "requirements").glob("*.yaml"))) == 17
    result = CliRunner().invoke(app, ["check", str(tmp_path / "program")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("No problems found"), result.output


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    generate = _generator().main
    generate([str(tmp_path / "a"), "-n", "50", "--seed", "7"])
    generate([str(tmp_path / "b"), "-n", "50", "--seed", "7"])
    generate([str(tmp_path / "c"), "-n", "50", "--seed", "8"])
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b")
    assert _snapshot(tmp_path / "a") != _snapshot(tmp_path / "c")
