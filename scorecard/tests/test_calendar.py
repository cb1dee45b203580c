"""The data calendar's rules, without a database."""

import datetime as dt
from decimal import Decimal

import pytest

from scorecard import calendar as c

D = dt.date


def test_periods_are_months_calendar_quarters_and_financial_years():
    assert c.period_containing("monthly", D(2026, 2, 14)) == (D(2026, 2, 1), D(2026, 2, 28))
    assert c.period_containing("quarterly", D(2026, 5, 3)) == (D(2026, 4, 1), D(2026, 6, 30))
    assert c.period_containing("annual", D(2026, 3, 31)) == (D(2025, 4, 1), D(2026, 3, 31))
    assert c.previous_periods("monthly", D(2026, 1, 10), 2) == [
        (D(2025, 12, 1), D(2025, 12, 31)),
        (D(2025, 11, 1), D(2025, 11, 30)),
    ]


def test_the_steps_fall_on_working_days():
    # Due Friday 15 May 2026: a week before is Friday 8 May (VE day is not a bank holiday in
    # 2026); chase 5 working days later (Fri 22 May); missing after 10 (Mon 25 May is the
    # spring bank holiday, so Mon 1 Jun... counted: 18,19,20,21,22,26,27,28,29, 1 Jun).
    steps = c.step_dates(D(2026, 5, 15))
    assert steps == {
        "week_before": D(2026, 5, 8),
        "due_day": D(2026, 5, 15),
        "chase": D(2026, 5, 22),
        "missing": D(2026, 6, 1),
    }


def test_a_due_date_at_the_weekend_reminds_on_the_monday_and_the_friday_before():
    steps = c.step_dates(D(2026, 11, 15))  # a Sunday
    assert steps["due_day"] == D(2026, 11, 16)
    assert steps["week_before"] == D(2026, 11, 6)  # Sunday 8th -> Friday 6th


def test_step_on_names_the_step_of_the_day_or_none():
    assert c.step_on(D(2026, 5, 15), D(2026, 5, 22)) == "chase"
    assert c.step_on(D(2026, 5, 15), D(2026, 5, 21)) is None


@pytest.mark.parametrize(
    ("today", "submitted", "expected"),
    [
        (D(2026, 5, 1), None, "not_due"),
        (D(2026, 5, 8), None, "due"),
        (D(2026, 5, 15), None, "due"),
        (D(2026, 5, 29), None, "overdue"),
        (D(2026, 6, 1), None, "missing"),
        (D(2026, 6, 1), D(2026, 5, 15), "on_time"),
        (D(2026, 6, 1), D(2026, 5, 19), "late"),
    ],
)
def test_state(today, submitted, expected):
    assert c.state(D(2026, 5, 15), today, submitted) == expected


def test_days_late_counts_calendar_days_and_never_goes_negative():
    assert c.days_late(D(2026, 5, 15), D(2026, 5, 19)) == 4
    assert c.days_late(D(2026, 5, 15), D(2026, 5, 2)) == 0


def test_the_partnership_percentage_comes_from_numerators_and_denominators_not_an_average():
    # 10 of 1,000 (1%) and 25 of 50 (50%): the partnership is 35 / 1,050 = 3.33%, not 25.5%.
    num, den, value = c.partnership_value("percentage", [(Decimal(10), Decimal(1000)), (Decimal(25), Decimal(50))])
    assert (num, den) == (Decimal(35), Decimal(1050))
    assert value.quantize(Decimal("0.01")) == Decimal("3.33")


def test_counts_add_up_and_rates_scale_to_ten_thousand():
    assert c.partnership_value("count", [(Decimal(3), None), (Decimal(4), None)]) == (Decimal(7), None, Decimal(7))
    assert c.partnership_value("rate_per_10000", [(Decimal(5), Decimal(2000)), (Decimal(5), Decimal(3000))])[
        2
    ] == Decimal(20)


def test_no_returns_or_no_denominator_gives_no_value_never_zero():
    assert c.partnership_value("percentage", []) == (None, None, None)
    assert c.partnership_value("percentage", [(Decimal(0), Decimal(0))])[2] is None
