"""Canary tests: an agency user never sees another agency's figures or any case detail;
lists, exports and chart data start from the access-checked querysets."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from conferences.tests.factories import ConferenceFactory, InvitationFactory

pytestmark = pytest.mark.django_db
CANARY_REF = "CP-CANARY-999"


@pytest.fixture
def canary(world):
    """A conference with both agencies invited; the canary agency's row has distinctive numbers."""
    today = dt.date.today()
    conference = ConferenceFactory(
        child_ref=CANARY_REF,
        enquiry_start_date=today - dt.timedelta(days=20),
        conference_date=today - dt.timedelta(days=5),
        plan_start=today - dt.timedelta(days=5),
    )
    InvitationFactory(conference=conference, agency=world.home, attended=True)
    InvitationFactory(conference=conference, agency=world.other, attended=False, apologies=True)
    return conference


def test_an_agency_lead_sees_only_their_own_agency(world, client_for, canary):
    client = client_for(world.user("lead"))
    response = client.get(reverse("conferences:agency"))
    body = response.content.decode()
    assert {r["agency_id"] for r in response.context["rates"]} == {world.home.pk}
    assert "Canary" not in body
    assert CANARY_REF not in body


def test_an_agency_lead_export_holds_only_their_agency(world, client_for, canary):
    client = client_for(world.user("lead"))
    for fmt in ("csv", "xlsx"):
        response = client.get(reverse("conferences:agency_export", kwargs={"fmt": fmt}))
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert response["Content-Disposition"].startswith("attachment")
        assert b"Canary" not in content
        assert CANARY_REF.encode() not in content
    csv_text = b"".join(client.get(reverse("conferences:agency_export", kwargs={"fmt": "csv"})).streaming_content)
    assert b"Home" in csv_text


def test_the_other_agencys_lead_sees_theirs_and_not_home(world, client_for, canary):
    response = client_for(world.other_lead).get(reverse("conferences:agency"))
    assert {r["agency_id"] for r in response.context["rates"]} == {world.other.pk}
    assert "Apologies" in response.content.decode()
    assert "Home Agency" not in response.content.decode()


def test_an_agency_lead_cannot_open_the_case_or_the_list(world, client_for, canary):
    client = client_for(world.user("lead"))
    assert client.get(canary.get_absolute_url()).status_code == 404
    assert client.get(reverse("conferences:index"))["Location"] == reverse("conferences:agency")
    assert client.get(reverse("conferences:export", kwargs={"fmt": "csv"})).status_code == 403
    assert client.get(reverse("conferences:dashboard")).status_code == 403


def test_an_agency_leads_chart_data_names_only_their_agency(world, client_for, canary):
    response = client_for(world.user("lead")).get(reverse("conferences:agency"))
    figure = json.dumps(response.context["figure"])
    assert "Home" in figure and "Canary" not in figure


def test_the_dashboard_and_exports_for_paqa_cover_every_agency(world, client_for, canary):
    client = client_for(world.user("paqa"))
    body = client.get(reverse("conferences:dashboard")).content.decode()
    assert "Canary" in body and "Home" in body
    assert CANARY_REF not in body  # the dashboard is aggregates only
    csv_text = b"".join(client.get(reverse("conferences:export", kwargs={"fmt": "csv"})).streaming_content)
    assert CANARY_REF.encode() in csv_text


def test_the_board_sees_aggregates_but_not_records(world, client_for, canary):
    client = client_for(world.user("board"))
    assert client.get(reverse("conferences:dashboard")).status_code == 200
    assert client.get(canary.get_absolute_url()).status_code == 404


def test_a_refused_record_is_logged(world, client_for, canary):
    from partnership.models import SecurityEvent

    client_for(world.user("lead")).get(canary.get_absolute_url())
    assert SecurityEvent.objects.filter(kind="refused", detail__contains="Conference").exists()


def test_exports_are_logged(world, client_for, canary):
    from partnership.models import SecurityEvent

    client_for(world.user("paqa")).get(reverse("conferences:export", kwargs={"fmt": "xlsx"}))
    assert SecurityEvent.objects.filter(kind="export", detail__startswith="conferences xlsx").exists()


def test_the_summary_gives_agency_users_nothing_and_paqa_the_figures(world, canary):
    from conferences.summary import annual_summary, dashboard_tile

    start, end = dt.date.today() - dt.timedelta(days=60), dt.date.today()
    closed = annual_summary(start=start, end=end, user=world.user("lead"))
    assert closed["available"] is False and closed["conferences"] is None and closed["agencies"] == []
    open_ = annual_summary(start=start, end=end, user=world.user("paqa"))
    assert open_["conferences"] == 1
    assert open_["attendance_pct"] == 50
    assert {a["name"] for a in open_["agencies"]} == {"Home", "Canary"}
    tile = dashboard_tile(user=world.user("lead"))
    assert tile["url"].startswith(reverse("conferences:agency") + "?start=")
    assert [f["value"] for f in tile["figures"]] == [100, 0]


def test_the_summary_says_no_data_rather_than_zero(world):
    from conferences.summary import annual_summary

    s = annual_summary(start=dt.date(2020, 4, 1), end=dt.date(2021, 3, 31), user=world.user("paqa"))
    assert s["conferences"] == 0
    assert s["icpc_15wd_pct"] is None and s["satisfaction_pct"] is None and s["agencies"] == []
