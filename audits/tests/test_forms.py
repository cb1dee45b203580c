"""Every audit form: bad input gets a clear message beside the field and what was typed stays."""

import pytest
from django.urls import reverse

from audits.models import FollowUp
from audits.tests.factories import AgencyAuditFactory, FindingFactory

pytestmark = pytest.mark.django_db


def post(client, url, data):
    response = client.post(url, data)
    assert response.status_code in (200, 400), response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "kept", "message"),
    [
        ("finding_add", {"grade": "excellent", "text": "typed finding"}, "typed finding", "Select a valid choice"),
        ("recommendation_add", {"text": ""}, "", "This field is required"),
        ("consider", {"consideration": "", "follow_up_due": "not a date"}, "not a date", "Enter a valid date"),
        ("follow_up_request", {"due_date": "31/02/2026"}, "31/02/2026", "Enter a valid date"),
        ("escalate", {"reason": ""}, "", "This field is required"),
    ],
)
def test_single_agency_forms_explain_and_keep_input(world, client_for, name, data, kept, message):
    audit = AgencyAuditFactory(agency=world.home, status="reported")
    FindingFactory(audit=audit)
    html = post(client_for(world.user("paqa")), reverse(f"audits:{name}", args=[audit.pk]), data)
    assert message in html
    assert kept in html
    assert "Nothing was saved" in html


def test_the_plan_form_refuses_an_independent_audit_without_an_auditor(world, client_for):
    audit = AgencyAuditFactory(agency=world.home)
    html = post(
        client_for(world.user("lead")),
        reverse("audits:agency_audit_edit", args=[audit.pk]),
        {"title": "Kept title", "theme": "Kept theme", "independent": "on", "version": audit.version},
    )
    assert "needs a nominated agency or person" in html and "Kept title" in html


def test_the_follow_up_and_resolve_forms_need_text(world, client_for):
    from audits.models import Escalation

    audit = AgencyAuditFactory(agency=world.home, status="follow_up_due")
    follow_up = FollowUp.objects.create(audit=audit, due_date=audit.due_date, requested_by=world.user("paqa"))
    html = post(
        client_for(world.user("lead")), reverse("audits:follow_up_submit", args=[follow_up.pk]), {"evidence": " "}
    )
    assert "This field is required" in html
    escalation = Escalation.objects.create(audit=audit, reason="x", escalated_by=world.user("paqa"))
    html = post(client_for(world.user("board")), reverse("audits:escalation_resolve", args=[escalation.pk]), {})
    assert "This field is required" in html


def test_the_own_programme_form_offers_an_agency_user_only_their_agency(world, client_for):
    html = client_for(world.user("lead")).get(reverse("audits:agency_audit_create")).content.decode()
    assert ">Home<" in html and ">Canary<" not in html.split('name="agency"')[1].split("</select>")[0]
    html = post(
        client_for(world.user("lead")),
        reverse("audits:agency_audit_create"),
        {"agency": world.other.pk, "title": "Typed title", "theme": "T"},
    )
    assert "Select a valid choice" in html and "Typed title" in html


def test_the_practice_audit_form_needs_two_agencies_and_a_standard(world, client_for, standards):
    html = post(
        client_for(world.user("paqa")),
        reverse("audits:practice_create"),
        {
            "title": "Typed practice audit",
            "theme": "Neglect",
            "agencies": [world.home.pk],
            "lead": world.user("paqa").pk,
        },
    )
    assert "Typed practice audit" in html
    assert "at least two agencies" in html
    assert "This field is required" in html  # standards


def test_the_practice_audit_edit_form_refuses_a_bad_date(world, client_for, standards):
    from audits.tests.factories import PracticeAuditFactory

    audit = PracticeAuditFactory(lead=world.user("paqa"), standards=standards, agencies=[world.home, world.other])
    html = post(
        client_for(world.user("paqa")),
        reverse("audits:practice_edit", args=[audit.pk]),
        {"status": "analysis", "summary": "Typed summary", "end_date": "soon", "version": audit.version},
    )
    assert "Enter a valid date" in html and "Typed summary" in html


def test_the_candidate_form_keeps_typed_text_when_it_is_refused(world, client_for, standards):
    from audits.tests.factories import PracticeAuditFactory

    audit = PracticeAuditFactory(lead=world.user("paqa"), standards=standards, agencies=[world.home, world.other])
    client = client_for(world.user("paqa"))
    url = reverse("audits:practice_candidates", args=[audit.pk])
    assert "Choose a CSV file or type the list" in post(client, url, {"text": ""})
    html = post(client, url, {"text": "ref,agency\nA-1,Home"})
    assert "no reference or agencies column" in html and "A-1,Home" in html
    html = post(client, url, {"text": "reference,agencies\nA-1,Home\nA-2,Canary"})
    assert "No eligible case" in html
