"""The parse cache: an unchanged file is read from it without parsing again; a changed file,
a damaged entry or an entry of another kind is parsed again; leftovers are never used."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

import icmkit.loading.program_loader as program_loader
from icmkit.cli.app import app


def _check(program: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", str(program)])
    return result.exit_code, result.stdout


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.pickle"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ICMKIT_CACHE_DIR", str(folder))
    return folder


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    parsed: list[int] = []

    def refuse(data: bytes, limits: object) -> object:
        parsed.append(len(data))
        raise AssertionError("parsed although the cache holds it")

    monkeypatch.setattr(program_loader, "read_yaml", refuse)
    return parsed


def test_an_unchanged_program_is_read_from_the_cache(
    minimal_program: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _check(minimal_program) == (0, "No problems found (7 files checked).\n")
    entries = _entries(cache)
    assert len(entries) == 7
    assert all(e.parent.name == e.name[:2] for e in entries)  # fanned out by key
    assert not list(cache.rglob("*.tmp"))
    parsed = _no_parsing(monkeypatch)
    assert _check(minimal_program) == (0, "No problems found (7 files checked).\n")
    assert parsed == []


def test_damaged_or_foreign_entries_are_parsed_again(minimal_program: Path, cache: Path) -> None:
    assert _check(minimal_program)[0] == 0
    entries = _entries(cache)
    entries[0].write_bytes(b"not a pickle")
    entries[1].write_bytes(pickle.dumps({"not": "a read result"}))
    entries[2].write_bytes(b"")
    assert _check(minimal_program) == (0, "No problems found (7 files checked).\n")


def test_a_changed_file_is_parsed_again(minimal_program: Path, cache: Path) -> None:
    assert _check(minimal_program)[0] == 0
    plan = minimal_program / "plans" / "ae.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert _check(minimal_program)[0] == 0
    assert len(_entries(cache)) == 8
