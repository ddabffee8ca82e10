"""The size checks of template operations: refuse before building a huge text, list or number
when its size is known in advance, and right after building it otherwise.

The sandbox (``icmkit.documents.sandbox``) runs them on every ``*``, ``**``, ``+``, ``%`` and
``~``, every call and every filter. jinja2 is imported inside functions only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any, Final

from icmkit.documents.template_budget import Budget, BudgetExceeded

_TEXTS = (str, bytes)
_COLLECTIONS = (list, tuple, dict, set, frozenset)
_HUGE_FORMAT: Final = re.compile(r"\d{8,}|%[-#0 +]*\*|%[-#0 +]*\d*\.\*|\{[^{}]*\{")
"""A format that pads to 10 million characters or more, or takes its width from an argument
(``%*s``, ``{:{}}``): refused rather than checked."""
_PADDING_METHODS: Final = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
_FORMAT_METHODS: Final = frozenset({"format", "format_map"})
_COUNT_FILTERS: Final = frozenset({"center", "indent", "slice", "batch", "wordwrap", "truncate"})
"""Filters whose whole-number arguments are widths or counts."""


def _length(value: object) -> int:
    return len(value) if isinstance(value, _TEXTS) else len(str(value))


def check_format(text: str) -> None:
    if _HUGE_FORMAT.search(text):
        raise BudgetExceeded(
            "a format with a width of 10 million characters or more, or a width taken from "
            "an argument; give the width in the format itself"
        )


def check_binop(budget: Budget, operator: str, left: Any, right: Any) -> None:
    """Refuse ``left operator right`` when its result would be over the budget."""
    if operator == "*":
        _check_repeat(budget, left, right)
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            budget.check_int(left.bit_length() * right)
    elif operator == "+":
        if isinstance(left, _TEXTS) and isinstance(right, _TEXTS):
            budget.check_size(len(left) + len(right))
        elif isinstance(left, _COLLECTIONS) and isinstance(right, _COLLECTIONS):
            budget.check_items(len(left) + len(right))
    elif operator == "%" and isinstance(left, str):
        check_format(left)
        parts = right if isinstance(right, tuple) else (right,)
        budget.check_size(len(left) + sum(_length(part) for part in parts))


def _check_repeat(budget: Budget, left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        budget.check_int(left.bit_length() + right.bit_length())
        return
    times, sequence = (right, left) if isinstance(right, int) else (left, right)
    if not isinstance(times, int):
        return
    if isinstance(sequence, _TEXTS):
        budget.check_size(len(sequence) * times)
    elif isinstance(sequence, _COLLECTIONS):
        budget.check_items(len(sequence) * times)


def check_counts(budget: Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a width or count over the size budget (``'x'.center(10**9)``)."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool):
            budget.check_size(value, "a padding or count")


def check_call(budget: Budget, obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Checks before a text method that pads, repeats or formats runs."""
    owner = _owner(obj)
    if not isinstance(owner, str):
        return
    name = getattr(obj, "__name__", "")
    if name in _PADDING_METHODS:
        check_counts(budget, args, kwargs)
    elif name in _FORMAT_METHODS:
        check_format(owner)
        budget.check_size(len(owner) + sum(_length(v) for v in (*args, *kwargs.values())))
    elif name == "replace" and len(args) >= 2:
        _check_replace(budget, owner, args[0], args[1])
    elif name == "join" and args:
        _check_join(budget, owner, args[0])


def check_called(budget: Budget, obj: Any, result: Any) -> None:
    """Checks after a call: its result, and the list or mapping a method may have grown."""
    budget.check_value(result)
    owner = _owner(obj)
    if isinstance(owner, _COLLECTIONS):
        budget.check_items(len(owner))


def _owner(obj: Any) -> Any:
    """The object a method is bound to (the sandbox hands out ``str.format`` wrapped)."""
    owner = getattr(obj, "__self__", None)
    if owner is None:
        owner = getattr(getattr(obj, "__wrapped__", None), "__self__", None)
    return owner


def _check_replace(budget: Budget, text: str, old: Any, new: Any) -> None:
    if isinstance(old, str) and isinstance(new, str) and len(new) > len(old):
        budget.check_size(len(text) + (len(text) + 1) * (len(new) - len(old)))


def _check_join(budget: Budget, glue: Any, items: Any) -> None:
    if isinstance(items, _COLLECTIONS) and isinstance(glue, _TEXTS):
        budget.check_size(len(glue) * len(items))


def bounded_filter(budget: Budget, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """The filter ``func`` with its size arguments and its result checked."""
    counts = name in _COUNT_FILTERS

    @functools.wraps(func)  # keeps jinja2's pass_context / pass_environment marks
    def checked(*args: Any, **kwargs: Any) -> Any:
        if name in ("format", "replace", "indent", "join"):
            _check_filter_arguments(budget, name, args, kwargs)
        if counts:
            check_counts(budget, args, kwargs)
        result = func(*args, **kwargs)
        if isinstance(result, Iterator):  # map, select, …: one step per item they give
            return budget.counted(result)
        budget.check_value(result)
        return result

    return checked


def _check_filter_arguments(
    budget: Budget, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    texts = [a for a in args if isinstance(a, str)]
    if name == "format" and texts:
        check_format(texts[0])
    elif name == "replace" and len(texts) >= 3:
        _check_replace(budget, texts[0], texts[1], texts[2])
    elif name == "indent" and texts:
        widths = [v for v in (*texts[1:], *kwargs.values()) if isinstance(v, str)]
        prefix = max((len(w) for w in widths), default=0)
        budget.check_size(len(texts[0]) + prefix * (texts[0].count("\n") + 1))
    elif name == "join":
        items = next((a for a in args if isinstance(a, _COLLECTIONS)), None)
        glue = kwargs.get("d", texts[0] if texts else "")
        _check_join(budget, glue, items)


def bounded_concat(budget: Budget) -> Callable[..., Any]:
    """``a ~ b ~ c`` (given as a list of the parts), refused if the result is over budget."""
    from jinja2 import pass_eval_context
    from jinja2.runtime import markup_join, str_join

    @pass_eval_context
    def concat(eval_ctx: Any, parts: list[Any]) -> str:
        budget.check_size(sum(_length(part) for part in parts))
        return markup_join(parts) if eval_ctx.autoescape else str_join(parts)

    return concat


def bounded_lipsum(func: Callable[..., Any]) -> Callable[..., Any]:
    """``lipsum()`` with at most 100 paragraphs of at most 1,000 words."""

    @functools.wraps(func)
    def checked(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
        if not all(isinstance(v, int) for v in (n, min, max)) or n > 100 or max > 1000:
            raise BudgetExceeded("lipsum() takes at most 100 paragraphs of 1,000 words")
        return func(n, html, min, max)

    return checked
