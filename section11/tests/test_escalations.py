"""Escalation: opened by an agreed "not met" or a late return, the letter from the business unit's
wording, each step dated, refused out of order; who may see and act."""

import datetime as dt
import subprocess
import tempfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from section11 import services
from section11.models import Escalation
from section11.tests.factories import agree, challenged, make_return, open_round

pytestmark = pytest.mark.django_db
D = dt.date


def _not_met(world) -> Escalation:
    record = challenged(world.home, by=world.user("paqa"), held_on=D(2026, 3, 2))
    agree(record, by=world.user("paqa"), agreed={n: "fully_met" for n in range(1, 10)} | {4: "not_met", 7: "not_met"})
    return Escalation.objects.get()


def test_a_standard_agreed_not_met_opens_an_escalation_dated_at_the_session(world):
    escalation = _not_met(world)
    assert (escalation.kind, escalation.standards, escalation.stage, escalation.opened_on) == (
        "not_met",
        "4, 7",
        "opened",
        D(2026, 3, 2),
    )
    assert [(s.stage, s.on) for s in escalation.steps.all()] == [("opened", D(2026, 3, 2))]


def test_the_timeline_on_a_frozen_clock(world):
    escalation = _not_met(world)
    paqa = world.user("paqa")
    services.escalation_step(escalation=escalation, by=paqa, to="letter_sent", version=1, today=D(2026, 3, 2))
    escalation.refresh_from_db()
    assert (escalation.letter_sent_on, escalation.response_due) == (D(2026, 3, 2), D(2026, 3, 30))
    with pytest.raises(ValidationError, match="until 30 March 2026 to respond"):
        services.escalation_step(
            escalation=escalation, by=paqa, to="paqa_board", version=escalation.version, today=D(2026, 3, 30)
        )
    services.escalation_step(
        escalation=escalation, by=paqa, to="paqa_board", version=escalation.version, today=D(2026, 3, 31)
    )
    services.escalation_step(
        escalation=escalation, by=paqa, to="partnership", version=escalation.version, today=D(2026, 4, 20)
    )
    escalation.refresh_from_db()
    services.escalation_step(
        escalation=escalation,
        by=paqa,
        to="resolved",
        version=escalation.version,
        today=D(2026, 5, 11),
        note="Training plan adopted by the agency's board.",
    )
    escalation.refresh_from_db()
    assert [(s.stage, s.on) for s in escalation.steps.all()] == [
        ("opened", D(2026, 3, 2)),
        ("letter_sent", D(2026, 3, 2)),
        ("paqa_board", D(2026, 3, 31)),
        ("partnership", D(2026, 4, 20)),
        ("resolved", D(2026, 5, 11)),
    ]
    assert (escalation.paqa_on, escalation.partnership_on, escalation.resolved_on) == (
        D(2026, 3, 31),
        D(2026, 4, 20),
        D(2026, 5, 11),
    )


def test_steps_cannot_be_skipped_and_agencies_cannot_act(world):
    escalation = _not_met(world)
    with pytest.raises(ValidationError, match="next step is letter sent"):
        services.escalation_step(escalation=escalation, by=world.user("paqa"), to="partnership", version=1)
    with pytest.raises(ValidationError, match="Only PAQA members and the business unit"):
        services.escalation_step(escalation=escalation, by=world.user("lead"), to="letter_sent", version=1)


def test_a_return_not_in_by_the_deadline_plus_10_working_days_is_escalated_once(world):
    rnd = open_round(name="Round 2025", opens_on=D(2025, 10, 1), deadline=D(2025, 12, 12))
    make_return(world.other, rnd=rnd, ratings="fully_met", status="submitted")
    assert services.escalations_open_late(today=D(2025, 12, 30)) == []
    opened = services.escalations_open_late(today=D(2025, 12, 31))
    assert [(e.agency, e.kind) for e in opened] == [(world.home, "late_return")]
    assert services.escalations_open_late(today=D(2026, 1, 2)) == []  # once only


def test_the_letter_is_a_pdf_from_the_business_units_wording(world, client_for):
    escalation = _not_met(world)
    services.escalation_letter_save(
        by=world.user("bu"),
        subject="Section 11 concern: {agency}",
        body="Dear lead,\n\n{reason}.\n\nPlease reply by {deadline}.\n\n{partnership}",
    )
    services.escalation_step(
        escalation=escalation, by=world.user("paqa"), to="letter_sent", version=1, today=D(2026, 3, 2)
    )
    response = client_for(world.user("lead")).get(reverse("section11:escalation_letter", kwargs={"pk": escalation.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(response.content)
        handle.flush()
        text = " ".join(subprocess.run(["pdftotext", handle.name, "-"], capture_output=True, text=True).stdout.split())
    assert "Section 11 concern: Home Agency" in text
    assert "does not meet standards 4. Service development" in text
    assert "Please reply by 30 March 2026." in text


def test_an_unknown_placeholder_in_the_wording_is_refused_and_the_text_kept(world, client_for):
    client = client_for(world.user("bu"))
    response = client.post(
        reverse("section11:escalation_letter_edit"), {"subject": "About {agency}", "body": "Reply by {reply_by}."}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Unknown placeholder {reply_by}" in body and "Reply by {reply_by}." in body
    assert client_for(world.user("paqa")).get(reverse("section11:escalation_letter_edit")).status_code == 403


def test_the_canary_agency_never_sees_another_agencys_escalation(world, client_for):
    escalation = _not_met(world)
    url = reverse("section11:escalation_detail", kwargs={"pk": escalation.pk})
    assert client_for(world.other_lead).get(url).status_code == 404
    assert "Home Agency" not in client_for(world.other_lead).get(reverse("section11:escalation_list")).content.decode()
    assert client_for(world.user("lead")).get(url).status_code == 200
    assert client_for(world.user("lead")).post(url, {"to": "letter_sent", "version": 1}).status_code == 403


def test_a_reviewer_records_a_step_on_the_page_and_a_wrong_step_says_why(world, client_for):
    escalation = _not_met(world)
    url = reverse("section11:escalation_detail", kwargs={"pk": escalation.pk})
    client = client_for(world.user("paqa"))
    response = client.post(url, {"to": "resolved", "version": 1, "note": ""})
    assert "Say how the matter was resolved." in response.content.decode()
    assert client.post(url, {"to": "letter_sent", "version": 1}).status_code == 302
    escalation.refresh_from_db()
    assert escalation.stage == "letter_sent" and escalation.response_due is not None
