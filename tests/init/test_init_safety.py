"""Nothing is lost: ``init`` refuses folders with program files, never overwrites a file,
and a failure part-way leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from tests.conftest import build_file_tree, snapshot_tree
from tests.init.conftest import GITHUB_FILES, files_below, init_acme, run_init

from icmkit.scaffold import staging

USER_FILES = {
    "README.md": "# Our own notes\n",
    "notes.txt": "unrelated\n",
    "requirements/custom.yaml": "requirements: []\n",
}


def test_refuses_a_folder_with_program_files_and_lists_them(workdir: Path) -> None:
    build_file_tree(workdir / "acme", USER_FILES)
    before = snapshot_tree(workdir)

    result = init_acme()

    assert result.exit_code == 2
    assert result.stderr.splitlines()[:3] == [
        "icmkit: error: acme already holds program files; nothing was written:",
        "  README.md: file exists",
        "  requirements/custom.yaml: program file already here",
    ]
    assert "notes.txt" not in result.stderr
    assert snapshot_tree(workdir) == before


def test_unrelated_files_do_not_block(workdir: Path) -> None:
    build_file_tree(workdir / "acme", {"notes.txt": "unrelated\n", "src/tool.py": "x = 1\n"})
    result = init_acme()
    assert result.exit_code == 0, result.output
    assert (workdir / "acme" / "notes.txt").read_text() == "unrelated\n"
    committed = git.Repo(workdir / "acme").head.commit.stats.files
    assert "notes.txt" not in committed


def test_force_writes_only_missing_files_and_says_what_it_skipped(workdir: Path) -> None:
    build_file_tree(workdir / "acme", USER_FILES)

    result = init_acme("--force")

    assert result.exit_code == 0, result.output
    assert f"({len(GITHUB_FILES) - 1} files written)" in result.stdout
    assert (
        "Left as they were (existing files are never overwritten):\n"
        "  README.md: file exists\n"
        "  requirements/custom.yaml: program file already here\n"
    ) in result.stdout
    root = workdir / "acme"
    for rel, text in USER_FILES.items():
        assert (root / rel).read_text() == text
    assert files_below(root) == sorted({*GITHUB_FILES, *USER_FILES})
    committed = sorted(git.Repo(root).head.commit.stats.files)
    assert committed == sorted(set(GITHUB_FILES) - {"README.md"})


def test_force_over_a_complete_program_writes_nothing(workdir: Path) -> None:
    assert init_acme().exit_code == 0
    before = snapshot_tree(workdir)
    result = init_acme("--force")
    assert result.exit_code == 0, result.output
    assert "(0 files written)" in result.stdout
    assert snapshot_tree(workdir) == before


def test_a_file_where_a_folder_is_needed_is_a_conflict(workdir: Path) -> None:
    build_file_tree(workdir / "acme", {"plans": "not a folder\n"})
    result = init_acme()
    assert result.exit_code == 2
    assert "  plans/example-ae.yaml: `plans` is a file, not a folder\n" in result.stderr


def test_target_that_is_a_file_is_refused(workdir: Path) -> None:
    (workdir / "acme").write_text("a file\n")
    result = init_acme()
    assert result.exit_code == 2
    assert result.stderr == "icmkit: error: acme is a file, not a folder\n"


def test_failure_part_way_leaves_nothing(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_move = staging._move_no_clobber
    moved: list[Path] = []

    def failing_move(source: Path, target: Path) -> None:
        if len(moved) == 5:
            raise PermissionError(13, "Permission denied")
        real_move(source, target)
        moved.append(target)

    monkeypatch.setattr(staging, "_move_no_clobber", failing_move)

    result = init_acme()

    assert result.exit_code == 2
    assert "nothing was written" in result.stderr
    assert "Permission denied" in result.stderr
    assert len(moved) == 5
    assert not (workdir / "acme").exists()


def test_failure_part_way_in_an_existing_folder_restores_it(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_file_tree(workdir / "acme", {"notes.txt": "unrelated\n"})
    before = snapshot_tree(workdir)

    def failing_move(source: Path, target: Path) -> None:
        if target.name == "timeline.yaml":
            raise OSError(28, "No space left on device")
        staging.os.link(source, target)

    monkeypatch.setattr(staging, "_move_no_clobber", failing_move)

    result = init_acme()

    assert result.exit_code == 2
    assert "could not write timeline.yaml in acme: No space left on device" in result.stderr
    assert snapshot_tree(workdir) == before
    assert sorted(p.name for p in (workdir / "acme").iterdir()) == ["notes.txt"]


def test_rendering_failure_writes_nothing(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from icmkit.scaffold import init_program

    def broken(*args: object) -> None:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(init_program, "plan_files", broken)
    result = run_init("--customer", "Acme", "--yes")
    assert result.exit_code == 3
    assert not (workdir / "acme").exists()


def test_a_linked_folder_is_a_conflict_so_nothing_is_written_outside(
    workdir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (workdir / "acme").mkdir()
    (workdir / "acme" / "plans").symlink_to(outside, target_is_directory=True)

    result = init_acme("--force")

    assert result.exit_code == 0, result.output
    assert "  plans/example-ae.yaml: `plans` is a link\n" in result.stdout
    assert list(outside.iterdir()) == []
