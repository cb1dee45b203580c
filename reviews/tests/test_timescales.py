"""The national timescales, pinned across weekends, Christmas and Easter (no database)."""

import datetime as dt

import pytest

from reviews import timescales as ts

D = dt.date


# --- notification: within 5 working days of becoming aware -----------------------------------


def test_it_counts_a_plain_week():
    # Aware Monday 3 March 2025: the fifth working day after is Monday 10 March.
    assert ts.due_date(D(2025, 3, 3), 5) == D(2025, 3, 10)


def test_it_skips_the_weekend():
    # Aware Friday 7 March 2025: Mon 10 .. Fri 14 are the five working days.
    aware = D(2025, 3, 7)
    assert ts.notification(aware, D(2025, 3, 14), D(2025, 4, 1)).state == ts.ON_TIME
    assert ts.notification(aware, D(2025, 3, 17), D(2025, 4, 1)).state == ts.LATE


def test_notifying_on_the_saturday_after_the_due_friday_is_still_five_working_days():
    aware = D(2025, 3, 7)
    step = ts.notification(aware, D(2025, 3, 15), D(2025, 4, 1))
    assert step.taken == 5
    assert step.state == ts.ON_TIME


def test_the_same_day_is_zero_working_days_and_on_time():
    step = ts.notification(D(2025, 3, 3), D(2025, 3, 3), D(2025, 3, 3))
    assert step.taken == 0
    assert step.state == ts.ON_TIME


@pytest.mark.parametrize(
    ("aware", "due", "late", "today"),
    [
        # Aware Monday 23 Dec 2024: Tue 24, Fri 27, Mon 30, Tue 31, Thu 2 Jan (25, 26 Dec and 1 Jan are bank
        # holidays).
        pytest.param(D(2024, 12, 23), D(2025, 1, 2), D(2025, 1, 3), D(2025, 2, 1), id="christmas-and-new-year"),
        # Christmas 2021 fell on a weekend: Mon 27 and Tue 28 Dec were bank holidays, and Mon 3 Jan 2022 for
        # New Year.
        pytest.param(D(2021, 12, 24), D(2022, 1, 5), D(2022, 1, 6), D(2022, 2, 1), id="substitute-christmas-days"),
        # Aware Wed 16 April 2025: Thu 17, (Good Friday 18, Easter Monday 21), Tue 22, Wed 23, Thu 24, Fri 25.
        pytest.param(D(2025, 4, 16), D(2025, 4, 25), D(2025, 4, 28), D(2025, 5, 1), id="good-friday-and-easter"),
    ],
)
def test_a_notification_skips_bank_holidays(aware, due, late, today):
    assert ts.due_date(aware, 5) == due
    on_the_due_day = ts.notification(aware, due, today)
    assert on_the_due_day.taken == 5
    assert on_the_due_day.state == ts.ON_TIME
    assert ts.notification(aware, late, today).state == ts.LATE


# --- rapid review: within 15 working days of the notification --------------------------------


@pytest.mark.parametrize(
    ("notified", "due", "late", "today"),
    [
        # Notified Thu 10 April 2025: 15 working days, skipping Good Friday, Easter Monday and Mon 5 May.
        pytest.param(D(2025, 4, 10), D(2025, 5, 6), D(2025, 5, 7), D(2025, 6, 1), id="easter-and-early-may"),
        pytest.param(D(2025, 3, 3), D(2025, 3, 24), D(2025, 3, 25), D(2025, 4, 1), id="plain-three-weeks"),
    ],
)
def test_a_rapid_review_is_due_fifteen_working_days_after_the_notification(notified, due, late, today):
    assert ts.due_date(notified, 15) == due
    on_the_due_day = ts.rapid_review(notified, due, today)
    assert on_the_due_day.state == ts.ON_TIME
    assert on_the_due_day.compliant is True
    too_late = ts.rapid_review(notified, late, today)
    assert too_late.state == ts.LATE
    assert too_late.compliant is False


def test_rapid_review_due_across_christmas():
    # Notified Fri 13 Dec 2024: Mon 16..Fri 20 (5), Mon 23, Tue 24, Fri 27, Mon 30, Tue 31 (10),
    # Thu 2, Fri 3, Mon 6, Tue 7, Wed 8 Jan 2025 (15).
    notified = D(2024, 12, 13)
    assert ts.due_date(notified, 15) == D(2025, 1, 8)
    step = ts.rapid_review(notified, D(2025, 1, 9), D(2025, 2, 1))
    assert step.taken == 16
    assert step.state == ts.LATE


# --- steps not yet done ----------------------------------------------------------------------


def test_a_step_not_done_is_open_until_its_due_day_and_overdue_after():
    aware = D(2025, 3, 7)  # due Fri 14 March
    assert ts.notification(aware, None, D(2025, 3, 14)).state == ts.OPEN
    assert ts.notification(aware, None, D(2025, 3, 16)).state == ts.OPEN  # Sunday: still no working day missed
    assert ts.notification(aware, None, D(2025, 3, 15)).compliant is None
    assert ts.notification(aware, None, D(2025, 3, 17)).state == ts.OVERDUE
    assert ts.notification(aware, None, D(2025, 3, 17)).compliant is False


def test_the_rapid_review_waits_for_a_notification_date():
    step = ts.rapid_review(None, None, D(2025, 3, 17))
    assert step.state == ts.WAITING
    assert step.due is None


def test_only_notifiable_kinds_have_a_timeline():
    args = {"became_aware_on": D(2025, 3, 3), "notified_on": D(2025, 3, 5), "rapid_review_on": None}
    for kind in ("rapid", "local_cspr", "national"):
        steps = ts.timeline(kind=kind, today=D(2025, 3, 6), **args)
        assert [s.step for s in steps] == ["notification", "rapid_review"]
    for kind in ("scr", "learning", "management"):
        assert ts.timeline(kind=kind, today=D(2025, 3, 6), **args) == []


def test_each_state_has_a_label():
    assert ts.notification(D(2025, 3, 7), D(2025, 3, 17), D(2025, 4, 1)).state_label == "Late"
    assert ts.notification(D(2025, 3, 7), D(2025, 3, 14), D(2025, 4, 1)).state_label == "On time"


def test_a_step_done_before_it_started_is_on_time_not_an_error():
    # Dates out of order are refused by the services; the rule itself stays total.
    assert ts.step_state(D(2025, 3, 7), D(2025, 3, 6), 5, D(2025, 4, 1)) == ts.ON_TIME


def test_compliance_counts_each_state_per_step():
    today = D(2025, 4, 1)
    on_time = ts.timeline(
        kind="rapid", became_aware_on=D(2025, 3, 3), notified_on=D(2025, 3, 5), rapid_review_on=None, today=today
    )
    late = ts.timeline(
        kind="rapid",
        became_aware_on=D(2025, 3, 3),
        notified_on=D(2025, 3, 20),
        rapid_review_on=D(2025, 3, 21),
        today=today,
    )
    counts = ts.compliance([on_time, late, []])
    assert counts["notification"]["on_time"] == 1
    assert counts["notification"]["late"] == 1
    assert counts["rapid_review"]["overdue"] == 1  # notified 5 March, due 26 March, not done by 1 April
    assert counts["rapid_review"]["on_time"] == 1
