"""Loading the program of a folder on disk, through the user's parse cache."""

from __future__ import annotations

from pathlib import Path

from icmkit.loading.cache import ParseCache, default_cache_dir
from icmkit.loading.limits import DEFAULT_LIMITS, Limits
from icmkit.loading.program_loader import LoadResult, load_program
from icmkit.loading.source import WorkingTreeSource


def load_working_tree(
    root: Path, *, use_cache: bool = True, limits: Limits = DEFAULT_LIMITS
) -> LoadResult:
    """The program whose root folder is ``root``, read from disk."""
    cache = ParseCache(default_cache_dir()) if use_cache else None
    return load_program(WorkingTreeSource(root), root_label=str(root), limits=limits, cache=cache)
