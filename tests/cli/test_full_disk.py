"""A full disk (ENOSPC) is a one-line error with exit 2, and the program's files are as they
were: simulated in-process for each writing command, and once for real on a small tmpfs.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from tests.conftest import REPO, snapshot_tree
from typer.testing import CliRunner, Result

from icmkit.cli.app import app


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _FullFile:
    """A file opened for writing whose writes fail as on a full disk."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    write = staticmethod(_no_space)


def _full_disk(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Every file write fails as on a full disk: when the bytes are written, or when they
    are synced (where many file systems say so)."""
    if where == "sync":
        monkeypatch.setattr(os, "fsync", _no_space)
        return
    original = os.fdopen

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = original(fd, mode, *args, **kwargs)
        return _FullFile(handle) if "w" in mode else handle

    monkeypatch.setattr(os, "fdopen", fdopen)


def _edited_workbook(program: Path, book: Path) -> None:
    result = CliRunner().invoke(app, ["export", "xlsx", str(program), "--out", str(book)])
    assert result.exit_code == 0, result.output
    workbook = load_workbook(book)
    sheet = workbook["Requirements"]
    notes = [cell.value for cell in sheet[1]].index("notes")
    for row in sheet.iter_rows(min_row=2):
        row[notes].value = "Reviewed."
    workbook.save(book)


def _signoff(program: Path, tmp_path: Path) -> list[str]:
    return ["signoff", "--by", "Bo Park", "--role", "Admin", "--path", str(program)]


def _import(program: Path, tmp_path: Path) -> list[str]:
    book = tmp_path / "edited.xlsx"
    _edited_workbook(program, book)
    return ["import", "xlsx", str(book), "--path", str(program)]


def _schema(program: Path, tmp_path: Path) -> list[str]:
    return ["schema", "--out", str(program / ".icmkit" / "schemas")]


def _export(program: Path, tmp_path: Path) -> list[str]:
    return ["export", "xlsx", str(program), "--out", str(program / "requirements.xlsx")]


def _render(program: Path, tmp_path: Path) -> list[str]:
    return ["render", str(program), "--out", str(tmp_path / "docs")]


COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "signoff": _signoff,
    "import xlsx": _import,
    "schema": _schema,
    "export xlsx": _export,
    "render": _render,
}


@pytest.mark.parametrize("where", ["write", "sync"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_disk_is_one_error_and_changes_nothing(
    minimal_program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, where: str
) -> None:
    args = COMMANDS[command](minimal_program, tmp_path)
    before = snapshot_tree(minimal_program)
    _full_disk(monkeypatch, where)
    result: Result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("icmkit: error: ") and line.endswith(": No space left on device")
    assert "Traceback" not in result.output
    assert snapshot_tree(minimal_program) == before
    assert not list(minimal_program.rglob("*.tmp"))


def _can_mount_tmpfs() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", "mount -t tmpfs x /mnt"],
        capture_output=True,
    )
    return done.returncode == 0


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="cannot mount a tmpfs here (unshare)")
def test_a_real_full_disk(tmp_path: Path) -> None:
    """The commands run as real processes on a 4 MiB tmpfs filled to the last block."""
    mount = tmp_path / "disk"
    mount.mkdir()
    book = tmp_path / "edited.xlsx"
    source = tmp_path / "source"
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", source)
    _edited_workbook(source, book)
    python = sys.executable
    script = f"""
set -u
mount -t tmpfs -o size=4m icmkit-test {mount}
cp -r {source} {mount}/program
cd {mount}/program
find . -type f -exec sha256sum {{}} + | sort > {tmp_path}/before.txt
dd if=/dev/zero of={mount}/filler bs=4k 2>/dev/null
for args in "signoff --by Bo --role Admin" "import xlsx {book}" \\
            "schema --out .icmkit/schemas" "export xlsx . --out {mount}/r.xlsx" \\
            "render . --out {mount}/docs"; do
  {python} -m icmkit $args >{tmp_path}/out.txt 2>{tmp_path}/err.txt
  echo "$args|$?|$(cat {tmp_path}/err.txt)"
done
find . -type f -exec sha256sum {{}} + | sort > {tmp_path}/after.txt
"""
    env = {**os.environ, "ICMKIT_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    results = [line.split("|", 2) for line in done.stdout.splitlines()]
    assert len(results) == 5, done.stdout + done.stderr
    for args, code, err in results:
        assert code == "2", f"{args}: exit {code}: {err}"
        assert err.startswith("icmkit: error: ") and "No space left on device" in err, args
        assert "\n" not in err.strip() and "Traceback" not in err, args
    before = (tmp_path / "before.txt").read_text()
    assert before == (tmp_path / "after.txt").read_text()
