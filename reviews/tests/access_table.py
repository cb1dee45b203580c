from reviews.tests.factories import CaseReviewFactory
from tests.access import Route, signed_in

AGENCY_ROLES_404 = {"lead": 404, "contributor": 404, "cdop": 404, "ssm": 404}


def home_case(w):
    return {"pk": CaseReviewFactory(agencies=[w.home]).pk}


def canary_case(w):
    return {"pk": CaseReviewFactory(agencies=[w.other]).pk}


ROUTES = [
    Route("reviews:index", signed_in(200)),
    Route("reviews:case_detail", signed_in(200), kwargs=home_case),
    Route("reviews:case_detail", signed_in(200, **AGENCY_ROLES_404), kwargs=canary_case),
]
