"""Several files replaced all or nothing: a failure or a kill at any step leaves the old files
or, once finished, the new ones; never some of each."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from icmkit.errors import UnwritableOutputError
from icmkit.staged_writes import JournalError, clean_stale, finish, replace_all

OLD = {"req/a.yaml": b"old a\n", "req/b.yaml": b"old b\n", "req/c.yaml": b"old c\n"}
NEW = {"req/a.yaml": b"new a\n", "req/b.yaml": b"new b\n", "req/d.yaml": b"new d\n"}


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even ``except Exception``."""


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _start(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "program"
    for rel, data in OLD.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root, root / ".journal"


def _allowed(rel: str) -> bool:
    return rel.startswith("req/") and rel.endswith(".yaml")


def _expected_new() -> dict[str, bytes]:
    return {**OLD, **NEW}


def test_every_file_is_replaced_and_nothing_is_left(tmp_path: Path) -> None:
    root, journal = _start(tmp_path)
    replace_all(root, NEW, journal)
    assert _tree(root) == _expected_new()


@pytest.mark.parametrize("after", [0, 1, 2])
def test_a_kill_during_the_switch_is_finished_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: int
) -> None:
    root, journal = _start(tmp_path)
    original = Path.replace
    done: list[Path] = []

    def replace_then_die(self: Path, target: str | os.PathLike[str]) -> Path:
        if self.name.endswith(".tmp") and self.parent.name == "req":
            if len(done) == after:
                raise Killed
            done.append(self)
        return original(self, target)

    monkeypatch.setattr(Path, "replace", replace_then_die)
    with pytest.raises(Killed):
        replace_all(root, NEW, journal)
    monkeypatch.setattr(Path, "replace", original)
    assert journal.exists()
    finished = finish(root, journal, _allowed)
    assert len(finished) == len(NEW) - after
    assert _tree(root) == _expected_new()


def test_a_kill_before_the_journal_leaves_the_old_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, journal = _start(tmp_path)
    original = os.fsync
    calls: list[int] = []

    def fsync_then_die(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the second temporary is written, the journal not yet
            raise Killed
        original(fd)

    monkeypatch.setattr(os, "fsync", fsync_then_die)
    with pytest.raises(Killed):
        replace_all(root, NEW, journal)
    monkeypatch.setattr(os, "fsync", original)
    assert not journal.exists()
    assert finish(root, journal, _allowed) == []
    assert _tree(root) == OLD


def test_a_full_disk_while_staging_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, journal = _start(tmp_path)
    original = os.fsync
    calls: list[int] = []

    def full(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        original(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(UnwritableOutputError, match="No space left on device"):
        replace_all(root, NEW, journal)
    assert _tree(root) == OLD


def test_stale_temporaries_are_cleaned(tmp_path: Path) -> None:
    root, _ = _start(tmp_path)
    stale = [root / "req" / ".a.yaml.0123456789ab.tmp", root / "req" / ".b.yaml.k2j3_x9q.tmp"]
    for path in stale:
        path.write_bytes(b"half")
    keep = root / "req" / ".notes.txt.abc.tmp"
    keep.write_bytes(b"not ours")
    removed = clean_stale(root / "req", lambda name: name.endswith(".yaml"))
    assert sorted(removed) == sorted(stale)
    assert keep.exists()


@pytest.mark.parametrize(
    "entry",
    [
        {"target": "../outside.yaml", "temp": "../.outside.yaml.0123456789ab.tmp"},
        {"target": "other/x.yaml", "temp": "other/.x.yaml.0123456789ab.tmp"},
        {"target": "req/a.yaml", "temp": "req/evil.yaml"},
        {"target": "req/a.yaml", "temp": "elsewhere/.a.yaml.0123456789ab.tmp"},
        {"target": 5, "temp": None},
    ],
)
def test_a_journal_naming_other_files_moves_nothing(tmp_path: Path, entry: object) -> None:
    root, journal = _start(tmp_path)
    (root / "req" / "evil.yaml").write_bytes(b"evil")
    journal.write_text(json.dumps({"version": 1, "files": [entry]}), encoding="utf-8")
    before = _tree(root)
    with pytest.raises(JournalError, match="remove it"):
        finish(root, journal, _allowed)
    assert _tree(root) == before


def test_a_journal_that_is_not_json_is_reported(tmp_path: Path) -> None:
    root, journal = _start(tmp_path)
    journal.write_bytes(b"\xff not json")
    with pytest.raises(JournalError, match=r"^\.journal cannot be read"):
        finish(root, journal, _allowed)
