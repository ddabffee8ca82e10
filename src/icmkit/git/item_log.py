"""The history of one item: every commit that changed it, found by looking the item up by id
at each commit that touched the program and comparing its content. Follows the item across
files. Only files not seen before (same path, same git object) are read at each commit."""

from __future__ import annotations

from icmkit.errors import UsageError
from icmkit.git.history import ProgramHistory, commit_info
from icmkit.git.versions import Subset, blob_id
from icmkit.loading.cache import ParseCache, default_cache_dir
from icmkit.loading.program_loader import load_program
from icmkit.loading.source import Source, WorkingTreeSource
from icmkit.review.item_history import ItemLog, LogEntry, compare_versions
from icmkit.review.program_diff import Located, find_in_files


class _Finder:
    """Finds the item in one version after another, reading only the files not seen before
    (a file is seen when the same path had the same git object id in an earlier version)."""

    def __init__(self, ident: str, cache: ParseCache | None) -> None:
        self.ident = ident
        self.cache = cache
        self.seen: dict[tuple[str, str], Located | None] = {}

    def find(self, source: Source) -> Located | None:
        files = source.list_files()
        keys = {path: (path, blob_id(source, path)) for path in files}
        new = [path for path in files if keys[path] not in self.seen]
        if new:
            subset = Subset(source, frozenset(files) - set(new))
            program = load_program(subset, root_label=source.label, cache=self.cache).program
            here = find_in_files(program, self.ident)
            for path in new:
                self.seen[keys[path]] = here.get(path)
        for path in files:
            found = self.seen[keys[path]]
            if found is not None:
                return found
        return None


def item_log(
    history: ProgramHistory, ident: str, *, working_tree: bool = True, use_cache: bool = True
) -> ItemLog:
    """Every change of item ``ident`` from the first commit to the working tree."""
    history.require_full_history()
    cache = ParseCache(default_cache_dir()) if use_cache else None
    entries: list[LogEntry] = []
    previous: Located | None = None
    last_seen: Located | None = None
    finder = _Finder(ident, cache)
    for commit in reversed(history.commits_touching()):
        current = finder.find(history.source(commit))
        step = compare_versions(previous, current, commit_info(commit))
        if step is not None:
            entries.append(step)
        previous = current
        last_seen = current or last_seen
    if working_tree:
        current = finder.find(WorkingTreeSource(history.root))
        step = compare_versions(previous, current, None)
        if step is not None:
            entries.append(step)
        last_seen = current or last_seen
    if last_seen is None:
        raise UsageError(
            f"{ident}: no item with this id in the program or its history "
            "(a plan component is `PLAN-ID/component-id`)"
        )
    entries.reverse()
    return ItemLog(ident, last_seen.entry.kind, last_seen.title, entries)
