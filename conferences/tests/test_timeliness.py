"""The conference timescales, pinned on both sides of each boundary (no database)."""

import datetime as dt

from conferences import timeliness as t
from conferences.timeliness import Sitting

D = dt.date


def test_add_months_clips_to_the_end_of_a_shorter_month():
    assert t.add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert t.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert t.add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)
    assert t.add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert t.add_months(D(2025, 3, 15), 12) == D(2026, 3, 15)


def test_icpc_on_working_day_15_is_timely_and_day_16_is_late():
    # Monday 3 March 2025: no bank holidays until Good Friday 18 April.
    start = D(2025, 3, 3)
    assert t.icpc_due(start) == D(2025, 3, 24)
    assert t.icpc_working_days(start, D(2025, 3, 24)) == 15
    assert t.icpc_is_timely(start, D(2025, 3, 24))
    assert not t.icpc_is_timely(start, D(2025, 3, 25))


def test_icpc_weekends_do_not_count():
    # Friday 7 March 2025: the weekend after is not counted, so day 15 is Friday 28 March.
    assert t.icpc_due(D(2025, 3, 7)) == D(2025, 3, 28)
    # A conference on the Saturday after the due date is still after it.
    assert not t.icpc_is_timely(D(2025, 3, 7), D(2025, 3, 31))


def test_icpc_across_christmas_skips_the_bank_holidays():
    # Enquiry starts Monday 15 December 2025. Working days: 16-19 (4), 22-24 (3), 29-31 (3),
    # then 2 Jan (1) [25, 26 Dec and 1 Jan are bank holidays], 5-8 Jan (4) = 15 on Thursday 8 Jan.
    start = D(2025, 12, 15)
    assert t.icpc_due(start) == D(2026, 1, 8)
    assert t.icpc_is_timely(start, D(2026, 1, 8))
    assert not t.icpc_is_timely(start, D(2026, 1, 9))


def test_icpc_across_christmas_with_substitute_bank_holidays():
    # 2021: Christmas Day and Boxing Day fell at the weekend; 27 and 28 December were the
    # substitute bank holidays and 3 January 2022 substituted for New Year's Day (a Saturday).
    start = D(2021, 12, 17)  # Friday
    # 20-24 Dec (5), 29-31 Dec (3), 4-7 Jan (4), 10-12 Jan (3) = 15 on Wednesday 12 Jan.
    assert t.icpc_due(start) == D(2022, 1, 12)
    assert not t.icpc_is_timely(start, D(2022, 1, 13))


def test_icpc_across_easter_skips_good_friday_and_easter_monday():
    # Easter 2025: Good Friday 18 April, Easter Monday 21 April.
    start = D(2025, 4, 10)  # Thursday
    # 11 (1), 14-17 (4), 22-25 (4), 28 Apr-2 May (5), 6 May (1; 5 May is a bank holiday) = 15.
    assert t.icpc_due(start) == D(2025, 5, 6)
    assert t.icpc_is_timely(start, D(2025, 5, 6))
    assert not t.icpc_is_timely(start, D(2025, 5, 7))


def test_icpc_before_the_enquiry_is_not_timely():
    assert not t.icpc_is_timely(D(2025, 3, 10), D(2025, 3, 7))


def test_first_review_due_three_months_after_the_initial_conference():
    assert t.review_due(t.INITIAL, D(2025, 1, 15)) == D(2025, 4, 15)
    assert t.review_due(t.TRANSFER_IN, D(2025, 1, 15)) == D(2025, 4, 15)


def test_later_reviews_due_six_months_after_the_previous_review():
    assert t.review_due(t.REVIEW, D(2025, 4, 15)) == D(2025, 10, 15)


def test_report_two_working_days_before_is_on_time_one_is_late():
    conference = D(2025, 3, 12)  # Wednesday
    assert t.report_is_on_time(D(2025, 3, 10), conference)  # Monday: 2 working days before
    assert not t.report_is_on_time(D(2025, 3, 11), conference)
    assert not t.report_is_on_time(None, conference)


def test_report_timing_counts_working_days_over_a_weekend_and_easter():
    # Conference Tuesday 22 April 2025, after Good Friday and Easter Monday: Thursday 17 April is
    # only 1 working day before it, Wednesday 16 April is 2.
    assert t.report_is_on_time(D(2025, 4, 16), D(2025, 4, 22))
    assert not t.report_is_on_time(D(2025, 4, 17), D(2025, 4, 22))
    # Friday before a Monday conference is only 1 working day.
    assert not t.report_is_on_time(D(2025, 3, 7), D(2025, 3, 10))


def test_assess_child_walks_the_review_clock():
    sittings = [
        Sitting("icpc", t.INITIAL, D(2025, 1, 20), D(2025, 1, 2)),
        Sitting("r1", t.REVIEW, D(2025, 4, 21)),  # due 20 April: one day late
        Sitting("r2", t.REVIEW, D(2025, 10, 21)),  # due 21 October (6 months after r1): on the day
        Sitting("r3", t.REVIEW, D(2026, 4, 22)),  # due 21 April 2026: late
    ]
    result = t.assess_child(reversed(sittings))
    assert result["icpc"].timely is True
    assert result["icpc"].working_days == 12
    assert (result["r1"].due, result["r1"].timely) == (D(2025, 4, 20), False)
    assert (result["r2"].due, result["r2"].timely) == (D(2025, 10, 21), True)
    assert (result["r3"].due, result["r3"].timely) == (D(2026, 4, 21), False)
    assert result["r2"].previous_key == "r1"


def test_a_new_initial_conference_restarts_the_three_month_clock():
    sittings = [
        Sitting("a", t.INITIAL, D(2024, 1, 10), D(2024, 1, 2)),
        Sitting("b", t.REVIEW, D(2024, 4, 10)),
        Sitting("c", t.INITIAL, D(2025, 2, 3), D(2025, 1, 20)),
        Sitting("d", t.REVIEW, D(2025, 5, 3)),
    ]
    result = t.assess_child(sittings)
    assert result["d"].due == D(2025, 5, 3)
    assert result["d"].timely is True


def test_transfer_in_is_not_measured_but_starts_the_clock():
    result = t.assess_child([Sitting("t", t.TRANSFER_IN, D(2025, 6, 2)), Sitting("r", t.REVIEW, D(2025, 9, 3))])
    assert result["t"].timely is None
    assert (result["r"].due, result["r"].timely) == (D(2025, 9, 2), False)


def test_a_review_with_no_earlier_conference_is_not_measured():
    assert t.assess_child([Sitting("r", t.REVIEW, D(2025, 6, 2))])["r"].timely is None
