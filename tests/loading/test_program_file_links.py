"""Program files that are not plain files of the program: a link leading outside it, a pipe,
a device, a name that is not UTF-8. Each is one finding for that file; the rest is read."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.loading.conftest import REQUIREMENT_BODY, CheckRun

from icmkit.errors import UnreadableInputError
from icmkit.loading.source import RefusedFileError, WorkingTreeSource

needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
needs_fifos = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def _secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside" / "secret.yaml"
    outside.parent.mkdir()
    body = REQUIREMENT_BODY.replace("Nightly import of opportunities", "TOP SECRET TOKEN")
    outside.write_text("requirements:\n  - id: FR-SECRET-001\n" + body, encoding="utf-8")
    return outside


@needs_links
def test_a_link_leading_outside_the_program_is_a_finding_not_a_read(
    program: Path, check: CheckRun, tmp_path: Path
) -> None:
    (program / "requirements" / "leak.yaml").symlink_to(_secret(tmp_path))
    run = check("--format", "json")
    assert run.exit_code == 1
    assert "FR-SECRET-001" not in run.stdout and "TOP SECRET" not in run.stdout
    text = check()
    assert text.findings == [
        "requirements/leak.yaml:1:1: error: FIL003 a symbolic link leading outside the program "
        "folder; it is not read (copy the file into the program instead)"
    ]


@needs_links
def test_a_folder_link_leading_outside_is_refused_file_by_file(
    program: Path, check: CheckRun, tmp_path: Path
) -> None:
    outside = tmp_path / "outside-tests"
    (program / "tests").rename(outside)
    (program / "tests").symlink_to(outside, target_is_directory=True)
    run = check()
    assert [line.split(" ")[:3] for line in run.errors()] == [
        ["tests/plan-ae.yaml:1:1:", "error:", "FIL003"]
    ]


@needs_links
def test_a_link_to_a_file_inside_the_program_is_read(program: Path, check: CheckRun) -> None:
    (program / "extra").mkdir()
    (program / "extra" / "more.yaml").write_text(
        "requirements:\n  - id: FR-DI-010\n" + REQUIREMENT_BODY, encoding="utf-8"
    )
    (program / "requirements" / "more.yaml").symlink_to(program / "extra" / "more.yaml")
    run = check("--format", "json")
    assert run.exit_code == 0, run.stdout


@needs_links
def test_a_link_to_the_zero_device_is_one_finding(program: Path, check: CheckRun) -> None:
    (program / "requirements" / "zero.yaml").symlink_to("/dev/zero")
    started = time.monotonic()
    run = check()
    assert time.monotonic() - started < 20
    assert run.exit_code == 1
    assert [line.split(" ")[:3] for line in run.findings] == [
        ["requirements/zero.yaml:1:1:", "error:", "FIL003"]
    ]


@needs_fifos
def test_a_pipe_is_one_finding(program: Path, check: CheckRun) -> None:
    os.mkfifo(program / "requirements" / "pipe.yaml")
    started = time.monotonic()
    run = check()
    assert time.monotonic() - started < 20
    assert run.exit_code == 1
    assert run.findings == [
        "requirements/pipe.yaml:1:1: error: FIL004 a named pipe (FIFO), not a regular file; "
        "it is not read"
    ]


@needs_links
@needs_fifos
def test_a_link_inside_the_program_to_a_pipe_is_one_finding(program: Path, check: CheckRun) -> None:
    os.mkfifo(program / "pipe")
    (program / "requirements" / "pipe.yaml").symlink_to(program / "pipe")
    run = check()
    assert [line.split(" ")[:3] for line in run.findings] == [
        ["requirements/pipe.yaml:1:1:", "error:", "FIL004"]
    ]


@needs_fifos
def test_the_source_refuses_a_pipe_swapped_in_after_its_size_was_read(program: Path) -> None:
    source = WorkingTreeSource(program)
    target = program / "requirements" / "core.yaml"
    assert source.size("requirements/core.yaml") > 0
    target.unlink()
    os.mkfifo(target)
    with pytest.raises(RefusedFileError) as refused:
        source.read_bytes("requirements/core.yaml")
    assert refused.value.code == "FIL004"


def test_an_unreadable_program_file_still_stops_the_command(program: Path) -> None:
    with pytest.raises(UnreadableInputError):
        WorkingTreeSource(program).read_bytes("requirements/missing.yaml")


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names are always UTF-8")
@pytest.mark.parametrize("output", ["text", "json", "github", "junit", "sarif"])
def test_a_file_name_that_is_not_utf8_is_one_finding_in_every_format(
    minimal_program: Path, output: str
) -> None:
    """`check -f sarif` used to end with UnicodeEncodeError (exit 3) on such a name."""
    name = os.fsencode(minimal_program / "requirements") + b"/bad\xff.yaml"
    with open(name, "w", encoding="utf-8") as handle:
        handle.write("requirements:\n  - id: FR-DI-011\n" + REQUIREMENT_BODY)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "icmkit", "check", "--format", output],
        cwd=minimal_program,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == b""
    out = done.stdout.decode("utf-8")  # valid UTF-8 throughout
    assert "FIL005" in out
    assert re.search(r"bad(\\+|%5C)xff\.yaml", out)
