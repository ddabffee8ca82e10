"""Helpers for command-line tests: the minimal program as the current folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal program (which checks clean), as the current folder."""
    monkeypatch.chdir(minimal_program)
    return minimal_program
