"""Shared test helpers: build program trees on disk, copy the minimal program, isolate caches."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import icmkit.checks.placeholders

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
REPO = Path(__file__).resolve().parents[1]


def build_file_tree(root: Path, spec: Mapping[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` below ``root``; text is dedented first."""
    for rel, content in spec.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def snapshot_tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` with its bytes, to prove a command changed nothing."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


TODAY = dt.date(2026, 12, 1)
"""The day ``check`` judges a program's phase by (COV005, placeholders): before the first
phase of every program the tests build, so that no finding changes with the calendar. A test
of another day sets ``icmkit.checks.placeholders._today`` itself."""


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    monkeypatch.setenv("ICMKIT_CACHE_DIR", str(tmp_path_factory.mktemp("icmkit-cache")))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setattr(icmkit.checks.placeholders, "_today", lambda: TODAY)
    yield


@pytest.fixture
def minimal_program(tmp_path: Path) -> Path:
    """A copy of ``tests/fixtures/minimal``: a small program that checks clean."""
    target = tmp_path / "program"
    shutil.copytree(MINIMAL, target)
    return target
