"""Put a mutant into an already imported module by swapping the code of its live functions.

The mutated file is compiled whole; its code objects are matched one to one, in order, with
those of the original file, and every function object alive in the process whose code is one
that changed gets the mutated code (``function.__code__ = ...``). Every reference to the
function (``from x import f``, a registry, a bound method, a pydantic validator) then runs the
mutant, with no re-import. This is only done in a forked child that exits afterwards.

A mutant cannot be put in this way when it changes module-level code (a constant, a class
body, a decorator's arguments), when the change adds or removes a code object, or when a
changed function's free variables differ; those are run in a fresh interpreter instead.
"""

from __future__ import annotations

import gc
import sys
import types
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any


def _codes(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _codes(const)


def live_functions(files: set[Path]) -> dict[Path, list[types.FunctionType]]:
    """Every function object in this process whose code comes from one of ``files``."""
    wanted = {str(f) for f in files}
    found: dict[Path, list[types.FunctionType]] = {}
    for obj in gc.get_objects():
        if isinstance(obj, types.FunctionType) and obj.__code__.co_filename in wanted:
            found.setdefault(Path(obj.__code__.co_filename), []).append(obj)
    return found


def cache_clearers(package: str) -> list[Callable[[], None]]:
    """``cache_clear`` of every ``functools`` cache at module or class level in ``package``,
    so a result cached before the fork is not served to a mutant."""
    clearers: list[Callable[[], None]] = []
    for name, module in list(sys.modules.items()):
        if module is None or not (name == package or name.startswith(package + ".")):
            continue
        spaces: list[Mapping[str, Any]] = [vars(module)]
        spaces += [vars(v) for v in vars(module).values() if isinstance(v, type)]
        for space in spaces:
            for value in list(space.values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clearers.append(clear)
    return clearers


def patch(path: Path, original: str, mutated: str, functions: list[types.FunctionType]) -> int:
    """Swap in the mutated code; the number of functions changed (0: cannot be done here)."""
    old = list(_codes(compile(original, str(path), "exec", dont_inherit=True)))
    new = list(_codes(compile(mutated, str(path), "exec", dont_inherit=True)))
    if len(old) != len(new) or any(
        a.co_qualname != b.co_qualname for a, b in zip(old, new, strict=True)
    ):
        return 0
    swaps: list[tuple[types.FunctionType, types.CodeType]] = []
    for function in functions:
        for index, code in enumerate(old):
            if code == function.__code__:
                if new[index] != code:
                    if new[index].co_freevars != code.co_freevars:
                        return 0
                    swaps.append((function, new[index]))
                break
    for function, code in swaps:
        function.__code__ = code
    return len(swaps)
