"""Where parsed files are cached: `$ICMKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/icmkit`, else
`~/.cache/icmkit`; never inside the program, and not at all with `--no-cache`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app


def _check(program: Path, *args: str) -> None:
    result = CliRunner().invoke(app, ["check", str(program), *args])
    assert result.exit_code == 0, result.output


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_the_explicit_folder_comes_first(
    minimal_program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ICMKIT_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _check(minimal_program)
    assert _files(tmp_path / "explicit")
    assert not _files(tmp_path / "xdg")


def test_xdg_cache_home_is_used_next(
    minimal_program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ICMKIT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    before = {p.relative_to(minimal_program) for p in _files(minimal_program)}
    _check(minimal_program)
    assert _files(tmp_path / "xdg" / "icmkit")
    assert not _files(tmp_path / "home")
    assert {p.relative_to(minimal_program) for p in _files(minimal_program)} == before


def test_the_home_cache_folder_is_the_last_resort(
    minimal_program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ICMKIT_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    _check(minimal_program)
    assert _files(tmp_path / "home" / ".cache" / "icmkit")


def test_no_cache_writes_nothing(
    minimal_program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ICMKIT_CACHE_DIR", str(tmp_path / "explicit"))
    _check(minimal_program, "--no-cache")
    assert not _files(tmp_path / "explicit")


def test_status_reads_through_the_parse_cache_too(
    minimal_program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ICMKIT_CACHE_DIR", str(tmp_path / "explicit"))
    result = CliRunner().invoke(app, ["status", str(minimal_program)])
    assert result.exit_code == 0, result.output
    assert _files(tmp_path / "explicit")
