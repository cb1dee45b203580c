"""The public API the CDOP strand uses to link a child death case to a review."""

import datetime as dt

import pytest

from reviews import selectors, services
from reviews.models import CaseReview

pytestmark = pytest.mark.django_db


def refer(by, reference, *, title="t", on=dt.date(2025, 3, 3), **extra):
    """Refer a rapid review, as the CDOP strand does."""
    return services.case_review_refer(
        by=by, reference=reference, kind=CaseReview.Kind.RAPID, title=title, became_aware_on=on, **extra
    )


def test_it_refers_a_new_case_for_review(world):
    review = refer(world.user("cdop"), "RR-2025-03", title="Unexpected death of an infant", agencies=[world.home])
    assert review.reference == "RR-2025-03"
    assert review.status == CaseReview.Status.NOTIFIED
    assert list(review.agencies.all()) == [world.home]
    assert review.get_absolute_url() == f"/reviews/cases/{review.pk}/"


def test_it_returns_the_existing_review_for_a_reference(world):
    first = refer(world.user("cdop"), "RR-2025-03", title="First title")
    again = refer(
        world.user("cdop"), "rr-2025-03", title="Another title", on=dt.date(2025, 3, 4), agencies=[world.other]
    )
    assert again.pk == first.pk
    assert again.title == "First title"
    assert CaseReview.objects.count() == 1
    assert list(again.agencies.all()) == [world.other]


def test_it_finds_a_review_by_reference(world):
    review = refer(world.user("bu"), "RR-2025-04")
    assert selectors.case_review_for_reference("RR-2025-04") == review
    assert selectors.case_review_for_reference("RR-1999-01") is None
