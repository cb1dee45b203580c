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
