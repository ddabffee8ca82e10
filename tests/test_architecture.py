"""The structure of the source tree: layering, a thin CLI that alone talks to the user, small
modules named for what they hold, no private name used across modules, no import cycle, one
writer of JSON and of JUnit XML, every imported package declared, and a start-up that imports
no heavy library.

Every module under ``src/icmkit`` is parsed with ``ast``; imports count wherever they are
written (module level, inside functions, under ``if TYPE_CHECKING:``).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
PACKAGE = "icmkit"

# --- layers ---------------------------------------------------------------------------------
#
# Lowest first. A module may import its own layer and the layers below; inside a layer with
# more than one component, only the edges in SAME_LAYER_EDGES are allowed.
LAYERS: tuple[frozenset[str], ...] = (
    # The domain model, the package itself (``__version__``), the exception hierarchy, and
    # three stdlib-only leaves: ``resources`` (where the packaged templates are), ``writing``
    # (atomic file writes) and ``markdown`` (escaping user text for Markdown). The leaves know
    # nothing of the domain, so anything above may use them; they sit here, not in the middle
    # band, because documents, terminal, scaffold, spreadsheet and cli need them and none of
    # those may depend on another for it.
    frozenset(
        {
            "model",
            "package",
            "errors",
            "resources",
            "writing",
            "markdown",
            "locking",
            "staged_writes",
        }
    ),
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
    "locking": frozenset({"errors"}),
    "staged_writes": frozenset({"errors", "writing"}),
    "markdown": frozenset(),
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
    # A participant's letter says what changed between two versions of their plan, with the
    # review's comparison of items.
    "documents": frozenset({"review"}),
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
    "icmkit.markdown": "markdown",
    "icmkit.locking": "locking",
    "icmkit.staged_writes": "staged_writes",
    "icmkit.__main__": "cli",  # ``python -m icmkit``: the entry point
}

HEAVY = ("git", "jinja2", "openpyxl", "ruamel", "rich", "ibis", "duckdb", "pyspark", "pyarrow")
BAD_NAMES = frozenset({"utils", "util", "helpers", "helper", "misc"})
MAX_LINES = 450
# Modules allowed past MAX_LINES, each with a ceiling it may not grow beyond, until it is split.
OVERSIZED: dict[str, int] = {}

# Modules allowed to use a private name (``_x``) of another module, until they stop:
# importer -> the names. None today; keep it that way.
PRIVATE_IMPORTS: dict[str, frozenset[str]] = {}

# The one module that writes JSON for the user, and the other uses of ``json.dumps``.
JSON_WRITER = "icmkit.terminal.json_text"
OTHER_JSON_DUMPS = {
    "icmkit.signoffs.fingerprints": "canonical JSON of an item, hashed into its fingerprint",
    "icmkit.signoffs.recording": "YAML double-quoted scalars in signoffs.yaml",
    "icmkit.signoffs.acceptance_records": "YAML double-quoted scalars in acceptances.yaml",
    "icmkit.schema.export": "the JSON Schema files `icmkit schema` writes",
    "icmkit.terminal.diff_view": "values shown inline in a diff",
    "icmkit.loading.cache_entries": "parse cache entries (data only, in the user's cache folder)",
    "icmkit.staged_writes": "the journal of a switch of several files, for finishing it",
}
# The one module that writes JUnit XML (and so the only one that needs an XML library).
JUNIT_WRITER = "icmkit.terminal.junit_xml"

# Modules outside ``cli`` allowed to call ``.print(...)`` on a rich Console, and why. Every
# ``Console(...)`` they build must write into a buffer (``file=`` given), never the terminal.
RICH_BUFFER_RENDERERS = {
    # The status checklists are laid out by rich in a Console whose file is an io.StringIO;
    # the module returns the text and the CLI writes it.
    "icmkit.terminal.text_layout": "renders into io.StringIO and returns the text",
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


# --- no private name across modules ---------------------------------------------------------


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_uses(module: str, tree: ast.Module, known: Iterable[str]) -> list[tuple[str, str]]:
    """``(line: what, private name)`` for each private name of another icmkit module that
    ``module`` imports (``from m import _x``) or reaches through a module (``m._x``)."""
    modules = set(known)
    found: list[tuple[str, str]] = []
    bound: dict[str, str] = {}  # local name -> icmkit module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] != PACKAGE:
                continue
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in modules:
                    bound[alias.asname or alias.name] = full
                if _private(alias.name):
                    found.append((f"{module}:{node.lineno} imports {full}", alias.name))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == PACKAGE and alias.asname:
                    bound[alias.asname] = alias.name
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            owner = _dotted(node.value)
            target = bound.get(owner, owner)
            if target in modules and target != module:
                found.append((f"{module}:{node.lineno} uses {target}.{node.attr}", node.attr))
    return found


def test_no_private_name_is_used_from_another_module() -> None:
    problems = [
        where
        for module in MODULES.values()
        for where, name in private_uses(module.name, module.tree, MODULES)
        if name not in PRIVATE_IMPORTS.get(module.name, frozenset())
    ]
    assert problems == [], "make the name public or keep its use in its module:\n" + "\n".join(
        problems
    )


def test_the_private_imports_allowed_are_still_there() -> None:
    """An allowance nobody needs any more is taken out, so the list only shrinks."""
    used = {
        (module.name, name)
        for module in MODULES.values()
        for _, name in private_uses(module.name, module.tree, MODULES)
    }
    allowed = {(m, name) for m, names in PRIVATE_IMPORTS.items() for name in names}
    assert sorted(allowed - used) == [], "remove from PRIVATE_IMPORTS"


def test_the_private_name_rule_catches_imports_and_attributes() -> None:
    code = (
        "import icmkit.git.commits as c\n"
        "from icmkit.git import history\n"
        "from icmkit.git.commits import _gitpython, parse_identity\n"
        "c._env\nhistory._repo\nhistory.__name__\n"
    )
    known = {"icmkit.git.commits", "icmkit.git.history"}
    assert [w for w, _ in private_uses("icmkit.x", ast.parse(code), known)] == [
        "icmkit.x:3 imports icmkit.git.commits._gitpython",
        "icmkit.x:4 uses icmkit.git.commits._env",
        "icmkit.x:5 uses icmkit.git.history._repo",
    ]


# --- no import cycle ------------------------------------------------------------------------


def import_cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The groups of modules that import each other in a circle (strongly connected
    components of more than one module), each sorted, in sorted order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(cycles)


def module_level_edges() -> dict[str, set[str]]:
    """Who imports whom among icmkit's modules at module level (``if TYPE_CHECKING:``
    included; imports inside functions are not, since they run after both modules loaded)."""
    edges: dict[str, set[str]] = {}
    for imp in all_imports():
        if not imp.in_function and imp.target in MODULES and imp.target != imp.importer:
            edges.setdefault(imp.importer, set()).add(imp.target)
    return edges


def test_no_import_cycle_between_modules() -> None:
    cycles = import_cycles(module_level_edges())
    assert cycles == [], "modules that import each other: " + "; ".join(
        " <-> ".join(c) for c in cycles
    )


def test_the_cycle_finder_finds_cycles() -> None:
    edges = {"a": ["b"], "b": ["c", "d"], "c": ["a"], "d": ["d"], "e": ["a"]}
    assert import_cycles(edges) == [["a", "b", "c"]]


# --- one writer of JSON output, one of JUnit XML --------------------------------------------


def test_json_is_written_for_the_user_in_one_place() -> None:
    dumps = {
        module.name
        for module in MODULES.values()
        for node in ast.walk(module.tree)
        if isinstance(node, ast.Call) and _dotted(node.func) in {"json.dumps", "json.dump"}
    }
    assert sorted(dumps - {JSON_WRITER, *OTHER_JSON_DUMPS}) == [], (
        f"write JSON output through {JSON_WRITER}.json_text"
    )
    assert sorted(set(OTHER_JSON_DUMPS) - dumps) == [], "remove from OTHER_JSON_DUMPS"


def test_junit_xml_is_written_in_one_place() -> None:
    xml_users = sorted(
        {i.importer for i in all_imports() if i.target.split(".")[0] == "xml"} - {JUNIT_WRITER}
    )
    assert xml_users == [], f"write JUnit XML through {JUNIT_WRITER}"


# --- every imported package is declared -----------------------------------------------------


def _requirement_name(requirement: str) -> str:
    name = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


OPTIONAL_EXTRAS = {"spark": "the Spark engine (PySpark and Java are not needed otherwise)"}
"""Extras whose packages the code may import, inside functions only (so that the default
install never needs them)."""


def _distribution_names(name: str) -> set[str]:
    return {_requirement_name(d) for d in packages_distributions().get(name, [name])}


def test_every_package_imported_by_the_code_is_declared() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_requirement_name(r) for r in project["dependencies"]}
    optional = {
        _requirement_name(r)
        for extra in OPTIONAL_EXTRAS
        for r in project["optional-dependencies"][extra]
    }
    imports = [
        i
        for i in all_imports()
        if i.target.split(".")[0] not in {*sys.stdlib_module_names, PACKAGE, "__future__"}
    ]
    undeclared = sorted(
        {
            i.target.split(".")[0]
            for i in imports
            if not _distribution_names(i.target.split(".")[0]) & declared
            and not (
                _distribution_names(i.target.split(".")[0]) & optional
                and (i.in_function or i.type_only)
            )
        }
    )
    assert undeclared == [], (
        "imported in src/ but not in pyproject's dependencies (or, inside functions, in "
        f"an optional extra of {sorted(OPTIONAL_EXTRAS)}): {undeclared}"
    )


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


# --- one YAML reader --------------------------------------------------------------------------

YAML_READER = "icmkit.loading.yaml_"
"""Program files are read by one reader: the modules ``icmkit.loading.yaml_*``."""
ROUND_TRIP_WRITERS = frozenset({"icmkit.spreadsheet.yaml_files", "icmkit.spreadsheet.additions"})
"""ruamel.yaml, to write requirement files back with their comments (``import xlsx``)."""


def test_one_yaml_reader_in_src() -> None:
    imports = all_imports()
    readers = sorted(
        f"{imp.importer}:{imp.line}"
        for imp in imports
        if (imp.target == "yaml" or imp.target.startswith("yaml."))
        and not imp.importer.startswith(YAML_READER)
    )
    assert readers == [], f"only {YAML_READER}* may read YAML with PyYAML: {readers}"
    ruamel = sorted(
        imp.importer
        for imp in imports
        if imp.target.startswith("ruamel") and imp.importer not in ROUND_TRIP_WRITERS
    )
    assert ruamel == [], f"only {sorted(ROUND_TRIP_WRITERS)} write YAML with ruamel: {ruamel}"
    composing = sorted(
        module.name
        for module in MODULES.values()
        if "get_single_node(" in module.source or "compose_node(" in module.source
    )
    assert composing == [], f"nothing composes YAML nodes any more: {composing}"
