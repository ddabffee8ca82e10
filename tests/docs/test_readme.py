"""The README's first commands work for a new user: a virtual environment on a Python that
icmkit supports, and a pointer to the guide."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_first_commands_make_a_virtual_environment_on_a_supported_python() -> None:
    first = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first is not None
    commands = first.group(1)
    assert commands.index("python3 -m venv .venv") < commands.index("pip install -e .")
    required = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    assert required == ">=3.11"
    assert "Python 3.11 or later" in README[: README.index("```sh")]


def test_the_readme_points_at_the_guide() -> None:
    assert "[docs/guide.md](docs/guide.md)" in README
