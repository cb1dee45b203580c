"""Measurement imports: every row's fate before anything is written; one transaction; idempotent."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from scorecard import services
from scorecard.models import ImportBatch, Measurement
from scorecard.tests.factories import IndicatorFactory, MeasurementFactory
from scorecard.tests.test_tables import xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = "indicator_code,period_start,period_end,series,value,numerator,denominator,note\n"


def csv(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode()


@pytest.fixture
def indicators(world):
    return {
        "pct": IndicatorFactory(code="PCT", unit="percentage", owning_agency=world.home),
        "count": IndicatorFactory(code="CNT", unit="count", decimals=0, polarity="neither", owning_agency=world.other),
    }


def plan_for(data: bytes, user=None):
    return services.build_plan(kind="measurements", data=data, user=user)


def fates(plan):
    return [(f.row, f.fate) for f in plan.fates]


def test_it_previews_new_rows_without_writing(indicators):
    plan = plan_for(csv("PCT,2024-04-01,2024-04-30,local,80.0,8,10,", "CNT,01/04/2024,30/04/2024,,12,,,note"))
    assert fates(plan) == [(2, "new"), (3, "new")]
    assert not Measurement.objects.exists()


def test_each_bad_row_is_refused_with_its_reason_and_the_rest_shown(indicators):
    plan = plan_for(
        csv(
            "PCT,2024-04-01,2024-04-30,local,80.0,,,",
            "NOPE,2024-04-01,2024-04-30,local,1,,,",
            "PCT,2024-05-01,2024-05-31,local,eighty,,,",
            "PCT,2024-13-01,2024-05-31,local,80,,,",
            "PCT,2024-06-30,2024-06-01,local,80,,,",
            "PCT,2024-07-01,2024-07-31,local,100.5,,,",
            "CNT,2024-07-01,2024-07-31,local,-3,,,",
            "PCT,2024-08-01,2024-08-31,local,70,1,2,",
            "PCT,2024-09-01,2024-09-30,mars,70,,,",
            "PCT,2024-10-01,2024-10-31,local,,,,",
        )
    )
    reasons = {f.row: f.reason for f in plan.fates if f.fate == "refused"}
    assert fates(plan)[0] == (2, "new")
    assert reasons == {
        3: 'Indicator code: no indicator has the code "NOPE"; use a code as on the scorecard',
        4: 'Value: "eighty" is not a number; give a number, or a DfE symbol (c, u, z, : or x) when there is none',
        5: 'Period start: "2024-13-01" is not a date (use 2024-04-30 or 30/04/2024)',
        6: "Period end 2024-06-01 is before Period start 2024-06-30: check the two dates",
        7: "Value: a percentage cannot be over 100 (100.5)",
        8: "Value: a count cannot be negative (-3)",
        9: "Value: value 70 does not agree with 1 / 2 = 50.0 to 1 decimal place(s)",
        10: 'Series: "mars" is not one of the choices. Write Local, England, Region or Statistical neighbours.',
        11: "Value is empty: give a number, or a DfE symbol (c, u, z, : or x) when there is none",
    }


def test_duplicate_rows_in_one_file_are_all_refused(indicators):
    plan = plan_for(csv("PCT,2024-04-01,2024-04-30,local,80,,,", "pct,01/04/2024,30/04/2024,Local,81,,,"))
    assert fates(plan) == [(2, "refused"), (3, "refused")]
    assert "appears 2 times in the file (first at row 2)" in plan.fates[1].reason


def test_changed_rows_show_old_and_new(indicators):
    MeasurementFactory(indicator=indicators["pct"], value=Decimal("75.0"), note="")
    plan = plan_for(csv("PCT,2024-04-01,2024-04-30,local,80.0,,,corrected"))
    assert fates(plan) == [(2, "changed")]
    assert plan.fates[0].changes == [["Value", "75", "80"], ["Note", "", "corrected"]]


def test_confirming_writes_every_good_row_once_and_reimport_changes_nothing(indicators, world):
    data = csv("PCT,2024-04-01,2024-04-30,local,80.0,8,10,", "CNT,2024-04-01,2024-04-30,england,c,,,", "BAD,x,y,,1,,,")
    bu = world.user("bu")
    batch = services.import_preview(kind="measurements", data=data, original_name="m.csv", user=bu)
    assert batch.counts == {"new": 2, "changed": 0, "unchanged": 0, "refused": 1}
    counts = services.import_confirm(batch=batch, user=bu, fingerprint=batch.fingerprint)
    assert counts["new"] == 2
    stored = Measurement.objects.get(series="england")
    assert (stored.value, stored.symbol, stored.origin, stored.entered_by) == (None, "c", "import", bu)
    created = stored.history.get()
    assert (created.history_type, created.history_user, created.history_change_reason) == ("+", bu, "import of m.csv")
    again = services.import_run(kind="measurements", data=data, user=bu)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 2, "refused": 1}
    assert Measurement.objects.count() == 2


def test_a_confirmed_file_cannot_be_confirmed_twice(indicators, world):
    bu = world.user("bu")
    batch = services.import_preview(
        kind="measurements", data=csv("PCT,2024-04-01,2024-04-30,,80,,,"), original_name="m.csv", user=bu
    )
    services.import_confirm(batch=batch, user=bu, fingerprint=batch.fingerprint)
    batch.refresh_from_db()
    with pytest.raises(ValidationError, match="already been imported"):
        services.import_confirm(batch=batch, user=bu, fingerprint=batch.fingerprint)


def test_a_stale_preview_writes_nothing_and_is_refreshed(indicators, world):
    bu = world.user("bu")
    batch = services.import_preview(
        kind="measurements", data=csv("PCT,2024-04-01,2024-04-30,,80,,,"), original_name="m.csv", user=bu
    )
    MeasurementFactory(indicator=indicators["pct"], value=Decimal("50"))  # someone enters it meanwhile
    with pytest.raises(services.PlanChanged):
        services.import_confirm(batch=batch, user=bu, fingerprint=batch.fingerprint)
    batch.refresh_from_db()
    assert batch.counts["changed"] == 1 and batch.status == "preview"
    assert Measurement.objects.get().value == Decimal("50")


def test_a_failure_while_writing_leaves_nothing_written(indicators, world, monkeypatch):
    from scorecard.importing import measurements

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(measurements, "bulk_update_with_history", explode)
    MeasurementFactory(indicator=indicators["pct"], value=Decimal("50"))
    data = csv("PCT,2024-04-01,2024-04-30,,80,,,", "PCT,2024-05-01,2024-05-31,,81,,,")
    with pytest.raises(RuntimeError):
        services.import_run(kind="measurements", data=data, user=world.user("bu"))
    assert Measurement.objects.count() == 1


def test_contributors_may_import_only_their_agencys_indicators(indicators, world):
    plan = plan_for(
        csv("PCT,2024-04-01,2024-04-30,,80,,,", "CNT,2024-04-01,2024-04-30,,5,,,"), user=world.user("contributor")
    )
    assert fates(plan) == [(2, "new"), (3, "refused")]
    assert "owned by another agency" in plan.fates[1].reason


def test_a_single_agency_indicator_of_another_agency_reads_as_unknown(indicators, world):
    IndicatorFactory(code="SECRET", owning_agency=world.other, partnership_wide=False)
    plan = plan_for(csv("SECRET,2024-04-01,2024-04-30,,5,,,"), user=world.user("contributor"))
    assert plan.fates[0].reason == 'Indicator code: no indicator has the code "SECRET"; use a code as on the scorecard'


def test_computed_figures_are_not_overwritten_by_an_import(indicators):
    MeasurementFactory(indicator=indicators["pct"], value=Decimal("50"), origin="computed:conferences")
    plan = plan_for(csv("PCT,2024-04-01,2024-04-30,,80,,,"))
    assert plan.fates[0].fate == "refused"
    assert "computed from conferences records" in plan.fates[0].reason


def test_extra_columns_are_reported(indicators):
    plan = plan_for(b"Indicator_Code,Period_Start,Period_End,Value,Colour\nPCT,2024-04-01,2024-04-30,80,red\n")
    assert plan.extra_columns == ["colour"] and fates(plan) == [(2, "new")]


def test_xlsx_files_take_the_same_path(indicators):
    data = xlsx_bytes(
        {
            "measurements": [
                ["indicator_code", "period_start", "period_end", "value"],
                ["PCT", dt.datetime(2024, 4, 1), dt.datetime(2024, 4, 30), 80.5],
            ]
        }
    )
    plan = plan_for(data)
    assert fates(plan) == [(2, "new")]
    assert plan.creates[0].value == Decimal("80.5")


def test_a_file_that_is_not_csv_or_xlsx_is_refused(world):
    with pytest.raises(ValidationError, match="PDF"):
        services.import_preview(kind="measurements", data=b"%PDF-1.7\n", original_name="x.csv", user=world.user("bu"))


def test_a_file_over_the_size_limit_is_refused(world, settings):
    settings.UPLOAD_LIMIT_BYTES = {**settings.UPLOAD_LIMIT_BYTES, "spreadsheet": 100}
    with pytest.raises(ValidationError, match="the limit is"):
        services.import_preview(kind="measurements", data=b"x" * 101, original_name="x.csv", user=world.user("bu"))


def test_a_file_without_the_columns_is_refused_whole(world):
    with pytest.raises(ValidationError, match="not a measurements file"):
        services.import_preview(kind="measurements", data=b"a,b\n1,2\n", original_name="x.csv", user=world.user("bu"))
    assert not ImportBatch.objects.exists()


def test_the_documented_example_imports(world):
    from pathlib import Path

    from partnership.framework import load as load_partnership
    from scorecard.framework import load_catalogue

    load_partnership()
    load_catalogue()
    data = (Path(__file__).resolve().parents[2] / "docs" / "examples" / "scorecard_measurements.csv").read_bytes()
    plan = services.build_plan(kind="measurements", data=data, user=None)
    assert [f.fate for f in plan.fates] == ["new"] * 5
