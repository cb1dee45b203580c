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


def home_and_canary(factory):
    """URL kwargs for a new record involving the home agency, and for one involving only the other."""
    return (
        lambda w: {"pk": factory(agencies=[w.home]).pk},
        lambda w: {"pk": factory(agencies=[w.other]).pk},
    )


home_case, canary_case = home_and_canary(CaseReviewFactory)
home_themed, canary_themed = home_and_canary(ThemedReviewFactory)
home_inspection, canary_inspection = home_and_canary(InspectionFactory)


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


def both(home, canary, *names, expect=MANAGE, expect_canary=MANAGE_CANARY):
    """Each named route for the home record, then for the canary record."""
    return [
        Route(name, answer, kwargs=kwargs)
        for name in names
        for answer, kwargs in ((expect, home), (expect_canary, canary))
    ]


ROUTES = [
    Route("reviews:index", signed_in(200)),
    Route("reviews:case_list", signed_in(200)),
    Route("reviews:case_export", signed_in(200), kwargs=fmt("csv")),
    Route("reviews:case_export", signed_in(200), kwargs=fmt("xlsx")),
    Route("reviews:case_export", signed_in(404), kwargs=fmt("pdf")),
    Route("reviews:case_create", MANAGE),
    *both(home_case, canary_case, "reviews:case_detail", expect=signed_in(200), expect_canary=CANARY_READ),
    *both(
        home_case,
        canary_case,
        "reviews:case_edit",
        "reviews:case_decide",
        "reviews:case_recommendation_add",
        "reviews:briefing_add",
        "reviews:event_add",
    ),
    *both(home_case, canary_case, "reviews:feedback_add", expect=FEEDBACK, expect_canary=FEEDBACK_CANARY),
    *both(home_case, canary_case, "reviews:case_attachment_add"),
    Route("reviews:themed_list", signed_in(200)),
    Route("reviews:themed_create", MANAGE),
    *both(home_themed, canary_themed, "reviews:themed_detail", expect=signed_in(200), expect_canary=CANARY_READ),
    *both(
        home_themed,
        canary_themed,
        "reviews:themed_edit",
        "reviews:consultation_add",
        "reviews:themed_recommendation_add",
        "reviews:themed_attachment_add",
    ),
    Route("reviews:inspection_list", signed_in(200)),
    Route("reviews:inspection_create", MANAGE),
    *both(
        home_inspection,
        canary_inspection,
        "reviews:inspection_detail",
        expect=signed_in(200),
        expect_canary=CANARY_READ,
    ),
    *both(home_inspection, canary_inspection, "reviews:inspection_edit", "reviews:inspection_recommendation_add"),
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
