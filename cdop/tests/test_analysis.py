"""The panel's analysis for its annual report: reviewed deaths by age band, sex, ethnic group,
deprivation quintile and factor domain, each year and three years together, with rates per
100,000 children from the ONS mid-year estimates. Every figure below is counted by hand from
the deaths made here."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from openpyxl import load_workbook

from bscp_portal.lib.suppression import SUPPRESSED
from cdop import statistics, summary
from cdop.models import Ethnicity, PopulationEstimate
from cdop.tests.factories import DeathFactory, review_for
from cdop.tests.labels import AGE_BANDS, DOMAINS, ETHNIC_GROUPS, QUINTILES, SEXES

pytestmark = pytest.mark.django_db

Y1, Y2, Y3 = "2022-23", "2023-24", "2024-25"
POOL = f"{Y1} to {Y3}"
AGES = {"neonatal": (0, 5), "infant": (0, 100), "3": (3, None), "7": (7, None), "12": (12, None), "16": (16, None)}


def reviewed(n, *, review_year, age, sex, ethnicity, quintile, category, modifiable="no", scores=None):
    """`n` deaths in the calendar year before the review, reviewed on 15 January (so in the
    financial year `review_year` - 1 to `review_year`)."""
    years, days = AGES[age]
    for i in range(n):
        death = DeathFactory(
            date_of_death=dt.date(review_year - 1, 5, 1) + dt.timedelta(days=i),
            age_years=years,
            age_days=days,
            sex=sex,
            ethnicity=Ethnicity.objects.get(code=ethnicity) if ethnicity else None,
            deprivation_quintile=quintile,
        )
        review_for(
            death,
            category_code=category,
            modifiable=modifiable,
            scores=scores or {},
            reviewed_on=dt.date(review_year, 1, 15),
        )


@pytest.fixture
def data(cdop_data):
    for n, review_year, age, sex, ethnicity, quintile, category, modifiable, scores in (
        # 2024-25: 16 reviews
        (4, 2025, "neonatal", "female", "white-british", "1", "perinatal", "no", None),
        (3, 2025, "infant", "male", "asian-pakistani", "1", "sudi", "yes", {"physical": "2"}),
        (2, 2025, "3", "male", "asian-indian", "2", "infection", "no", None),
        (6, 2025, "16", "male", "white-other", "5", "trauma", "yes", {"service": "2", "social": "3"}),
        (1, 2025, "12", "not_known", None, "not_known", "suicide", "insufficient", None),
        # 2023-24: 7 reviews
        (5, 2024, "7", "female", "mixed-wbc", "3", "malignancy", "no", None),
        (2, 2024, "neonatal", "female", "black-african", "1", "perinatal", "no", None),
        # 2022-23: 3 reviews
        (3, 2023, "16", "male", "other-arab", "4", "trauma", "yes", {"service": "2"}),
    ):
        reviewed(
            n,
            review_year=review_year,
            age=age,
            sex=sex,
            ethnicity=ethnicity,
            quintile=quintile,
            category=category,
            modifiable=modifiable,
            scores=scores,
        )
    # Populations pinned here (not the shipped file): mid-2022 and mid-2023 only, so 2024-25
    # falls back to mid-2023.
    PopulationEstimate.objects.all().delete()
    for year, groups in {
        2022: {"0": 2000, "1-4": 8000, "5-9": 10000, "10-14": 10000, "15-17": 6000},
        2023: {"0": 2500, "1-4": 10000, "5-9": 12500, "10-14": 12500, "15-17": 7500},
    }.items():
        for group, population in groups.items():
            PopulationEstimate.objects.create(
                year=year,
                age_group=group,
                population=population,
                source=f"ONS mid-year population estimates, mid-{year}",
            )


def counts(labels, *figures, **total):
    """A column as `column` reads it: each row's figure, in the rows' order, and `Total=` if it has one."""
    return dict(zip(labels, figures, strict=True)) | total


def tables_for(user, **kwargs):
    return {t.key: t for t in statistics.statistics(user=user, **kwargs)}


def column(table, year):
    i = table.years.index(year)
    return {row.label: row.cells[i] for row in table.rows} | {"Total": table.col_totals[i]}


def test_reviews_by_age_band_each_year(data, world):
    age = tables_for(world.user("cdop"))["review_age"]
    assert age.years == [Y1, Y2, Y3]
    assert column(age, Y3) == counts(AGE_BANDS, 4, 3, 2, 0, 1, 6, Total=16)
    assert column(age, Y2)["5 to 9 years"] == 5 and column(age, Y2)["Under 28 days"] == 2
    assert column(age, Y1) == {**dict.fromkeys(column(age, Y1), 0), "15 to 17 years": 3, "Total": 3}
    assert next(r for r in age.rows if r.label == "15 to 17 years").percents[2] == "37.5"  # 6 of 16


@pytest.mark.parametrize(
    ("key", "year", "expected"),
    [
        ("review_sex", Y3, counts(SEXES, 4, 11, 0, 1, Total=16)),
        # Pakistani and Indian are both "Asian or Asian British"; no ethnicity recorded is not known.
        ("review_ethnicity", Y3, counts(ETHNIC_GROUPS, 10, 0, 5, 0, 0, 1, Total=16)),
        ("review_deprivation", Y3, counts(QUINTILES, 7, 2, 0, 0, 6, 1, Total=16)),
        # Three years together.
        ("review_age_pooled", POOL, counts(AGE_BANDS, 6, 3, 2, 5, 1, 9, Total=26)),
        ("review_sex_pooled", POOL, counts(SEXES, 11, 14, 0, 1, Total=26)),
        ("review_ethnicity_pooled", POOL, counts(ETHNIC_GROUPS, 10, 5, 5, 2, 3, 1, Total=26)),
        ("review_deprivation_pooled", POOL, counts(QUINTILES, 9, 2, 5, 3, 6, 1, Total=26)),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_reviews_by_age_sex_ethnic_group_and_deprivation(key, year, expected, data, world):
    assert column(tables_for(world.user("cdop"))[key], year) == expected


def test_three_years_together_are_one_pooled_column(data, world):
    age = tables_for(world.user("cdop"))["review_age_pooled"]
    assert age.years == [POOL] and age.pooled and age.analysis


def test_modifiable_factors_by_domain_each_year_and_pooled(data, world):
    tables = tables_for(world.user("cdop"))
    domain = tables["domain"]
    i = domain.years.index(Y3)
    assert {r.label: r.cells[i] for r in domain.rows} == counts(DOMAINS, 0, 6, 3, 6)
    pooled = tables["domain_pooled"]
    assert pooled.col_totals is None  # a review can count in several domains: no total
    assert {r.label: r.cells[0] for r in pooled.rows} == counts(DOMAINS, 0, 6, 3, 9)
    service = next(r for r in pooled.rows if r.label == "Service provision")
    assert service.percents == ["34.6"]  # 9 of the 26 reviews in the three years


def test_rates_per_100000_children(data, world):
    tables = tables_for(world.user("cdop"))
    age = tables["review_age"]
    rates = {r.label: r.rates for r in age.rows}
    # 2022-23 over mid-2022, 2023-24 over mid-2023, 2024-25 over mid-2023 (the latest loaded).
    assert rates["Under 28 days"] == ["0.0", "80.0", "160.0"]  # 2 and 4 of 2,500 under one
    assert rates["28 days to under 1 year"] == ["0.0", "0.0", "120.0"]  # 3 of 2,500 under one
    assert rates["5 to 9 years"] == ["0.0", "40.0", "0.0"]  # 5 of 12,500
    assert rates["15 to 17 years"] == ["50.0", "0.0", "80.0"]  # 3 of 6,000; 6 of 7,500
    assert age.total_rates == ["8.3", "15.6", "35.6"]  # 3 of 36,000; 7 and 16 of 45,000
    pooled = tables["review_age_pooled"]
    # Three years: the count over the three years' populations added up.
    assert {r.label: r.rates[0] for r in pooled.rows}["Under 28 days"] == "85.7"  # 6 of 7,000
    assert {r.label: r.rates[0] for r in pooled.rows}["15 to 17 years"] == "42.9"  # 9 of 21,000
    assert pooled.total_rates == ["20.6"]  # 26 of 126,000
    notes = " ".join(age.rate_notes)
    assert "from the mid-year population estimates (mid-2022 to mid-2023)" in notes
    assert "Source: ONS mid-year population estimates, mid-2023." in notes
    assert "2024-25: the latest estimate loaded (mid-2023) is used" in notes
    assert "a year on average" not in notes and "an average rate a year" in " ".join(pooled.rate_notes)


def test_a_rate_from_a_hidden_count_is_hidden(data, world):
    for key in ("review_age", "review_age_pooled"):
        table = tables_for(world.user("cdop"), as_published=True)[key]
        for row in [*table.rows]:
            for cell, value in zip(row.cells, row.rates, strict=True):
                assert (value == SUPPRESSED) == (cell == SUPPRESSED), (row.label, cell, value)
        for cell, value in zip(table.col_totals, table.total_rates, strict=True):
            assert (value == SUPPRESSED) == (cell == SUPPRESSED)
    published = tables_for(world.user("board"))["review_age"]
    assert column(published, Y3)["Under 28 days"] == SUPPRESSED
    assert next(r for r in published.rows if r.label == "Under 28 days").rates[2] == SUPPRESSED


def test_no_population_estimate_gives_no_rate(data, world):
    PopulationEstimate.objects.filter(year=2022).delete()
    age = tables_for(world.user("cdop"))["review_age"]
    assert age.total_rates[0] == "z"  # 2022-23 has no estimate on or before mid-2022
    assert any("No estimate is loaded for 2022-23" in note for note in age.rate_notes)


def test_no_population_ships_with_the_framework_and_the_demo_says_its_figures_are_illustrative(db):
    """A real partnership's rates divide by the ONS estimates it loads, never by figures the
    portal ships; the demo partnership's are labelled as illustrative wherever they show."""
    from cdop.demo import seed
    from cdop.framework import load

    load()
    assert not PopulationEstimate.objects.exists()
    seed()
    latest = PopulationEstimate.objects.filter(year=2024)
    assert latest.count() == 5
    assert all(e.source.startswith("Illustrative figures for the demonstration partnership") for e in latest)


def test_the_business_unit_loads_ons_estimates_from_a_file(db, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    good = tmp_path / "ons.csv"
    good.write_text(
        "year,age_group,population,source\n"
        + "".join(
            f"2024,{g},{n},ONS mid-year population estimates mid-2024\n"
            for g, n in (("0", 2500), ("1-4", 11000), ("5-9", 15000), ("10-14", 15000), ("15-17", 8500))
        )
    )
    call_command("load_population", str(good))
    assert sum(PopulationEstimate.objects.filter(year=2024).values_list("population", flat=True)) == 52_000
    # A revision replaces the figure; a file with a problem loads nothing and says what and where.
    good.write_text(good.read_text().replace("2024,0,2500", "2024,0,2510"))
    from cdop import published

    before = published.cache_key(year="2024-25", suppress=False)
    call_command("load_population", str(good))
    assert PopulationEstimate.objects.get(year=2024, age_group="0").population == 2510
    # The rates read the estimates: the cached published tables are dropped.
    assert published.cache_key(year="2024-25", suppress=False) != before
    bad = tmp_path / "bad.csv"
    bad.write_text("year,age_group,population,source\n2025,0,2600,ONS\n2025,infants,x,\n")
    with pytest.raises(CommandError) as refused:
        call_command("load_population", str(bad))
    message = str(refused.value)
    assert "Nothing was loaded" in message
    assert "Line 3: the age group must be one of" in message
    assert "Line 3: the population must be a whole number above 0." in message
    assert "Line 3: say where the figure comes from" in message
    assert not PopulationEstimate.objects.filter(year=2025).exists()


def test_only_the_panel_sees_the_analysis_page(data, world, client_for):
    from partnership.models import SecurityEvent

    for key in ("board", "paqa", "lead", "bu"):
        response = client_for(world.user(key)).get(reverse("cdop:analysis"))
        assert response.status_code == 404, key
        assert client_for(world.user(key)).get(reverse("cdop:analysis_export") + "?format=csv").status_code == 404
    assert SecurityEvent.objects.filter(kind="refused", detail="404 on CDOP analysis for a non-member").exists()
    assert client_for(None).get(reverse("cdop:analysis")).status_code == 302
    panel = client_for(world.user("cdop")).get(reverse("cdop:analysis"))
    assert panel.status_code == 200
    assert SecurityEvent.objects.filter(kind="cdop_view", detail="analysis (exact figures)").exists()


def test_the_page_shows_exact_figures_and_as_published(data, world, client_for):
    client = client_for(world.user("cdop"))
    exact = client.get(reverse("cdop:analysis"))
    body = exact.content.decode()
    assert "Exact figures, for the panel only" in body
    assert [t.key for t in exact.context["tables"]] == [
        "review_age",
        "review_sex",
        "review_ethnicity",
        "review_deprivation",
        "review_age_pooled",
        "review_sex_pooled",
        "review_ethnicity_pooled",
        "review_deprivation_pooled",
        "domain_pooled",
    ]
    assert "rate per 100,000 children" in body and "160.0" in body
    assert "ONS mid-year population estimates" in body
    published = client.get(reverse("cdop:analysis") + "?view=published")
    assert "As published" in published.content.decode()
    age = published.context["tables"][0]
    assert column(age, Y3)["Under 28 days"] == SUPPRESSED
    # The public statistics page keeps its own tables; the analysis stays on the panel's page.
    keys = [t.key for t in client_for(world.user("board")).get(reverse("cdop:index")).context["tables"]]
    assert not any(k.startswith("review_") for k in keys)


def test_the_analysis_exports(data, world, client_for):
    from partnership.models import SecurityEvent

    client = client_for(world.user("cdop"))
    lines = client.get(reverse("cdop:analysis_export") + "?format=csv").getvalue().decode("utf-8-sig").splitlines()
    assert lines[0] == 'Table,Row,Year,Count,Percent,"Rate per 100,000 children"'
    assert "Reviews completed by age at death,Under 28 days,2024-25,4,25.0,160.0" in lines
    assert "Reviews completed by age at death,Total,2024-25,16,,35.6" in lines
    assert "Reviews completed by sex,Male,2024-25,11,68.8," in lines
    response = client.get(reverse("cdop:analysis_export") + "?view=published&format=xlsx")
    book = load_workbook(io.BytesIO(response.getvalue()))
    rows = list(book["data"].values)
    assert rows[0] == ("Table", "Row", "Year", "Count", "Percent", "Rate per 100,000 children")
    assert ("Reviews completed by age at death", "Under 28 days", "2024-25", "c", "c", "c") in rows
    notes = [r[1] for r in book["notes"].values]
    assert any("Source: ONS mid-year population estimates, mid-2023" in (n or "") for n in notes)
    assert SecurityEvent.objects.filter(kind="export", detail="CDOP analysis xlsx (suppressed)").exists()


def test_the_annual_summary_carries_the_analysis_as_published(data, world):
    start, end = dt.date(2024, 4, 1), dt.date(2025, 3, 31)
    exact = summary.annual_summary(start=start, end=end, user=world.user("cdop"))
    by = {c["key"]: {r["label"]: r["count"] for r in c["rows"]} for c in exact["characteristics"]}
    assert by["review_sex"] == counts(SEXES, 4, 11, 0, 1)
    assert by["review_deprivation"]["Quintile 1 (most deprived)"] == 7
    assert exact["review_rate"] == "35.6" and exact["pooled"]["rate"] == "20.6"
    assert {r["label"]: r["count"] for r in exact["pooled"]["review_ethnicity"]}[
        "Black, Black British, Caribbean or African"
    ] == 2
    published = summary.annual_summary(start=start, end=end, user=AnonymousUser())
    ages = {r["label"]: r["count"] for r in published["characteristics"][0]["rows"]}
    assert ages["Under 28 days"] == SUPPRESSED
    tables = tables_for(AnonymousUser())
    assert ages == {k: v for k, v in column(tables["review_age"], Y3).items() if k != "Total"}


def test_the_annual_report_prints_the_analysis_briefly(data, world):
    from annual_report import content

    report = content.cdop(dt.date(2024, 4, 1), dt.date(2025, 3, 31), world.user("bu"), content.Appendix())
    captions = [caption for caption, _, _ in report["cuts"]]
    assert captions[-4:] == [
        "Reviews completed by age at death",
        "Reviews completed by sex",
        "Reviews completed by ethnic group",
        "Reviews completed by deprivation of the child's home",
    ]
    # Each row: the year's published cell beside the three years' published cell.
    published = tables_for(AnonymousUser())
    year, pool = column(published["review_age"], Y3), column(published["review_age_pooled"], POOL)
    rows = {r["label"]: (r["count"], p["count"]) for r, p in report["cuts"][-4][2]}
    assert rows == {label: (year[label], pool[label]) for label in rows}
    assert len(rows) == 6 and rows["Under 28 days"][0] == SUPPRESSED


def test_analysis_page_queries_do_not_grow_with_the_data(data, world, client_for, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.user("cdop"))
    client.get(reverse("cdop:analysis"))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("cdop:analysis")).status_code == 200
        return len(ctx)

    before = count()
    reviewed(20, review_year=2022, age="12", sex="female", ethnicity="white-irish", quintile="2", category="chronic")
    reviewed(15, review_year=2021, age="infant", sex="male", ethnicity=None, quintile="3", category="anomaly")
    assert count() == before
    # 1 session, 2 user, 3 roles; 4-5 the GROUP BYs of deaths (expectation, age band), 6-7 of
    # reviews (category, modifiable), 8 domains, 9-12 reviews by age band, sex, ethnicity and
    # deprivation; 13 categories, 14 domains (row labels); 15 time from death to review;
    # 16 population estimates; 17 access-log insert; 18 the user's agency (page header);
    # 19-21 session save (savepoint, update, release).
    with django_assert_max_num_queries(21):
        client.get(reverse("cdop:analysis"))
