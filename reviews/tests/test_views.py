"""Pages: forms keep what was typed, refusals are explained, downloads are access-checked."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bscp_portal.lib import periods
from partnership.models import SecurityEvent
from reviews.models import Attachment, CaseReview, Recommendation
from reviews.tests.factories import (
    BriefingFactory,
    CaseReviewFactory,
    DisseminationEventFactory,
    RecommendationFactory,
    ThemedReviewFactory,
)
from tests.html import shown_again

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _new_rapid_review(**fields) -> dict:
    """The case review form for a rapid review, just notified, the partnership aware on Friday 7 March 2025."""
    return {"kind": "rapid", "status": "notified", "became_aware_on": "2025-03-07", **fields}


def test_it_records_a_case_review(world, client_for):
    client = client_for(world.user("chair"))
    response = client.post(
        reverse("reviews:case_create"),
        _new_rapid_review(
            reference="rr-2025-07", title="Serious injury to a baby", agencies=[world.home.pk], notified_on="2025-03-14"
        ),
    )
    review = CaseReview.objects.get(reference="RR-2025-07")
    assert response.status_code == 302
    assert response["Location"] == review.get_absolute_url()
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Fri 14 Mar 2025" in page  # due date: five working days after Friday 7 March
    assert "On time" in page


def test_bad_dates_are_refused_and_what_was_typed_is_kept(world, client_for):
    client = client_for(world.user("chair"))
    response = client.post(
        reverse("reviews:case_create"),
        _new_rapid_review(reference="RR-2025-08", title="A title typed by hand", notified_on="2025-03-01"),
    )
    shown_again(
        response,
        "The national panel notification cannot be before the date the partnership became aware",
        'value="A title typed by hand"',
        'value="2025-03-01"',
    )
    assert not CaseReview.objects.exists()


def test_a_decision_before_the_notification_is_refused_on_the_form(world, client_for):
    review = CaseReviewFactory(notified_on=dt.date(2025, 3, 5), agencies=[world.home])
    response = client_for(world.user("bu")).post(
        reverse("reviews:case_decide", args=[review.pk]),
        {
            "decision": "practice_review",
            "decided_by": "The three partners",
            "decided_on": "2025-03-04",
            "decision_reason": "Serious harm; learning about joint working.",
            "version": review.version,
        },
    )
    shown_again(
        response, "The decision cannot be before the notification", "Serious harm; learning about joint working."
    )


def test_a_stale_edit_is_told_and_not_saved(world, client_for):
    review = CaseReviewFactory(agencies=[world.home])
    CaseReview.objects.filter(pk=review.pk).update(version=5)
    response = client_for(world.user("bu")).post(
        reverse("reviews:case_edit", args=[review.pk]),
        {"title": "Overwrite", "kind": "rapid", "status": "notified", "became_aware_on": "2025-03-03", "version": 1},
        follow=True,
    )
    assert "Someone else saved this review" in response.content.decode()
    review.refresh_from_db()
    assert review.title != "Overwrite"
    # What the second person typed is still on the page, now against the current version.
    assert 'value="Overwrite"' in response.content.decode()
    assert response.context["form"].data["version"] == 5


def test_closing_a_recommendation_with_no_action_is_refused_with_a_message(world, client_for):
    rec = RecommendationFactory(case_review=CaseReviewFactory(agencies=[world.home]), agency=world.home)
    response = client_for(world.user("chair")).post(reverse("reviews:recommendation_close", args=[rec.pk]), follow=True)
    assert "cannot be closed yet" in response.content.decode()
    assert "at least one action" in response.content.decode()
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.OPEN


def test_the_recommendation_page_offers_an_action_for_it(world, client_for):
    rec = RecommendationFactory(case_review=CaseReviewFactory(agencies=[world.home]), agency=world.home)
    page = client_for(world.user("chair")).get(rec.get_absolute_url()).content.decode()
    assert f"source=reviews.recommendation%3A{rec.pk}" in page


def test_the_event_form_keeps_what_was_typed(world, client_for):
    review = CaseReviewFactory(agencies=[world.home])
    response = client_for(world.user("bu")).post(
        reverse("reviews:event_add", args=[review.pk]),
        {"held_on": "2025-06-20", "audience": "GP forum typed", "attendance": "0"},
    )
    page = response.content.decode()
    assert "Choose at least one agency reached." in page or "This field is required." in page
    assert 'value="GP forum typed"' in page


def test_a_document_is_uploaded_and_served_as_a_download(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    review = CaseReviewFactory(agencies=[world.home])
    client = client_for(world.user("bu"))
    client.post(
        reverse("reviews:case_attachment_add", args=[review.pk]),
        {"kind": "report", "upload": SimpleUploadedFile("Overview report.pdf", PDF)},
    )
    doc = Attachment.objects.get()
    response = client_for(world.user("lead")).get(doc.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    assert client_for(world.other_lead).get(doc.get_absolute_url()).status_code == 404


def test_a_wrong_file_type_is_refused_with_a_note_to_choose_it_again(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    review = CaseReviewFactory(agencies=[world.home])
    response = client_for(world.user("bu")).post(
        reverse("reviews:case_attachment_add", args=[review.pk]),
        {"kind": "report", "upload": SimpleUploadedFile("report.pdf", b"plain text pretending")},
    )
    page = response.content.decode()
    assert "report.pdf is not a PDF, Word, Excel, PowerPoint, OpenDocument or image file" in page
    assert "chosen file has to be chosen again" in page


def test_the_case_export_has_the_timescales_and_is_logged(world, client_for):
    CaseReviewFactory(
        reference="RR-2025-30",
        agencies=[world.home],
        became_aware_on=dt.date(2025, 3, 7),
        notified_on=dt.date(2025, 3, 17),
    )
    response = client_for(world.user("lead")).get(reverse("reviews:case_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.values)
    header, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert "Notification timescale" in header
    assert row["Reference"] == "RR-2025-30"
    assert row["Notification timescale"] == "Late"
    assert SecurityEvent.objects.filter(kind="export", user=world.user("lead")).exists()


def test_themed_review_bad_dates_are_refused(world, client_for):
    response = client_for(world.user("chair")).post(
        reverse("reviews:themed_create"),
        {
            "theme": "Neglect typed",
            "rationale": "Why",
            "status": "in_progress",
            "agreed_on": "2025-05-01",
            "started_on": "2025-04-01",
        },
    )
    page = response.content.decode()
    assert "The start cannot be before the date it was agreed" in page
    assert 'value="Neglect typed"' in page


def test_consultations_are_counts_never_names(world, client_for):
    review = ThemedReviewFactory(agencies=[world.home])
    client = client_for(world.user("chair"))
    response = client.post(
        reverse("reviews:consultation_add", args=[review.pk]),
        {"group": "children", "method": "Survey in schools", "held_on": "2025-02-01", "participants": "0"},
    )
    assert "Give how many took part" in response.content.decode()
    client.post(
        reverse("reviews:consultation_add", args=[review.pk]),
        {"group": "children", "method": "Survey in schools", "held_on": "2025-02-01", "participants": "84"},
    )
    assert review.consultations.get().participants == 84


def test_the_learning_page_counts_events_by_agency_this_year(world, client_for):
    review = CaseReviewFactory(agencies=[world.home])
    briefing = BriefingFactory(case_review=review)
    DisseminationEventFactory(
        case_review=review, briefing=briefing, held_on=dt.date(2025, 6, 20), agencies_reached=[world.home]
    )
    response = client_for(world.user("paqa")).get(reverse("reviews:learning") + "?year=2025")
    assert response.context["rows"] == [
        {"agency__name": "Home Agency", "agency__short_name": "Home", "events": 1, "reviews": 1}
    ]


def test_exported_free_text_cannot_run_as_a_formula(world, client_for):
    RecommendationFactory(case_review=CaseReviewFactory(agencies=[world.home]), agency=world.home, text="=HYPERLINK(1)")
    body = client_for(world.user("paqa")).get(reverse("reviews:recommendation_export", args=["csv"])).getvalue()
    assert b"'=HYPERLINK(1)" in body


THIS_YEAR = "this financial year"
REFERENCE = "RR-2025-ODD"
ADVICE = "Agencies should share information about household changes promptly."


@pytest.mark.parametrize(
    ("url", "shows"),
    [
        ("/reviews/cases/?year=abc&page=zz", ['<h1 class="h2">Case reviews</h1>', REFERENCE]),
        ("/reviews/cases/export.csv?kind=nonsense", ["text/csv", REFERENCE]),
        ("/reviews/recommendations/?agency=abc&status=weird", ['<h1 class="h2">Review recommendations</h1>', ADVICE]),
        ("/reviews/recommendations/export.xlsx?agency=abc", ["spreadsheetml", ADVICE]),
        ("/reviews/learning/?year=nineteen", [THIS_YEAR, "Home Agency"]),
        ("/reviews/learning/export.csv?year=1800", ["text/csv", "Home Agency"]),
    ],
)
def test_malformed_queries_show_the_unfiltered_page_or_file(world, client_for, url, shows):
    review = CaseReviewFactory(reference=REFERENCE, agencies=[world.home])
    RecommendationFactory(case_review=review, agency=world.home, text=ADVICE)
    DisseminationEventFactory(case_review=review, held_on=timezone.localdate(), agencies_reached=[world.home])
    response = client_for(world.user("lead")).get(url)
    assert response.status_code == 200
    kind, expected = shows
    if kind in ("text/csv", "spreadsheetml"):
        assert kind in response["Content-Type"]
        body = response.getvalue() if response.streaming else response.content
        if kind == "spreadsheetml":
            cells = [str(c) for row in load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True) for c in row]
            assert expected in cells
        else:
            assert expected in body.decode("utf-8-sig")
        return
    page = response.content.decode()
    if kind == THIS_YEAR:
        span = periods.financial_year(timezone.localdate()).span_text
        assert f"Learning disseminated, {span}" in page
    else:
        assert kind in page
    assert expected in page


def test_a_refused_status_change_is_explained_beside_the_status_and_keeps_what_was_typed(world, client_for):
    review = CaseReviewFactory(agencies=[world.home], status="notified")
    response = client_for(world.user("bu")).post(
        reverse("reviews:case_edit", args=[review.pk]),
        {
            "title": "Typed title kept",
            "kind": "rapid",
            "status": "published",
            "became_aware_on": "2025-03-03",
            "started_on": "2025-04-01",
            "completed_on": "2025-09-01",
            "published_on": "2025-10-01",
            "version": review.version,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "cannot go from notified straight to published" in body
    assert 'value="Typed title kept"' in body
    review.refresh_from_db()
    assert review.status == "notified"


def _timescale_reviews():
    today = timezone.localdate()
    recent, old = today - dt.timedelta(days=40), today - dt.timedelta(days=500)
    CaseReviewFactory(became_aware_on=recent, notified_on=recent + dt.timedelta(days=30))  # late
    CaseReviewFactory(became_aware_on=old, notified_on=old + dt.timedelta(days=1))  # on time
    return today - dt.timedelta(days=365)


def test_the_timescales_can_be_read_for_the_last_12_months(world, client_for):
    since = _timescale_reviews()
    client = client_for(world.user("paqa"))
    every = client.get(reverse("reviews:index"))
    assert {r["step"]: r["on_time_pct"] for r in every.context["compliance"]}["notification"] == 50.0
    assert "every case review recorded" in every.content.decode()
    recent = client.get(reverse("reviews:index"), {"since": f"{since:%Y-%m-%d}"})
    assert {r["step"]: r["on_time_pct"] for r in recent.context["compliance"]}["notification"] == 0.0
    html = recent.content.decode()
    assert f"became aware of from {since:%-d %B %Y} to today" in html and "<strong>last 12 months</strong>" in html


def test_a_timescale_period_that_is_not_a_date_is_said_and_every_review_counted(world, client_for):
    _timescale_reviews()
    response = client_for(world.user("paqa")).get(reverse("reviews:index"), {"since": "last spring"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "“last spring” is not a date (write it as 2026-04-01): every review is counted." in html
    assert {r["step"]: r["on_time_pct"] for r in response.context["compliance"]}["notification"] == 50.0
