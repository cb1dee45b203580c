import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bscp_portal.lib.concurrency import StaleEdit
from governance import report_services
from governance.models import RoutedReport
from governance.tests.factories import MeetingFactory
from partnership.tests.factories import SubCommitteeFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _received(**kw):
    return report_services.report_receive(
        title=kw.pop("title", "Neglect audit"),
        author=kw.pop("author", "A. Auditor"),
        source_kind=kw.pop("source_kind", "audits"),
        received_on=dt.date(2026, 10, 1),
        **kw,
    )


def test_every_report_is_received_with_author_source_and_date(world):
    report = _received(source_label="Audit 12", file=SimpleUploadedFile("audit.pdf", PDF))
    assert (report.status, report.author_name, report.source_kind, report.received_on) == (
        "received",
        "A. Auditor",
        "audits",
        dt.date(2026, 10, 1),
    )
    assert report.file.name.endswith(".pdf") and "audit" not in report.file.name.rsplit("/", 1)[-1]
    assert list(report.events.values_list("status", flat=True)) == ["received"]


def test_a_user_can_be_the_author(world):
    report = _received(author=world.user("ssm"))
    assert report.author == world.user("ssm")


def test_a_file_that_is_not_a_document_is_refused(world):
    with pytest.raises(ValidationError, match="PDF"):
        _received(file=SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not really a pdf"))
    assert not RoutedReport.objects.exists()


def test_paqa_tables_a_report_at_a_partnership_meeting_and_it_appears_on_the_agenda(world, client_for):
    report = _received()
    meeting = MeetingFactory(body=SubCommitteeFactory(code="partnership"), held_on=dt.date(2026, 12, 10))
    response = client_for(world.user("paqa")).post(
        reverse("governance:report_decide", args=[report.pk]),
        {"decision": "tabled", "meeting": meeting.pk, "reasons": "Needs the Partnership's decision", "version": 1},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.meeting) == ("tabled", meeting)
    agenda = (
        client_for(world.user("lead")).get(reverse("governance:meeting_detail", args=[meeting.pk])).content.decode()
    )
    assert "Neglect audit" in agenda
    trail = (
        client_for(world.user("contributor"))
        .get(reverse("governance:report_detail", args=[report.pk]))
        .content.decode()
    )
    assert "Received by PAQA" in trail and "Tabled for the Partnership" in trail


def test_tabling_needs_a_partnership_meeting(world):
    report = _received()
    with pytest.raises(ValidationError, match="meeting"):
        report_services.report_decide(report=report, by=world.user("paqa"), decision="tabled", version=1)
    sub = MeetingFactory(body=SubCommitteeFactory(code="ppwpd"))
    with pytest.raises(ValidationError, match="Partnership"):
        report_services.report_decide(
            report=report, by=world.user("paqa"), decision="tabled", meeting=sub, reasons="x", version=1
        )


def test_returning_needs_reasons_and_the_form_keeps_what_was_typed(world, client_for):
    report = _received()
    response = client_for(world.user("paqa")).post(
        reverse("governance:report_decide", args=[report.pk]), {"decision": "returned", "reasons": " ", "version": 1}
    )
    assert response.status_code == 400
    assert "Give the reasons" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "received"


@pytest.mark.parametrize(
    ("decision", "words"),
    [("tabled", "reason for tabling"), ("circulated", "reason for circulating"), ("returned", "reasons for returning")],
)
def test_every_decision_needs_a_reason_and_the_form_keeps_what_was_typed(world, client_for, decision, words):
    report = _received()
    meeting = MeetingFactory(body=SubCommitteeFactory(code="partnership"), held_on=dt.date(2026, 12, 10))
    response = client_for(world.user("paqa")).post(
        reverse("governance:report_decide", args=[report.pk]),
        {"decision": decision, "meeting": meeting.pk, "reasons": "  ", "version": 1},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Give the {words}" in page
    assert re.search(rf'value="{decision}"[^>]*checked', page), "the chosen decision is kept"
    assert RoutedReport.objects.get(pk=report.pk).status == "received"
    assert not report.events.exclude(status="received").exists()


def test_a_decided_report_cannot_be_decided_again(world):
    report = _received()
    report_services.report_decide(report=report, by=world.user("paqa"), decision="circulated", reasons="x", version=1)
    report.refresh_from_db()
    with pytest.raises(ValidationError):
        report_services.report_decide(
            report=report, by=world.user("paqa"), decision="returned", reasons="x", version=report.version
        )


def test_two_paqa_members_deciding_at_once_do_not_overwrite_each_other(world):
    report = _received()
    report_services.report_decide(report=report, by=world.user("paqa"), decision="circulated", reasons="x", version=1)
    stale = RoutedReport.objects.get(pk=report.pk)
    stale.status = "received"  # the second member's page still shows it as received
    with pytest.raises(StaleEdit):
        report_services.report_decide(report=stale, by=world.user("paqa"), decision="returned", reasons="x", version=1)
    assert RoutedReport.objects.get(pk=report.pk).status == "circulated"


def test_only_paqa_decides(world, client_for):
    report = _received()
    response = client_for(world.user("bu")).post(
        reverse("governance:report_decide", args=[report.pk]), {"decision": "circulated", "version": 1}
    )
    assert response.status_code == 403
    assert RoutedReport.objects.get(pk=report.pk).status == "received"


def test_a_requested_report_is_due_from_its_owner_until_handed_to_paqa(world, client_for):
    owner = world.user("lead")
    client = client_for(world.user("board"))
    due = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    client.post(
        reverse("governance:report_request"), {"title": "Early help outcomes", "owner": owner.pk, "due_on": due}
    )
    report = RoutedReport.objects.get()
    assert report.status == "requested"
    lead = client_for(owner)
    assert "Early help outcomes" in lead.get(reverse("home")).content.decode()
    lead.post(
        reverse("governance:report_submit", args=[report.pk]),
        {"note": "Attached", "file": SimpleUploadedFile("eh.pdf", PDF)},
    )
    report.refresh_from_db()
    assert report.status == "received" and report.received_on == dt.date.today()
    assert list(report.events.values_list("status", flat=True)) == ["requested", "received"]


def test_a_request_due_in_the_past_is_refused_with_values_kept(world, client_for):
    response = client_for(world.user("board")).post(
        reverse("governance:report_request"),
        {"title": "Typed title", "owner": world.user("lead").pk, "due_on": "2020-01-01"},
    )
    assert response.status_code == 400
    assert "cannot be in the past" in response.content.decode() and "Typed title" in response.content.decode()


def test_the_file_is_served_as_an_attachment(world, client_for):
    report = _received(file=SimpleUploadedFile("audit.pdf", PDF))
    response = client_for(world.user("lead")).get(reverse("governance:report_download", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
