"""The meeting pack: built by Celery (eager here) and by `manage.py paqa_pack`, the same code;
every section read back from the PDF; versions kept."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from governance import report_services as governance_reports
from governance.tests.factories import MeetingFactory
from paqa.models import MeetingPack, Question
from paqa.tests.factories import question_on
from partnership.models import SubCommittee

pytestmark = pytest.mark.django_db

SECTIONS = [
    "1. Scorecard exceptions",
    "2. Missing and late data",
    "3. Open questions",
    "4. Section 11 round progress",
    "5. Audits and reviews due or overdue",
    "6. Actions overdue by agency",
    "7. Reports awaiting PAQA's decision",
    "8. Child protection conference standards",
    "9. Child Death Overview Panel",
]


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def meeting(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    question_on(world.home, world.user("paqa"), text="Why did strategy discussions fall?")
    governance_reports.report_receive(
        title="Neglect audit report", author="A. Auditor", source_kind="audits", received_on=dt.date(2026, 11, 2)
    )
    return MeetingFactory(body=SubCommittee.objects.get(code="paqa"), held_on=dt.date(2026, 12, 10))


def test_the_business_unit_builds_a_pack_with_every_section(
    world, client_for, meeting, django_capture_on_commit_callbacks
):
    client = client_for(world.user("bu"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("paqa:pack_list"), {"meeting_date": "2026-12-10"})
    pack = MeetingPack.objects.get()
    assert response.status_code == 302 and (pack.status, pack.version) == ("ready", 1)
    pdf = b"".join(client.get(reverse("paqa:pack_pdf", args=[pack.pk])).streaming_content)
    text = _text(pdf)
    for title in SECTIONS:
        assert title in text, title
    assert "Why did strategy discussions fall?" in text and "Neglect audit report" in text
    assert "10 December 2026" in text
    web = client.get(pack.get_absolute_url()).content.decode()
    assert "Strategy discussions within 24 hours" in web
    question = Question.objects.get(text="Why did strategy discussions fall?")
    question_url = reverse("paqa:question_detail", args=[question.pk])
    assert f'href="{question_url}"' in web  # each item links back to its record


def test_a_second_build_is_a_new_version(world, client_for, meeting):
    client = client_for(world.user("paqa"))
    client.post(reverse("paqa:pack_list"), {"meeting_date": "2026-12-10"})
    client.post(reverse("paqa:pack_list"), {"meeting_date": "2026-12-10"})
    assert list(MeetingPack.objects.order_by("version").values_list("version", flat=True)) == [1, 2]


def test_a_bad_date_gets_a_clear_message_and_keeps_what_was_typed(world, client_for, meeting):
    response = client_for(world.user("bu")).post(reverse("paqa:pack_list"), {"meeting_date": "10th Dec"})
    page = response.content.decode()
    assert response.status_code == 400 and "Give the meeting date" in page and 'value="10th Dec"' in page


def test_the_command_builds_the_next_meeting_pack(world, meeting, tmp_path, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False)
    out = tmp_path / "pack.pdf"
    call_command("paqa_pack", "--meeting", "next", "--output", str(out))
    text = _text(out.read_bytes())
    assert all(title in text for title in SECTIONS)
    assert MeetingPack.objects.get().meeting_date == dt.date(2026, 12, 10)


def test_long_lists_show_their_first_items_and_the_appendix_holds_every_one(
    world, client_for, meeting, django_capture_on_commit_callbacks
):
    import openpyxl

    from paqa.pack import TOP

    for n in range(TOP + 5):
        question_on(world.home, world.user("paqa"), text=f"Question number {n} on this figure?")
    client = client_for(world.user("bu"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("paqa:pack_list"), {"meeting_date": "2026-12-10"})
    pack = MeetingPack.objects.get()
    text = _text(b"".join(client.get(reverse("paqa:pack_pdf", args=[pack.pk])).streaming_content))
    assert f"The first {TOP} of {TOP + 6}; every one is in the spreadsheet appendix" in text
    assert sum(f"Question number {n} on" in text for n in range(TOP + 5)) == TOP - 1  # and the meeting's own
    web = client.get(pack.get_absolute_url()).content.decode()
    assert reverse("paqa:pack_appendix", args=[pack.pk]) in web
    response = client.get(reverse("paqa:pack_appendix", args=[pack.pk]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book["Open questions"].iter_rows(values_only=True))
    assert rows[0] == ("Figure", "Agency", "Question", "Status", "Due", "Overdue")
    assert len(rows) == 1 + TOP + 6
    assert {f"Question number {n} on this figure?" for n in range(TOP + 5)} <= {r[2] for r in rows}
    assert "Missing figures" in book.sheetnames and "Reports awaiting decision" in book.sheetnames


def test_the_appendix_of_a_pack_not_yet_built_is_not_found(world, client_for, meeting):
    pack = MeetingPack.objects.create(meeting_date=dt.date(2026, 12, 10), version=1)
    assert client_for(world.user("paqa")).get(reverse("paqa:pack_appendix", args=[pack.pk])).status_code == 404
