"""Load a whole program from a source: every file read, validated and assembled.

The ids of items that could not be loaded are kept (``Program.broken_ids``), so references to
them are not reported again: when a file cannot be read or an item fails validation, the
problem is reported once, where it is, and every other file that refers to those items would
otherwise get an "unknown id" finding too, pointing away from the real problem.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from icmkit.loading.cache import ParseCache, default_cache_dir
from icmkit.loading.source import RefusedFileError, Source, WorkingTreeSource
from icmkit.loading.validation import describe_item, validate
from icmkit.loading.yaml_reader import DEFAULT_LIMITS, Limits, ReadResult, read_yaml, too_big
from icmkit.model.acceptances import Acceptance
from icmkit.model.base import Item
from icmkit.model.data import ConversionFile, DataSource
from icmkit.model.design import DesignFile
from icmkit.model.findings import Finding, Severity
from icmkit.model.layout import FILE_KINDS, FileKind, kind_for
from icmkit.model.plans import PlanFile
from icmkit.model.positions import CHILDREN, PosNode, Where
from icmkit.model.program import ProgramFile
from icmkit.model.program_bundle import PLACEHOLDER_MARK, Program, UnloadedItem
from icmkit.model.reports import Report
from icmkit.model.requirements import BusinessRequirement, FunctionalRequirement
from icmkit.model.roster import RosterEntry
from icmkit.model.signoffs import SignOff
from icmkit.model.testing import TestCase
from icmkit.model.timeline import TimelineFile

MISSING_FILE = "FIL001"
TWO_FILES = "FIL002"
NAME_NOT_UTF8 = "FIL005"
NOT_A_MAPPING = "SCH005"

_NOUNS = {
    "business_requirements": "business requirement",
    "requirements": "requirement",
    "data_sources": "data source",
    "reports": "report",
    "tests": "test case",
    "participants": "participant",
    "signoffs": "sign-off",
    "acceptances": "acceptance",
}


_MARK = PLACEHOLDER_MARK.encode("utf-8")

_ID_IN_TEXT = re.compile(r"""(?<![\w-])id:[ \t]*["']?([^\s"',#{}\[\]]+)""")

P = ParamSpec("P")
R = TypeVar("R")


def without_cyclic_gc(func: Callable[P, R]) -> Callable[P, R]:
    """Pause the cyclic garbage collector while ``func`` runs.

    Loading and rendering allocate hundreds of thousands of small dicts, tuples and models and
    free almost none; each automatic collection would walk them all again. For a program of
    10,000 requirements those walks took more than half of the loading time.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper


def ids_in_data(data: Any) -> set[str]:
    """Every text ``id`` of a mapping anywhere in ``data`` (shared aliased values walked once)."""
    found: set[str] = set()
    seen: set[int] = set()
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        if not isinstance(value, dict | list) or id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, dict):
            ident = value.get("id")
            if isinstance(ident, str) and ident:
                found.add(ident)
            stack.extend(value.values())
        else:
            stack.extend(value)
    return found


def ids_in_text(data: bytes) -> set[str]:
    """Best-effort ``id: X`` values of a file that could not be parsed as YAML."""
    text = data.decode("utf-8", errors="replace")
    return set(_ID_IN_TEXT.findall(text))


def readable_name(path: str) -> str:
    """``path`` itself, or, when the file system gave bytes that are not UTF-8, the name with
    each such byte written as ``\\xff`` (text every output can carry)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = path.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate the file system cannot have given
            return path.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return path


@dataclass
class LoadResult:
    program: Program
    findings: list[Finding] = field(default_factory=list)


def read_file(
    source: Source, path: str, limits: Limits, cache: ParseCache | None
) -> tuple[ReadResult, list[Finding], bytes | None]:
    """Parse one file (through the cache) and turn read problems into findings; also the
    bytes read (``None`` when the file was too big to read)."""
    try:
        size = source.size(path)
        if size > limits.max_bytes:
            problem = too_big(size, limits)
            return (
                ReadResult(),
                [Finding(problem.code, Severity.ERROR, problem.message, path)],
                None,
            )
        data = source.read_bytes(path)
    except RefusedFileError as refused:
        return ReadResult(), [Finding(refused.code, Severity.ERROR, refused.reason, path)], None
    if cache is None:
        result = read_yaml(data, limits)
    else:
        key = cache.key(data, f"{limits.max_bytes}/{limits.max_nodes}/{limits.max_depth}")
        cached = cache.get(key)
        result = cached if cached is not None else read_yaml(data, limits)
        if cached is None:
            cache.put(key, result)
    findings = [
        Finding(p.code, Severity.ERROR, p.message, path, p.line, p.col) for p in result.problems
    ]
    return result, findings, data


def _top_key(kind: FileKind) -> str:
    if kind.collection is not None:
        return kind.collection
    return next(iter(kind.model.model_fields))


def load_file_items(
    kind: FileKind,
    path: str,
    result: ReadResult,
    broken_ids: set[str] | None = None,
    unloaded: list[UnloadedItem] | None = None,
) -> tuple[Item | None, list[Item], list[Finding]]:
    """Validate a parsed file: the file model (without its collection) and each item.

    Items (and whole collections) that fail are added to ``unloaded`` with their findings."""
    assert result.positions is not None
    where = Where(path, result.positions)
    data: Any = result.data
    if not isinstance(data, dict):
        if broken_ids is not None:
            broken_ids.update(ids_in_data(data))
        problem = Finding(
            NOT_A_MAPPING,
            Severity.ERROR,
            f"expected a mapping with `{_top_key(kind)}:` at the top of this {kind.title} file",
            path,
            *where.at(),
        )
        _note_unloaded(unloaded, kind, None, [problem])
        return None, [], [problem]
    if kind.collection is None or kind.item_model is None:
        what = describe_item(data.get(_top_key(kind)), kind.title)  # commission plan `P-1`
        instance, findings = validate(kind.model, data, where, what)
        if instance is None:
            if broken_ids is not None:
                broken_ids.update(ids_in_data(data))
            _note_unloaded(unloaded, kind, None, findings)
        return instance, [], findings
    wrapper = {k: v for k, v in data.items() if k != kind.collection}
    instance, findings = validate(kind.model, wrapper, where, f"{kind.title} file")
    items: list[Item] = []
    raw = data.get(kind.collection)
    if raw is None:
        return instance, items, findings
    item_where = where.child(kind.collection)
    if not isinstance(raw, list):
        if broken_ids is not None:
            broken_ids.update(ids_in_data(raw))
        problem = Finding(
            NOT_A_MAPPING,
            Severity.ERROR,
            f"`{kind.collection}` must be a list (items starting with `- `)",
            path,
            *item_where.at(),
        )
        findings.append(problem)
        _note_unloaded(unloaded, kind, None, [problem])
        return instance, items, findings
    noun = _NOUNS.get(kind.name, "item")
    positions: list[PosNode] = item_where.node[CHILDREN]
    for index, entry in enumerate(raw):
        entry_where = Where(path, positions[index])
        item, problems = validate(kind.item_model, entry, entry_where, describe_item(entry, noun))
        findings.extend(problems)
        if item is not None:
            items.append(item)
            continue
        ident = entry.get("id") if isinstance(entry, dict) else None
        ident = ident if isinstance(ident, str) and ident else None
        if broken_ids is not None and ident is not None:
            broken_ids.add(ident)
        line, col = entry_where.at()
        if unloaded is not None:
            unloaded.append(UnloadedItem(kind.name, ident, path, line, col, tuple(problems)))
    return instance, items, findings


def _note_unloaded(
    unloaded: list[UnloadedItem] | None, kind: FileKind, ident: str | None, found: list[Finding]
) -> None:
    """Record a whole file (or collection) that failed, at its first finding."""
    if unloaded is None or not found:
        return
    first = min(found, key=Finding.sort_key)
    unloaded.append(UnloadedItem(kind.name, ident, first.path, first.line, first.col, tuple(found)))


@without_cyclic_gc
def load_program(
    source: Source,
    *,
    root_label: str = ".",
    limits: Limits = DEFAULT_LIMITS,
    cache: ParseCache | None = None,
) -> LoadResult:
    """Read every program file of ``source``; problems become findings, never exceptions."""
    program = Program(root=root_label)
    findings: list[Finding] = []
    kinds = [(path, kind) for path in source.list_files() if (kind := kind_for(path)) is not None]
    present = {kind.name for _, kind in kinds}
    for kind in FILE_KINDS:
        if kind.required and kind.name not in present:
            findings.append(
                Finding(
                    MISSING_FILE,
                    Severity.ERROR,
                    f"missing {kind.pattern}: every program needs its {kind.title} file",
                    kind.pattern,
                )
            )
    single_files: dict[str, str] = {}
    for path, file_kind in kinds:
        shown = readable_name(path)
        if shown != path:
            findings.append(
                Finding(
                    NAME_NOT_UTF8,
                    Severity.ERROR,
                    "the file name is not valid UTF-8; rename the file (it is not read)",
                    shown,
                )
            )
            continue
        if file_kind.folder is None:
            first = single_files.setdefault(file_kind.name, path)
            if first != path:
                findings.append(
                    Finding(
                        TWO_FILES,
                        Severity.ERROR,
                        f"both {first} and {path} hold the {file_kind.title}; "
                        f"keep one of them (this one is ignored)",
                        path,
                    )
                )
                continue
        program.files.append(path)
        result, problems, data = read_file(source, path, limits, cache)
        if data is not None and _MARK in data:
            program.marked_files.add(path)
        findings.extend(problems)
        if problems:
            program.incomplete.add(file_kind.name)
        if not result.ok:
            if data is not None:
                program.broken_ids.update(ids_in_text(data))
            _note_unloaded(program.unloaded, file_kind, None, problems)
            continue
        instance, items, problems = load_file_items(
            file_kind, path, result, program.broken_ids, program.unloaded
        )
        findings.extend(problems)
        if problems:
            program.incomplete.add(file_kind.name)
        _assemble(program, file_kind, instance, items)
    return LoadResult(program, findings)


def load_working_tree(
    root: Path, *, use_cache: bool = True, limits: Limits = DEFAULT_LIMITS
) -> LoadResult:
    """The program whose root folder is ``root``, read from disk through the user's parse
    cache."""
    cache = ParseCache(default_cache_dir()) if use_cache else None
    return load_program(WorkingTreeSource(root), root_label=str(root), limits=limits, cache=cache)


def _assemble(program: Program, kind: FileKind, instance: Item | None, items: list[Item]) -> None:
    if kind.name == "program" and isinstance(instance, ProgramFile):
        program.info = instance.program
        program.settings = instance.check
        program.engine = instance.engine
    elif kind.name == "business_requirements":
        program.business_requirements.extend(i for i in items if isinstance(i, BusinessRequirement))
    elif kind.name == "requirements":
        program.requirements.extend(i for i in items if isinstance(i, FunctionalRequirement))
    elif kind.name == "plan" and isinstance(instance, PlanFile):
        program.plans.append(instance.plan)
    elif kind.name == "data_sources":
        program.data_sources.extend(i for i in items if isinstance(i, DataSource))
    elif kind.name == "conversion" and isinstance(instance, ConversionFile):
        program.conversion = instance.conversion
    elif kind.name == "reports":
        program.reports.extend(i for i in items if isinstance(i, Report))
    elif kind.name == "participants":
        program.participants.extend(i for i in items if isinstance(i, RosterEntry))
    elif kind.name == "tests":
        program.test_cases.extend(i for i in items if isinstance(i, TestCase))
    elif kind.name == "design" and isinstance(instance, DesignFile):
        program.design = instance.solution_design
    elif kind.name == "timeline" and isinstance(instance, TimelineFile):
        program.timeline = instance.timeline
    elif kind.name == "signoffs":
        program.signoffs.extend(i for i in items if isinstance(i, SignOff))
    elif kind.name == "acceptances":
        program.acceptances.extend(i for i in items if isinstance(i, Acceptance))
