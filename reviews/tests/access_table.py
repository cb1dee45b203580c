"""Who may open each reviews URL. "Home" records involve the users' agency; "canary" records
involve only the other agency, so agency-scoped roles must get 404 for them."""

from django.core.files.base import ContentFile

from reviews.models import Attachment
from reviews.tests.factories import (
    CaseReviewFactory,
    InspectionFactory,
    RecommendationFactory,
    ThemedReviewFactory,
)
from tests.access import Route, only, signed_in

#: Roles scoped to their own agency (the chair chairs case review, so sees every review).
AGENCY_404 = {"lead": 404, "contributor": 404, "cdop": 404, "ssm": 404}
#: Writes: the business unit and the case review chair only.
MANAGE = only(["bu", "chair"], 200)
MANAGE_CANARY = only(["bu", "chair"], 200) | AGENCY_404
FEEDBACK = signed_in(200, board=403, cdop=403)
FEEDBACK_CANARY = signed_in(200, board=403) | AGENCY_404
CANARY_READ = signed_in(200, **AGENCY_404)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def home_case(w):
    return {"pk": CaseReviewFactory(agencies=[w.home]).pk}


def canary_case(w):
    return {"pk": CaseReviewFactory(agencies=[w.other]).pk}


def home_themed(w):
    return {"pk": ThemedReviewFactory(agencies=[w.home]).pk}


def canary_themed(w):
    return {"pk": ThemedReviewFactory(agencies=[w.other]).pk}


def home_inspection(w):
    return {"pk": InspectionFactory(agencies=[w.home]).pk}


def canary_inspection(w):
    return {"pk": InspectionFactory(agencies=[w.other]).pk}


def canary_inspection_rec(w):
    inspection = InspectionFactory(agencies=[w.other])
    return {"pk": RecommendationFactory(case_review=None, inspection=inspection, agency=w.other).pk}


def home_rec(w):
    return {"pk": RecommendationFactory(case_review=CaseReviewFactory(agencies=[w.home]), agency=w.home).pk}


def canary_rec(w):
    return {"pk": RecommendationFactory(case_review=CaseReviewFactory(agencies=[w.other]), agency=w.other).pk}


def closed_home_rec(w):
    rec = RecommendationFactory(case_review=CaseReviewFactory(agencies=[w.home]), agency=w.home, status="closed")
    return {"pk": rec.pk}


def _attachment(agency):
    review = CaseReviewFactory(agencies=[agency])
    doc = Attachment(case_review=review, original_name="report.pdf", content_type="application/pdf", size=len(PDF))
    doc.file.save("access-test.pdf", ContentFile(PDF), save=False)
    doc.save()
    return {"pk": doc.pk}


def fmt(value):
    return lambda w: {"fmt": value}


ROUTES = [
    Route("reviews:index", signed_in(200)),
    Route("reviews:case_list", signed_in(200)),
    Route("reviews:case_export", signed_in(200), kwargs=fmt("csv")),
    Route("reviews:case_export", signed_in(200), kwargs=fmt("xlsx")),
    Route("reviews:case_export", signed_in(404), kwargs=fmt("pdf")),
    Route("reviews:case_create", MANAGE),
    Route("reviews:case_detail", signed_in(200), kwargs=home_case),
    Route("reviews:case_detail", CANARY_READ, kwargs=canary_case),
    Route("reviews:case_edit", MANAGE, kwargs=home_case),
    Route("reviews:case_edit", MANAGE_CANARY, kwargs=canary_case),
    Route("reviews:case_decide", MANAGE, kwargs=home_case),
    Route("reviews:case_decide", MANAGE_CANARY, kwargs=canary_case),
    Route("reviews:case_recommendation_add", MANAGE, kwargs=home_case),
    Route("reviews:case_recommendation_add", MANAGE_CANARY, kwargs=canary_case),
    Route("reviews:briefing_add", MANAGE, kwargs=home_case),
    Route("reviews:briefing_add", MANAGE_CANARY, kwargs=canary_case),
    Route("reviews:event_add", MANAGE, kwargs=home_case),
    Route("reviews:event_add", MANAGE_CANARY, kwargs=canary_case),
    Route("reviews:feedback_add", FEEDBACK, kwargs=home_case),
    Route("reviews:feedback_add", FEEDBACK_CANARY, kwargs=canary_case),
    Route("reviews:case_attachment_add", MANAGE, kwargs=home_case),
    Route("reviews:case_attachment_add", MANAGE_CANARY, kwargs=canary_case),
    Route("reviews:themed_list", signed_in(200)),
    Route("reviews:themed_create", MANAGE),
    Route("reviews:themed_detail", signed_in(200), kwargs=home_themed),
    Route("reviews:themed_detail", CANARY_READ, kwargs=canary_themed),
    Route("reviews:themed_edit", MANAGE, kwargs=home_themed),
    Route("reviews:themed_edit", MANAGE_CANARY, kwargs=canary_themed),
    Route("reviews:consultation_add", MANAGE, kwargs=home_themed),
    Route("reviews:consultation_add", MANAGE_CANARY, kwargs=canary_themed),
    Route("reviews:themed_recommendation_add", MANAGE, kwargs=home_themed),
    Route("reviews:themed_recommendation_add", MANAGE_CANARY, kwargs=canary_themed),
    Route("reviews:themed_attachment_add", MANAGE, kwargs=home_themed),
    Route("reviews:themed_attachment_add", MANAGE_CANARY, kwargs=canary_themed),
    Route("reviews:inspection_list", signed_in(200)),
    Route("reviews:inspection_create", MANAGE),
    Route("reviews:inspection_detail", signed_in(200), kwargs=home_inspection),
    Route("reviews:inspection_detail", CANARY_READ, kwargs=canary_inspection),
    Route("reviews:inspection_edit", MANAGE, kwargs=home_inspection),
    Route("reviews:inspection_edit", MANAGE_CANARY, kwargs=canary_inspection),
    Route("reviews:inspection_recommendation_add", MANAGE, kwargs=home_inspection),
    Route("reviews:inspection_recommendation_add", MANAGE_CANARY, kwargs=canary_inspection),
    Route("reviews:recommendation_detail", CANARY_READ, kwargs=canary_inspection_rec),
    Route("reviews:recommendation_list", signed_in(200)),
    Route("reviews:recommendation_export", signed_in(200), kwargs=fmt("csv")),
    Route("reviews:recommendation_export", signed_in(200), kwargs=fmt("xlsx")),
    Route("reviews:recommendation_detail", signed_in(200), kwargs=home_rec),
    Route("reviews:recommendation_detail", CANARY_READ, kwargs=canary_rec),
    # Closing with no actions is refused with a message on the page: a redirect back, not a 500.
    Route("reviews:recommendation_close", only(["bu", "chair"], 302), kwargs=home_rec, method="post"),
    Route("reviews:recommendation_close", only(["bu", "chair"], 302) | AGENCY_404, kwargs=canary_rec, method="post"),
    Route("reviews:recommendation_close", signed_in(405), kwargs=home_rec),
    Route("reviews:recommendation_reopen", only(["bu", "chair"], 302), kwargs=closed_home_rec, method="post"),
    Route("reviews:learning", signed_in(200)),
    Route("reviews:learning", signed_in(200), query="?year=2024"),
    Route("reviews:learning_export", signed_in(200), kwargs=fmt("csv")),
    Route("reviews:learning_export", signed_in(200), kwargs=fmt("xlsx")),
    Route("reviews:attachment_download", signed_in(200), kwargs=lambda w: _attachment(w.home)),
    Route("reviews:attachment_download", CANARY_READ, kwargs=lambda w: _attachment(w.other)),
]
