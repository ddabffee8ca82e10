"""`icmkit` run as a real process, the way a user or a CI job runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import snapshot_tree
from tests.loading.conftest import replace

from icmkit import __version__


def _run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "icmkit", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_python_m_icmkit_version(tmp_path: Path) -> None:
    done = _run("--version", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == f"icmkit {__version__}\n"
    assert done.stderr == ""


def test_console_script_version(tmp_path: Path) -> None:
    script = shutil.which("icmkit")
    if script is None:
        pytest.skip("the icmkit console script is not installed")
    done = subprocess.run(
        [script, "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert done.stdout == f"icmkit {__version__}\n"


def test_clean_program(minimal_program: Path) -> None:
    done = _run("check", "program", cwd=minimal_program.parent)
    assert done.returncode == 0
    assert done.stdout == "No problems found (7 files checked).\n"
    assert done.stderr == ""


def test_findings_with_paths_from_the_current_folder(minimal_program: Path) -> None:
    replace(minimal_program, "requirements/core.yaml", "status: proposed", "status: agred")
    before = snapshot_tree(minimal_program)
    done = _run("check", "program", cwd=minimal_program.parent, FORCE_COLOR="1", NO_COLOR="1")
    assert snapshot_tree(minimal_program) == before
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "program/requirements/core.yaml:28:13: error: SCH003 `status`: `agred` is not allowed; "
        "use one of: proposed, agreed, configured, tested, accepted, deferred; did you mean "
        "`agreed`?",
        "Found 1 error, 0 warnings, 0 notes (7 files checked): 1 error fails the check.",
    ]
    assert done.stderr == ""


def test_not_a_program(tmp_path: Path) -> None:
    done = _run("check", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "icmkit: error: .: not an icmkit program (no program.yaml here or in any parent "
        "folder); run `icmkit init` to start one"
    ]


def test_hostile_file_in_a_real_process(minimal_program: Path) -> None:
    # Nesting deep enough to exhaust the C stack of the YAML composer if it were composed.
    (minimal_program / "requirements/deep.yaml").write_text(
        "requirements: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8"
    )
    done = _run("check", cwd=minimal_program)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == (
        "requirements/deep.yaml:1:115: error: YML003 values nested deeper than 100 levels; flatten "
        "them"
    )
    assert done.stderr == ""
