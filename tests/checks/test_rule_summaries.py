"""Each rule's code, severity and summary as `icmkit rules` lists them, written out: the list
is the user's reference to what `check` reports, so a changed word is a changed promise."""

from __future__ import annotations

from typer.testing import CliRunner

from icmkit.cli.app import app

LISTED = [
    "FIL001  error    required program file missing",
    "FIL002  error    the same program file twice (.yaml and .yml)",
    "SCH001  error    unknown key",
    "SCH002  error    missing required key",
    "SCH003  error    wrong type or value not allowed",
    "SCH004  error    unknown or missing component kind",
    "SCH005  error    file or collection has the wrong shape",
    "YML001  error    YAML syntax error",
    "YML002  error    duplicate key in a mapping",
    "YML003  error    too many values (alias bomb) or nesting too deep",
    "YML004  error    file larger than the size limit",
    "YML005  error    file is not UTF-8 text",
    "YML006  error    empty file",
    "YML007  error    unsupported YAML tag",
    "YML008  error    unquoted value that YAML reads as a number, date or yes/no",
    "COV001  warning  essential category without a functional requirement",
    "COV002  warning  essential category without a test case",
    "COV003  warning  plan without a test case",
    "COV004  warning  plan component without a test case",
    "ENG001  error    expected result differs from the computed one",
    "ID001   error    id does not have the expected form",
    "ID002   error    id used twice",
    "PLN001  error    tiers, bands or curve points out of order, overlapping, gapped or open "
    "too early",
    "PLN002  error    negative rate, multiplier, amount, cap or threshold",
    "PLN003  error    split shares do not add up",
    "PLN004  error    effective dates out of order or outside the plan's",
    "PLN005  error    rule that needs a quota has none",
    "PLN006  error    MBO objective weights do not add up to 1",
    "PLN007  error    quota seasonality shares do not add up to 1",
    "PLN008  warning  cap without a limit",
    "PLN009  warning  condition on a field that no transaction carries",
    "REF001  error    reference to an item that does not exist",
    "REQ001  error    unique requirement without a `spec`",
    "REQ002  error    unique requirement without a user story",
    "REQ003  error    unique requirement without acceptance criteria",
    "REQ004  error    assisted requirement without `hours`",
    "REQ005  info     standard requirement specified instead of listed",
    "REQ006  error    unknown requirement category",
    "REQ007  warning  `hours` on a requirement that is not assisted",
    "SGN001  warning  item changed since it was signed off",
    "STS001  error    tested or accepted requirement with a test case not passed",
    "STS002  error    test case passed or failed without a `run`",
    "STS003  warning  tested or accepted requirement without a test case",
    "TML001  error    phases out of order, inverted or overlapping",
    "TML002  warning  milestone outside the program or in an unknown phase",
    "TML003  warning  assisted hours exceed the assistance budget",
    "TML004  error    requirement in a phase the timeline does not have",
    "TML005  warning  no go-live support budget",
]


def test_every_rule_is_listed_as_written() -> None:
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    missing = [line for line in LISTED if line not in lines]
    assert missing == []
