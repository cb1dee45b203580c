"""Management reviews: an agency's review of its own handling of a case, recorded in its audit
programme with its outcome and actions, and considered by PAQA (the multi-agency group)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits import services
from audits.models import AgencyAudit

pytestmark = pytest.mark.django_db

FORM = {"title": "Management review of case R-101", "theme": "Discharge planning", "kind": "management_review"}


def test_an_agency_lead_records_a_management_review_of_their_own_agency(world, client_for):
    response = client_for(world.user("lead")).post(
        reverse("audits:agency_audit_create"), {**FORM, "agency": world.home.pk}
    )
    assert response.status_code == 302
    review = AgencyAudit.objects.get()
    assert (review.kind, review.agency, review.get_kind_display()) == (
        "management_review",
        world.home,
        "Management review",
    )


def test_an_audit_is_a_single_agency_audit_unless_said_otherwise(world):
    audit = services.agency_audit_create(by=world.user("lead"), agency=world.home, title="T", theme="Th")
    assert audit.kind == AgencyAudit.Kind.AUDIT


def test_an_unknown_kind_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.agency_audit_create(by=world.user("lead"), agency=world.home, title="T", theme="Th", kind="other")
    assert caught.value.message_dict == {"kind": ["Choose a single-agency audit or a management review."]}


def test_a_form_without_a_kind_keeps_what_was_typed(world, client_for):
    response = client_for(world.user("lead")).post(
        reverse("audits:agency_audit_create"), {**FORM, "kind": "", "agency": world.home.pk}
    )
    body = response.content.decode()
    assert "Nothing was saved" in body and "This field is required" in body
    assert "Management review of case R-101" in body
    assert not AgencyAudit.objects.exists()


def test_paqa_sees_every_agencys_reviews_and_can_pick_them_out(world, client_for):
    services.agency_audit_create(
        by=world.other_lead, agency=world.other, title="Review of case X-9", theme="T", kind="management_review"
    )
    services.agency_audit_create(by=world.user("lead"), agency=world.home, title="Home audit", theme="T")
    client = client_for(world.user("paqa"))
    body = client.get(reverse("audits:index") + "?kind=management_review").content.decode()
    assert "Review of case X-9" in body and "Management review" in body and "Home audit" not in body


def test_another_agencys_management_review_is_not_found_for_a_lead(world, client_for):
    review = services.agency_audit_create(
        by=world.other_lead, agency=world.other, title="Review of case X-9", theme="T", kind="management_review"
    )
    assert client_for(world.user("lead")).get(review.get_absolute_url()).status_code == 404


def test_paqa_considers_a_reported_review(world):
    lead = world.user("lead")
    review = services.agency_audit_create(by=lead, agency=world.home, title="R", theme="T", kind="management_review")
    services.finding_add(audit=review, by=lead, grade="improvement", text="Late referral")
    services.outcome_submit(audit=review, by=lead, summary="Referral was late.")
    services.audit_consider(audit=review, by=world.user("paqa"), consideration="Accepted.")
    review.refresh_from_db()
    assert (review.status, review.paqa_consideration) == ("action_plan_agreed", "Accepted.")


def test_an_edit_that_leaves_out_the_kind_keeps_it(world, client_for):
    review = services.agency_audit_create(
        by=world.user("lead"), agency=world.home, title="R", theme="T", kind="management_review"
    )
    client_for(world.user("lead")).post(
        reverse("audits:agency_audit_edit", args=[review.pk]), {"title": "R2", "theme": "T", "version": review.version}
    )
    review.refresh_from_db()
    assert (review.title, review.kind) == ("R2", "management_review")
