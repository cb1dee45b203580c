"""The public API the CDOP strand uses to link a child death case to a review."""

import datetime as dt

import pytest

from reviews import selectors, services
from reviews.models import CaseReview

pytestmark = pytest.mark.django_db


def test_it_refers_a_new_case_for_review(world):
    review = services.case_review_refer(
        by=world.user("cdop"),
        reference="RR-2025-03",
        kind=CaseReview.Kind.RAPID,
        title="Unexpected death of an infant",
        became_aware_on=dt.date(2025, 3, 3),
        agencies=[world.home],
    )
    assert review.reference == "RR-2025-03"
    assert review.status == CaseReview.Status.NOTIFIED
    assert list(review.agencies.all()) == [world.home]
    assert review.get_absolute_url() == f"/reviews/cases/{review.pk}/"


def test_it_returns_the_existing_review_for_a_reference(world):
    first = services.case_review_refer(
        by=world.user("cdop"),
        reference="RR-2025-03",
        kind=CaseReview.Kind.RAPID,
        title="First title",
        became_aware_on=dt.date(2025, 3, 3),
    )
    again = services.case_review_refer(
        by=world.user("cdop"),
        reference="rr-2025-03",
        kind=CaseReview.Kind.RAPID,
        title="Another title",
        became_aware_on=dt.date(2025, 3, 4),
        agencies=[world.other],
    )
    assert again.pk == first.pk
    assert again.title == "First title"
    assert CaseReview.objects.count() == 1
    assert list(again.agencies.all()) == [world.other]


def test_it_finds_a_review_by_reference(world):
    review = services.case_review_refer(
        by=world.user("bu"),
        reference="RR-2025-04",
        kind=CaseReview.Kind.RAPID,
        title="t",
        became_aware_on=dt.date(2025, 3, 3),
    )
    assert selectors.case_review_for_reference("RR-2025-04") == review
    assert selectors.case_review_for_reference("RR-1999-01") is None
