"""Generating the annual report: one job per click, a real PDF read back, faults handled."""

import io
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from annual_report import services
from annual_report.builder import render_markdown, render_pdf
from annual_report.models import Narrative, Report
from annual_report.sections import SECTIONS
from annual_report.tasks import build_report
from bscp_portal.lib.concurrency import StaleEdit
from partnership.models import Agency


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_has_every_section_and_real_figures(world):
    pdf, pages = render_pdf("2024-25", user=world.user("bu"))
    reader = PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)
    assert len(reader.pages) == pages
    for section in SECTIONS:
        assert (section.title in text) == section.in_report
    relevant = Agency.objects.filter(active=True, statutory_partner=False).count()
    assert f"{relevant} relevant agencies work with the partners" in text
    assert reader.metadata.title == "Safeguarding Children Partnership annual report 2024-25"


def test_the_pdf_is_tagged_with_language_and_outline(world):
    pdf, _ = render_pdf("2024-25", user=world.user("bu"))
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "Contents" in titles and "1. Foreword" in titles


def test_a_year_without_data_says_so(world):
    text = pdf_text(render_pdf("2009-10", user=world.user("bu"))[0])
    assert "No Section 11 round opened in this year." in text
    assert "The plan for next year has not been written yet." in text


def test_the_narrative_appears_sanitised(world):
    Narrative.objects.create(
        period="2024-25",
        section="next-year",
        text="We will **focus on neglect**.<script>alert(1)</script>",
        status="approved",
    )
    text = pdf_text(render_pdf("2024-25", user=world.user("bu"))[0])
    assert "We will focus on neglect." in text
    assert "alert" not in text


def test_markdown_loses_scripts_and_handlers():
    html = render_markdown('[x](javascript:alert(1)) <img src=x onerror=alert(1)> <b onclick="y">b</b>')
    assert "javascript" not in html and "onerror" not in html and "onclick" not in html


def test_two_clicks_make_one_job(world, django_capture_on_commit_callbacks, settings):
    with mock.patch("annual_report.services.enqueue") as enqueue:
        with django_capture_on_commit_callbacks(execute=True):
            first = services.report_request(period="2024-25", by=world.user("bu"))
            second = services.report_request(period="2024-25", by=world.user("bu"))
    assert first.pk == second.pk
    assert enqueue.call_count == 1
    assert Report.objects.count() == 1


def test_an_unknown_period_is_a_clear_error(world):
    with pytest.raises(ValidationError, match="not a financial year"):
        services.report_request(period="2024/25", by=world.user("bu"))


def test_the_task_builds_once_even_when_the_message_repeats(world):
    report = Report.objects.create(period="2024-25", version=1, requested_by=world.user("bu"))
    assert build_report.apply(args=[report.pk]).get() == "done"
    assert build_report.apply(args=[report.pk]).get() == "already finished"
    report.refresh_from_db()
    assert report.status == "done" and report.pages > 5
    assert "Performance" in pdf_text(report.pdf.read())
    assert "Keeping children safe" in pdf_text(report.children_pdf.read()) and report.children_pages >= 1
    assert Report.objects.count() == 1


def test_a_render_error_fails_with_the_reason(world):
    report = Report.objects.create(period="2024-25", version=1, requested_by=world.user("bu"))
    with mock.patch("annual_report.builder.render_html", side_effect=RuntimeError("template broke")):
        build_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert report.status == "failed"
    assert "template broke" in report.error


def test_a_worker_killed_mid_render_leaves_it_retryable(world):
    report = Report.objects.create(period="2024-25", version=1, requested_by=world.user("bu"), status="running")
    # The redelivered message (acks late, reject on worker lost) picks the running build up again.
    assert build_report.apply(args=[report.pk]).get() == "done"
    assert build_report.acks_late and build_report.reject_on_worker_lost


def test_when_redis_is_down_the_user_is_told_the_report_is_delayed(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.user("bu"))
    with mock.patch.object(build_report, "apply_async", side_effect=ConnectionError("redis down")):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("annual_report:generate"), {"period": "2024-25"})
    report = Report.objects.get()
    assert report.delayed and report.status == "queued"
    page = client.get(response["Location"]).content.decode()
    assert "background service is not reachable" in page
    assert "Ready" not in page
    # When it is back, the periodic job sends it again and it completes.
    from annual_report.tasks import requeue_stalled

    Report.objects.filter(pk=report.pk).update(
        requested_at=report.requested_at - __import__("datetime").timedelta(minutes=5)
    )
    requeue_stalled.apply()
    report.refresh_from_db()
    assert report.status == "done"


def test_the_business_unit_generates_and_downloads(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.user("bu"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("annual_report:generate"), {"period": "2024-25"})
    report = Report.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert "Ready" in client.get(report.get_absolute_url()).content.decode()
    download = client.get(reverse("annual_report:report_download", args=[report.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_board_sees_only_approved_versions_and_paqa_reads_drafts(world, client_for):
    report = Report.objects.create(period="2024-25", version=1, requested_by=world.user("bu"), status="done")
    assert client_for(world.user("board")).get(report.get_absolute_url()).status_code == 404
    assert client_for(world.user("paqa")).get(report.get_absolute_url()).status_code == 200
    Report.objects.filter(pk=report.pk).update(approved_at=timezone.now())  # the gate is in test_sign_off.py
    for key in ["paqa", "board"]:
        assert client_for(world.user(key)).get(report.get_absolute_url()).status_code == 200


def test_a_stale_narrative_save_is_refused(world):
    n = services.narrative_save(
        period="2024-25", section="performance", text="one", status="draft", by=world.user("bu"), version=None
    )
    services.narrative_save(
        period="2024-25", section="performance", text="two", status="draft", by=world.user("bu"), version=n.version
    )
    with pytest.raises(StaleEdit):
        services.narrative_save(
            period="2024-25",
            section="performance",
            text="three",
            status="draft",
            by=world.user("bu"),
            version=n.version,
        )
    assert Narrative.objects.get().text == "two"


def test_the_narrative_form_keeps_what_was_typed_on_error(world, client_for):
    client = client_for(world.user("bu"))
    url = reverse("annual_report:narrative_edit", args=["2024-25", "performance"])
    response = client.post(url, {"text": "", "status": "submitted"})
    page = response.content.decode()
    assert response.status_code == 200 and "Write the narrative before submitting it for approval." in page
    response = client.post(url, {"text": "Kept <words>", "status": "bogus"})
    assert "Kept &lt;words&gt;" in response.content.decode()


def test_the_command_writes_the_same_pdf(world, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "report.pdf"
    call_command("annual_report", "--period", "2024-25", "--output", str(out), stdout=io.StringIO())
    assert "Performance" in pdf_text(out.read_bytes())
    children = tmp_path / "children.pdf"
    call_command("annual_report", "--period", "2024-25", "--children", "--output", str(children), stdout=io.StringIO())
    assert "Keeping children safe" in pdf_text(children.read_bytes())


def test_the_command_refuses_an_unknown_period(world, tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="not a financial year"):
        call_command("annual_report", "--period", "twenty", "--output", str(tmp_path / "x.pdf"), stdout=io.StringIO())
