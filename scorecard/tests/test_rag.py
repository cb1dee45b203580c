"""RAG against target (DESIGN.md): boundaries both sides, both polarities, zeros, no target."""

from decimal import Decimal

import pytest

from scorecard.rag import Rag, achievement_pct, rag_rating

D = Decimal


def test_it_rates_95_percent_of_target_green_when_higher_is_better():
    assert rag_rating(D("95"), D("100"), "higher") == Rag.GREEN == "GREEN"


def test_it_rates_just_under_95_percent_amber_when_higher_is_better():
    assert rag_rating(D("94.99"), D("100"), "higher") == Rag.AMBER


def test_it_rates_90_percent_amber_and_89_99_red_when_higher_is_better():
    assert rag_rating(D("90"), D("100"), "higher") == Rag.AMBER
    assert rag_rating(D("89.99"), D("100"), "higher") == Rag.RED


def test_it_rates_above_target_green():
    assert rag_rating(D("120"), D("100"), "higher") == Rag.GREEN


def test_it_uses_target_over_value_when_lower_is_better():
    # 19 / 20 = 95% exactly: GREEN; 19 / 20.0001 just under 95%: AMBER
    assert rag_rating(D("20"), D("19"), "lower") == Rag.GREEN
    assert rag_rating(D("20.0001"), D("19"), "lower") == Rag.AMBER
    # 18 / 20 = 90% exactly: AMBER; a hair more value and it is RED
    assert rag_rating(D("20"), D("18"), "lower") == Rag.AMBER
    assert rag_rating(D("20.0001"), D("18"), "lower") == Rag.RED


def test_it_rates_zero_value_green_when_lower_is_better():
    assert rag_rating(D("0"), D("5"), "lower") == Rag.GREEN
    assert rag_rating(0, 0, "lower") == Rag.GREEN


def test_it_rates_zero_value_red_when_higher_is_better():
    assert rag_rating(D("0"), D("90"), "higher") == Rag.RED


def test_a_zero_target_is_met_by_any_value_when_higher_is_better():
    assert rag_rating(D("0"), D("0"), "higher") == Rag.GREEN


@pytest.mark.parametrize("target", [None, ""])
def test_it_does_not_rate_without_a_target(target):
    assert rag_rating(D("50"), target, "higher") == Rag.NOT_RATED


def test_it_does_not_rate_a_missing_value():
    assert rag_rating(None, D("50"), "higher") == Rag.NOT_RATED


def test_it_does_not_rate_polarity_neither():
    assert rag_rating(D("50"), D("50"), "neither") == Rag.NOT_RATED


def test_it_uses_exact_decimals_not_floats():
    # 0.95 * 100 is not exactly 95 in binary floating point; Decimal keeps it GREEN.
    assert rag_rating("85.5", "90", "higher") == Rag.GREEN  # 85.5 / 90 = 95% exactly
    assert rag_rating(85.5, 90, "higher") == Rag.GREEN


def test_thresholds_can_be_given_explicitly():
    assert rag_rating(D("96"), D("100"), "higher", green_pct=97, amber_pct=90) == Rag.AMBER


def test_thresholds_come_from_settings(settings):
    settings.RAG_GREEN_PCT = 98
    settings.RAG_AMBER_PCT = 80
    assert rag_rating(D("97"), D("100"), "higher") == Rag.AMBER
    assert rag_rating(D("80"), D("100"), "higher") == Rag.AMBER
    assert rag_rating(D("79.9"), D("100"), "higher") == Rag.RED


def test_achievement_is_value_over_target_or_target_over_value():
    assert achievement_pct(D("45"), D("50"), "higher") == D("90")
    assert achievement_pct(D("50"), D("45"), "lower") == D("90")
    assert achievement_pct(D("50"), None, "lower") is None


def test_labels_read_as_words():
    assert [r.label for r in Rag] == ["Green", "Amber", "Red", "Not rated"]
