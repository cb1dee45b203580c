"""Single-agency audits: request, outcome, PAQA consideration, escalation, follow-up, closing."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actions.tests.factories import action_on
from audits import services
from audits.models import AgencyAudit, Escalation, FollowUp
from audits.tests.factories import AgencyAuditFactory, FindingFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def request_audit(world, **extra):
    data = {
        "agency": world.home,
        "title": "Voice of the child",
        "theme": "Domestic abuse",
        "scope": "Call-outs where children were present",
        "due_date": TODAY + dt.timedelta(days=90),
    }
    data.update(extra)
    return services.agency_audit_request(by=world.user("chair"), **data)


def test_a_paqa_request_puts_the_audit_in_the_agencys_list_and_tells_its_lead(
    world, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        audit = request_audit(world)
    assert audit.origin == AgencyAudit.Origin.PAQA and audit.requested_by == world.user("chair")
    assert [m.to for m in mail.outbox] == [[world.user("lead").email]]
    assert "Call-outs where children were present" in mail.outbox[0].body
    assert mail.outbox[0].alternatives  # an HTML part too
    audit.refresh_from_db()
    assert audit.notified_at is not None
    page = client_for(world.user("lead")).get(reverse("audits:index"))
    assert "Voice of the child" in page.content.decode()
    home = client_for(world.user("lead")).get(reverse("home")).content.decode()
    assert "Audits requested of your agency" in home


def test_the_agency_is_told_only_once(world, django_capture_on_commit_callbacks):
    from audits.tasks import notify_audit_requested

    with django_capture_on_commit_callbacks(execute=True):
        audit = request_audit(world)
    notify_audit_requested.delay(audit.pk)
    assert len(mail.outbox) == 1


def test_a_request_needs_scope_and_a_future_due_date(world):
    with pytest.raises(ValidationError) as exc:
        request_audit(world, scope="  ")
    assert "scope" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        request_audit(world, due_date=TODAY - dt.timedelta(days=1))
    assert "due_date" in exc.value.message_dict


def test_an_independent_audit_names_another_agency_or_a_person(world):
    with pytest.raises(ValidationError, match="nominated agency or person"):
        request_audit(world, independent=True)
    with pytest.raises(ValidationError, match="another agency"):
        request_audit(world, independent=True, auditing_agency=world.home)
    audit = request_audit(world, independent=True, auditing_agency=world.other)
    assert audit.auditing_agency == world.other


def test_the_independent_auditing_agency_sees_and_works_on_the_audit(world, client_for):
    audit = AgencyAuditFactory(agency=world.home, independent=True, auditing_agency=world.other)
    client = client_for(world.other_lead)
    assert client.get(audit.get_absolute_url()).status_code == 200
    assert client.get(reverse("audits:finding_add", args=[audit.pk])).status_code == 200


def test_the_request_form_keeps_what_was_typed_and_explains_the_problem(world, client_for):
    client = client_for(world.user("paqa"))
    typed = {
        "agency": world.home.pk,
        "origin": "paqa",
        "title": "Thresholds audit typed",
        "theme": "Thresholds",
        "scope": "",
        "due_date": (TODAY - dt.timedelta(days=3)).isoformat(),
    }
    response = client.post(reverse("audits:agency_audit_request"), typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thresholds audit typed" in html
    assert "This field is required" in html  # scope
    assert not AgencyAudit.objects.exists()
    response = client.post(reverse("audits:agency_audit_request"), typed | {"scope": "All referrals"})
    assert "cannot be due in the past" in response.content.decode()
    assert "All referrals" in response.content.decode()


def test_an_outcome_needs_a_summary_and_a_graded_finding(world):
    audit = AgencyAuditFactory(agency=world.home)
    with pytest.raises(ValidationError, match="at least one graded finding"):
        services.outcome_submit(audit=audit, by=world.user("lead"), summary="Done")
    services.finding_add(audit=audit, by=world.user("lead"), grade="good_practice", text="Good recording")
    with pytest.raises(ValidationError):
        services.finding_add(audit=audit, by=world.user("lead"), grade="excellent", text="Off the scale")
    services.outcome_submit(audit=audit, by=world.user("lead"), summary="Done")
    audit.refresh_from_db()
    assert audit.status == AgencyAudit.Status.REPORTED and audit.reported_on == TODAY


def test_the_outcome_form_takes_a_pdf_report_checked_by_content(world, client_for):
    audit = AgencyAuditFactory(agency=world.home)
    FindingFactory(audit=audit)
    client = client_for(world.user("lead"))
    url = reverse("audits:outcome_submit", args=[audit.pk])
    fake = SimpleUploadedFile("report.pdf", b"not really a pdf", content_type="application/pdf")
    response = client.post(url, {"summary": "Our summary typed", "report": fake})
    assert "is not a PDF, Word, Excel, PowerPoint, OpenDocument or image file" in response.content.decode()
    assert "Our summary typed" in response.content.decode()
    assert "choose the file again" in response.content.decode()
    real = SimpleUploadedFile("Our report.pdf", PDF, content_type="application/octet-stream")
    assert client.post(url, {"summary": "Our summary", "report": real}).status_code == 302
    audit.refresh_from_db()
    assert audit.report_name == "Our report.pdf" and "Our report" not in audit.report_file.name
    download = client.get(reverse("audits:report_download", args=[audit.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


def test_paqa_considers_agrees_the_plan_and_sets_a_follow_up(world):
    audit = AgencyAuditFactory(agency=world.home, status="reported")
    services.audit_consider(
        audit=audit, by=world.user("chair"), consideration="Welcome", follow_up_due=TODAY + dt.timedelta(days=90)
    )
    audit.refresh_from_db()
    assert audit.status == AgencyAudit.Status.FOLLOW_UP_DUE
    assert audit.follow_ups.get().due_date == TODAY + dt.timedelta(days=90)


def test_closing_with_open_actions_is_refused_with_the_list(world, client_for):
    audit = AgencyAuditFactory(agency=world.home, status="action_plan_agreed")
    action_on(
        audit, world, "Brief every response officer", "Re-audit shows 80%", by="lead", due=TODAY + dt.timedelta(days=30)
    )
    with pytest.raises(ValidationError, match="Brief every response officer"):
        services.agency_audit_close(audit=audit, by=world.user("chair"))
    response = client_for(world.user("chair")).post(reverse("audits:close", args=[audit.pk]), follow=True)
    assert "cannot be closed while 1 action(s) are open" in response.content.decode()
    audit.refresh_from_db()
    assert audit.status == "action_plan_agreed"


def test_closing_after_the_plan_is_done(world):
    audit = AgencyAuditFactory(agency=world.home, status="action_plan_agreed")
    services.agency_audit_close(audit=audit, by=world.user("chair"))
    audit.refresh_from_db()
    assert audit.status == "closed" and audit.closed_on == TODAY


def test_closing_waits_for_an_awaited_follow_up(world):
    audit = AgencyAuditFactory(agency=world.home, status="follow_up_due")
    FollowUp.objects.create(audit=audit, due_date=TODAY, requested_by=world.user("chair"))
    with pytest.raises(ValidationError, match="follow-up report is awaited"):
        services.agency_audit_close(audit=audit, by=world.user("chair"))


def test_an_escalation_shows_on_the_partnership_dashboard_until_resolved(world, client_for):
    audit = AgencyAuditFactory(agency=world.home, title="Escalated audit", status="reported")
    finding = FindingFactory(audit=audit)
    board = client_for(world.user("board"))
    response = board.get(reverse("home"))
    assert "Escalated audit" not in response.content.decode()
    paqa = client_for(world.user("paqa"))
    paqa.post(reverse("audits:escalate", args=[audit.pk]), {"finding": finding.pk, "reason": "Repeat concern"})
    escalation = Escalation.objects.get()
    assert escalation.finding == finding and escalation.escalated_by == world.user("paqa")
    board = client_for(world.user("board"))
    assert "Escalated audit" in board.get(reverse("home")).content.decode()
    assert "Repeat concern" in board.get(reverse("audits:overview")).content.decode()
    board.post(reverse("audits:escalation_resolve", args=[escalation.pk]), {"resolution": "Assurance received"})
    escalation.refresh_from_db()
    assert escalation.resolved_on == TODAY
    assert "Escalated audit" not in board.get(reverse("home")).content.decode()


def test_a_stale_edit_is_refused_and_the_typed_values_kept(world, client_for):
    audit = AgencyAuditFactory(agency=world.home, title="Original")
    client = client_for(world.user("lead"))
    url = reverse("audits:agency_audit_edit", args=[audit.pk])
    data = {"title": "Mine", "theme": "T", "scope": "", "version": audit.version}
    services.agency_audit_update(audit=audit, by=world.user("paqa"), version=audit.version, title="Theirs")
    response = client.post(url, data)
    assert "Someone else saved this audit" in response.content.decode()
    assert 'value="Mine"' in response.content.decode()
    audit.refresh_from_db()
    assert audit.title == "Theirs"


def test_the_workflow_refuses_a_jump(world):
    audit = AgencyAuditFactory(agency=world.home, status="closed")
    with pytest.raises(ValidationError, match="cannot move"):
        services.agency_audit_start(audit=audit, by=world.user("lead"))


def test_the_audit_page_shows_its_history_to_the_business_unit(world, client_for):
    audit = AgencyAuditFactory(agency=world.home)
    services.agency_audit_update(audit=audit, by=world.user("lead"), version=audit.version, title="Renamed")
    assert "History of changes" in client_for(world.user("bu")).get(audit.get_absolute_url()).content.decode()
    assert "History of changes" not in client_for(world.user("lead")).get(audit.get_absolute_url()).content.decode()


def test_the_audited_agency_sets_the_themes_of_its_audit(world, client_for):
    from django.urls import reverse

    from audits.tests.factories import AgencyAuditFactory
    from partnership.framework import load
    from partnership.models import LearningTheme

    load()
    audit = AgencyAuditFactory(agency=world.home)
    neglect = LearningTheme.objects.get(code="neglect")
    url = reverse("audits:agency_audit_themes", args=[audit.pk])
    response = client_for(world.user("lead")).post(url, {"themes": [neglect.pk]})
    assert response.status_code == 302 and response["Location"] == audit.get_absolute_url()
    assert list(audit.themes.all()) == [neglect]
    page = client_for(world.user("lead")).get(audit.get_absolute_url()).content.decode()
    assert "Neglect" in page and "Change the themes" in page


def test_a_theme_off_the_list_is_refused_and_the_choices_are_kept(world, client_for):
    from django.urls import reverse

    from audits.tests.factories import AgencyAuditFactory
    from partnership.framework import load
    from partnership.models import LearningTheme

    load()
    audit = AgencyAuditFactory(agency=world.home)
    neglect = LearningTheme.objects.get(code="neglect")
    response = client_for(world.user("lead")).post(
        reverse("audits:agency_audit_themes", args=[audit.pk]), {"themes": [neglect.pk, 999999]}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert re.search(rf'<input[^>]*value="{neglect.pk}"[^>]*checked>', body)
    assert not audit.themes.exists()
