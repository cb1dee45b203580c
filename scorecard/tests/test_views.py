"""Scorecard pages: dashboard, indicator page, entry, targets, export, imports."""

import csv
import io
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from partnership.models import SecurityEvent
from scorecard.exports import TITLES
from scorecard.models import ImportBatch, Indicator, Measurement
from scorecard.tests.factories import IndicatorFactory, MeasurementFactory, TargetFactory

pytestmark = pytest.mark.django_db


def months(n: int, start=date(2023, 4, 1)):
    """n consecutive calendar months from `start`."""
    out, first = [], start
    for _ in range(n):
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        out.append((first, following - timedelta(days=1)))
        first = following
    return out


def bulk(world, n_indicators: int, n_months: int = 14, agency=None):
    """Indicators with a target and local, England and neighbour series ending last month."""
    today = timezone.localdate()
    first = date(today.year - (n_months + 1) // 12 - 1, 1, 1)
    while len(months(n_months, first)) and months(n_months, first)[-1][1] < today.replace(day=1) - timedelta(days=40):
        first = months(2, first)[1][0]
    now = timezone.now()
    made = []
    for i in range(n_indicators):
        indicator = IndicatorFactory(
            owning_agency=agency or world.home, category=["lado", "bullying", "cp_activity"][i % 3]
        )
        TargetFactory(indicator=indicator, value=Decimal("90"))
        made.append(indicator)
        Measurement.objects.bulk_create(
            Measurement(
                indicator=indicator,
                period_start=s,
                period_end=e,
                series=series,
                value=Decimal(80 + (k * 7 + i) % 15),
                entered_at=now,
            )
            for k, (s, e) in enumerate(months(n_months, first))
            for series in ("local", "england", "stat_neighbours")
        )
    return made


# --- dashboard ---------------------------------------------------------------------------------


def recent_month():
    """Last month, whatever today is."""
    return months(1, (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1))[0]


def test_the_dashboard_rates_each_indicator_with_colour_and_text(world, client_for):
    indicator = IndicatorFactory(name="Visits in time", owning_agency=world.home)
    TargetFactory(indicator=indicator, value=Decimal("90"))
    start, end = recent_month()
    MeasurementFactory(indicator=indicator, period_start=start, period_end=end, value=Decimal("85.4"))  # 94.9%
    MeasurementFactory(indicator=indicator, period_start=start, period_end=end, series="england", value=Decimal("88.1"))
    page = client_for(world.user("paqa")).get(reverse("scorecard:index")).content.decode()
    assert '<span class="rag rag-AMBER">Amber</span>' in page
    assert "85.4%" in page and "88.1%" in page


@pytest.mark.parametrize("n", [3, 30])
def test_the_dashboard_query_count_does_not_grow(world, client_for, django_assert_num_queries, n):
    bulk(world, n)
    client = client_for(world.user("paqa"))
    client.get(reverse("scorecard:index"))
    # session, user, roles; the page of indicators (count, the page with their latest comparator
    # ids), their stored statuses (scorecard/status_store.py) and comparator figures; the tiles
    # counted in the database (how many indicators, the counts over their stored statuses) and
    # the first indicators they name (two queries) with their statuses; PAQA's questions on the shown figures;
    # owning-agency, outcome-area and quadrant choices; session save (savepoint, update, release)
    with django_assert_num_queries(20):
        response = client.get(reverse("scorecard:index"))
    assert response.status_code == 200


def test_the_table_shows_a_page_of_indicators_and_the_tiles_count_them_all(world, client_for):
    from scorecard.views import INDICATORS_PER_PAGE

    IndicatorFactory.create_batch(INDICATORS_PER_PAGE + 7)
    client = client_for(world.user("paqa"))
    first = client.get(reverse("scorecard:index")).content.decode()
    second = client.get(reverse("scorecard:index"), {"page": "2"}).content.decode()
    on_first, on_second = set(re.findall(r"TEST_\d+", first)), set(re.findall(r"TEST_\d+", second))
    assert len(on_first) == INDICATORS_PER_PAGE and len(on_second) == 7
    assert not on_first & on_second
    total = INDICATORS_PER_PAGE + 7
    assert f"{total} indicators (showing 1 to {INDICATORS_PER_PAGE})" in first
    assert f"{total} indicators (showing {INDICATORS_PER_PAGE + 1} to {total})" in second
    assert "Page 2 of 2" in second and 'aria-label="Pages of indicators"' in first
    # A page that is not a number shows the first page, never an error.
    assert (
        set(re.findall(r"TEST_\d+", client.get(reverse("scorecard:index"), {"page": "x"}).content.decode())) == on_first
    )


def test_todays_tiles_counted_in_the_database_equal_the_tiles_of_every_row(world, client_for):
    """The page's tiles (counted in the database, only the named indicators read back) are the
    tiles of every indicator's row, as a chosen month or a rating filter still computes them."""
    from scorecard import selectors
    from scorecard.summary import current_tiles, tile_counts

    bulk(world, 12)
    for indicator in Indicator.objects.all()[:5]:  # a fall in the latest month: ratings change
        latest = indicator.measurements.filter(series="local").order_by("-period_start").first()
        latest.value = latest.value / 3
        latest.save()
    indicators = selectors.indicator_list(user=world.user("paqa"))
    every_row = tile_counts(selectors.scorecard_rows(indicators=indicators))
    assert every_row["changed"] or every_row["special"], "the data should give the tiles names to list"
    today_indicators = selectors.in_year(indicators, timezone.localdate())
    assert current_tiles(today_indicators, named=100) == every_row
    # A tile names its first few indicators and counts them all.
    cut = current_tiles(today_indicators, named=1)
    assert cut["changed"] == every_row["changed"][:1] and cut["special"] == every_row["special"][:1]
    assert (cut["changed_count"], cut["special_count"]) == (len(every_row["changed"]), len(every_row["special"]))
    assert cut["counts"] == every_row["counts"] and cut["total"] == every_row["total"] == 12


def test_filters_narrow_the_table(world, client_for):
    bulk(world, 3)
    client = client_for(world.user("paqa"))
    page = client.get(reverse("scorecard:index"), {"category": "lado"}).content.decode()
    codes = set(re.findall(r"TEST_\d+", page))
    assert codes == set(Indicator.objects.filter(category="lado").values_list("code", flat=True))


def test_the_rag_filter_keeps_only_that_rating(world, client_for):
    red = IndicatorFactory(code="RED_ONE", owning_agency=world.home)
    TargetFactory(indicator=red, value=Decimal("90"))
    MeasurementFactory(indicator=red, value=Decimal("10"))
    green = IndicatorFactory(code="GREEN_ONE", owning_agency=world.home)
    TargetFactory(indicator=green, value=Decimal("90"))
    MeasurementFactory(indicator=green, value=Decimal("95"))
    page = client_for(world.user("paqa")).get(reverse("scorecard:index"), {"rag": "RED"}).content.decode()
    assert "RED_ONE" in page and "GREEN_ONE" not in page


def test_a_chosen_month_shows_the_position_then(world, client_for):
    indicator = IndicatorFactory(code="AS_OF", owning_agency=world.home)
    MeasurementFactory(
        indicator=indicator, period_start=date(2024, 4, 1), period_end=date(2024, 4, 30), value=Decimal("41")
    )
    MeasurementFactory(
        indicator=indicator, period_start=date(2024, 5, 1), period_end=date(2024, 5, 31), value=Decimal("52")
    )
    page = client_for(world.user("paqa")).get(reverse("scorecard:index"), {"period": "2024-04"}).content.decode()
    assert "41.0%" in page and "52.0%" not in page


def test_canary_single_agency_indicators_never_reach_agency_users(world, client_for):
    secret = IndicatorFactory(
        code="CANARY_SECRET", name="Canary secret", owning_agency=world.other, partnership_wide=False
    )
    MeasurementFactory(indicator=secret, value=Decimal("12.3"))
    shared = IndicatorFactory(code="SHARED_ONE", owning_agency=world.home)
    MeasurementFactory(indicator=shared, value=Decimal("45.6"))
    client = client_for(world.user("lead"))
    page = client.get(reverse("scorecard:index")).content.decode()
    assert "SHARED_ONE" in page and "CANARY_SECRET" not in page and "Canary secret" not in page
    assert "Canary" not in page  # not even as an owning-agency filter choice
    export = client.get(reverse("scorecard:export", kwargs={"fmt": "csv"})).getvalue().decode("utf-8-sig")
    assert "SHARED_ONE" in export and "CANARY_SECRET" not in export and "12.3" not in export
    coded = client.get(reverse("scorecard:export", kwargs={"fmt": "csv"}), {"code": "CANARY_SECRET"})
    assert "CANARY_SECRET" not in coded.getvalue().decode()
    assert client.get(reverse("scorecard:indicator", kwargs={"code": "CANARY_SECRET"})).status_code == 404
    paqa_page = client_for(world.user("paqa")).get(reverse("scorecard:index")).content.decode()
    assert "CANARY_SECRET" in paqa_page


# --- export ------------------------------------------------------------------------------------


def test_the_csv_export_has_the_documented_columns_and_is_logged(world, client_for):
    indicator = IndicatorFactory(code="EXP_1", name="Exported", owning_agency=world.home)
    TargetFactory(indicator=indicator, value=Decimal("80"))
    for k, (s, e) in enumerate(months(13)):
        MeasurementFactory(indicator=indicator, period_start=s, period_end=e, value=Decimal(70 + k % 3))
    MeasurementFactory(
        indicator=indicator,
        period_start=date(2023, 4, 1),
        period_end=date(2023, 4, 30),
        series="england",
        value=None,
        symbol="c",
    )
    response = client_for(world.user("paqa")).get(reverse("scorecard:export", kwargs={"fmt": "csv"}))
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert list(rows[0])[:11] == [
        "Indicator code",
        "Indicator name",
        "Period start",
        "Period end",
        "Series",
        "Value",
        "Target",
        "Achievement %",
        "RAG",
        "Direction",
        "SPC signal",
    ]
    first = rows[0]
    assert (first["Series"], first["Value"], first["Target"], first["Achievement %"], first["RAG"]) == (
        "Local",
        "70",
        "80",
        "87.5",
        "Red",
    )
    assert first["Direction"] == "No comparison" and first["SPC signal"] == ""
    assert (first["Unit"], first["Origin"]) == ("Percentage", "Entered")
    england = [r for r in rows if r["Series"] == "England"][0]
    assert (england["Value"], england["Symbol"], england["RAG"]) == ("", "c", "Not rated")
    assert len(rows) == 14
    assert SecurityEvent.objects.filter(kind="export").count() == 1


def test_the_xlsx_export_matches_the_csv(world, client_for):
    bulk(world, 2, n_months=3)
    client = client_for(world.user("paqa"))
    csv_rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("scorecard:export", kwargs={"fmt": "csv"})).getvalue().decode("utf-8-sig"))
        )
    )
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("scorecard:export", kwargs={"fmt": "xlsx"})).getvalue())
    )
    xlsx_rows = [[_as_csv(v) for v in row] for row in book.active.iter_rows(values_only=True)]
    assert xlsx_rows == csv_rows
    assert csv_rows[0] == TITLES and len(csv_rows) == 1 + 2 * 3 * 3


def _as_csv(value) -> str:
    """An XLSX cell as the CSV writes it: typed dates and numbers back to their text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value)


def test_the_export_takes_the_page_filters(world, client_for):
    bulk(world, 3, n_months=2)
    rows = client_for(world.user("paqa")).get(
        reverse("scorecard:export", kwargs={"fmt": "csv"}), {"category": "bullying"}
    )
    codes = {r["Indicator code"] for r in csv.DictReader(io.StringIO(rows.getvalue().decode("utf-8-sig")))}
    assert codes == set(Indicator.objects.filter(category="bullying").values_list("code", flat=True))


@pytest.mark.parametrize("n", [2, 20])
def test_the_export_query_count_does_not_grow(world, client_for, django_assert_num_queries, n):
    bulk(world, n, n_months=3)
    client = client_for(world.user("paqa"))
    url = reverse("scorecard:export", kwargs={"fmt": "xlsx"})
    client.get(url)
    # session, user, roles, indicators, measurements counted (sent now or in the background?),
    # security log row, targets, measurements (streamed), session save (savepoint, update, release)
    with django_assert_num_queries(11):
        client.get(url)


# --- indicator page ----------------------------------------------------------------------------


def test_the_indicator_page_shows_chart_table_definition_and_actions(world, client_for):
    indicator = bulk(world, 1, n_months=14)[0]
    page = client_for(world.user("paqa")).get(indicator.get_absolute_url()).content.decode()
    assert 'data-plotly-figure="spc-chart-data"' in page
    assert "Upper process limit" in page and "Target" in page and "Statistical neighbours" in page
    assert indicator.definition in page
    assert "Action plan" in page
    assert "14 local points" in page


def test_the_indicator_page_warns_below_12_points(world, client_for):
    indicator = bulk(world, 1, n_months=5)[0]
    page = client_for(world.user("paqa")).get(indicator.get_absolute_url()).content.decode()
    assert "Fewer than 12 points" in page


@pytest.mark.parametrize("n", [12, 60])
def test_the_indicator_page_query_count_does_not_grow(world, client_for, django_assert_num_queries, n):
    indicator = bulk(world, 1, n_months=n)[0]
    client = client_for(world.user("paqa"))
    client.get(indicator.get_absolute_url())
    # session, user, roles, indicator (agency, area, quadrant joined), every series, targets,
    # chart notes, stored-figure count, the user's agency (page header), risk themes, target
    # list, the page of stored figures, the action plan, the submitting agencies (data calendar;
    # their returns are read only when there are some), PAQA's questions on its figures, session
    # save (savepoint, update, release)
    with django_assert_num_queries(18):
        client.get(indicator.get_absolute_url())


# --- entering figures and targets --------------------------------------------------------------


def _april_2024(**fields) -> dict:
    """The figure entry form for the local figure of April 2024."""
    return {"period_start": "2024-04-01", "period_end": "2024-04-30", "series": "local", **fields}


def test_a_contributor_enters_a_figure_for_their_agencys_indicator(world, client_for):
    indicator = IndicatorFactory(owning_agency=world.home)
    client = client_for(world.user("contributor"))
    response = client.post(
        reverse("scorecard:enter", kwargs={"code": indicator.code}),
        _april_2024(value="87.5", numerator="7", denominator="8"),
    )
    assert response.status_code == 302
    stored = Measurement.objects.get(indicator=indicator)
    assert (stored.value, stored.origin, stored.entered_by) == (Decimal("87.5"), "manual", world.user("contributor"))


def test_a_contributor_may_not_enter_for_another_agencys_indicator(world, client_for):
    indicator = IndicatorFactory(owning_agency=world.other)
    client = client_for(world.user("contributor"))
    url = reverse("scorecard:enter", kwargs={"code": indicator.code})
    assert client.post(url, {"period_start": "2024-04-01", "period_end": "2024-04-30", "value": "1"}).status_code == 403
    assert not Measurement.objects.exists()


def test_bad_input_is_explained_and_what_was_typed_kept(world, client_for):
    indicator = IndicatorFactory(owning_agency=world.home)
    client = client_for(world.user("lead"))
    response = client.post(
        reverse("scorecard:enter", kwargs={"code": indicator.code}),
        {
            "period_start": "2024-04-30",
            "period_end": "2024-04-01",
            "series": "local",
            "value": "101",
            "note": "typed note",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The period cannot end before it starts." in page
    assert 'value="101"' in page and "typed note" in page and 'value="2024-04-30"' in page


def test_a_percentage_over_100_is_refused_beside_the_form(world, client_for):
    indicator = IndicatorFactory(owning_agency=world.home)
    response = client_for(world.user("lead")).post(
        reverse("scorecard:enter", kwargs={"code": indicator.code}),
        _april_2024(value="101"),
    )
    assert "a percentage cannot be over 100 (101)" in response.content.decode()
    assert not Measurement.objects.exists()


def test_the_second_of_two_concurrent_corrections_is_told(world, client_for):
    indicator = IndicatorFactory(owning_agency=world.home)
    m = MeasurementFactory(indicator=indicator, value=Decimal("50"))
    client = client_for(world.user("bu"))
    url = reverse("scorecard:enter", kwargs={"code": indicator.code})
    form = _april_2024(version=m.version)
    assert client.post(url, {**form, "value": "60"}).status_code == 302
    second = client.post(url, {**form, "value": "70"})
    assert "Someone else saved this figure" in second.content.decode()
    assert Measurement.objects.get().value == Decimal("60")


def test_the_business_unit_sets_a_target(world, client_for):
    indicator = IndicatorFactory(owning_agency=world.home)
    client = client_for(world.user("bu"))
    url = reverse("scorecard:target_add", kwargs={"code": indicator.code})
    assert client.post(url, {"value": "92.5", "effective_from": "2025-04-01"}).status_code == 302
    assert indicator.targets.get().value == Decimal("92.5")
    page = client.post(url, {"value": "150", "effective_from": "2025-04-01"}).content.decode()
    assert "A percentage target must be from 0 to 100." in page and 'value="150"' in page


# --- import pages ------------------------------------------------------------------------------


def test_upload_preview_confirm(world, client_for):
    IndicatorFactory(code="UP_1", owning_agency=world.home)
    client = client_for(world.user("bu"))
    data = (
        b"indicator_code,period_start,period_end,value\nUP_1,2024-04-01,2024-04-30,80\nNOPE,2024-04-01,2024-04-30,1\n"
    )
    upload = io.BytesIO(data)
    upload.name = "figures.csv"
    response = client.post(reverse("scorecard:import"), {"kind": "measurements", "file": upload})
    batch = ImportBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "no indicator has the code &quot;NOPE&quot;" in page and "Confirm: write 1 row" in page
    assert not Measurement.objects.exists()
    client.post(batch.get_absolute_url(), {"fingerprint": batch.fingerprint})
    assert Measurement.objects.get().value == Decimal("80")


def test_a_file_of_the_wrong_type_is_refused_with_a_message(world, client_for):
    upload = io.BytesIO(b"%PDF-1.7\n%%EOF")
    upload.name = "figures.csv"
    response = client_for(world.user("bu")).post(reverse("scorecard:import"), {"kind": "measurements", "file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and "not CSV or XLSX (checked by its content)" in page
    assert "choose the file again" in page


def test_a_contributor_cannot_import_indicators(world, client_for):
    upload = io.BytesIO(b"code,name\nA,B\n")
    upload.name = "i.csv"
    response = client_for(world.user("contributor")).post(
        reverse("scorecard:import"), {"kind": "indicators", "file": upload}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_exported_free_text_cannot_run_as_a_formula(world, client_for):
    indicator = IndicatorFactory(code="FORMULA", name="=HYPERLINK(1)", owning_agency=world.home)
    MeasurementFactory(indicator=indicator, value=Decimal("5"), note="@SUM(A1)")
    response = client_for(world.user("paqa")).get(reverse("scorecard:export", kwargs={"fmt": "csv"}))
    row = next(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert (row["Indicator name"], row["Note"]) == ("'=HYPERLINK(1)", "'@SUM(A1)")


@pytest.mark.parametrize(
    "query",
    [{"period": "2024-13"}, {"period": "garbage"}, {"rag": "PURPLE"}, {"category": "nope"}, {"outcome_area": "x"}],
)
def test_odd_filters_show_the_scorecard_and_export_it(world, client_for, query):
    shown = IndicatorFactory(owning_agency=world.home, name="Re-referrals within 12 months")
    MeasurementFactory(indicator=shown, period_start=date(2024, 4, 1), period_end=date(2024, 4, 30), value=12)
    client = client_for(world.user("paqa"))
    page = client.get(reverse("scorecard:index"), query).content.decode()
    assert "Performance indicators against their targets" in page
    assert shown.name in page  # the filter was ignored, not applied as "nothing matches"
    export = client.get(reverse("scorecard:export", kwargs={"fmt": "csv"}), query)
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.getvalue().decode("utf-8-sig"))))
    assert [(r["Indicator name"], r["Period start"], r["Value"]) for r in rows] == [
        ("Re-referrals within 12 months", "2024-04-01", "12")
    ]


def test_odd_correction_links_show_an_empty_entry_form(world, client_for):
    indicator = IndicatorFactory(owning_agency=world.home)
    url = reverse("scorecard:enter", kwargs={"code": indicator.code})
    response = client_for(world.user("bu")).get(url, {"period_start": "not-a-date", "series": "x"})
    assert response.status_code == 200
    page = response.content.decode()
    assert indicator.name in page
    assert 'name="period_start"' in page and 'value="not-a-date"' not in page
