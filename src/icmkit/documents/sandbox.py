"""The sandbox templates run in: jinja2's, with a budget (``template_budget``) on loops,
calls, nesting, size and time, and the fields of the documents' views handed out directly.

The budget is kept by hooks of the sandbox itself:

* every ``{% for %}`` walks its list through a counting filter (added to each loop when a
  template is parsed), and ``loop(...)`` in a recursive loop is counted the same way;
* every call goes through :meth:`call` (steps, and one level deeper while it runs), and
  every template entered (an include, a parent template, an import) through its root;
* ``*``, ``**``, ``+``, ``%`` and ``~``, every call and every filter go through the size
  checks of ``template_checks``.

jinja2 is imported inside functions only: the classes are made on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Final, cast

from icmkit.documents.template_budget import Budget
from icmkit.documents.template_checks import (
    bounded_concat,
    bounded_filter,
    bounded_lipsum,
    check_binop,
    check_call,
    check_called,
)
from icmkit.documents.view_blocks import View

if TYPE_CHECKING:
    from jinja2 import Environment

STEPS_FILTER: Final = "_icmkit_counted"
"""The filter every loop's list goes through (a template may name it; it only counts)."""
CONCAT_FILTER: Final = "_icmkit_concat"
"""The filter every ``a ~ b`` goes through: the parts' size is checked before they are joined."""


@functools.cache
def sandbox_class() -> Callable[..., Environment]:
    """The sandboxed environment class with the budget's hooks (made once per process)."""
    from jinja2 import nodes
    from jinja2.environment import Template
    from jinja2.runtime import LoopContext
    from jinja2.sandbox import SandboxedEnvironment
    from jinja2.visitor import NodeTransformer

    class Budgeted(NodeTransformer):
        """Every loop's list through the counting filter, every ``~`` through the checked
        join (done on the syntax tree, so no template can leave them out)."""

        def visit_For(self, node: nodes.For) -> nodes.Node:
            self.generic_visit(node)
            node.iter = nodes.Filter(
                node.iter, STEPS_FILTER, [], [], None, None, lineno=node.lineno
            )
            return node

        def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
            self.generic_visit(node)
            parts = nodes.List(node.nodes, lineno=node.lineno)
            return nodes.Filter(parts, CONCAT_FILTER, [], [], None, None, lineno=node.lineno)

    class BudgetTemplate(Template):
        @classmethod
        def _from_namespace(
            cls, environment: Environment, namespace: Any, globals: Any
        ) -> Template:
            template = super()._from_namespace(environment, namespace, globals)
            root = template.root_render_func

            def counted_root(context: Any) -> Iterator[str]:
                budget: Budget = context.environment.budget
                budget.enter()
                try:
                    yield from root(context)
                finally:
                    budget.leave()

            template.root_render_func = counted_root
            return template

    class ViewSandbox(SandboxedEnvironment):
        template_class = BudgetTemplate
        intercepted_binops = frozenset({"*", "**", "+", "%"})

        def __init__(self, *args: Any, budget: Budget, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.budget = budget
            for name, func in list(self.filters.items()):
                self.filters[name] = bounded_filter(budget, name, func)
            self.filters[STEPS_FILTER] = budget.counted
            self.filters[CONCAT_FILTER] = bounded_concat(budget)
            self.globals["lipsum"] = bounded_lipsum(
                cast(Callable[..., Any], self.globals["lipsum"])
            )

        def getattr(self, obj: Any, attribute: str) -> Any:
            # Views are frozen dataclasses of plain data: reading a declared field needs none
            # of the sandbox's checks, and skipping them keeps rendering fast.
            if isinstance(obj, View) and attribute in type(obj).__dataclass_fields__:
                return getattr(obj, attribute)
            return super().getattr(obj, attribute)

        def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
            tree = super()._parse(source, name, filename)
            budgeted: nodes.Template = Budgeted().visit(tree)
            return budgeted

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            check_binop(self.budget, operator, left, right)
            return super().call_binop(context, operator, left, right)

        def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
            budget = self.budget
            if isinstance(obj, LoopContext) and args:  # loop(children) in a recursive loop
                args = (budget.counted(args[0]), *args[1:])
            check_call(budget, obj, args, kwargs)
            budget.enter()
            try:
                result = super().call(context, obj, *args, **kwargs)
            finally:
                budget.leave()
            check_called(budget, obj, result)
            return result

    return ViewSandbox
