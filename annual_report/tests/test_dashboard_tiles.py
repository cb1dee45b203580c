"""/reports/: every tile states its period and source, and each figure equals the one its strand
page shows for the same filter (the tile's link); target, RAG and direction where the scorecard
holds the figure; the page downloads as XLSX; the quadrant view groups figures by their kind."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actions.tests.factories import ActionFactory
from audits.tests.factories import AgencyAuditFactory
from conferences.tests.factories import ConferenceFactory, InvitationFactory
from governance.models import RoutedReport
from partnership.models import QAQuadrant
from reviews.tests.factories import CaseReviewFactory
from scorecard.models import Indicator, Target
from scorecard.tests.test_views import bulk
from section11.tests.factories import make_return, open_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(world):
    today = timezone.localdate()
    bulk(world, 6, n_months=14)
    rnd = open_round()
    make_return(world.home, rnd=rnd, ratings="fully_met", agreed="fully_met", status="accepted")
    make_return(world.other, rnd=rnd, ratings="partially_met", status="submitted")
    for status in ("planned", "in_progress", "in_progress", "reported"):
        AgencyAuditFactory(agency=world.home, status=status)
    for i in range(5):
        ActionFactory(agency=world.home, due_date=today + dt.timedelta(days=(i - 2) * 20))
    for i in range(4):
        held = today - dt.timedelta(days=30 + i * 40)
        begun = held - dt.timedelta(days=7)  # within 15 working days
        conference = ConferenceFactory(conference_date=held, strategy_discussion_date=begun, enquiry_start_date=begun)
        InvitationFactory(conference=conference, agency=world.home, attended=i % 2 == 0)
    icpc = Indicator.objects.create(
        code="CP_ICPC_15WD", name="Initial conferences within 15 working days", definition="x",
        unit="percentage", polarity="higher", frequency="monthly",
    )  # fmt: skip
    Target.objects.create(indicator=icpc, value=Decimal("85"), effective_from=dt.date(2019, 4, 1))
    CaseReviewFactory()
    RoutedReport.objects.create(title="Neglect audit", source_kind="audits", status="received", received_on=today)
    return rnd


def _tiles(client) -> dict:
    return {t["app"]: t for t in client.get(reverse("annual_report:index")).context["tiles"]}


def _figures(tile) -> dict:
    return {f["label"]: f for f in tile["figures"]}


def test_every_tile_states_its_period_and_source(world, client_for, quarter):
    tiles = _tiles(client_for(world.user("paqa")))
    assert set(tiles) == {"scorecard", "section11", "audits", "reviews", "actions", "conferences", "cdop", "governance"}
    for app, tile in tiles.items():
        assert tile["period"] and tile["source"], f"{app} tile says no period or source"
    page = client_for(world.user("paqa")).get(reverse("annual_report:index")).content.decode()
    assert page.count("<strong>Period:</strong>") == len(tiles) and page.count("<strong>Source:</strong>") == len(tiles)


def test_the_scorecard_tile_equals_the_scorecard_page(world, client_for, quarter):
    client = client_for(world.user("paqa"))
    figures = _figures(_tiles(client)["scorecard"])
    page = client.get(reverse("scorecard:index")).context["tiles"]["counts"]
    for rag, label in (("GREEN", "Green"), ("AMBER", "Amber"), ("RED", "Red"), ("NOT_RATED", "Not rated")):
        assert figures[label]["value"] == page.get(rag, 0), label
        filtered = client.get(figures[label]["href"]).context["rows"]
        assert len(filtered) == figures[label]["value"], label


def test_the_section11_tile_equals_the_progress_and_matrix_pages(world, client_for, quarter):
    client = client_for(world.user("paqa"))
    figures = _figures(_tiles(client)["section11"])
    progress = {key: n for key, _label, n in client.get(figures["Returns submitted"]["href"]).context["counts"]}
    submitted = progress["submitted"] + progress["under_challenge"] + progress["accepted"]
    assert figures["Returns submitted"]["value"] == submitted == 2
    assert figures["Accepted after challenge"]["value"] == progress["accepted"] == 1
    headline = client.get(figures["Returns not yet reviewed"]["href"]).context["matrix"].headline
    assert figures["Returns not yet reviewed"]["value"] == headline.not_reviewed
    compliance = next(f for label, f in figures.items() if label.startswith("Compliance agreed"))
    assert compliance["value"] == float(headline.percent)


def test_the_audits_tile_equals_the_programme_filtered_by_status(world, client_for, quarter):
    client = client_for(world.user("paqa"))
    figures = _figures(_tiles(client)["audits"])
    index = reverse("audits:index")

    def count(status):
        return client.get(index, {"status": status}).context["page"].paginator.count

    assert figures["Reported, awaiting PAQA"]["value"] == count("reported") == 1
    assert figures["Audits planned or in progress"]["value"] == count("planned") + count("in_progress") == 3


def test_the_actions_tile_equals_the_actions_dashboard(world, client_for, quarter):
    client = client_for(world.user("paqa"))
    figures = _figures(_tiles(client)["actions"])
    totals = client.get(figures["Open actions"]["href"]).context["figures"]["totals"]
    assert figures["Open actions"]["value"] == totals["open"] == 5
    assert figures["Overdue actions"]["value"] == totals["overdue"] == 2


def test_the_conferences_tile_equals_the_dashboard_for_the_same_months(world, client_for, quarter):
    client = client_for(world.user("paqa"))
    tile = _tiles(client)["conferences"]
    figures = _figures(tile)
    page = client.get(tile["url"])
    totals = page.context["totals"]
    assert figures["Initial conferences in 15 working days"]["value"] == totals["icpc_15wd_pct"]
    assert figures["Reviews in timescale"]["value"] == totals["reviews_in_time_pct"]
    assert figures["Agency attendance"]["value"] == totals["attendance_pct"] == 50
    assert figures["Questionnaire answers agreeing"]["value"] == totals["satisfaction_pct"]
    assert tile["period"] == f"{page.context['start']:%B %Y} to {page.context['end']:%B %Y}"


def test_a_conference_figure_shows_its_target_rating_and_direction(world, client_for, quarter):
    icpc = _figures(_tiles(client_for(world.user("paqa")))["conferences"])["Initial conferences in 15 working days"]
    assert icpc["value"] == 100.0
    assert (icpc["target"], icpc["rag"], icpc["rag_label"]) == ("85%", "GREEN", "Green")
    assert icpc["direction"] == ""  # no conferences the year before: no comparison
    attendance = _figures(_tiles(client_for(world.user("paqa")))["conferences"])["Agency attendance"]
    assert (attendance["target"], attendance["rag"]) == ("", "")  # no such indicator: no rating


def test_the_conferences_tile_is_cached_and_an_attendance_recorded_through_the_services_changes_it(
    world, client_for, quarter
):
    from conferences import services
    from conferences.models import Conference

    client = client_for(world.user("paqa"))
    assert _figures(_tiles(client)["conferences"])["Agency attendance"]["value"] == 50
    first, second, *_ = Conference.objects.order_by("conference_date")
    # Written behind the services' back: the cached rate stands (so the cache is what is read)...
    InvitationFactory(conference=first, agency=world.other, attended=True)
    assert _figures(_tiles(client)["conferences"])["Agency attendance"]["value"] == 50
    # ...and an attendance recorded through the services drops it: both new rows are counted.
    services.invitation_save(conference=second, agency=world.other, attended=True)
    tile = _tiles(client)["conferences"]
    assert _figures(tile)["Agency attendance"]["value"] == client.get(tile["url"]).context["totals"]["attendance_pct"]
    assert _figures(tile)["Agency attendance"]["value"] == Decimal("66.7")  # 4 of 6 agency rows


def test_a_questionnaire_entered_through_the_services_changes_the_conferences_tile(world, client_for, quarter):
    from conferences import services
    from conferences.models import Conference
    from conferences.tests.factories import scale_question

    client = client_for(world.user("paqa"))
    assert _figures(_tiles(client)["conferences"])["Questionnaire answers agreeing"]["value"] is None
    question = scale_question()
    services.questionnaire_enter(
        conference=Conference.objects.first(),
        respondent="parent",
        answers={question.pk: {"score": 5, "text": ""}},
        by=world.user("bu"),
    )
    assert _figures(_tiles(client)["conferences"])["Questionnaire answers agreeing"]["value"] == 100


def test_the_governance_tile_equals_the_reports_waiting_for_paqa(world, client_for, quarter):
    client = client_for(world.user("paqa"))
    figure = _figures(_tiles(client)["governance"])["Reports awaiting PAQA's decision"]
    assert figure["value"] == len(client.get(figure["href"]).context["reports"]) == 1


def test_the_reviews_tile_counts_the_open_reviews_the_reviews_page_shows(world, client_for, quarter):
    client = client_for(world.user("paqa"))
    figure = _figures(_tiles(client)["reviews"])["Case reviews open (not yet published or closed)"]
    table = client.get(reverse("reviews:index")).context["table"]
    shut = sum(s["total"] for s in table["statuses"] if s["code"] in ("published", "closed"))
    assert figure["value"] == table["total"] - shut == 1


def test_the_dashboard_downloads_as_a_spreadsheet(world, client_for, quarter):
    client = client_for(world.user("board"))
    response = client.get(reverse("annual_report:dashboard_export"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Strand", "Figure", "Value", "Target", "RAG rating", "Direction of travel")
    tiles = _tiles(client)
    assert len(rows) - 1 == sum(len(t["figures"]) for t in tiles.values())
    icpc = next(r for r in rows if r[1] == "Initial conferences in 15 working days")
    assert icpc[3:5] == ("85%", "Green") and icpc[6] == tiles["conferences"]["period"]


def test_the_quadrant_view_puts_each_figure_with_its_kind_of_evidence(world, client_for, quarter):
    from partnership.framework import load as load_partnership

    if not QAQuadrant.objects.exists():
        load_partnership()
    page = client_for(world.user("paqa")).get(reverse("annual_report:quadrants"))
    groups = {g["quadrant"].code: g for g in page.context["groups"]}
    voice = [f["label"] for t in groups["voice-children"]["tiles"] for f in t["figures"]]
    assert voice == ["Questionnaire answers agreeing"]
    practitioners = [f["label"] for t in groups["voice-practitioners"]["tiles"] for f in t["figures"]]
    assert practitioners == ["Practitioner feedback responses"]
    html = page.content.decode()
    assert "By quality assurance quadrant" in html and "QA quadrant<" not in html


# --- child deaths: the tile's cells are the statistics page's, cached until a record changes ----


@pytest.fixture
def deaths(world):
    """This financial year: 8 deaths, 6 of them reviewed; the year before: 5 deaths waiting."""
    from bscp_portal.lib import periods
    from cdop.tests.factories import DeathFactory, load_reference_data, review_for

    load_reference_data()
    today = timezone.localdate()
    year = periods.financial_year(today)
    for i in range(8):
        death = DeathFactory(date_of_death=year.start, date_notified=year.start)
        if i < 6:
            review_for(death, reviewed_on=today)
    for _ in range(5):
        DeathFactory(date_of_death=year.start - dt.timedelta(days=30), date_notified=year.start - dt.timedelta(days=29))
    return year


@pytest.fixture
def panel_paqa(world):
    """A PAQA member who also sits on the child death panel (exact figures)."""
    from partnership.tests.factories import UserFactory, membership

    user = UserFactory(username="w-paqa-panel", agency=world.home, roles=["paqa", "cdop"])
    membership(user, "cdop", False)
    return user


def _year_total(client, key: str, year) -> object:
    table = next(t for t in client.get(reverse("cdop:index")).context["tables"] if t.key == key)
    return table.col_totals[table.years.index(year.label)]


@pytest.mark.parametrize("member", [False, True])
def test_the_child_deaths_tile_shows_the_statistics_pages_totals_for_the_year(
    world, client_for, deaths, panel_paqa, member
):
    client = client_for(panel_paqa if member else world.user("paqa"))
    tile = _tiles(client)["cdop"]
    figures = _figures(tile)
    assert figures["Deaths this year"]["value"] == _year_total(client, "expectation", deaths)
    assert figures["Panel reviews completed"]["value"] == _year_total(client, "category", deaths)
    assert tile["period"].startswith(f"{deaths.label} so far")
    if member:  # a panel member reads exact figures
        assert (figures["Deaths this year"]["value"], figures["Panel reviews completed"]["value"]) == (8, 6)


def test_the_child_deaths_waiting_figure_is_the_panels_case_list(world, client_for, deaths, panel_paqa):
    from cdop import rules

    member = client_for(panel_paqa)
    waiting = _figures(_tiles(member)["cdop"])["Waiting for panel review"]["value"]
    listed = sum(
        member.get(reverse("cdop:case_list"), {"status": s}).context["page"].paginator.count for s in rules.WAITING
    )
    home = member.get(reverse("home")).content.decode()
    assert waiting == listed == 7
    assert "7 cases waiting for panel review" in home
    # Anyone else reads the same count suppressed when small (7 is shown; 1 to 5 would be "c").
    assert _figures(_tiles(client_for(world.user("paqa")))["cdop"])["Waiting for panel review"]["value"] == 7


def _notify(world, year, case_number: str):
    from cdop import services
    from cdop.models import Area, Death, Ethnicity

    return services.death_notify(
        by=world.user("cdop"),
        case_number=case_number,
        date_of_death=year.start,
        date_notified=year.start,
        age_years=4,
        sex=Death.Sex.MALE,
        ethnicity=Ethnicity.objects.first(),
        area=Area.objects.first(),
        deprivation_quintile="not_known",
        place_of_death=Death.Place.HOSPITAL,
        expectation=Death.Expectation.EXPECTED,
    )


def test_the_child_deaths_tile_is_cached_and_changes_when_the_panel_records_a_change(
    world, client_for, deaths, panel_paqa
):
    from cdop.tests.factories import DeathFactory

    member = client_for(panel_paqa)
    assert _figures(_tiles(member)["cdop"])["Deaths this year"]["value"] == 8
    # Written behind the services' back: the cached figure stands (so the cache is what is read)...
    DeathFactory(date_of_death=deaths.start, date_notified=deaths.start)
    assert _figures(_tiles(member)["cdop"])["Deaths this year"]["value"] == 8
    # ...and a notification recorded through the services drops it: both new deaths are counted.
    _notify(world, deaths, "CD-NEW-1")
    assert _figures(_tiles(member)["cdop"])["Deaths this year"]["value"] == 10
    assert _year_total(member, "expectation", deaths) == 10


def test_a_panel_review_recorded_through_the_services_changes_the_tile(world, client_for, deaths, panel_paqa):
    from cdop import services
    from cdop.models import Category, Death, FactorDomain

    member = client_for(panel_paqa)
    assert _figures(_tiles(member)["cdop"])["Panel reviews completed"]["value"] == 6
    death = Death.objects.filter(review__isnull=True, date_of_death=deaths.start).first()
    services.panel_review_record(
        death=death,
        by=world.user("cdop"),
        version=death.version,
        reviewed_on=timezone.localdate(),
        category=Category.objects.get(code="trauma"),
        modifiable="no",
        scores={d.code: ("1", "") for d in FactorDomain.objects.filter(active=True)},
    )
    figures = _figures(_tiles(member)["cdop"])
    assert figures["Panel reviews completed"]["value"] == 7
    assert figures["Waiting for panel review"]["value"] == 6


def test_a_bulk_update_in_the_services_drops_the_cached_figures(world, client_for, deaths):
    """Anonymising cases updates rows in bulk (no model signal is sent): the service itself drops
    the cached figures."""
    from django.core.cache import cache

    from cdop import published, services

    paqa = world.user("paqa")
    _tiles(client_for(paqa))
    key = published.cache_key(year=deaths.label, suppress=True)
    assert cache.get(key) is not None
    assert services.cases_anonymise(before=timezone.localdate() + dt.timedelta(days=1)) == 6
    assert published.cache_key(year=deaths.label, suppress=True) != key
    assert cache.get(published.cache_key(year=deaths.label, suppress=True)) is None


# --- reviews: open recommendations, and timescales over the reviews page's own period ----------


@pytest.fixture
def timescales(world):
    """Notifications: on time and late in the last 12 months, and on time two years ago (so a
    figure over every review would differ from one over the last 12 months)."""
    from reviews.models import Recommendation
    from reviews.tests.factories import RecommendationFactory

    today = timezone.localdate()
    recent = today - dt.timedelta(days=60)
    old = today - dt.timedelta(days=800)
    CaseReviewFactory(became_aware_on=recent, notified_on=recent + dt.timedelta(days=1))
    CaseReviewFactory(became_aware_on=recent, notified_on=recent + dt.timedelta(days=30))
    CaseReviewFactory(became_aware_on=old, notified_on=old + dt.timedelta(days=1))
    for status in ("open", "open", "open", "closed"):
        RecommendationFactory(agency=world.home, status=status)
    assert Recommendation.Status.OPEN == "open"
    return today - dt.timedelta(days=365)


def test_the_reviews_tile_counts_the_open_recommendations_the_list_shows(world, client_for, timescales):
    client = client_for(world.user("paqa"))
    figure = _figures(_tiles(client)["reviews"])["Open recommendations"]
    assert figure["value"] == client.get(figure["href"]).context["page"].paginator.count == 3


def test_the_reviews_tile_timescales_are_the_reviews_pages_for_the_same_period(world, client_for, timescales):
    client = client_for(world.user("paqa"))
    tile = _tiles(client)["reviews"]
    figure = _figures(tile)["Notifications within 5 working days"]
    page = client.get(figure["href"])
    rows = {row["step"]: row for row in page.context["compliance"]}
    assert figure["value"] == rows["notification"]["on_time_pct"] == 50.0
    rapid = _figures(tile)["Rapid reviews within 15 working days"]
    assert rapid["value"] == rows["rapid_review"]["on_time_pct"]
    # The tile and the page say the same period; the page over every review says something else.
    since = f"{timescales:%-d %B %Y}"
    assert since in tile["period"]
    assert f"became aware of from {since} to today" in page.content.decode()
    every = {row["step"]: row for row in client.get(reverse("reviews:index")).context["compliance"]}
    assert every["notification"]["on_time_pct"] == 66.7
