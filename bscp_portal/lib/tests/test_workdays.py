"""Working days in England and Wales, pinned across the holidays that catch people out."""

import datetime as dt

import pytest

from bscp_portal.lib.workdays import add_working_days, is_working_day, working_days_between

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        pytest.param(D(2024, 3, 4), D(2024, 3, 4), 0, id="the same day is zero"),
        pytest.param(D(2024, 3, 4), D(2024, 3, 5), 1, id="the next working day is one"),
        # Friday to Monday is one working day.
        pytest.param(D(2024, 3, 8), D(2024, 3, 11), 1, id="weekends are skipped"),
        # Mon 23 Dec 2024 -> Fri 27 Dec 2024: 24th and 27th count; 25th, 26th are bank holidays.
        pytest.param(D(2024, 12, 23), D(2024, 12, 27), 2, id="christmas and boxing day are skipped"),
        # Tue 31 Dec 2024 -> Thu 2 Jan 2025: 1 Jan is a bank holiday.
        pytest.param(D(2024, 12, 31), D(2025, 1, 2), 1, id="new year is skipped"),
        # Thu 28 Mar 2024 -> Wed 3 Apr 2024: Good Friday 29th and Easter Monday 1 Apr excluded.
        pytest.param(D(2024, 3, 28), D(2024, 4, 3), 2, id="good friday and easter monday are skipped"),
        pytest.param(D(2024, 3, 11), D(2024, 3, 8), -1, id="backwards is negative"),
    ],
)
def test_it_counts_working_days_between(start, end, days):
    assert working_days_between(start, end) == days


def test_it_skips_a_substitute_bank_holiday():
    # Christmas Day 2022 fell on a Sunday; Tuesday 27 Dec 2022 was the substitute day.
    assert not is_working_day(D(2022, 12, 27))
    assert working_days_between(D(2022, 12, 23), D(2022, 12, 28)) == 1


def test_it_treats_scottish_only_holidays_as_working_days():
    # 2 January is a bank holiday in Scotland only.
    assert is_working_day(D(2025, 1, 2))


def test_add_working_days_crosses_christmas():
    # 15 working days from Fri 13 Dec 2024: skips weekends, 25, 26 Dec and 1 Jan.
    assert add_working_days(D(2024, 12, 13), 15) == D(2025, 1, 8)


def test_add_zero_working_days_is_the_same_day():
    assert add_working_days(D(2024, 12, 25), 0) == D(2024, 12, 25)


def test_add_working_days_and_between_agree():
    start = D(2025, 4, 10)  # before Easter 2025
    for n in range(0, 40):
        assert working_days_between(start, add_working_days(start, n)) == n


def test_add_negative_working_days_is_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2024, 1, 1), -1)
