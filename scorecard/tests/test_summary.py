"""The scorecard as the annual report, the cross-strand dashboard and the home page read it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from scorecard.home import figures_due
from scorecard.models import Measurement
from scorecard.summary import annual_summary, dashboard_tile
from scorecard.tests.factories import IndicatorFactory, MeasurementFactory, TargetFactory
from scorecard.tests.test_views import bulk

pytestmark = pytest.mark.django_db
YEAR = {"start": date(2024, 4, 1), "end": date(2025, 3, 31)}


def test_annual_summary_says_no_data_rather_than_zero(world):
    IndicatorFactory(owning_agency=world.home)
    summary = annual_summary(**YEAR, user=world.user("paqa"))
    assert summary["indicators"] == 1
    assert summary["rated"] is None and summary["rag_counts"] is None and summary["rows"] == []


def test_annual_summary_rates_the_years_figures(world):
    indicator = IndicatorFactory(code="ANN_1", owning_agency=world.home)
    TargetFactory(indicator=indicator, value=Decimal("90"))
    MeasurementFactory(
        indicator=indicator, period_start=date(2024, 3, 1), period_end=date(2024, 3, 31), value=Decimal("70")
    )
    MeasurementFactory(
        indicator=indicator, period_start=date(2025, 3, 1), period_end=date(2025, 3, 31), value=Decimal("95")
    )
    MeasurementFactory(
        indicator=indicator,
        period_start=date(2025, 3, 1),
        period_end=date(2025, 3, 31),
        series="england",
        value=Decimal("88"),
    )
    summary = annual_summary(**YEAR, user=world.user("board"))
    assert summary["rag_counts"] == {"GREEN": 1, "AMBER": 0, "RED": 0, "NOT_RATED": 0}
    assert summary["improving"] == ["ANN_1"]
    assert summary["rows"][0]["value"] == "95" and summary["rows"][0]["england"] == "88"


def test_annual_summary_respects_access(world):
    IndicatorFactory(code="HIDDEN", owning_agency=world.other, partnership_wide=False)
    assert annual_summary(**YEAR, user=world.user("lead"))["indicators"] == 0
    assert annual_summary(**YEAR, user=world.user("paqa"))["indicators"] == 1


def test_dashboard_tile(world):
    bulk(world, 2)
    tile = dashboard_tile(user=world.user("paqa"))
    assert tile["url"] == reverse("scorecard:index")
    assert sum(tile["counts"].values()) == 2


def test_figures_due_for_the_owning_agency(world):
    done = IndicatorFactory(code="DONE", frequency="monthly", owning_agency=world.home)
    IndicatorFactory(code="LATE", frequency="monthly", owning_agency=world.home)
    IndicatorFactory(code="NOT_MINE", frequency="monthly", owning_agency=world.other)
    MeasurementFactory(indicator=done, period_start=date(2024, 4, 1), period_end=date(2024, 4, 30))
    due = figures_due(user=world.user("contributor"), today=date(2024, 5, 25))
    assert [i.code for i in due] == ["LATE"]


def test_the_home_page_shows_the_panel(world, client_for):
    IndicatorFactory(code="LATE", frequency="monthly", owning_agency=world.home)
    page = client_for(world.user("contributor")).get(reverse("home")).content.decode()
    assert "Figures due from your agency" in page


def test_import_measurements_command_dry_run_then_write(world, tmp_path):
    IndicatorFactory(code="CMD_1", owning_agency=world.home)
    path = tmp_path / "m.csv"
    path.write_text(
        "indicator_code,period_start,period_end,value\nCMD_1,2024-04-01,2024-04-30,80\nNOPE,2024-04-01,2024-04-30,1\n"
    )
    from io import StringIO

    out = StringIO()
    call_command("import_measurements", str(path), "--dry-run", stdout=out)
    assert (
        'Row 3: refused NOPE 2024-04-01 to 2024-04-30 Local: Indicator code: no indicator has the code "NOPE"'
        in out.getvalue()
    )
    assert "Would write 1 rows: 1 new" in out.getvalue()
    assert not Measurement.objects.exists()
    call_command("import_measurements", str(path), stdout=StringIO())
    assert Measurement.objects.get().value == Decimal("80")


def test_import_indicators_command(world, tmp_path):
    path = tmp_path / "i.csv"
    path.write_text(
        "code,name,definition,unit,polarity,frequency,category\nCMD_I,Name,Def.,count,neither,monthly,lado\n"
    )
    from io import StringIO

    out = StringIO()
    call_command("import_indicators", str(path), stdout=out)
    assert "Wrote 1 rows: 1 new" in out.getvalue()


def test_key_indicator_runs_give_the_marked_indicators_run_and_icons(world):
    from scorecard.summary import key_indicator_runs

    key = IndicatorFactory(code="KEY_1", key_indicator=True, owning_agency=world.home)
    IndicatorFactory(code="NOT_KEY", owning_agency=world.home)
    TargetFactory(indicator=key, value=Decimal("90"))
    for i in range(15):
        month = date(2024 + (3 + i) // 12, (3 + i) % 12 + 1, 1)
        end = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        MeasurementFactory(indicator=key, period_start=month, period_end=end, value=Decimal(80 + i % 3))
    runs = key_indicator_runs(end=date(2025, 3, 31), user=world.user("paqa"))
    assert [r["code"] for r in runs] == ["KEY_1"]
    run = runs[0]
    assert len(run["points"]) == 12  # April 2024 to March 2025: nothing after the year's end
    assert run["points"][-1][1] == date(2025, 3, 31)
    assert run["variation"].label == "Common cause variation"
    assert run["assurance"].label == "Consistently failing"  # the target lies above the upper limit
    assert run["lower"] < run["mean"] < run["upper"] < 90


def test_key_indicator_runs_leave_out_what_the_user_may_not_see(world):
    from scorecard.summary import key_indicator_runs

    other = IndicatorFactory(key_indicator=True, partnership_wide=False, owning_agency=world.other)
    MeasurementFactory(indicator=other, period_start=date(2025, 3, 1), period_end=date(2025, 3, 31))
    assert key_indicator_runs(end=date(2025, 3, 31), user=world.user("lead")) == []
