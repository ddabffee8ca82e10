"""Every model inside a validated item knows the line and column it came from."""

from __future__ import annotations

import textwrap

from icmkit.loading.validation import validate
from icmkit.loading.yaml_reader import read_yaml
from icmkit.model.plans import PlanFile, TieredComponent
from icmkit.model.positions import Where
from icmkit.model.testing import TestCase as CaseModel

PLAN = textwrap.dedent(
    """\
    plan:
      id: PLAN-AE
      name: AE plan
      effective: {from: 2027-01-01}
      eligibility: {roles: [AE]}
      measures:
        - {id: arr, name: New ARR}
      components:
        - id: commission
          name: Commission
          kind: tiered
          measure: arr
          method: marginal
          scope: period
          tiers:
            - {from: 0, to: 50000, rate: "8%"}
            - {from: 50000, rate: "12%"}
          gates:
            - {quota: q-arr, min_attainment: 0.5}
    """
)

CASE = textwrap.dedent(
    """\
    id: TC-1
    title: Tier boundary
    stage: unit
    given:
      period: 2027-03
      participant: {id: P1, role: AE}
      transactions:
        - {id: T1, date: 2027-03-10, amount: 60000}
    expect: {components: {commission: 5200}}
    """
)


def test_nested_models_in_lists_and_unions_get_their_positions() -> None:
    read = read_yaml(PLAN.encode())
    assert read.positions is not None
    plan_file, findings = validate(PlanFile, read.data, Where("plans/ae.yaml", read.positions), "")
    assert findings == []
    assert plan_file is not None
    component = plan_file.plan.components[0]
    assert isinstance(component, TieredComponent)
    assert component.where.path == "plans/ae.yaml"
    assert component.where.at("measure") == (12, 16)
    assert component.tiers[1].where.at("rate") == (17, 31)
    assert component.gates[0].where.at("min_attainment") == (19, 42)
    assert plan_file.plan.measures[0].where.at("name") == (7, 23)
    assert plan_file.plan.effective.where.at("from") == (4, 21)


def test_models_inside_optional_fields_get_their_positions() -> None:
    read = read_yaml(CASE.encode())
    assert read.positions is not None
    case, findings = validate(CaseModel, read.data, Where("tests/t.yaml", read.positions), "")
    assert findings == []
    assert case is not None and case.given is not None and case.expect is not None
    assert case.given.participant.where.at("role") == (6, 31)
    assert case.given.transactions[0].where.at("amount") == (8, 42)
    assert case.expect.where.at("components", "commission") == (9, 35)
