"""Case records are for panel members only: everyone else gets 404 on every case URL, and every
case view, case list and export is written to the security log."""

import pytest
from django.urls import reverse

from cdop.tests.factories import DeathFactory, PanelMeetingFactory, review_for
from conftest import ROLE_USERS
from partnership.models import SecurityEvent

pytestmark = pytest.mark.django_db

NON_MEMBERS = [key for key in ROLE_USERS if key != "cdop"]
CASE_URLS = [
    "case_detail",
    "case_edit",
    "case_rapid_response",
    "case_status",
    "case_review",
    "recommendation_create",
    "case_refer",
]
LIST_URLS = ["case_list", "case_export", "case_create", "meeting_list", "meeting_create"]
MEETING_URLS = ["meeting_detail", "meeting_edit"]


@pytest.fixture
def case(cdop_data):
    death = DeathFactory(case_number="CD-SECRET-77")
    review_for(death)
    meeting = PanelMeetingFactory()
    meeting.agenda.add(death)
    return death, meeting


def all_case_urls(death, meeting):
    urls = [reverse(f"cdop:{name}", args=[death.pk]) for name in CASE_URLS]
    urls += [reverse(f"cdop:{name}") for name in LIST_URLS]
    urls += [reverse(f"cdop:{name}", args=[meeting.pk]) for name in MEETING_URLS]
    return urls


@pytest.mark.parametrize("key", NON_MEMBERS)
def test_a_non_panel_user_gets_404_on_every_case_url(key, world, client_for, case):
    client = client_for(world.user(key))
    for url in all_case_urls(*case):
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"status": "closed", "version": 1})
            assert response.status_code == 404, f"{key} {method.upper()} {url}: {response.status_code}"
            assert b"CD-SECRET-77" not in response.content


def test_a_non_panel_user_gets_404_even_for_a_case_that_does_not_exist(world, client_for, case):
    response = client_for(world.user("bu")).get(reverse("cdop:case_detail", args=[999999]))
    assert response.status_code == 404


def test_a_refused_case_url_is_logged_as_a_refusal(world, client_for, case):
    death, _ = case
    client_for(world.user("board")).get(reverse("cdop:case_detail", args=[death.pk]))
    row = SecurityEvent.objects.get(kind="refused")
    assert row.username == "w-board"
    assert row.path == reverse("cdop:case_detail", args=[death.pk])


@pytest.mark.parametrize("name", ["case_detail", "case_edit", "case_rapid_response", "case_review", "case_refer"])
def test_every_case_view_writes_an_access_log_row(name, world, client_for, case):
    death, _ = case
    url = reverse(f"cdop:{name}", args=[death.pk])
    response = client_for(world.user("cdop")).get(url, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    row = SecurityEvent.objects.get(kind="cdop_view")
    assert row.username == "w-cdop"
    assert row.ip_address == "10.1.2.3"
    assert row.path == url
    assert "CD-SECRET-77" in row.detail


def test_each_opening_of_a_case_is_a_new_row(world, client_for, case):
    death, _ = case
    client = client_for(world.user("cdop"))
    for _ in range(3):
        client.get(reverse("cdop:case_detail", args=[death.pk]))
    assert SecurityEvent.objects.filter(kind="cdop_view").count() == 3


def test_the_case_list_is_logged(world, client_for, case):
    client_for(world.user("cdop")).get(reverse("cdop:case_list"))
    assert SecurityEvent.objects.filter(kind="cdop_view", detail__startswith="case list").count() == 1


def test_a_meeting_agenda_is_logged(world, client_for, case):
    _, meeting = case
    client_for(world.user("cdop")).get(reverse("cdop:meeting_detail", args=[meeting.pk]))
    assert SecurityEvent.objects.filter(kind="cdop_view", detail__startswith="meeting agenda").count() == 1


def test_the_chair_exports_cases_and_the_export_is_logged(world, client_for, case):
    response = client_for(world.user("cdop")).get(reverse("cdop:case_export") + "?format=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"CD-SECRET-77" in response.getvalue()
    row = SecurityEvent.objects.get(kind="export")
    assert "case-level" in row.detail and row.username == "w-cdop"


def test_the_case_export_is_also_an_excel_file(world, client_for, case):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for(world.user("cdop")).get(reverse("cdop:case_export") + "?format=xlsx")
    sheet = load_workbook(BytesIO(response.getvalue())).active
    assert sheet["A2"].value == "CD-SECRET-77"


def test_a_panel_member_who_is_not_the_chair_may_not_export_cases(member, client_for, case):
    response = client_for(member).get(reverse("cdop:case_export"))
    assert response.status_code == 403
    assert not SecurityEvent.objects.filter(kind="export").exists()
    assert SecurityEvent.objects.filter(kind="refused").exists()


def test_a_panel_member_who_is_not_the_chair_may_not_read_the_access_log(member, client_for, case):
    assert client_for(member).get(reverse("cdop:access_log")).status_code == 403


@pytest.mark.parametrize("key", ["bu", "cdop"])
def test_the_business_unit_and_the_chair_read_the_access_log(key, world, client_for, case):
    death, _ = case
    client_for(world.user("cdop")).get(reverse("cdop:case_detail", args=[death.pk]))
    client_for(world.user("board")).get(reverse("cdop:case_detail", args=[death.pk]))
    SecurityEvent.objects.create(kind="login", username="w-lead")  # not a CDOP row
    response = client_for(world.user(key)).get(reverse("cdop:access_log"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "case record: case CD-SECRET-77" in body
    assert "w-board" in body  # the refusal
    rows = response.context["page"].object_list
    assert {r.kind for r in rows} <= {"cdop_view", "refused", "export"}


def test_the_access_log_has_no_edit_or_delete_in_the_portal():
    from django.contrib import admin

    from partnership.models import SecurityEvent as Model

    model_admin = admin.site._registry.get(Model)
    if model_admin is not None:
        assert not model_admin.has_change_permission(request=None)
        assert not model_admin.has_delete_permission(request=None)
    import cdop.urls

    assert all("log" not in p.name or p.name == "access_log" for p in cdop.urls.urlpatterns)


def test_case_data_never_appears_on_statistics_or_their_exports_for_others(world, client_for, case):
    for key in NON_MEMBERS:
        client = client_for(world.user(key))
        for url in (reverse("cdop:index"), reverse("cdop:statistics_export") + "?format=csv"):
            response = client.get(url)
            assert response.status_code == 200
            assert b"CD-SECRET-77" not in response.getvalue()


def test_the_home_panel_is_for_panel_members_only(world, client_for, case):
    assert b"Child Death Overview Panel" in client_for(world.user("cdop")).get("/").content
    assert b"waiting for panel review" not in client_for(world.user("board")).get("/").content


def test_case_records_are_not_in_the_admin():
    from django.contrib import admin

    from cdop.models import Death, FactorScore, PanelMeeting, PanelReview

    for model in (Death, PanelReview, FactorScore, PanelMeeting):
        assert model not in admin.site._registry
