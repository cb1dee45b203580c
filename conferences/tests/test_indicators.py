"""The indicator arithmetic on hand-made cases (no database)."""

import datetime as dt
from decimal import Decimal

from conferences import indicators as ind
from conferences.indicators import AnswerFact, ConferenceFact, InvitationFact

D = dt.date


def test_percent_rounds_half_up_to_one_decimal_place():
    assert ind.percent(1, 8) == Decimal("12.5")
    assert ind.percent(1, 3) == Decimal("33.3")
    assert ind.percent(2, 3) == Decimal("66.7")
    assert ind.percent(1, 16) == Decimal("6.3")  # 6.25 -> 6.3 (half up, not to even)
    assert ind.percent(0, 5) == Decimal("0.0")


def test_no_denominator_means_no_figure_not_zero():
    assert ind.percent(0, 0) is None
    rows = ind.compute(conferences=[], start=D(2025, 4, 1), end=D(2026, 3, 31))
    assert all(r == [] for r in rows.values())


def test_plan_lasting_exactly_two_years_counts_one_day_less_does_not():
    assert ind.lasted_two_years(D(2023, 5, 10), D(2025, 5, 10))
    assert not ind.lasted_two_years(D(2023, 5, 10), D(2025, 5, 9))
    assert ind.lasted_two_years(D(2024, 2, 29), D(2026, 2, 28))


def test_financial_year_runs_april_to_march():
    assert ind.financial_year_of(D(2025, 3, 31)) == (D(2024, 4, 1), D(2025, 3, 31))
    assert ind.financial_year_of(D(2025, 4, 1)) == (D(2025, 4, 1), D(2026, 3, 31))


def test_monthly_rows_per_indicator():
    conferences = [
        ConferenceFact(D(2025, 5, 2), "initial", True, "plan_made", False, D(2025, 5, 2)),
        ConferenceFact(D(2025, 5, 9), "initial", False, "plan_made", True, D(2025, 5, 9)),
        ConferenceFact(D(2025, 5, 20), "initial", True, "no_plan"),
        ConferenceFact(D(2025, 5, 21), "review", True, "plan_continued", False, D(2025, 2, 1)),
        ConferenceFact(D(2025, 6, 3), "review", False, "plan_ended", False, D(2023, 6, 3), D(2025, 6, 3)),
        ConferenceFact(D(2025, 6, 4), "review", True, "plan_ended", False, D(2024, 6, 5), D(2025, 6, 4)),
        ConferenceFact(D(2025, 6, 5), "review", None, "plan_continued"),  # not measurable
        ConferenceFact(D(2025, 6, 6), "transfer_in", None, "plan_made", False, D(2025, 6, 6)),
    ]
    invitations = [
        InvitationFact(D(2025, 5, 2), True, True),
        InvitationFact(D(2025, 5, 2), False, False),
        InvitationFact(D(2025, 5, 9), True, False),
        InvitationFact(D(2025, 6, 3), True, True),
    ]
    answers = [AnswerFact(D(2025, 5, 2), s) for s in (5, 4, 3, 2)] + [AnswerFact(D(2025, 6, 3), 4)]
    rows = ind.compute(
        conferences=conferences, invitations=invitations, answers=answers, start=D(2025, 4, 1), end=D(2026, 3, 31)
    )
    may, june = (D(2025, 5, 1), D(2025, 5, 31)), (D(2025, 6, 1), D(2025, 6, 30))

    def figures(code):
        return {
            (r["period_start"], r["period_end"]): (r["numerator"], r["denominator"], r["value"]) for r in rows[code]
        }

    assert figures(ind.ICPC_15WD) == {may: (2, 3, Decimal("66.7"))}
    assert figures(ind.REVIEWS_IN_TIME) == {may: (1, 1, Decimal("100.0")), june: (1, 2, Decimal("50.0"))}
    assert figures(ind.SECOND_PLAN) == {may: (1, 2, Decimal("50.0")), june: (0, 1, Decimal("0.0"))}
    assert figures(ind.PLANS_ENDED_2YRS) == {june: (1, 2, Decimal("50.0"))}
    assert figures(ind.AGENCY_ATTENDANCE) == {may: (2, 3, Decimal("66.7")), june: (1, 1, Decimal("100.0"))}
    assert figures(ind.REPORTS_ON_TIME) == {may: (1, 3, Decimal("33.3")), june: (1, 1, Decimal("100.0"))}
    assert figures(ind.QUESTIONNAIRE_SATISFACTION) == {may: (2, 4, Decimal("50.0")), june: (1, 1, Decimal("100.0"))}

    yearly = ind.compute(
        conferences=conferences,
        invitations=invitations,
        answers=answers,
        start=D(2025, 4, 1),
        end=D(2026, 3, 31),
        period="year",
    )
    fy = (D(2025, 4, 1), D(2026, 3, 31))
    assert [
        (r["period_start"], r["period_end"], r["numerator"], r["denominator"]) for r in yearly[ind.REVIEWS_IN_TIME]
    ] == [(*fy, 2, 3)]


def test_events_outside_the_window_are_left_out():
    conferences = [
        ConferenceFact(D(2025, 3, 31), "initial", True),
        ConferenceFact(D(2025, 4, 1), "initial", False),
    ]
    rows = ind.compute(conferences=conferences, start=D(2025, 4, 1), end=D(2025, 4, 30))
    assert [(r["numerator"], r["denominator"]) for r in rows[ind.ICPC_15WD]] == [(0, 1)]


def test_a_plan_ended_counts_in_the_month_it_ended():
    conferences = [ConferenceFact(D(2025, 7, 1), "review", True, "plan_ended", False, D(2023, 1, 1), D(2025, 6, 30))]
    rows = ind.compute(conferences=conferences, start=D(2025, 4, 1), end=D(2026, 3, 31))
    assert [r["period_start"] for r in rows[ind.PLANS_ENDED_2YRS]] == [D(2025, 6, 1)]
