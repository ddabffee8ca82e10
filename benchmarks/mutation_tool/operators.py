"""The mutants of one Python source file, found by walking its syntax tree.

Each mutant replaces one span of the source text (a node's exact position) by new text, so
the rest of the file keeps its bytes and line numbers. The operators:

- comparison flips: ``<``/``<=``, ``>``/``>=``, ``==``/``!=``, ``is``/``is not``,
  ``in``/``not in``;
- arithmetic: ``+``/``-``, ``*``/``/``, ``//`` -> ``/`` (also in ``+=`` and the like),
  unary minus removed;
- boolean: ``and``/``or``, ``not`` removed;
- constants: ``0``/``1`` (any other int ``n`` -> ``n + 1``), ``True``/``False``, strings
  prefixed with ``XX`` (f-strings too);
- ``return x`` -> ``return None``;
- statements removed (replaced by ``pass``): calls as statements, ``yield``, ``raise``,
  ``continue``, ``break``;
- ``min``/``max`` swapped.

Left alone, as no test could ever tell the difference: docstrings and other bare string
statements, annotations, ``if TYPE_CHECKING:`` blocks, ``__all__``, the type argument of
``cast``, ``TypeVar``, ``ParamSpec`` and ``NewType``, and ``slots=`` of ``@dataclass`` (it
only saves memory).
"""

from __future__ import annotations

import ast
import copy
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
}
_TYPE_CALLS = frozenset({"cast", "TypeVar", "NewType", "ParamSpec"})
_REMOVABLE = (ast.Continue, ast.Break, ast.Raise)


@dataclass(frozen=True)
class Mutant:
    """One change to one file: ``source[start:end]`` becomes ``replacement``."""

    file: str
    """The file's path relative to the repository root, with ``/``."""
    line: int
    start: int
    end: int
    replacement: str
    operator: str
    original: str
    scope: str
    """Qualified name of the enclosing function (``Class.method``), ``""`` at module level."""
    line_text: str
    """The mutated line as written, stripped, to recognise the mutant after the file moves."""
    nth: int = 0
    """How many mutants before this one have the same file, scope, line text and change."""
    stmt_line: int = 0
    """The first line of the statement holding the change: coverage records lines by statement,
    so a value on a continuation line is run when this line is."""

    @property
    def in_function(self) -> bool:
        return self.scope != ""

    @property
    def key(self) -> str:
        """Stable across edits elsewhere in the file: what changed, not where."""
        parts = [self.file, self.scope, self.line_text, self.original, self.replacement]
        return "|".join(parts + ([str(self.nth)] if self.nth else []))

    @property
    def description(self) -> str:
        return f"{_short(self.original)} -> {_short(self.replacement)}"

    def apply(self, source: str) -> str:
        return source[: self.start] + self.replacement + source[self.end :]


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


class _Offsets:
    """Character offsets from the (1-based line, 0-based UTF-8 byte column) of ``ast``."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines(keepends=True)
        self.starts: list[int] = []
        total = 0
        for text in self.lines:
            self.starts.append(total)
            total += len(text)

    def at(self, line: int, byte_col: int) -> int:
        text = self.lines[line - 1]
        return self.starts[line - 1] + len(text.encode("utf-8")[:byte_col].decode("utf-8"))


def _docstring_like(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _paren(text: str) -> str:
    return f"({text})"


class _Finder(ast.NodeVisitor):
    def __init__(self, file: str, source: str) -> None:
        self.file = file
        self.source = source
        self.offsets = _Offsets(source)
        self.scope: list[str] = []
        self.function_depth = 0
        self.found: list[Mutant] = []
        self.seen: set[tuple[int, int, str]] = set()
        self.stmt_line = 0

    def visit(self, node: ast.AST) -> None:
        if not isinstance(node, ast.stmt):
            super().visit(node)
            return
        outer, self.stmt_line = self.stmt_line, node.lineno
        try:
            super().visit(node)
        finally:
            self.stmt_line = outer

    # -- recording -------------------------------------------------------------------------
    def _span(self, node: ast.AST) -> tuple[int, int]:
        start = self.offsets.at(node.lineno, node.col_offset)  # type: ignore[attr-defined]
        end = self.offsets.at(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
        return start, end

    def _add(self, node: ast.AST, replacement: str, operator: str) -> None:
        start, end = self._span(node)
        original = self.source[start:end]
        if replacement == original or (start, end, replacement) in self.seen:
            return
        self.seen.add((start, end, replacement))
        line = node.lineno  # type: ignore[attr-defined]
        scope = ".".join(self.scope) if self.function_depth else ""
        self.found.append(
            Mutant(
                file=self.file,
                line=line,
                start=start,
                end=end,
                replacement=replacement,
                operator=operator,
                original=original,
                scope=scope,
                line_text=self.offsets.lines[line - 1].strip(),
                stmt_line=self.stmt_line or line,
            )
        )

    def _text(self, node: ast.AST) -> str:
        start, end = self._span(node)
        return self.source[start:end]

    # -- scopes and what to skip ---------------------------------------------------------
    def _visit_body(self, body: list[ast.stmt]) -> None:
        for stmt in body:
            if not _docstring_like(stmt):
                self.visit(stmt)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        for base in [*node.bases, *node.keywords]:
            self.visit(base)
        self.scope.append(node.name)
        self._visit_body(node.body)
        self.scope.pop()

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        self.scope.append(node.name)
        self.function_depth += 1
        self._visit_body(node.body)
        self.function_depth -= 1
        self.scope.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        self.scope.append("<lambda>")
        self.function_depth += 1
        self.visit(node.body)
        self.function_depth -= 1
        self.scope.pop()

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)

    def visit_arg(self, node: ast.arg) -> None:
        return

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            return
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        # Positions inside f-strings are not reliable before Python 3.12: change it whole.
        self._add(node, _paren('"XX" + ' + self._text(node)), "string")

    def visit_Expr(self, node: ast.Expr) -> None:
        value = node.value
        if isinstance(value, ast.Constant):
            return
        if isinstance(value, ast.Call | ast.Yield | ast.YieldFrom | ast.Await):
            self._add(node, "pass", "statement removed")
        self.generic_visit(node)

    # -- operators -----------------------------------------------------------------------
    def visit_Compare(self, node: ast.Compare) -> None:
        for index, op in enumerate(node.ops):
            swap = _COMPARE_SWAPS.get(type(op))
            if swap is None:
                continue
            changed = copy.deepcopy(node)
            changed.ops[index] = swap()
            self._add(node, _paren(ast.unparse(changed)), "comparison")
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        swap = _BINOP_SWAPS.get(type(node.op))
        if swap is not None:
            changed = copy.deepcopy(node)
            changed.op = swap()
            self._add(node, _paren(ast.unparse(changed)), "arithmetic")
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        swap = _BINOP_SWAPS.get(type(node.op))
        if swap is not None:
            changed = copy.deepcopy(node)
            changed.op = swap()
            self._add(node, ast.unparse(changed), "arithmetic")
        self.visit(node.value)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        changed = copy.deepcopy(node)
        changed.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        self._add(node, _paren(ast.unparse(changed)), "boolean")
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self._add(node, _paren(self._text(node.operand)), "not removed")
        elif isinstance(node.op, ast.USub):
            self._add(node, _paren(self._text(node.operand)), "arithmetic")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            self._add(node, str(not value), "constant")
        elif isinstance(value, int):
            self._add(
                node, "1" if value == 0 else ("0" if value == 1 else str(value + 1)), "constant"
            )
        elif isinstance(value, str):
            self._add(node, _paren('"XX" + ' + self._text(node)), "string")

    def visit_Return(self, node: ast.Return) -> None:
        value = node.value
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            self._add(node, "return None", "return None")
        self.generic_visit(node)

    def visit_Continue(self, node: ast.Continue) -> None:
        self._add(node, "pass", "statement removed")

    def visit_Break(self, node: ast.Break) -> None:
        self._add(node, "pass", "statement removed")

    def visit_Raise(self, node: ast.Raise) -> None:
        self._add(node, "pass", "statement removed")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = (
            func.id
            if isinstance(func, ast.Name)
            else (func.attr if isinstance(func, ast.Attribute) else "")
        )
        if isinstance(func, ast.Name) and name in ("min", "max"):
            self._add(func, "max" if name == "min" else "min", "min/max")
        self.visit(func)
        args = node.args[1:] if name in _TYPE_CALLS else node.args
        for arg in args:
            self.visit(arg)
        for keyword in node.keywords:
            if not (name == "dataclass" and keyword.arg == "slots"):
                self.visit(keyword.value)


def find_mutants(file: str, source: str) -> list[Mutant]:
    """Every mutant of ``source`` (the text of ``file``), in source order."""
    tree = ast.parse(source)
    finder = _Finder(file, source)
    finder._visit_body(tree.body)
    found: list[Mutant] = []
    seen: dict[str, int] = {}
    for mutant in sorted(finder.found, key=lambda m: (m.start, m.end, m.replacement)):
        nth = seen.get(mutant.key, 0)
        seen[mutant.key] = nth + 1
        found.append(dataclasses.replace(mutant, nth=nth))
    return found


def compiles(mutant: Mutant, source: str) -> bool:
    """Whether the mutated file is still valid Python (a mutant that is not is dropped)."""
    try:
        compile(mutant.apply(source), mutant.file, "exec", dont_inherit=True)
    except SyntaxError:
        return False
    return True


def all_mutants(file: str, source: str) -> Iterator[Mutant]:
    for mutant in find_mutants(file, source):
        if compiles(mutant, source):
            yield mutant
