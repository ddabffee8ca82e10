"""``init`` as one call: plan the files, refuse on conflicts, write them all or nothing."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from icmkit.errors import UsageError
from icmkit.model.layout import PROGRAM_FILE
from icmkit.scaffold.conflicts import Conflict, InitConflictError, find_conflicts
from icmkit.scaffold.options import InitOptions
from icmkit.scaffold.plan import PlannedFile, plan_files
from icmkit.scaffold.staging import write_all


@dataclass
class InitResult:
    root: Path
    written: list[str] = field(default_factory=list)
    """Files written, relative POSIX paths in the order they were planned."""
    skipped: list[Conflict] = field(default_factory=list)
    """With ``force``: files left as they were (never overwritten), and why: the files ``init``
    would have written, and other program files already in the folder."""


def _check_yaml(files: list[PlannedFile]) -> None:
    """Every rendered YAML file must parse: a template bug must not reach the user's disk."""
    from icmkit.loading.yaml_reader import read_yaml

    for planned in files:
        if planned.path.endswith((".yaml", ".yml")):
            data = planned.data if isinstance(planned.data, bytes) else planned.data.encode()
            problems = read_yaml(data).problems
            if problems:
                raise RuntimeError(
                    f"template for {planned.path} rendered invalid YAML: {problems[0].message}"
                )


def _refuse_nesting(root: Path) -> None:
    """A program inside another one would be read as the outer program's files (a
    ``requirements/program.yaml``...) and break it."""
    for parent in root.absolute().parents:
        if (parent / PROGRAM_FILE).is_file():
            try:
                outer = os.path.relpath(parent, Path.cwd())
            except ValueError:  # another drive on Windows
                outer = str(parent)
            raise UsageError(
                f"{root.as_posix()} is inside the program in {Path(outer).as_posix()}; start "
                "the new program in a folder of its own, outside that one"
            )


def init_program(
    options: InitOptions, root: Path, templates_root: Path, *, force: bool = False
) -> InitResult:
    """Write a new program into ``root``.

    Refuses (``InitConflictError``) when ``root`` already holds a file ``init`` would write or
    any program file; with ``force`` it writes only the files that do not exist yet and
    reports the others as skipped. Existing files are never overwritten.
    """
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} is a file, not a folder")
    _refuse_nesting(root)
    files = plan_files(options, templates_root)
    _check_yaml(files)
    conflicts = find_conflicts(root, [f.path for f in files])
    if conflicts and not force:
        raise InitConflictError(str(root), conflicts)
    blocked = {c.path for c in conflicts}
    to_write = [f for f in files if f.path not in blocked]
    written = write_all(root, to_write)
    return InitResult(root, written, conflicts)
