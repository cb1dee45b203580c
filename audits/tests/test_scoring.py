"""Per-standard scoring and grade spread, pinned without a database."""

from decimal import Decimal

import pytest

from audits.scoring import Score, grade_distribution, score_of, tabulate, total
from bscp_portal.lib.rounding import percent as pct


def test_percentages_leave_out_not_applicable_answers():
    s = score_of({"met": 3, "partly": 1, "not_met": 0, "na": 6})
    assert s.applicable == 4
    assert s.pct_met == Decimal("75.0")
    assert s.pct_partly == Decimal("25.0")
    assert s.pct_not_met == Decimal("0.0")


def test_compliance_counts_partly_met_as_half():
    assert score_of({"met": 1, "partly": 1, "not_met": 2}).compliance == Decimal("37.5")
    assert score_of({"met": 4}).compliance == Decimal("100.0")
    assert score_of({"not_met": 4}).compliance == Decimal("0.0")


def test_percentages_round_half_up_to_one_decimal_place():
    assert pct(1, 3) == Decimal("33.3")
    assert pct(2, 3) == Decimal("66.7")
    assert pct(1, 8) == Decimal("12.5")
    assert pct(1, 16) == Decimal("6.3")  # 6.25 rounds up


def test_no_applicable_answer_is_no_data_not_zero():
    s = score_of({"na": 3})
    assert s.pct_met is None and s.compliance is None
    assert Score().compliance is None


def test_an_answer_outside_the_scale_is_refused():
    with pytest.raises(ValueError, match="outside the scale"):
        score_of({"met": 1, "yes": 2})


def test_tabulate_groups_rows_by_key():
    rows = [(1, "met", 2), (1, "not_met", 2), (2, "partly", 1), (1, "met", 1)]
    scores = tabulate(rows)
    assert scores[1] == Score(met=3, not_met=2)
    assert scores[2].compliance == Decimal("50.0")


def test_total_adds_scores():
    assert total([Score(1, 2, 3, 4), Score(1, 0, 0, 1)]) == Score(2, 2, 3, 5)


def test_grade_distribution_covers_the_whole_scale_best_first():
    spread = grade_distribution(["good", "good", "inadequate", ""])
    assert spread == [
        ("outstanding", 0, Decimal("0.0")),
        ("good", 2, Decimal("66.7")),
        ("requires_improvement", 0, Decimal("0.0")),
        ("inadequate", 1, Decimal("33.3")),
    ]
    assert grade_distribution([])[0] == ("outstanding", 0, None)
    with pytest.raises(ValueError):
        grade_distribution(["excellent"])
