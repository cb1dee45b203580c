"""The indicator catalogue loaded by load_framework."""

import pytest

from partnership.framework import load as load_partnership
from scorecard.framework import load_catalogue
from scorecard.models import Category, Indicator, Target

pytestmark = pytest.mark.django_db

CONFERENCE_CODES = {
    "CP_ICPC_15WD": "higher",
    "CP_REVIEWS_IN_TIME": "higher",
    "CP_SECOND_PLAN": "lower",
    "CP_PLANS_ENDED_2YRS": "lower",
    "CONF_AGENCY_ATTENDANCE": "higher",
    "CONF_REPORTS_ON_TIME": "higher",
    "CONF_QUESTIONNAIRE_SATISFACTION": "higher",
}


@pytest.fixture
def catalogue():
    load_partnership()
    load_catalogue()


def test_it_has_the_codes_the_conferences_strand_feeds(catalogue):
    found = dict(Indicator.objects.filter(code__in=CONFERENCE_CODES).values_list("code", "polarity"))
    assert found == CONFERENCE_CODES
    assert set(Indicator.objects.filter(code__in=CONFERENCE_CODES).values_list("unit", flat=True)) == {"percentage"}


def test_it_has_the_seven_national_measures(catalogue):
    national = {
        "CIN_REFERRALS",
        "CIN_REREFERRALS_12M",
        "CP_PLANS_AT_31MARCH",
        "CP_PLANS_RATE",
        "CP_PLANS_ENDED_2YRS",
        "CP_SECOND_PLAN",
        "CP_ICPC_15WD",
        "CP_REVIEWS_IN_TIME",
    }
    assert national <= set(Indicator.objects.values_list("code", flat=True))


def test_every_category_has_an_indicator_and_every_indicator_a_definition(catalogue):
    named = set(Category.values) - {Category.OTHER}
    assert named <= set(Indicator.objects.values_list("category", flat=True))
    assert not Indicator.objects.filter(definition="").exists()
    assert not Indicator.objects.filter(outcome_area=None).exists()
    assert not Indicator.objects.filter(qa_quadrant=None).exists()


def test_loading_twice_changes_nothing(catalogue):
    counts = (Indicator.objects.count(), Target.objects.count())
    assert load_catalogue() == (0, 0)
    assert (Indicator.objects.count(), Target.objects.count()) == counts
