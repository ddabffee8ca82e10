"""REQ001-REQ007: each requirement is documented the way its kind asks (the lean method)."""

from __future__ import annotations

from collections.abc import Iterator

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.loading.validation import did_you_mean
from icmkit.model.findings import Severity
from icmkit.model.program_bundle import Program
from icmkit.model.requirements import FunctionalRequirement, Kind

LONG_SPEC = 300
"""A standard requirement's spec longer than this many characters is specifying the wheel."""


def _unique(program: Program) -> Iterator[FunctionalRequirement]:
    return (r for r in program.requirements if r.kind is Kind.UNIQUE)


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


@rule("REQ001", Severity.ERROR, "unique requirement without a `spec`")
def unique_without_spec(program: Program) -> Iterator[Hit]:
    for req in _unique(program):
        if _blank(req.spec):
            yield hit(
                f"unique requirement `{req.id}` has no `spec`; describe the customer's own "
                "data, logic, rule or report in `spec`",
                req.where,
                "spec",
            )


@rule("REQ002", Severity.ERROR, "unique requirement without a user story")
def unique_without_story(program: Program) -> Iterator[Hit]:
    for req in _unique(program):
        if not req.user_stories:
            yield hit(
                f"unique requirement `{req.id}` has no user story; add one under "
                "`user_stories` with `as`, `i_want` and `so_that`",
                req.where,
                "user_stories",
            )


@rule("REQ003", Severity.ERROR, "unique requirement without acceptance criteria")
def unique_without_criteria(program: Program) -> Iterator[Hit]:
    for req in _unique(program):
        if not [c for c in req.acceptance_criteria if c.strip()]:
            yield hit(
                f"unique requirement `{req.id}` has no acceptance criteria; list under "
                "`acceptance_criteria` how the customer will tell it works",
                req.where,
                "acceptance_criteria",
            )


@rule("REQ004", Severity.ERROR, "assisted requirement without `hours`")
def assisted_without_hours(program: Program) -> Iterator[Hit]:
    for req in program.requirements:
        if req.kind is not Kind.ASSISTED:
            continue
        if req.hours is None:
            yield hit(
                f"assisted requirement `{req.id}` has no `hours`; say how many hours of help "
                "it takes (e.g. `hours: 4`)",
                req.where,
            )
        elif req.hours == 0:
            yield hit(
                f"assisted requirement `{req.id}` has `hours: 0`; give the hours of help it "
                "takes, or make it `standard` if no help is needed",
                req.where,
                "hours",
            )


@rule("REQ005", Severity.INFO, "standard requirement specified instead of listed")
def standard_specified(program: Program) -> Iterator[Hit]:
    for req in program.requirements:
        if req.kind is not Kind.STANDARD:
            continue
        if req.spec is not None and len(req.spec.strip()) > LONG_SPEC:
            yield hit(
                f"standard requirement `{req.id}` has a {len(req.spec.strip())}-character "
                "`spec`; it is met out of the box: list it, don't specify it (shorten the "
                "spec, or make it `unique` if it is the customer's own logic)",
                req.where,
                "spec",
            )
        elif req.user_stories:
            yield hit(
                f"standard requirement `{req.id}` has user stories; it is met out of the box: "
                "list it, don't specify it (drop `user_stories`, or make it `unique` if it is "
                "the customer's own logic)",
                req.where,
                "user_stories",
                key=True,
            )


@rule("REQ006", Severity.ERROR, "unknown requirement category")
def unknown_category(program: Program) -> Iterator[Hit]:
    categories = program.category_names()
    for req in program.requirements:
        if req.category in categories:
            continue
        yield hit(
            f"requirement `{req.id}` has unknown category `{req.category}`; use a standard "
            "category or add it under `extra_categories` in program.yaml"
            f"{did_you_mean(req.category, categories)}",
            req.where,
            "category",
        )


@rule("REQ007", Severity.WARNING, "`hours` on a requirement that is not assisted")
def hours_not_assisted(program: Program) -> Iterator[Hit]:
    for req in program.requirements:
        if req.kind is Kind.ASSISTED or req.hours is None:
            continue
        yield hit(
            f"requirement `{req.id}` is `{req.kind.value}` but has `hours`; hours belong to "
            "assisted requirements: remove `hours` or make it `kind: assisted`",
            req.where,
            "hours",
        )


RULES: tuple[Rule, ...] = (
    unique_without_spec,
    unique_without_story,
    unique_without_criteria,
    assisted_without_hours,
    standard_specified,
    unknown_category,
    hours_not_assisted,
)
