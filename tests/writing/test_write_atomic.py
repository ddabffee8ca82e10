"""Atomic writes leave readable files, like any other program would."""

from __future__ import annotations

import os
from pathlib import Path

from icmkit.writing import write_atomic


def test_new_file_gets_the_mode_of_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "doc.md", b"text")
    finally:
        os.umask(old)
    assert (tmp_path / "doc.md").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "doc.md").read_bytes() == b"text"


def test_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "doc.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]
