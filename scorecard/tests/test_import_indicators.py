"""Indicator imports: the catalogue and targets from a file, same preview and confirm."""

from decimal import Decimal
from pathlib import Path

import pytest

from partnership.framework import load as load_partnership
from scorecard import services
from scorecard.models import Indicator, Target
from scorecard.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db
HEADER = "code,name,definition,unit,polarity,frequency,category,target,target_from\n"
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "scorecard_indicators.csv"


def plan_for(text: str):
    return services.build_plan(kind="indicators", data=(HEADER + text).encode(), user=None)


def test_a_new_indicator_with_its_target(world):
    plan = plan_for("NEW_1,New one,What it counts.,Percentage,Higher is better,monthly,LADO,90,01/04/2025\n")
    assert [f.fate for f in plan.fates] == ["new"]
    services.import_run(
        kind="indicators",
        data=(HEADER + "NEW_1,New one,What it counts.,percentage,higher,monthly,lado,90,2025-04-01\n").encode(),
    )
    indicator = Indicator.objects.get(code="NEW_1")
    assert (indicator.unit, indicator.polarity, indicator.category) == ("percentage", "higher", "lado")
    assert Target.objects.get(indicator=indicator).value == Decimal("90")


def test_changes_are_listed_and_reimport_changes_nothing(world):
    IndicatorFactory(
        code="OLD_1",
        name="Old name",
        definition="Def.",
        unit="percentage",
        polarity="higher",
        frequency="monthly",
        category="lado",
    )
    text = "OLD_1,New name,Def.,percentage,higher,monthly,lado,80,2025-04-01\n"
    plan = plan_for(text)
    assert plan.fates[0].fate == "changed"
    assert plan.fates[0].changes == [["Name", "Old name", "New name"], ["Target from 2025-04-01", "", "80"]]
    services.import_run(kind="indicators", data=(HEADER + text).encode())
    assert plan_for(text).fates[0].fate == "unchanged"


def test_bad_rows_are_refused_with_reasons(world):
    plan = plan_for(
        ",No code,Def.,percentage,higher,monthly,lado,,\n"
        "BAD UNIT,Name,Def.,furlongs,higher,monthly,lado,,\n"
        "NO_FROM,Name,Def.,percentage,higher,monthly,lado,90,\n"
        "BIG,Name,Def.,percentage,higher,monthly,lado,120,2025-04-01\n"
        "DUP,Name,Def.,count,neither,annual,,,\n"
        "DUP,Name,Def.,count,neither,annual,,,\n"
    )
    reasons = {f.row: f.reason for f in plan.fates}
    assert reasons[2] == "Code is empty: give the indicator a code"
    assert 'Code: "BAD UNIT" may use only letters' in reasons[3]
    assert (
        'Unit: "furlongs" is not one of the choices. Write Count, Percentage, Rate per 10,000, Days or Score.'
        in (reasons[3])
    )
    assert reasons[4] == "Target and Target from go together: give both, or neither"
    assert reasons[5] == "Target: a percentage target must be from 0 to 100 (120)"
    assert plan.fates[4].fate == "new" and plan.fates[4].reason == ""
    assert reasons[7] == "Code DUP appears again (first at row 6); keep one of these rows"


def test_the_documented_example_imports(world):
    from partnership.tests.factories import AgencyFactory

    load_partnership()
    AgencyFactory(name="Children's Services Department", short_name="Children's Services")
    plan = services.build_plan(kind="indicators", data=EXAMPLE.read_bytes(), user=None)
    assert [f.fate for f in plan.fates] == ["new", "new"], [f.reason for f in plan.fates]
