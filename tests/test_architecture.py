"""The structure of the source tree: layering, a thin CLI that alone talks to the user, small
modules named for what they hold, and a start-up that imports no heavy library.

Every module under ``src/icmkit`` is parsed with ``ast``; imports count wherever they are
written (module level, inside functions, under ``if TYPE_CHECKING:``).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "icmkit"

# --- layers ---------------------------------------------------------------------------------
#
# Lowest first. A module may import its own layer and the layers below; inside a layer with
# more than one component, only the edges in SAME_LAYER_EDGES are allowed.
LAYERS: tuple[frozenset[str], ...] = (
    # The domain model, the package itself (``__version__``), the exception hierarchy, and two
    # stdlib-only leaves: ``resources`` (where the packaged templates are) and ``writing``
    # (atomic file writes). The leaves know nothing of the domain, so anything above may use
    # them; they sit here, not in the middle band, because documents, spreadsheet and cli all
    # need them and none of those may depend on another for it.
    frozenset({"model", "package", "errors", "resources", "writing"}),
    frozenset({"loading"}),
    # The rules, and sign-offs: the fingerprint of an item, SGN001 (a rule, hence beside the
    # checks) and writing a new record.
    frozenset({"checks", "signoffs"}),
    frozenset({"engine"}),
    frozenset(
        {
            "documents",
            "terminal",
            "git",
            "review",
            "progress",
            "scaffold",
            "schema",
            "spreadsheet",
        }
    ),
    frozenset({"cli"}),
)

# Allowed imports between different components of the same layer (a component may always
# import itself). Anything not listed here is a wrong edge.
SAME_LAYER_EDGES: dict[str, frozenset[str]] = {
    # Layer 0: the model is pure data and may name the package's errors and version, but does
    # no file I/O. The other members are leaves.
    "model": frozenset({"errors", "package"}),
    "package": frozenset(),
    "errors": frozenset(),
    "resources": frozenset({"errors"}),
    "writing": frozenset({"errors"}),
    # The middle band. ``review`` compares versions of a program and is pure; ``git`` reads
    # the versions out of the repository and hands them to it, so git -> review, never back.
    "git": frozenset({"review"}),
    "review": frozenset(),
    # Views render what progress and review compute (status checklists, diffs, item logs).
    "terminal": frozenset({"progress", "review"}),
    "progress": frozenset(),
    # ``icmkit init`` writes the JSON schemas of the program files for editors.
    "scaffold": frozenset({"schema"}),
    "schema": frozenset(),
    "documents": frozenset(),
    "spreadsheet": frozenset(),
    "cli": frozenset(),
    "loading": frozenset(),
    "checks": frozenset(),
    # SGN001 is a rule like those of ``checks``; the checks know nothing of sign-offs.
    "signoffs": frozenset({"checks"}),
    "engine": frozenset(),
}

# Modules directly under ``icmkit`` and the component each belongs to.
TOP_LEVEL_MODULES = {
    "icmkit": "package",
    "icmkit.errors": "errors",
    "icmkit.resources": "resources",
    "icmkit.writing": "writing",
    "icmkit.__main__": "cli",  # ``python -m icmkit``: the entry point
}

HEAVY = ("git", "jinja2", "openpyxl", "ruamel", "rich")
BAD_NAMES = frozenset({"utils", "util", "helpers", "helper", "misc"})
MAX_LINES = 600
# Modules allowed past MAX_LINES, each with a ceiling it may not grow beyond, until it is split.
OVERSIZED: dict[str, int] = {}

# Modules outside ``cli`` allowed to call ``.print(...)`` on a rich Console, and why. Every
# ``Console(...)`` they build must write into a buffer (``file=`` given), never the terminal.
RICH_BUFFER_RENDERERS = {
    # The status checklists are laid out by rich in a Console whose file is an io.StringIO;
    # the module returns the text and the CLI writes it.
    "icmkit.terminal.status_view": "renders into io.StringIO and returns the text",
}


@dataclass(frozen=True)
class Import:
    importer: str
    target: str
    line: int
    in_function: bool
    type_only: bool


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    source: str
    tree: ast.Module

    @property
    def where(self) -> str:
        return self.path.relative_to(SRC).as_posix()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def load_modules() -> dict[str, Module]:
    modules = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = module_name(path)
        modules[name] = Module(name, path, source, ast.parse(source, filename=str(path)))
    return modules


MODULES = load_modules()


def component(name: str) -> str:
    if name in TOP_LEVEL_MODULES:
        return TOP_LEVEL_MODULES[name]
    parts = name.split(".")
    assert parts[0] == PACKAGE and len(parts) > 1, name
    return parts[1]


def layer_of(comp: str) -> int:
    for index, members in enumerate(LAYERS):
        if comp in members:
            return index
    raise AssertionError(f"component {comp!r} is in no layer: add it to LAYERS")


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom, known: set[str]) -> list[str]:
    if node.level:
        base = importer.split(".") if is_package else importer.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        module = ".".join([*base, *([node.module] if node.module else [])])
    else:
        module = node.module or ""
    targets = []
    for alias in node.names:
        sub = f"{module}.{alias.name}"
        targets.append(sub if sub in known else module)
    return targets


def find_imports(
    name: str, tree: ast.Module, *, is_package: bool = False, known: set[str] | None = None
) -> list[Import]:
    """Every import in ``tree``, resolved to a module name (``from pkg import submodule``
    counts as an import of the submodule)."""
    known = set(MODULES) if known is None else known
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool, type_only: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(name, alias.name, node.lineno, in_function, type_only))
        elif isinstance(node, ast.ImportFrom):
            for target in _resolve(name, is_package, node, known):
                found.append(Import(name, target, node.lineno, in_function, type_only))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            in_function = True
        if isinstance(node, ast.If) and not in_function and _is_type_checking(node.test):
            for child in node.body:
                visit(child, in_function, True)
            for child in node.orelse:
                visit(child, in_function, type_only)
            return
        for sub in ast.iter_child_nodes(node):
            visit(sub, in_function, type_only)

    visit(tree, False, False)
    return found


def all_imports() -> list[Import]:
    result = []
    for module in MODULES.values():
        result += find_imports(
            module.name, module.tree, is_package=module.path.name == "__init__.py"
        )
    return result


def layering_violations(imports: list[Import]) -> list[str]:
    problems = []
    for imp in imports:
        if imp.target != PACKAGE and not imp.target.startswith(PACKAGE + "."):
            continue
        src, dst = component(imp.importer), component(imp.target)
        if src == dst:
            continue
        src_layer, dst_layer = layer_of(src), layer_of(dst)
        kind = "inside a function" if imp.in_function else "at module level"
        if dst_layer > src_layer:
            problems.append(
                f"{imp.importer}:{imp.line} imports {imp.target} {kind}: "
                f"{src} (layer {src_layer}) may not use {dst} (layer {dst_layer})"
            )
        elif dst_layer == src_layer and dst not in SAME_LAYER_EDGES.get(src, frozenset()):
            problems.append(
                f"{imp.importer}:{imp.line} imports {imp.target} {kind}: "
                f"{src} -> {dst} is not in SAME_LAYER_EDGES"
            )
    return problems


# --- layering -------------------------------------------------------------------------------


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = sorted({c for c in map(component, MODULES) if not any(c in la for la in LAYERS)})
    assert unplaced == [], f"packages in no layer (add them to LAYERS): {unplaced}"
    every = {c for la in LAYERS for c in la}
    assert sorted(every - set(SAME_LAYER_EDGES)) == [], "each component needs a row"


def test_imports_respect_the_layers() -> None:
    problems = layering_violations(all_imports())
    assert problems == [], "\n".join(problems)


def test_middle_band_edges_are_all_in_use() -> None:
    """The middle-band rows record the code as it is: an edge nobody uses is taken out, so
    the table never allows more than the design needs."""
    middle = LAYERS[4]
    used = {
        (component(i.importer), component(i.target))
        for i in all_imports()
        if i.target == PACKAGE or i.target.startswith(PACKAGE + ".")
    }
    declared = {(s, d) for s, ds in SAME_LAYER_EDGES.items() if s in middle for d in ds}
    assert sorted(declared - used) == [], "edges allowed but not used (remove them)"


def test_the_import_scanner_sees_imports_everywhere() -> None:
    """The rules above are only as good as the scan: it must see function-level imports,
    ``from package import submodule`` and ``if TYPE_CHECKING:`` blocks."""
    imports = all_imports()
    edges = {(i.importer, i.target, i.in_function, i.type_only) for i in imports}
    assert ("icmkit.cli.app", "icmkit.cli.check_cmd", False, False) in edges
    assert ("icmkit.scaffold.plan", "icmkit.schema.export", True, False) in edges
    assert ("icmkit.checks.runner", "icmkit.checks.plans", False, False) in edges
    assert ("icmkit.scaffold.plan", "jinja2", False, True) in edges


@pytest.mark.parametrize(
    ("importer", "code", "expected"),
    [
        (
            "icmkit.model.thing",
            "def f():\n    from icmkit.loading.root import find_root\n",
            "icmkit.model.thing:2 imports icmkit.loading.root inside a function: "
            "model (layer 0) may not use loading (layer 1)",
        ),
        (
            "icmkit.review.thing",
            "from icmkit.git import history\n",
            "icmkit.review.thing:1 imports icmkit.git.history at module level: "
            "review -> git is not in SAME_LAYER_EDGES",
        ),
        (
            "icmkit.engine.thing",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import icmkit.cli.app\n",
            "icmkit.engine.thing:3 imports icmkit.cli.app at module level: "
            "engine (layer 3) may not use cli (layer 5)",
        ),
        (
            "icmkit.model.thing",
            "from icmkit import writing\n",
            "icmkit.model.thing:1 imports icmkit.writing at module level: "
            "model -> writing is not in SAME_LAYER_EDGES",
        ),
    ],
)
def test_a_wrong_edge_is_reported(importer: str, code: str, expected: str) -> None:
    imports = find_imports(importer, ast.parse(code))
    assert layering_violations(imports) == [expected]


# --- the CLI alone talks to the user --------------------------------------------------------


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "?"


def output_calls(module: str, tree: ast.Module) -> list[str]:
    """Calls that print, exit, or echo; imports of the CLI frameworks."""
    problems = []
    forbidden_calls = {
        "print",
        "exit",
        "quit",
        "sys.exit",
        "os._exit",
        "sys.stdout.write",
        "sys.stderr.write",
        "typer.echo",
        "typer.secho",
        "click.echo",
        "click.secho",
        "rich.print",
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name in forbidden_calls:
                problems.append(f"{module}:{node.lineno} calls {name}(")
            elif name.split(".")[-1] == "Console" and not any(
                k.arg == "file" for k in node.keywords
            ):
                problems.append(f"{module}:{node.lineno} builds a rich Console on the terminal")
            elif (
                isinstance(node.func, ast.Attribute)
                and (
                    node.func.attr in {"print", "print_json"}
                    or (node.func.attr == "log" and "console" in name.lower())
                )
                and module not in RICH_BUFFER_RENDERERS
            ):
                problems.append(f"{module}:{node.lineno} calls {name}(")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            for imported in names:
                if imported.split(".")[0] in {"typer", "click"}:
                    problems.append(f"{module}:{node.lineno} imports {imported}")
            if isinstance(node, ast.ImportFrom) and any(
                a.name in {"print", "exit", "echo", "secho"} for a in node.names
            ):
                problems.append(f"{module}:{node.lineno} imports an output function")
    return problems


def test_only_the_cli_prints_or_exits() -> None:
    problems = []
    for module in MODULES.values():
        if component(module.name) != "cli":
            problems += output_calls(module.name, module.tree)
    assert problems == [], "\n".join(problems)


def test_the_output_rule_catches_printing() -> None:
    code = (
        "import sys\nimport typer\n"
        "def f(console):\n"
        "    print('x')\n    sys.exit(1)\n    typer.echo('y')\n    console.print('z')\n"
    )
    assert output_calls("icmkit.engine.thing", ast.parse(code)) == [
        "icmkit.engine.thing:2 imports typer",
        "icmkit.engine.thing:4 calls print(",
        "icmkit.engine.thing:5 calls sys.exit(",
        "icmkit.engine.thing:6 calls typer.echo(",
        "icmkit.engine.thing:7 calls console.print(",
    ]


# --- names and sizes ------------------------------------------------------------------------


def test_no_grab_bag_modules() -> None:
    bad = sorted(m.where for m in MODULES.values() if BAD_NAMES & set(m.name.split(".")[1:]))
    assert bad == [], f"name modules for what they hold: {bad}"


def test_no_module_is_too_long() -> None:
    sizes = {m.where: len(m.source.splitlines()) for m in MODULES.values()}
    long = sorted(
        f"{where}: {lines} lines"
        for where, lines in sizes.items()
        if lines > OVERSIZED.get(where, MAX_LINES)
    )
    assert long == [], f"modules over {MAX_LINES} lines: {long}"
    back_under = sorted(where for where in OVERSIZED if sizes.get(where, 0) <= MAX_LINES)
    assert back_under == [], f"no longer oversized, remove from OVERSIZED: {back_under}"


# --- start-up stays light -------------------------------------------------------------------


def test_heavy_libraries_are_imported_inside_functions_only() -> None:
    problems = [
        f"{i.importer}:{i.line} imports {i.target} at module level"
        for i in all_imports()
        if i.target.split(".")[0] in HEAVY and not i.in_function and not i.type_only
    ]
    assert problems == [], "\n".join(problems)


def test_cli_start_up_imports_no_heavy_library() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import icmkit.cli.app"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "icmkit.cli.app" in imported, done.stderr[-2000:]
    heavy = sorted(m for m in imported if m.split(".")[0] in HEAVY)
    assert heavy == [], f"imported when icmkit starts: {heavy}"
