"""Aggregates by year, category, age band, expectation and modifiable factors: exact for the
panel, suppressed for everyone else, in pages, charts, exports and the annual summary."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bscp_portal.lib.suppression import SUPPRESSED
from cdop import statistics, summary
from cdop.tests.factories import DeathFactory, review_for

pytestmark = pytest.mark.django_db


def deaths(n, *, year=2024, expectation="unexpected", age_years=3, age_days=None, category=None, modifiable="no"):
    made = []
    for i in range(n):
        death = DeathFactory(
            date_of_death=dt.date(year, 5, 1) + dt.timedelta(days=i),
            expectation=expectation,
            age_years=age_years,
            age_days=age_days,
        )
        if category:
            scores = {"service": "2"} if modifiable == "yes" else {}
            review_for(
                death,
                category_code=category,
                modifiable=modifiable,
                scores=scores,
                reviewed_on=dt.date(year + 1, 1, 15),
            )
        made.append(death)
    return made


@pytest.fixture
def data(cdop_data):
    deaths(9, expectation="unexpected", category="trauma", modifiable="yes")  # 2024-25
    deaths(3, expectation="expected", age_years=0, age_days=3, category="perinatal")  # 2024-25, small
    deaths(8, year=2023, expectation="expected", age_years=12, category="malignancy")  # 2023-24
    deaths(7, year=2023, expectation="unexpected", age_years=16)  # 2023-24, not reviewed


def test_the_panel_sees_exact_counts(data, world):
    tables = {t.key: t for t in statistics.statistics(user=world.user("cdop"))}
    expectation = tables["expectation"]
    assert expectation.years == ["2023-24", "2024-25"]
    assert expectation.value("Expected", "2024-25") == 3
    assert expectation.value("Unexpected", "2024-25") == 9
    assert expectation.col_totals == [15, 12]
    assert expectation.total == 27
    assert tables["age"].value("Under 28 days", "2024-25") == 3
    assert tables["age"].value("10 to 14 years", "2023-24") == 8
    category = tables["category"]
    assert category.years == ["2023-24", "2024-25"]  # by year of review: Jan 2024 and Jan 2025
    assert category.value("3. Trauma and other external factors", "2024-25") == 9
    assert tables["modifiable"].value("Yes: modifiable factors identified", "2024-25") == 9
    assert tables["domain"].value("Service provision", "2024-25") == 9


def test_percentages_are_of_the_years_total(data, world):
    tables = {t.key: t for t in statistics.statistics(user=world.user("cdop"))}
    row = next(r for r in tables["expectation"].rows if r.label == "Unexpected")
    assert row.percents == ["46.7", "75.0"]  # 7 of 15, 9 of 12


def test_others_see_small_numbers_suppressed_and_unrecoverable(data, world):
    tables = {t.key: t for t in statistics.statistics(user=world.user("board"))}
    expectation = tables["expectation"]
    assert expectation.value("Expected", "2024-25") == SUPPRESSED
    # Unexpected 2024-25 (9) must go too: the column total (12) would give the 3 away.
    assert expectation.value("Unexpected", "2024-25") == SUPPRESSED or expectation.col_totals[1] == SUPPRESSED
    row = next(r for r in expectation.rows if r.label == "Expected")
    assert row.percents[1] == SUPPRESSED
    for table in tables.values():
        for r in table.rows:
            for cell in r.cells:
                assert cell == SUPPRESSED or not 1 <= cell <= 5


def test_the_threshold_is_the_setting(data, world, settings):
    settings.SUPPRESSION_MAX = 2
    tables = {t.key: t for t in statistics.statistics(user=world.user("board"))}
    assert tables["age"].value("Under 28 days", "2024-25") == 3


def test_the_statistics_page_is_suppressed_for_a_board_member(data, world, client_for):
    response = client_for(world.user("board")).get(reverse("cdop:index"))
    assert response.status_code == 200
    assert response.context["suppressed"] is True
    figure = response.context["figures"]["expectation"]
    expected_trace = next(t for t in figure["data"] if t["name"] == "Expected")
    assert expected_trace["y"][1] is None  # a gap, never the hidden 3
    assert "Record a notification" not in response.content.decode()


def test_the_statistics_page_is_exact_for_the_panel(data, world, client_for):
    response = client_for(world.user("cdop")).get(reverse("cdop:index"))
    figure = response.context["figures"]["expectation"]
    expected_trace = next(t for t in figure["data"] if t["name"] == "Expected")
    assert expected_trace["y"] == [8, 3]


def test_the_statistics_export_for_others_is_suppressed_and_logged(data, world, client_for):
    from partnership.models import SecurityEvent

    response = client_for(world.user("board")).get(reverse("cdop:statistics_export") + "?format=csv")
    lines = response.getvalue().decode("utf-8-sig").splitlines()
    assert "Deaths by whether expected,Expected,2024-25,c,c" in lines
    assert SecurityEvent.objects.filter(kind="export", detail__contains="suppressed").exists()
    response = client_for(world.user("board")).get(reverse("cdop:statistics_export") + "?format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.values)
    assert ("Deaths by whether expected", "Expected", "2024-25", "c", "c") in rows


def test_the_statistics_export_for_the_panel_is_exact(data, world, client_for):
    response = client_for(world.user("cdop")).get(reverse("cdop:statistics_export"))
    assert "Deaths by whether expected,Expected,2024-25,3,25.0" in response.getvalue().decode("utf-8-sig").splitlines()


def test_the_annual_summary_is_suppressed_for_anyone_but_the_panel(data, world):
    from django.contrib.auth.models import AnonymousUser

    start, end = dt.date(2024, 4, 1), dt.date(2025, 3, 31)
    for reader in (AnonymousUser(), world.user("board"), world.user("bu")):
        result = summary.annual_summary(start=start, end=end, user=reader)
        assert result["small_numbers_suppressed"] is True
        by = {r["label"]: r for r in result["by_expectation"]}
        assert by["Expected"]["count"] == SUPPRESSED and by["Expected"]["percent"] == SUPPRESSED
    exact = summary.annual_summary(start=start, end=end, user=world.user("cdop"))
    assert exact["deaths_notified"] == 12
    assert {r["label"]: r["count"] for r in exact["by_expectation"]} == {"Expected": 3, "Unexpected": 9}
    assert exact["reviews_completed"] == 12
    assert {r["label"]: r["percent"] for r in exact["by_expectation"]}["Unexpected"] == 75.0


def test_a_year_without_deaths_says_no_data(cdop_data, world):
    result = summary.annual_summary(start=dt.date(2010, 4, 1), end=dt.date(2011, 3, 31), user=world.user("cdop"))
    assert result["deaths_notified"] is None and result["by_expectation"] == []
    assert result["reviews_completed"] is None and result["by_category"] == []


def test_the_dashboard_tile_is_suppressed_for_others(cdop_data, world):
    from django.utils import timezone

    DeathFactory(date_of_death=timezone.localdate() - dt.timedelta(days=3), date_notified=timezone.localdate())
    tile = summary.dashboard_tile(user=world.user("board"))
    figures = dict(tile["figures"])
    assert figures["Deaths this year"] == SUPPRESSED
    assert tile["url"] == reverse("cdop:index")
    assert dict(summary.dashboard_tile(user=world.user("cdop"))["figures"])["Deaths this year"] == 1


def test_no_case_numbers_in_any_aggregate(data, world):
    import json

    from cdop.models import Death

    numbers = list(Death.objects.values_list("case_number", flat=True))
    blob = json.dumps(
        [
            summary.annual_summary(start=dt.date(2023, 4, 1), end=dt.date(2025, 3, 31), user=world.user("board")),
            summary.dashboard_tile(user=world.user("board")),
        ],
        default=str,
    )
    assert not any(n in blob for n in numbers)
