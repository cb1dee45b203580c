"""load_framework and seed_demo steps for reviews: idempotent."""

import pytest

from partnership import demo as partnership_demo
from partnership import framework as partnership_framework
from reviews import demo, framework
from reviews.models import CaseReview, Inspection, Methodology, Recommendation, ThemedReview

pytestmark = pytest.mark.django_db


def test_the_methodologies_load_once():
    framework.load()
    count = Methodology.objects.count()
    framework.load()
    assert count >= 8
    assert Methodology.objects.count() == count
    assert Methodology.objects.filter(name="Survey of children and young people").exists()


def test_the_demo_seeds_believable_reviews_once():
    partnership_framework.load()
    partnership_demo.seed()
    framework.load()
    demo.seed()
    counts = (CaseReview.objects.count(), ThemedReview.objects.count(), Recommendation.objects.count())
    assert counts[0] >= 10 and counts[1] >= 3 and counts[2] >= 20
    assert set(CaseReview.objects.values_list("kind", flat=True)) >= {"rapid", "local_cspr", "learning"}
    demo.seed()
    assert (CaseReview.objects.count(), ThemedReview.objects.count(), Recommendation.objects.count()) == counts


def test_the_demo_has_inspections_with_recommendations_and_themed_reviews():
    partnership_framework.load()
    partnership_demo.seed()
    framework.load()
    demo.seed()
    assert set(Inspection.objects.values_list("kind", flat=True)) == {"jtai", "local_authority", "police"}
    assert Recommendation.objects.filter(inspection__kind="jtai").count() == 3
    assert not CaseReview.objects.filter(themes__isnull=True).exists()
    assert not ThemedReview.objects.filter(themes__isnull=True).exists()
    demo.seed()
    assert Inspection.objects.count() == 3
