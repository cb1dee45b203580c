"""Pages for recording conferences: forms keep what was typed and say what is wrong."""

import datetime as dt

import pytest
from django.urls import reverse

from conferences.models import AgencyInvitation, Conference, StandardResult
from conferences.tests.factories import CONFERENCE_FORM, ConferenceFactory, InvitationFactory, standard, text_question
from tests.html import shown_again

pytestmark = pytest.mark.django_db


def test_it_records_a_conference_and_goes_on_to_the_agencies(world, client_for):
    client = client_for(world.user("ssm"))
    response = client.post(reverse("conferences:create"), CONFERENCE_FORM)
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("conferences:attendance", kwargs={"pk": conference.pk})
    assert conference.timely is True
    assert conference.created_by == world.user("ssm")


def test_a_conference_before_the_enquiry_keeps_what_was_typed(world, client_for):
    client = client_for(world.user("ssm"))
    response = client.post(reverse("conferences:create"), {**CONFERENCE_FORM, "conference_date": "2025-02-20"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "before the section 47 enquiry started" in body
    assert 'value="CP-25-04242"' in body
    assert 'value="Janet Ahmed"' in body
    assert not Conference.objects.exists()


def test_a_review_with_no_earlier_conference_is_refused_on_the_page(world, client_for):
    client = client_for(world.user("bu"))
    response = client.post(
        reverse("conferences:create"), {**CONFERENCE_FORM, "kind": "review", "outcome": "plan_continued"}
    )
    assert "no earlier conference for CP-25-04242" in response.content.decode()


def test_a_malformed_date_gets_a_message_not_a_500(world, client_for):
    client = client_for(world.user("ssm"))
    response = client.post(reverse("conferences:create"), {**CONFERENCE_FORM, "conference_date": "31/02/2025"})
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()


def test_a_second_saver_is_told_and_nothing_is_overwritten(world, client_for):
    conference = ConferenceFactory()
    client = client_for(world.user("ssm"))
    url = reverse("conferences:edit", kwargs={"pk": conference.pk})
    data = {
        **CONFERENCE_FORM,
        "child_ref": conference.child_ref,
        "conference_date": "2025-03-17",
        "plan_start": "2025-03-17",
    }
    assert client.post(url, {**data, "chair": "Mark Ellis", "version": 1}).status_code == 302
    response = client.post(url, {**data, "chair": "Ruth Okafor", "version": 1})
    assert "Someone else saved this conference" in response.content.decode()
    assert 'value="Ruth Okafor"' in response.content.decode()
    assert Conference.objects.get().chair == "Mark Ellis"


def test_paqa_may_open_but_not_change_a_record(world, client_for):
    conference = ConferenceFactory()
    client = client_for(world.user("paqa"))
    assert client.get(conference.get_absolute_url()).status_code == 200
    response = client.post(reverse("conferences:edit", kwargs={"pk": conference.pk}), {**CONFERENCE_FORM, "version": 1})
    assert response.status_code == 403
    assert Conference.objects.get().chair == "Janet Ahmed"


def test_attendance_for_an_agency_not_invited_is_refused_beside_the_row(world, client_for):
    conference = ConferenceFactory()
    client = client_for(world.user("ssm"))
    home, other = world.home, world.other
    response = client.post(
        reverse("conferences:attendance", kwargs={"pk": conference.pk}),
        {
            f"a{home.pk}_invited": "on",
            f"a{home.pk}_attended": "on",
            f"a{home.pk}_report": "2025-03-12",
            f"a{other.pk}_attended": "on",
        },
    )
    shown_again(response, "Canary was not invited to this conference", 'value="2025-03-12"')  # typed, still there
    assert not AgencyInvitation.objects.exists()


def test_attendance_is_saved_with_the_report_timing(world, client_for):
    conference = ConferenceFactory(conference_date=dt.date(2025, 3, 19), plan_start=dt.date(2025, 3, 19))
    client = client_for(world.user("ssm"))
    h = world.home.pk
    response = client.post(
        reverse("conferences:attendance", kwargs={"pk": conference.pk}),
        {f"a{h}_invited": "on", f"a{h}_attended": "on", f"a{h}_report": "2025-03-17"},
    )
    assert response.status_code == 302
    inv = AgencyInvitation.objects.get()
    assert (inv.agency, inv.attended, inv.report_on_time) == (world.home, True, True)


def test_the_standards_checklist_is_saved(world, client_for):
    s = standard()
    conference = ConferenceFactory()
    client = client_for(world.user("ssm"))
    response = client.post(reverse("conferences:standards", kwargs={"pk": conference.pk}), {f"s{s.pk}": "not_met"})
    assert response.status_code == 302
    assert StandardResult.objects.get().result == "not_met"


def test_staff_enter_a_paper_questionnaire_and_must_say_who_answered(world, client_for):
    q = text_question()
    conference = ConferenceFactory()
    client = client_for(world.user("ssm"))
    url = reverse("conferences:questionnaire_enter", kwargs={"pk": conference.pk})
    response = client.post(url, {f"q{q.pk}": "Helpful chair"})
    assert "This field is required" in response.content.decode()
    assert "Helpful chair" in response.content.decode()
    assert client.post(url, {"respondent": "parent", f"q{q.pk}": "Helpful chair"}).status_code == 302
    assert conference.responses.get().method == "paper"


def test_a_new_link_is_shown_once(world, client_for):
    conference = ConferenceFactory()
    client = client_for(world.user("ssm"))
    client.post(reverse("conferences:link_create", kwargs={"pk": conference.pk}), {"respondent": "parent"})
    first = client.get(conference.get_absolute_url()).content.decode()
    assert "/conferences/q/" in first
    assert "/conferences/q/" not in client.get(conference.get_absolute_url()).content.decode()


def test_the_list_filters_by_timeliness_and_agency_attendance(world, client_for):
    timely = ConferenceFactory(child_ref="CP-25-00010")
    late = ConferenceFactory(
        child_ref="CP-25-00011", conference_date=dt.date(2025, 3, 31), plan_start=dt.date(2025, 3, 31)
    )
    InvitationFactory(conference=timely, agency=world.home, attended=True)
    InvitationFactory(conference=late, agency=world.home, attended=False)
    client = client_for(world.user("paqa"))
    url = reverse("conferences:index")
    body = client.get(url, {"timeliness": "late"}).content.decode()
    assert "CP-25-00011" in body and "CP-25-00010" not in body
    body = client.get(url, {"agency": world.home.pk, "agency_attendance": "absent"}).content.decode()
    assert "CP-25-00011" in body and "CP-25-00010" not in body
    body = client.get(url, {"month": "2025-03", "kind": "initial"}).content.decode()
    assert "CP-25-00011" in body and "CP-25-00010" in body


def test_a_bad_month_filter_gets_a_message(world, client_for):
    ConferenceFactory()
    response = client_for(world.user("paqa")).get(reverse("conferences:index"), {"month": "March"})
    assert response.status_code == 200
    assert "Give the month as YYYY-MM" in response.content.decode()


def test_a_bad_dashboard_period_falls_back_with_a_message(world, client_for):
    response = client_for(world.user("paqa")).get(reverse("conferences:dashboard"), {"start": "2025-13", "end": "x"})
    assert response.status_code == 200
    assert "Give months as YYYY-MM" in response.content.decode()
