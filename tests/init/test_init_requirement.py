"""The install line of a new program: the requirement that installed the running icmkit (or
``--requirement``), written into the CI configuration and the README."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.init.conftest import CUSTOMER, START, run_init

import icmkit.cli.init_cmd
from icmkit import __version__
from icmkit.scaffold.install_requirement import (
    InstallRequirement,
    from_direct_url,
    running_requirement,
)

GIT = {
    "url": "https://git.example.com/tools/icmkit.git",
    "vcs_info": {"vcs": "git", "commit_id": "0123abcd", "requested_revision": "v0.1.0"},
}
WHEEL_URL = {
    "url": "https://files.example.com/icmkit-0.1.0-py3-none-any.whl",
    "archive_info": {"hash": "sha256=00"},
}
WHEEL_FILE = {
    "url": "file:///srv/share/icmkit-0.1.0-py3-none-any.whl",
    "archive_info": {"hashes": {"sha256": "00"}},
}
CHECKOUT = {"url": "file:///home/ana/icmkit", "dir_info": {"editable": True}}


@pytest.mark.parametrize(
    ("direct_url", "expected"),
    [
        (
            GIT,
            InstallRequirement(
                "icmkit @ git+https://git.example.com/tools/icmkit.git@0123abcd",
                "a git repository",
            ),
        ),
        (
            WHEEL_URL,
            InstallRequirement(
                "icmkit @ https://files.example.com/icmkit-0.1.0-py3-none-any.whl",
                "a wheel download",
            ),
        ),
        (
            WHEEL_FILE,
            InstallRequirement(
                "icmkit @ file:///srv/share/icmkit-0.1.0-py3-none-any.whl",
                "a wheel file on this machine",
                local=True,
            ),
        ),
        (
            CHECKOUT,
            InstallRequirement(
                "icmkit @ file:///home/ana/icmkit", "a folder on this machine", local=True
            ),
        ),
        ({"nothing": "useful"}, InstallRequirement("icmkit==1.2.3", "the package index")),
    ],
)
def test_the_requirement_is_read_from_direct_url(
    direct_url: dict[str, Any], expected: InstallRequirement
) -> None:
    assert from_direct_url(direct_url, "1.2.3") == expected


class _Installed:
    def __init__(self, direct_url: str | None) -> None:
        self.version = __version__
        self._direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        return self._direct_url if name == "direct_url.json" else None


@pytest.mark.parametrize(
    ("direct_url", "spec"),
    [
        (None, f"icmkit=={__version__}"),
        (json.dumps(GIT), "icmkit @ git+https://git.example.com/tools/icmkit.git@0123abcd"),
        ("{not json", f"icmkit=={__version__}"),
    ],
)
def test_the_running_installation_is_asked(
    monkeypatch: pytest.MonkeyPatch, direct_url: str | None, spec: str
) -> None:
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: _Installed(direct_url))
    assert running_requirement().spec == spec


def _written(root: Path) -> tuple[str, str]:
    workflow = yaml.safe_load((root / ".github/workflows/icmkit.yml").read_text())
    readme = (root / "README.md").read_text(encoding="utf-8")
    return workflow["env"]["ICMKIT"], readme


def test_init_writes_the_running_requirement_by_default(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = from_direct_url(GIT)
    monkeypatch.setattr(icmkit.cli.init_cmd, "running_requirement", lambda: found)
    result = run_init("--customer", CUSTOMER, "--start", START, "--yes")
    assert result.exit_code == 0, result.output
    ci, readme = _written(workdir / "acme")
    assert ci == "icmkit @ git+https://git.example.com/tools/icmkit.git@0123abcd"
    assert (
        "python -m pip install 'icmkit @ git+https://git.example.com/tools/icmkit.git@0123abcd'"
    ) in readme
    assert "(a git repository)" in readme
    assert "cannot reach" not in readme
    assert (
        "Install line in README.md and .github/workflows/icmkit.yml: icmkit @ "
        "git+https://git.example.com/tools/icmkit.git@0123abcd (a git repository).\n"
    ) in result.stdout
    assert "It names a file" not in result.stdout


@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_requirement_option_goes_into_ci_and_readme(workdir: Path, ci: str) -> None:
    spec = "icmkit==0.1.0"
    result = run_init(
        "--customer", CUSTOMER, "--start", START, "--yes", "--ci", ci, "--requirement", spec
    )
    assert result.exit_code == 0, result.output
    root = workdir / "acme"
    if ci == "github":
        assert _written(root)[0] == spec
    else:
        job = yaml.safe_load((root / ".gitlab-ci.yml").read_text())["icmkit"]
        assert job["variables"]["ICMKIT"] == spec
        assert 'python -m pip install "$ICMKIT"' in job["script"]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "python -m pip install icmkit==0.1.0\n" in readme
    assert "icmkit needs Python 3.11 or later" in readme
    assert "python3 -m venv .venv" in readme
    assert "are help the customer gets" not in readme
    assert "**Assisted** ones are help given to the customer" in readme


def test_a_requirement_only_this_machine_can_reach_is_pointed_out(workdir: Path) -> None:
    result = run_init(
        "--customer",
        CUSTOMER,
        "--yes",
        "--requirement",
        "icmkit @ file:///home/ana/icmkit-0.1.0-py3-none-any.whl",
    )
    assert result.exit_code == 0, result.output
    assert "It names a file or folder on this machine" in result.stdout
    readme = (workdir / "acme" / "README.md").read_text(encoding="utf-8")
    assert "which CI and the rest of the team cannot reach" in readme


def test_a_requirement_on_two_lines_is_refused(workdir: Path) -> None:
    result = run_init("--customer", CUSTOMER, "--yes", "--requirement", "icmkit\nevil")
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: --requirement must be one line, such as 'icmkit==0.1.0'\n"
    )
    assert not (workdir / "acme").exists()
