"""For each mutant: which tests to run, in which order, with which time limits, and how.

- A mutant inside a function runs the tests that ran its lines, in a forked child, unless
  those lines also ran at import or collection time (a decorator's body, a table built when
  the module loads): then, like module-level code, it needs a fresh interpreter.
- A mutant of module-level code runs, in a fresh interpreter, every test that ran any line of
  its file or of a module that imports it, directly or through one other.
- A mutant of a text (a rule code, a word of a message) runs first the tests whose file
  holds that text: they are the ones that read it, and the fastest tests of a module-level
  mutant are often not. For module-level code they are added even when they run no line of
  the file (a rule's title is read at import, and listed by a test that runs none of its
  lines).
- Then the tests whose file names a rule code of the mutated file (``"ROS008"``): the rule's
  own tests, ahead of the many faster tests that only run it on the way.
- Tests that run the mutated file come first, then the others; each group fastest first, so
  a killed mutant is usually known within a second; with
  ``max_tests`` only that many of the fastest run (a survivor of code that the whole suite
  runs costs seconds, not a minute; a mutant only a slow test would catch counts as a
  survivor).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

from mutation_tool.coverage_map import CoverageMap
from mutation_tool.operators import Mutant
from mutation_tool.runner import Job

IMPORT_DEPTH = 2
"""Module-level code runs the tests of its file, of the files importing it and of the files
importing those (a rule registered on import is listed by a command two imports away)."""
FRESH_SHARE = 5
"""A fresh interpreter runs a fifth of ``max_tests``: each of its tests costs the same, and
there is no forked session to share the imports."""
LIMIT_FACTOR = 10.0
LIMIT_FLOOR = 10.0
"""A test gets ten times its measured time, and at least ten seconds: in a forked child the
first test to use a lazily imported library (Jinja, GitPython) pays for the import."""


def _module_name(rel: str) -> str:
    parts = Path(rel).with_suffix("").parts
    if parts and parts[0] == "src":
        parts = parts[1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def importers(repo: Path, package_dir: Path) -> dict[str, set[str]]:
    """Module -> the repository-relative files of the package that import it directly."""
    found: dict[str, set[str]] = {}
    for path in sorted(package_dir.rglob("*.py")):
        rel = path.relative_to(repo).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                found.setdefault(name, set()).add(rel)
    return found


_RULE_CODE = re.compile(r"[\"']([A-Z]{2,3}[0-9]{3})[\"']")


def _literal_text(original: str) -> str:
    """The text of a string literal of at least three characters (``"COV001"``), or the
    longest fixed part of an f-string, else ``""``."""
    try:
        node = ast.parse(original.strip(), mode="eval").body
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return ""
    pieces = [node] if isinstance(node, ast.Constant) else []
    if isinstance(node, ast.JoinedStr):
        pieces = [part for part in node.values if isinstance(part, ast.Constant)]
    texts = [p.value.strip() for p in pieces if isinstance(p.value, str)]
    best = max(texts, key=len, default="")
    return best if len(best) >= 3 else ""


class Selector:
    def __init__(
        self,
        repo: Path,
        coverage: CoverageMap,
        imported_by: dict[str, set[str]],
        max_tests: int = 0,
    ):
        self.max_tests = max_tests
        """At most this many tests per mutant, the fastest (0: all)."""
        self.repo = repo
        self.coverage = coverage
        self.imported_by = imported_by
        self.usable = list(coverage.passed)
        self._by_file: dict[tuple[str, int], set[int]] = {}
        self._test_texts: dict[str, str] = {}
        self._codes: dict[str, frozenset[str]] = {}

    def _mentions(self, test: str, text: str) -> bool:
        """Whether the file of ``test`` (a pytest node id) holds ``text``."""
        name = test.split("::", 1)[0]
        if name not in self._test_texts:
            try:
                self._test_texts[name] = (self.repo / name).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._test_texts[name] = ""
        return text in self._test_texts[name]

    def _tests_of_lines(self, rel: str, lines: Iterable[int]) -> tuple[set[int], bool]:
        by_line = self.coverage.lines.get(rel, {})
        tests: set[int] = set()
        at_import = False
        for line in lines:
            for index in by_line.get(line, []):
                if index < 0:
                    at_import = True
                elif self.usable[index]:
                    tests.add(index)
        return tests, at_import

    def _tests_of_file(self, rel: str, depth: int = IMPORT_DEPTH) -> set[int]:
        known = self._by_file.get((rel, depth))
        if known is not None:
            return known
        files = {rel}
        for _ in range(depth):
            files |= {f for name in files for f in self.imported_by.get(_module_name(name), set())}
        tests: set[int] = set()
        for name in files:
            for indexes in self.coverage.lines.get(name, {}).values():
                tests.update(i for i in indexes if i >= 0 and self.usable[i])
        self._by_file[(rel, depth)] = tests
        return tests

    def job(self, mutant: Mutant, source: str) -> Job:
        end_line = mutant.line + source[mutant.start : mutant.end].count("\n")
        lines = {mutant.stmt_line, *range(mutant.line, end_line + 1)}
        tests, at_import = self._tests_of_lines(mutant.file, lines)
        near = self._tests_of_file(mutant.file, depth=0)
        mode = "fork"
        if not mutant.in_function or at_import:
            mode = "fresh"
            tests |= self._tests_of_file(mutant.file)
        seconds = self.coverage.seconds
        text = _literal_text(mutant.original)
        names = self.coverage.tests
        if mode == "fresh" and text:
            tests |= {
                i for i, ok in enumerate(self.usable) if ok and self._mentions(names[i], text)
            }
        codes = self._codes.get(mutant.file)
        if codes is None:
            codes = frozenset(_RULE_CODE.findall(source))
            self._codes[mutant.file] = codes
        # the tests that name the text first, then those that name the file's rule codes,
        # then those that run the file itself (they know what it is for), fastest first
        ordered = sorted(
            tests,
            key=lambda i: (
                not (text and self._mentions(names[i], text)),
                not any(self._mentions(names[i], code) for code in codes),
                i not in near,
                seconds[i],
                names[i],
            ),
        )
        if self.max_tests:
            cap = self.max_tests // FRESH_SHARE if mode == "fresh" else self.max_tests
            ordered = ordered[: max(cap, 1)]
        return Job(
            key=mutant.key,
            path=str(self.repo / mutant.file),
            start=mutant.start,
            end=mutant.end,
            replacement=mutant.replacement,
            mode=mode,
            tests=[self.coverage.tests[i] for i in ordered],
            limits=[max(LIMIT_FLOOR, LIMIT_FACTOR * seconds[i] + 1.0) for i in ordered],
        )
