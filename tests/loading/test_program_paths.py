"""Which program a path means, and what happens when it is not one or cannot be read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.conftest import snapshot_tree
from tests.loading.conftest import invoke, replace

needs_non_root = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file"
)


def test_folder_that_is_not_a_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes").mkdir()
    monkeypatch.chdir(tmp_path)
    run = invoke(["check", "notes"])
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        "icmkit: error: notes: not an icmkit program (no program.yaml here or in any parent "
        "folder); run `icmkit init` to start one"
    ]


def test_path_that_does_not_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = invoke(["check", "missing"])
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.splitlines() == ["icmkit: error: missing: no such file or folder"]


def test_file_inside_a_program_finds_the_root(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace(minimal_program, "requirements/core.yaml", "status: proposed", "status: agred")
    monkeypatch.chdir(minimal_program.parent)
    run = invoke(["check", "program/plans/ae.yaml"])
    assert run.exit_code == 1
    assert [line.split(" SCH003 ")[0] for line in run.errors()] == [
        "program/requirements/core.yaml:28:13: error:"
    ]


def test_subfolder_of_a_program_shows_paths_from_there(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace(minimal_program, "requirements/core.yaml", "status: proposed", "status: agred")
    monkeypatch.chdir(minimal_program / "plans")
    run = invoke(["check"])
    assert run.exit_code == 1
    assert run.errors()[0].startswith("../requirements/core.yaml:28:13: error: SCH003 `status`")


def test_missing_timeline(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (minimal_program / "timeline.yaml").unlink()
    monkeypatch.chdir(minimal_program)
    before = snapshot_tree(minimal_program)
    run = invoke(["check"])
    assert snapshot_tree(minimal_program) == before
    assert run.exit_code == 1
    assert run.errors() == [
        "timeline.yaml:1:1: error: FIL001 missing timeline.yaml: every program needs its timeline "
        "file"
    ]


def test_file_that_cannot_be_opened(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A link that points to itself: opening it fails even for root.
    (minimal_program / "requirements/loop.yaml").symlink_to("loop.yaml")
    monkeypatch.chdir(minimal_program.parent)
    run = invoke(["check", "program"])
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        "icmkit: error: program/requirements/loop.yaml: cannot read: "
        "Too many levels of symbolic links"
    ]


@needs_non_root
def test_unreadable_file(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = minimal_program / "requirements/core.yaml"
    secret.chmod(0)
    try:
        monkeypatch.chdir(minimal_program)
        run = invoke(["check"])
    finally:
        secret.chmod(0o644)
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        "icmkit: error: requirements/core.yaml: cannot read: Permission denied"
    ]


@needs_non_root
def test_unreadable_folder(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = minimal_program / "requirements"
    folder.chmod(0)
    try:
        monkeypatch.chdir(minimal_program)
        run = invoke(["check"])
    finally:
        folder.chmod(0o755)
    assert run.exit_code == 2
    assert run.stderr.splitlines() == [
        "icmkit: error: requirements: cannot read folder: Permission denied"
    ]


def test_unreadable_file_simulated(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same as above for any user: opening the file is refused.
    original = os.open

    def refuse(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if Path(path).name == "core.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.chdir(minimal_program.parent)
    run = invoke(["check", "program"])
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        "icmkit: error: program/requirements/core.yaml: cannot read: Permission denied"
    ]


def test_unreadable_folder_simulated(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = os.walk

    def refuse(top: str, onerror: object = None, **kwargs: object) -> object:
        if Path(top).name == "requirements" and callable(onerror):
            onerror(PermissionError(13, "Permission denied", str(top)))
        return original(top, onerror=onerror, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "walk", refuse)
    monkeypatch.chdir(minimal_program)
    run = invoke(["check"])
    assert run.exit_code == 2
    assert run.stderr.splitlines() == [
        "icmkit: error: requirements: cannot read folder: Permission denied"
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_link_to_a_device_is_refused_not_read_forever(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One finding for that file; the rest of the program is checked.
    (minimal_program / "requirements/zero.yaml").symlink_to("/dev/zero")
    monkeypatch.chdir(minimal_program)
    run = invoke(["check"])
    assert run.exit_code == 1
    assert run.stdout.splitlines()[0] == (
        "requirements/zero.yaml:1:1: error: FIL003 a symbolic link leading outside the program "
        "folder; it is not read (copy the file into the program instead)"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_not_waited_on(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.mkfifo(minimal_program / "requirements/pipe.yaml")
    monkeypatch.chdir(minimal_program)
    run = invoke(["check"])
    assert run.exit_code == 1
    assert run.stdout.splitlines()[0] == (
        "requirements/pipe.yaml:1:1: error: FIL004 a named pipe (FIFO), not a regular file; "
        "it is not read"
    )


def test_yaml_and_yml_of_the_same_file_are_reported(minimal_program: Path) -> None:
    (minimal_program / "timeline.yml").write_text(
        (minimal_program / "timeline.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    before = snapshot_tree(minimal_program)
    result = invoke(["check", str(minimal_program)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(
        line.endswith(
            "timeline.yml:1:1: error: FIL002 both timeline.yaml and timeline.yml hold the "
            "timeline; keep one of them (this one is ignored)"
        )
        for line in lines
    ), result.stdout
    assert (
        lines[-1]
        == "Found 1 error, 0 warnings, 0 notes (7 files checked): 1 error fails the check."
    )
    assert snapshot_tree(minimal_program) == before
