"""The wheel ships the top-level templates folder as ``icmkit/templates``."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("icmkit-*.whl")
    return built


def test_wheel_contains_every_template(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = [
        p.relative_to(REPO / "templates").as_posix()
        for p in (REPO / "templates").rglob("*")
        if p.is_file()
    ]
    assert templates, "the templates folder is empty"
    missing = [t for t in templates if f"icmkit/templates/{t}" not in names]
    assert missing == []


def test_wheel_has_console_script_and_package(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    assert "icmkit/__main__.py" in names
    assert "icmkit/cli/app.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "icmkit = icmkit.cli.app:main" in archive.read(entry_points).decode()
