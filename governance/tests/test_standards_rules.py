"""The pure rules of the partnership's own standards and workforce returns (no database)."""

import datetime as dt
from decimal import Decimal

from governance import rules


def test_it_adds_calendar_months():
    assert rules.add_months(dt.date(2026, 1, 15), 3) == dt.date(2026, 4, 15)
    assert rules.add_months(dt.date(2025, 11, 3), 3) == dt.date(2026, 2, 3)


def test_it_takes_the_last_day_of_a_shorter_month():
    assert rules.add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)
    assert rules.add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert rules.add_months(dt.date(2026, 5, 31), 3) == dt.date(2026, 8, 31)


def test_it_goes_back_across_a_year():
    assert rules.add_months(dt.date(2026, 2, 10), -3) == dt.date(2025, 11, 10)


def test_the_follow_up_falls_due_three_months_after_the_course():
    assert rules.follow_up_due(dt.date(2026, 3, 10)) == dt.date(2026, 6, 10)


def test_the_follow_up_is_refused_the_day_before_it_falls_due():
    problem = rules.follow_up_problem(dt.date(2026, 3, 10), dt.date(2026, 6, 9))
    assert problem == "The 3-month follow-up opens on 10 June 2026, three months after the course."


def test_the_follow_up_opens_on_the_day_it_falls_due():
    assert rules.follow_up_problem(dt.date(2026, 3, 10), dt.date(2026, 6, 10)) is None


def test_the_response_rate_is_responses_over_people_who_attended_to_one_place():
    assert rules.response_rate(4, 10) == Decimal("40.0")
    assert rules.response_rate(2, 3) == Decimal("66.7")


def test_there_is_no_response_rate_when_nobody_attended():
    assert rules.response_rate(0, 0) is None


def test_the_share_meeting_a_criterion_is_of_those_who_answered():
    assert rules.criterion_share(3, 4) == Decimal("75.0")
    assert rules.criterion_share(1, 3) == Decimal("33.3")


def test_a_criterion_no_one_answered_has_no_share_rather_than_zero():
    assert rules.criterion_share(0, 0) is None


GOOD = {"staff_in_contact": 100, "trained": 90, "safeguarding_posts": 10, "vacancies": 2, "leavers": 3}


def test_a_return_that_adds_up_has_no_problems():
    assert rules.workforce_problems(**GOOD) == {}


def test_more_trained_than_in_contact_is_refused():
    problems = rules.workforce_problems(**{**GOOD, "trained": 101})
    assert problems == {"trained": "Staff trained (101) cannot be more than the staff in contact with children (100)."}


def test_more_vacancies_than_posts_is_refused():
    problems = rules.workforce_problems(**{**GOOD, "vacancies": 11})
    assert problems == {"vacancies": "Vacant posts (11) cannot be more than the posts in safeguarding roles (10)."}


def test_a_negative_or_missing_figure_is_refused():
    assert rules.workforce_problems(**{**GOOD, "leavers": -1}) == {"leavers": "Enter a whole number, 0 or more."}
    assert rules.workforce_problems(**{**GOOD, "staff_in_contact": None}) == {
        "staff_in_contact": "Enter a whole number, 0 or more."
    }


def test_more_leavers_than_posts_is_allowed_turnover_above_100_percent():
    assert rules.workforce_problems(**{**GOOD, "leavers": 12}) == {}
    assert rules.workforce_rates(**{**GOOD, "leavers": 12})["turnover_pct"] == Decimal("120.0")


def test_the_workforce_rates():
    assert rules.workforce_rates(**GOOD) == {
        "trained_pct": Decimal("90.0"),
        "vacancy_pct": Decimal("20.0"),
        "turnover_pct": Decimal("30.0"),
    }


def test_a_rate_with_nothing_to_divide_by_is_none():
    rates = rules.workforce_rates(staff_in_contact=0, trained=0, safeguarding_posts=0, vacancies=0, leavers=0)
    assert rates == {"trained_pct": None, "vacancy_pct": None, "turnover_pct": None}
