"""The dashboard's Section 11 figures, counted in the database, are the progress page's counts
and the compliance matrix's headline, whatever mix of returns a round holds."""

from decimal import Decimal

import pytest

from partnership.tests.factories import AgencyFactory
from section11 import scoring, selectors, services
from section11.models import Participation
from section11.tests.factories import make_return, open_round

pytestmark = pytest.mark.django_db

MIXED = ["fully_met", "partially_met", "not_met", "not_applicable", "fully_met", "fully_met", "partially_met"]


@pytest.fixture
def mixed_round(world):
    """Six agencies: accepted with every rating agreed; submitted with four agreed; a draft with
    nothing rated; under challenge with every standard agreed "not applicable"; not started; and
    one with a return but no longer taking part (the matrix leaves it out)."""
    extra = [AgencyFactory(name=f"Figures agency {i}") for i in range(4)]
    rnd = open_round()
    make_return(world.home, rnd=rnd, ratings="fully_met", agreed=[*MIXED, "fully_met", "fully_met"], status="accepted")
    make_return(world.other, rnd=rnd, ratings="partially_met", agreed=["partially_met"] * 4, status="submitted")
    make_return(extra[0], rnd=rnd)
    make_return(extra[1], rnd=rnd, ratings="not_applicable", agreed="not_applicable", status="under_challenge")
    make_return(extra[3], rnd=rnd, ratings="not_met", agreed="not_met", status="accepted")
    Participation.objects.filter(round=rnd, agency=extra[3]).delete()
    return rnd


def test_the_headline_counted_in_the_database_is_the_matrix_headline(world, mixed_round):
    for key in ("paqa", "board", "lead"):
        user = world.user(key)
        matrix = selectors.compliance_matrix(user=user, round=mixed_round).headline
        assert selectors.round_headline(user=user, round=mixed_round) == matrix, key
    # 8 + 4 agreed ratings that score (not applicable left out), 12 + 4 points of 24.
    assert selectors.round_headline(user=world.user("paqa"), round=mixed_round) == scoring.Headline(
        percent=Decimal("66.7"), agreed_standards=12, agencies=2, not_reviewed=2
    )


def test_the_return_counts_are_the_progress_pages(world, mixed_round):
    for key in ("paqa", "board", "lead"):
        user = world.user(key)
        rows = selectors.round_progress(user=user, round=mixed_round)
        progress = {status: n for status, _label, n in selectors.progress_counts(rows)}
        assert selectors.round_return_counts(user=user, round=mixed_round) == {
            "agencies": len(rows),
            "submitted": progress["submitted"] + progress["under_challenge"] + progress["accepted"],
            "accepted": progress["accepted"],
        }, key
    assert selectors.round_return_counts(user=world.user("paqa"), round=mixed_round) == {
        "agencies": 5,  # the six above less the one no longer taking part
        "submitted": 3,
        "accepted": 1,
    }


def test_an_empty_round_has_no_headline_not_zero(world):
    rnd = open_round()
    headline = selectors.round_headline(user=world.user("paqa"), round=rnd)
    assert headline == scoring.Headline(percent=None, agreed_standards=0, agencies=0, not_reviewed=0)
    assert headline == selectors.compliance_matrix(user=world.user("paqa"), round=rnd).headline


def test_the_figures_take_the_same_queries_whatever_the_size(world, mixed_round, django_assert_num_queries):
    for i in range(6):
        agency = AgencyFactory(name=f"Later agency {i}")
        services.participation_set(round=mixed_round, agency=agency, mode="required")
        make_return(agency, rnd=mixed_round, ratings="fully_met", agreed="fully_met")
    paqa = world.user("paqa")
    selectors.round_headline(user=paqa, round=mixed_round)  # the user's roles are read once
    with django_assert_num_queries(3):
        selectors.round_headline(user=paqa, round=mixed_round)
    with django_assert_num_queries(1):
        selectors.round_return_counts(user=paqa, round=mixed_round)


def test_points_make_the_same_percentage_as_the_ratings():
    ratings = [*MIXED, "fully_met"]
    scored = [scoring.POINTS[r] for r in ratings if r in scoring.POINTS]
    assert scoring.percent_of_points(points=sum(scored), scored=len(scored)) == scoring.compliance_percent(ratings)
    assert scoring.percent_of_points(points=2, scored=3) == Decimal("33.3")
    assert scoring.percent_of_points(points=0, scored=0) is None
