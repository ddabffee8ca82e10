"""docs/guide.md, walked end to end: its commands run in order in a temporary folder, as a
new user would type them, and each prints the lines the guide shows, with its exit code.

How the guide is read: a ``console`` block's ``$`` lines are commands (``# exit code N`` at
the end of one says the exit code it must have, else 0); the lines under a command must each
appear in what it prints, in that order, ``…`` standing for any text. An HTML comment
``<!-- guide: write FILE -->`` or ``<!-- guide: append FILE -->`` before a YAML block writes
it to the file; ``<!-- guide: edit FILE -->`` before a diff block replaces its ``-`` lines
(with the context lines) by its ``+`` lines; ``<!-- guide: skip -->`` leaves the next block
out (installing icmkit, pushing to a remote).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from tests.conftest import REPO

GUIDE = REPO / "docs" / "guide.md"

_FENCE = re.compile(r"^```(\w*)\s*$")
_DIRECTIVE = re.compile(r"^<!-- guide: (skip|write|append|edit)\s*(\S*)\s*-->$")
_EXIT = re.compile(r"\s+#\s*exit code (\d+)\s*$")


@dataclass
class Command:
    line: str
    exit_code: int = 0
    expected: list[str] = field(default_factory=list)


@dataclass
class Step:
    """A command to run, or a file to write, append to or edit."""

    kind: str
    """``run``, ``write``, ``append`` or ``edit``."""
    path: str = ""
    text: str = ""
    command: Command | None = None


def _commands(lines: list[str]) -> list[Command]:
    found: list[Command] = []
    for line in lines:
        if line.startswith("$ "):
            text = line[2:]
            code = 0
            match = _EXIT.search(text)
            if match:
                code = int(match.group(1))
                text = text[: match.start()]
            found.append(Command(text.strip(), code))
        elif line.strip() and found:
            found[-1].expected.append(line)
    return found


def guide_steps(text: str) -> list[Step]:
    """The steps of the guide, in order."""
    steps: list[Step] = []
    lines = text.splitlines()
    pending: tuple[str, str] | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        directive = _DIRECTIVE.match(line.strip())
        if directive:
            pending = (directive.group(1), directive.group(2))
            index += 1
            continue
        fence = _FENCE.match(line)
        if not fence:
            index += 1
            continue
        language = fence.group(1)
        end = index + 1
        while not lines[end].startswith("```"):
            end += 1
        body = lines[index + 1 : end]
        index = end + 1
        action, path = pending or ("", "")
        pending = None
        if action == "skip":
            continue
        if action in ("write", "append", "edit"):
            steps.append(Step(action, path, "\n".join(body) + "\n"))
        elif language == "console":
            steps.extend(Step("run", command=c) for c in _commands(body))
    return steps


def _edit(target: Path, diff: str) -> None:
    old: list[str] = []
    new: list[str] = []
    for line in diff.splitlines():
        sign, rest = line[:1], line[1:]
        if sign in (" ", "-"):
            old.append(rest)
        if sign in (" ", "+"):
            new.append(rest)
    text = target.read_text(encoding="utf-8")
    before = "\n".join(old) + "\n"
    assert text.count(before) == 1, f"the guide's edit of {target.name} does not fit:\n{before}"
    target.write_text(text.replace(before, "\n".join(new) + "\n"), encoding="utf-8")


def _matches(expected: str, actual: str) -> bool:
    pattern = ".*?".join(re.escape(part) for part in expected.strip().split("…"))
    return re.fullmatch(pattern, actual.strip()) is not None


def _assert_shows(command: Command, output: str) -> None:
    lines = output.splitlines()
    position = 0
    for expected in command.expected:
        while position < len(lines) and not _matches(expected, lines[position]):
            position += 1
        assert position < len(lines), (
            f"`{command.line}` did not print, in this order:\n{expected}\n--- it printed:\n{output}"
        )
        position += 1


def _environment(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "ICMKIT_", "GITHUB_"))
        and key not in ("COLUMNS", "FORCE_COLOR", "NO_COLOR", "EMAIL")
    }
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        HOME=str(home),
        GIT_CONFIG_GLOBAL="/dev/null",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Ana Lee",
        GIT_AUTHOR_EMAIL="ana@example.com",
        GIT_COMMITTER_NAME="Ana Lee",
        GIT_COMMITTER_EMAIL="ana@example.com",
        ICMKIT_CACHE_DIR=str(home / "cache"),
    )
    return env


def test_the_guide_has_the_steps_it_promises() -> None:
    steps = guide_steps(GUIDE.read_text(encoding="utf-8"))
    commands = [s.command.line for s in steps if s.command is not None]
    for needed in (
        "icmkit init",
        "icmkit check",
        "icmkit status",
        "icmkit test",
        "icmkit render",
        "icmkit diff",
        "icmkit signoff",
    ):
        assert any(c.startswith(needed) for c in commands), needed
    written = {s.path for s in steps if s.kind in ("write", "append")}
    assert {"plans/acme-ae.yaml", "tests/acme-ae.yaml"} <= written


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "icmkit").exists(), reason="icmkit is not installed"
)
def test_the_guide_runs_end_to_end(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = _environment(home)
    here = tmp_path / "work"
    here.mkdir()
    for step in guide_steps(GUIDE.read_text(encoding="utf-8")):
        if step.kind == "write":
            (here / step.path).parent.mkdir(parents=True, exist_ok=True)
            (here / step.path).write_text(step.text, encoding="utf-8")
            continue
        if step.kind == "append":
            with (here / step.path).open("a", encoding="utf-8") as handle:
                handle.write(step.text)
            continue
        if step.kind == "edit":
            _edit(here / step.path, step.text)
            continue
        command = step.command
        assert command is not None
        words = shlex.split(command.line)
        if words[0] == "cd":
            here = (here / words[1]).resolve()
            continue
        done = subprocess.run(
            ["bash", "-c", command.line],
            cwd=here,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        output = done.stdout + done.stderr
        assert "Traceback" not in output
        assert done.returncode == command.exit_code, (
            f"`{command.line}` exited {done.returncode}, the guide says {command.exit_code}:\n"
            f"{output}"
        )
        _assert_shows(command, output)
