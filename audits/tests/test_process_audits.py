"""Process audits: a process judged against a standard, through scope, method, findings and
recommendations to SMART actions."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.selectors import actions_for_source
from actions.tests.factories import action_on
from audits import process_services, rules
from audits.models import ProcessAudit

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 2, 2)
PLAN = {
    "title": "Front door: timeliness of decisions",
    "process": "The front door (MASH)",
    "standard": "A decision on every contact within one working day.",
    "scope": "Contacts received in October 2025.",
    "method": "Observation of two days and the front door's own data.",
}


def _plan(world, **changes):
    return process_services.process_audit_create(by=world.user("paqa"), **{**PLAN, **changes})


# --- the rule ---------------------------------------------------------------------------------------


def test_findings_follow_the_plan_and_close_once_recommendations_are_agreed():
    assert rules.process_step_problem("planned", "findings") is None
    assert rules.process_step_problem("findings", "findings") is None
    assert rules.process_step_problem("recommendations", "findings") == (
        "The recommendations have been agreed, so the findings they rest on can no longer change."
    )


def test_recommendations_follow_findings_and_are_agreed_once():
    assert rules.process_step_problem("planned", "recommendations") == "Record the findings before the recommendations."
    assert rules.process_step_problem("findings", "recommendations") is None
    assert rules.process_step_problem("recommendations", "recommendations") == (
        "The recommendations have already been agreed."
    )


def test_actions_follow_agreed_recommendations():
    assert rules.process_step_problem("planned", "actions") == "Agree the recommendations before adding actions."
    assert rules.process_step_problem("findings", "actions") == "Agree the recommendations before adding actions."
    assert rules.process_step_problem("recommendations", "actions") is None


# --- services and pages -------------------------------------------------------------------------


def test_a_process_audit_goes_through_to_actions(world, client_for):
    audit = _plan(world)
    assert audit.status == "planned"
    audit = process_services.process_audit_findings(
        audit=audit, findings="81% of contacts decided within a day.", version=audit.version, today=DAY
    )
    assert (audit.status, audit.findings_on) == ("findings", DAY)
    audit = process_services.process_audit_recommendations(
        audit=audit, recommendations="A second manager on duty on Mondays.", version=audit.version, today=DAY
    )
    assert (audit.status, audit.recommendations_on) == ("recommendations", DAY)
    action = action_on(
        audit,
        world,
        "Roster a second duty manager on Mondays",
        "95% of contacts decided within a day over three months",
        by="paqa",
        due=DAY + dt.timedelta(days=60),
    )
    assert list(actions_for_source(source=audit, user=world.user("paqa"))) == [action]
    body = client_for(world.user("paqa")).get(audit.get_absolute_url()).content.decode()
    assert "Roster a second duty manager on Mondays" in body and "Recommendations agreed" in body
    assert "source=audits.processaudit" in body


def test_the_plan_needs_a_standard_scope_and_method(world):
    with pytest.raises(ValidationError) as caught:
        _plan(world, standard=" ", method="")
    assert caught.value.message_dict == {
        "standard": ["Say which standard the process is judged against."],
        "method": ["Say how the process will be looked at."],
    }


def test_recommendations_before_findings_are_refused(world):
    audit = _plan(world)
    with pytest.raises(ValidationError, match="Record the findings before the recommendations."):
        process_services.process_audit_recommendations(audit=audit, recommendations="R", version=audit.version)
    assert ProcessAudit.objects.get().recommendations == ""


def test_the_action_plan_waits_for_agreed_recommendations(world, client_for):
    audit = _plan(world)
    body = client_for(world.user("paqa")).get(audit.get_absolute_url()).content.decode()
    assert "Agree the recommendations before adding actions." in body and "Add an action" not in body


def test_the_form_keeps_what_was_typed_and_says_what_is_missing(world, client_for):
    response = client_for(world.user("paqa")).post(
        reverse("audits:process_create"), {**PLAN, "standard": "", "scope": "KEPT SCOPE"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required" in body and "KEPT SCOPE" in body
    assert not ProcessAudit.objects.exists()


def test_recommendations_posted_too_early_say_why_and_keep_the_text(world, client_for):
    audit = _plan(world)
    response = client_for(world.user("paqa")).post(
        reverse("audits:process_recommendations", args=[audit.pk]), {"recommendations": "KEPT", "version": 1}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Record the findings before the recommendations." in body and "KEPT" in body


def test_an_agency_lead_reads_but_may_not_record_findings(world, client_for):
    audit = _plan(world)
    client = client_for(world.user("lead"))
    assert client.get(audit.get_absolute_url()).status_code == 200
    response = client.post(reverse("audits:process_findings", args=[audit.pk]), {"findings": "F", "version": 1})
    assert response.status_code == 403
    assert ProcessAudit.objects.get().findings == ""


def test_the_named_audit_lead_records_findings(world, client_for):
    audit = _plan(world, lead=world.user("lead"))
    response = client_for(world.user("lead")).post(
        reverse("audits:process_findings", args=[audit.pk]), {"findings": "Found", "version": audit.version}
    )
    assert response.status_code == 302 and ProcessAudit.objects.get().findings == "Found"


def test_a_stale_save_keeps_the_other_persons_findings(world):
    from bscp_portal.lib.concurrency import StaleEdit

    audit = _plan(world)
    process_services.process_audit_findings(audit=audit, findings="First", version=1)
    with pytest.raises(StaleEdit):
        process_services.process_audit_findings(audit=ProcessAudit.objects.get(), findings="Second", version=1)
    assert ProcessAudit.objects.get().findings == "First"
