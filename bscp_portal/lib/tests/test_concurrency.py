"""Optimistic locking: the second of two savers is refused."""

import pytest

from bscp_portal.lib.concurrency import StaleEdit, claim_version
from reviews.models import ThemedReview
from reviews.tests.factories import ThemedReviewFactory

pytestmark = pytest.mark.django_db


def test_it_claims_the_next_version_and_gives_it_to_the_object():
    review = ThemedReviewFactory()
    start = review.version
    assert claim_version(ThemedReview, review, start) == start + 1
    assert review.version == start + 1
    assert ThemedReview.objects.get(pk=review.pk).version == start + 1


def test_it_refuses_a_stale_version_and_changes_nothing():
    review = ThemedReviewFactory()
    start = review.version
    claim_version(ThemedReview, review.pk, start)
    with pytest.raises(StaleEdit):
        claim_version(ThemedReview, review.pk, start)
    assert ThemedReview.objects.get(pk=review.pk).version == start + 1


def test_without_a_version_it_bumps_unconditionally():
    review = ThemedReviewFactory()
    start = review.version
    assert claim_version(ThemedReview, review, None) == start + 1


def test_an_update_claims_the_version_sets_the_fields_and_the_relations_given(world):
    from bscp_portal.lib.concurrency import update_versioned

    review = ThemedReviewFactory()
    start = review.version
    agency = world.home
    update_versioned(
        review,
        version=start,
        fields={"theme": "  Neglect in the early years  "},
        related={"agencies": [agency], "themes": None},
        exclude=("methodologies", "agencies", "themes", "created_by"),
        strip=True,
    )
    stored = ThemedReview.objects.get(pk=review.pk)
    assert (stored.theme, stored.version, list(stored.agencies.all())) == (
        "Neglect in the early years",
        start + 1,
        [agency],
    )


def test_a_stale_update_changes_nothing():
    from bscp_portal.lib.concurrency import update_versioned

    review = ThemedReviewFactory(theme="Before")
    with pytest.raises(StaleEdit):
        update_versioned(review, version=review.version - 1, fields={"theme": "After"})
    assert ThemedReview.objects.get(pk=review.pk).theme == "Before"
