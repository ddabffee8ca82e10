"""Helpers for review tests: real git histories of the minimal program in temporary repos."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from icmkit.cli.app import app

AUTHOR = "Ana Lee"
EMAIL = "ana@example.com"


class Repo:
    """A git repository in a temporary folder whose program lives in ``program/``."""

    def __init__(self, top: Path, program: Path) -> None:
        self.top = top
        self.program = program
        self._tick = 0

    def git(self, *args: str, cwd: Path | None = None) -> str:
        self._tick += 1
        stamp = f"2027-03-{1 + self._tick // 24:02d}T{self._tick % 24:02d}:00:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        done = subprocess.run(
            ["git", *args],
            cwd=cwd or self.top,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def edit(self, rel: str, old: str, new: str) -> None:
        target = self.program / rel
        text = target.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {rel}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        target = self.program / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.fixture(autouse=True)
def _git_isolated(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No global git configuration (no signing, no hooks path): the same git everywhere."""
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    yield


@pytest.fixture
def repo(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A repo whose first commit on ``main`` holds the minimal program in ``program/``;
    the current folder is the program, on a branch ``feature``."""
    top = minimal_program.parent
    found = Repo(top, minimal_program)
    found.git("init", "-q", "-b", "main")
    found.git("config", "user.name", AUTHOR)
    found.git("config", "user.email", EMAIL)
    found.git("config", "commit.gpgsign", "false")
    found.commit("Start the program")
    found.git("checkout", "-q", "-b", "feature")
    monkeypatch.chdir(minimal_program)
    return found


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def snapshot_git(top: Path) -> dict[str, bytes]:
    """Every file of the working tree plus ``.git/index``: what a read-only command must keep."""
    found = {
        p.relative_to(top).as_posix(): p.read_bytes()
        for p in sorted(top.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(top).parts
    }
    found[".git/index"] = (top / ".git" / "index").read_bytes()
    found[".git/HEAD"] = (top / ".git" / "HEAD").read_bytes()
    return found
