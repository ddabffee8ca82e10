"""Helpers for ``icmkit init`` tests: no git identity, run ``init`` in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from icmkit.cli.app import app
from icmkit.model.categories import CATEGORIES
from icmkit.model.layout import FILE_KINDS

CUSTOMER = 'Acme: "West" #1'
START = "2027-01-11"

COMMON_FILES = sorted(
    [
        ".gitignore",
        ".pre-commit-config.yaml",
        "README.md",
        "business-requirements.yaml",
        "data/conversion.yaml",
        "data/sources.yaml",
        "design.yaml",
        "plans/example-ae.yaml",
        "program.yaml",
        "reports.yaml",
        "tests/example-ae.yaml",
        "timeline.yaml",
        *(f"requirements/{category}.yaml" for category in CATEGORIES),
        *(f".icmkit/schemas/{kind.name}.schema.json" for kind in FILE_KINDS),
    ]
)
GITHUB_FILES = sorted([*COMMON_FILES, ".github/workflows/icmkit.yml"])
GITLAB_FILES = sorted([*COMMON_FILES, ".gitlab-ci.yml"])


def files_below(root: Path) -> list[str]:
    """Every file below ``root`` outside ``.git``, as sorted relative POSIX paths."""
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(root).parts
    )


@pytest.fixture(autouse=True)
def no_git_identity(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """No global or system git configuration, hence no identity: like a fresh CI runner."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("AUTHOR", "COMMITTER"):
        monkeypatch.delenv(f"GIT_{name}_NAME", raising=False)
        monkeypatch.delenv(f"GIT_{name}_EMAIL", raising=False)
        monkeypatch.delenv(f"GIT_{name}_DATE", raising=False)
    monkeypatch.delenv("EMAIL", raising=False)
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)
    yield home


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder outside any git repository, made the current folder."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def run_init(*args: str, folder: str = "acme", input: str | None = None) -> Result:
    return run("init", folder, *args, input=input)


def init_acme(*extra: str) -> Result:
    """``icmkit init acme --customer 'Acme: "West" #1' --start 2027-01-11 --yes``."""
    return run_init("--customer", CUSTOMER, "--start", START, "--yes", *extra)
