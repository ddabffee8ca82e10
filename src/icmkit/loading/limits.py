"""Bounds on what the YAML reader accepts, so hostile input stays harmless."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 16 * 1024 * 1024
    """Largest file read (16 MiB: about 50,000 requirements in one file)."""
    max_nodes: int = 2_000_000
    """Most YAML values one file may expand to, aliases counted each time they are used."""
    max_depth: int = 100
    """Deepest nesting of mappings and sequences."""


DEFAULT_LIMITS = Limits()
