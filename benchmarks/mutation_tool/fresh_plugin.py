"""Loaded with ``-p`` into a fresh interpreter testing a mutant: the same Hypothesis profile
as the forked runs."""

from __future__ import annotations

import pytest

from mutation_tool.runner import hypothesis_profile


def pytest_configure(config: pytest.Config) -> None:
    hypothesis_profile()
