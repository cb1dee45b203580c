"""The child population behind rates per 10,000 children."""

from decimal import Decimal

from scorecard.population import child_population, implied_population, per_10000


def test_the_population_is_the_one_the_published_rate_implies():
    # Barnsley 2024 (DfE C1, 2024 release): 3,114 referrals at 610.0 per 10,000.
    assert implied_population(Decimal("3114"), Decimal("610")) == 51049


def test_it_takes_the_latest_year_up_to_the_reports_year():
    assert child_population("Barnsley", 2030).year_end == 2024
    assert child_population("Barnsley", 2020).year_end == 2020
    assert child_population("Barnsley", 2024).children == 51049


def test_an_area_or_year_without_figures_has_no_population():
    assert child_population("Nowhere", 2024) is None
    assert child_population("Barnsley", 2005) is None


def test_a_count_becomes_a_rate_rounded_half_up():
    assert per_10000(100, 40000) == Decimal("25.0")
    assert per_10000(1, 80000) == Decimal("0.1")  # 0.125 rounds up
    assert per_10000(None, 40000) is None and per_10000(5, None) is None
