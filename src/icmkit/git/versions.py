"""Load two versions of a program, from git revisions or the working tree, for comparing.

Files with the same bytes in both versions hold the same items in the same place, so they
cannot add to a diff: only the files that differ are read, which keeps a diff of a large
program fast even with an empty parse cache.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from icmkit.errors import UsageError
from icmkit.git.history import ProgramHistory
from icmkit.git.revision_source import GitRevisionSource
from icmkit.loading.cache import ParseCache, default_cache_dir
from icmkit.loading.program_loader import MISSING_FILE, load_program
from icmkit.loading.source import Source, WorkingTreeSource
from icmkit.model.findings import Severity
from icmkit.model.layout import SIGNOFFS_FILE
from icmkit.model.program_bundle import Program

WORKING_TREE = "working tree"


@dataclass
class Version:
    """The items of one version of the program in the files that differ from the other
    version, and how to name the version to the user."""

    label: str
    program: Program
    errors: int
    """Errors found in those files: items that failed validation are missing from ``program``."""


class Subset:
    """A source without some of its files."""

    def __init__(self, source: Source, skip: frozenset[str]) -> None:
        self.label = source.label
        self._source = source
        self._skip = skip

    def list_files(self) -> list[str]:
        return [p for p in self._source.list_files() if p not in self._skip]

    def size(self, path: str) -> int:
        return self._source.size(path)

    def read_bytes(self, path: str) -> bytes:
        return self._source.read_bytes(path)


def blob_id(source: Source, path: str) -> str:
    """Git's object id of a file of either kind of source (the hash git gives its bytes)."""
    if isinstance(source, GitRevisionSource):
        return source.blob_id(path)
    data = source.read_bytes(path)
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def same_files(old: Source, new: Source) -> frozenset[str]:
    """The program files with the same bytes in both sources."""
    both = set(old.list_files()) & set(new.list_files())
    return frozenset(p for p in both if blob_id(old, p) == blob_id(new, p))


def load_version(source: Source, skip: frozenset[str], cache: ParseCache | None) -> Version:
    loaded = load_program(Subset(source, skip), root_label=source.label, cache=cache)
    errors = sum(
        1 for f in loaded.findings if f.severity is Severity.ERROR and f.code != MISSING_FILE
    )
    return Version(source.label, loaded.program, errors)


def commit_source(history: ProgramHistory, commit: Any, name: str) -> GitRevisionSource:
    short = str(commit.hexsha)[:7]
    label = short if name in ("", short, str(commit.hexsha)) else f"{name} ({short})"
    return history.source(commit, label)


def sources_to_compare(
    history: ProgramHistory, base: str | None, head: str | None, *, since_signoff: bool = False
) -> tuple[Source, Source]:
    """The two versions ``icmkit diff`` compares.

    ``head`` defaults to the working tree; ``base`` to the merge base of the head with the
    default branch, or with ``since_signoff`` to the commit that last changed signoffs.yaml.
    """
    if since_signoff and base is not None:
        raise UsageError("give either a base revision or --since-signoff, not both")
    new: Source
    if head is None:
        new = WorkingTreeSource(history.root)
        new.label = WORKING_TREE
    else:
        new = commit_source(history, history.commit(head), head)
    if since_signoff:
        signed = history.last_commit_touching(SIGNOFFS_FILE)
        if signed is None:
            raise UsageError(
                f"no commit has {SIGNOFFS_FILE} yet: record a sign-off with `icmkit signoff` "
                "and commit it"
            )
        old = commit_source(history, signed, "last sign-off")
    elif base is None:
        old = commit_source(
            history, history.merge_base(history.commit(head or "HEAD")), "merge base"
        )
    else:
        old = commit_source(history, history.commit(base), base)
    return old, new


def versions_to_compare(
    history: ProgramHistory,
    base: str | None,
    head: str | None,
    *,
    since_signoff: bool = False,
    use_cache: bool = True,
) -> tuple[Version, Version]:
    """The two versions to compare, each loaded from the files that differ between them."""
    old, new = sources_to_compare(history, base, head, since_signoff=since_signoff)
    cache = ParseCache(default_cache_dir()) if use_cache else None
    skip = same_files(old, new)
    return load_version(old, skip, cache), load_version(new, skip, cache)


def version_at(history: ProgramHistory, revision: str, *, use_cache: bool = True) -> Version:
    """The whole program as it is in ``revision``, read from git's objects."""
    cache = ParseCache(default_cache_dir()) if use_cache else None
    source = commit_source(history, history.commit(revision), revision)
    return load_version(source, frozenset(), cache)


def whole_versions(
    history: ProgramHistory,
    base: str | None,
    head: str | None,
    *,
    since_signoff: bool = False,
    use_cache: bool = True,
) -> tuple[Version, Version]:
    """The two versions ``icmkit diff`` compares, each loaded whole (every file, not only
    those that differ), for computing them."""
    old, new = sources_to_compare(history, base, head, since_signoff=since_signoff)
    cache = ParseCache(default_cache_dir()) if use_cache else None
    return load_version(old, frozenset(), cache), load_version(new, frozenset(), cache)
