"""Financial years (April to March), their quarters and "as at" dates, pinned at the edges."""

import datetime as dt

import pytest

from bscp_portal.lib.periods import (
    FinancialYear,
    Quarter,
    UnknownPeriod,
    as_at_text,
    financial_year,
    month_of,
    month_starts,
    months_asked,
    parse_month,
    quarter_of,
    recent_years,
    start_year_asked,
    start_year_of,
    year_label,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "start_year"),
    [(D(2025, 3, 31), 2024), (D(2025, 4, 1), 2025), (D(2025, 1, 1), 2024), (D(2024, 12, 31), 2024)],
)
def test_the_year_turns_on_1_april(day, start_year):
    assert start_year_of(day) == start_year


def test_it_labels_a_year_with_both_calendar_years():
    assert year_label(2024) == "2024-25"
    assert year_label(1999) == "1999-00"
    assert year_label(2009) == "2009-10"


def test_a_year_runs_from_1_april_to_31_march():
    year = financial_year(D(2025, 2, 14))
    assert year == FinancialYear(2024)
    assert (year.start, year.end) == (D(2024, 4, 1), D(2025, 3, 31))
    assert year.dates == (D(2024, 4, 1), D(2025, 3, 31))
    assert year.label == str(year) == "2024-25"


def test_it_spells_the_span_out_in_months():
    assert FinancialYear(2024).span_text == "April 2024 to March 2025"


def test_a_year_ending_in_a_leap_february_still_ends_on_31_march():
    assert FinancialYear(2023).end == D(2024, 3, 31)


def test_it_knows_the_days_it_holds():
    year = FinancialYear(2024)
    assert year.contains(D(2024, 4, 1)) and year.contains(D(2025, 3, 31))
    assert not year.contains(D(2024, 3, 31)) and not year.contains(D(2025, 4, 1))


def test_it_steps_to_the_years_either_side():
    assert FinancialYear(2024).previous().label == "2023-24"
    assert FinancialYear(2024).next().label == "2025-26"


@pytest.mark.parametrize("text", ["2024-25", " 2024-25 ", "1999-00"])
def test_it_reads_a_label_back(text):
    assert FinancialYear.parse(text).label == text.strip()


@pytest.mark.parametrize(
    ("text", "says"),
    [("2024", "write it like 2024-25"), ("2024-26", "must be the year after (2025)"), ("", "write it like")],
)
def test_it_refuses_a_label_that_is_not_a_financial_year(text, says):
    with pytest.raises(UnknownPeriod, match=says.replace("(", r"\(").replace(")", r"\)")):
        FinancialYear.parse(text)


@pytest.mark.parametrize(
    ("day", "number", "start", "end"),
    [
        (D(2024, 4, 1), 1, D(2024, 4, 1), D(2024, 6, 30)),
        (D(2024, 9, 30), 2, D(2024, 7, 1), D(2024, 9, 30)),
        (D(2024, 12, 25), 3, D(2024, 10, 1), D(2024, 12, 31)),
        (D(2025, 3, 31), 4, D(2025, 1, 1), D(2025, 3, 31)),
    ],
)
def test_quarters_start_in_april(day, number, start, end):
    quarter = quarter_of(day)
    assert quarter == Quarter(2024, number)
    assert (quarter.start, quarter.end) == (start, end)
    assert quarter.label == f"Q{number} 2024-25"


def test_a_quarter_spells_its_months_out():
    assert Quarter(2024, 1).span_text == "April to June 2024"
    assert Quarter(2024, 4).span_text == "January to March 2025"


def test_the_four_quarters_cover_the_year_without_gaps():
    quarters = FinancialYear(2024).quarters()
    assert quarters[0].start == D(2024, 4, 1) and quarters[-1].end == D(2025, 3, 31)
    for before, after in zip(quarters, quarters[1:], strict=False):
        assert after.start - before.end == dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "span"),
    [(D(2024, 2, 10), (D(2024, 2, 1), D(2024, 2, 29))), (D(2024, 12, 31), (D(2024, 12, 1), D(2024, 12, 31)))],
)
def test_a_month_runs_from_its_first_to_its_last_day(day, span):
    assert month_of(day) == span


def test_recent_years_count_back_from_this_one():
    assert [y.label for y in recent_years(D(2025, 4, 1), 3)] == ["2025-26", "2024-25", "2023-24"]


def test_as_at_dates_read_as_people_write_them():
    assert as_at_text(D(2025, 3, 31)) == "as at 31 March 2025"
    assert as_at_text(D(2025, 4, 1)) == "as at 1 April 2025"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", 2024),
        (" 2000 ", 2000),
        ("2100", 2100),
        ("1999", 2025),
        ("2101", 2025),
        ("nineteen", 2025),
        ("-2024", 2025),
        ("", 2025),
        (None, 2025),
    ],
)
def test_a_page_is_given_the_year_it_asked_for_or_this_one(text, expected):
    assert start_year_asked(text, D(2026, 3, 31)) == expected


def test_a_typed_month_is_its_first_day_and_anything_else_is_refused():
    assert parse_month(" 2025-03 ") == D(2025, 3, 1)
    for text in ("2025-13", "03/2025", "2025", ""):
        with pytest.raises(ValueError):
            parse_month(text)


def test_month_starts_run_from_the_first_month_to_the_last_across_a_year_end():
    assert month_starts(D(2024, 11, 15), D(2025, 2, 1)) == [
        D(2024, 11, 1),
        D(2024, 12, 1),
        D(2025, 1, 1),
        D(2025, 2, 1),
    ]
    assert month_starts(D(2025, 2, 1), D(2025, 1, 31)) == []


TODAY = D(2026, 3, 18)
LAST_13_MONTHS = (D(2025, 3, 1), TODAY, "")


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (None, None, LAST_13_MONTHS),
        ("", "", LAST_13_MONTHS),
        ("2025-01", "2025-02", (D(2025, 1, 1), D(2025, 2, 28), "")),
        ("2024-02", "2024-02", (D(2024, 2, 1), D(2024, 2, 29), "")),
        ("2025-09", None, (D(2025, 9, 1), TODAY, "")),
        (None, "2025-12", (D(2025, 3, 1), D(2025, 12, 31), "")),
        ("2025-13", "2026-01", (D(2025, 3, 1), TODAY, "Give months as YYYY-MM, for example 2025-03.")),
        (
            "2026-02",
            "2025-02",
            (D(2025, 3, 1), TODAY, "The first month is after the last: showing the last 12 months."),
        ),
        ("2010-01", "2025-12", (D(2020, 12, 1), D(2025, 12, 31), "")),
    ],
)
def test_a_dashboard_shows_the_months_asked_for_or_the_last_twelve_with_the_reason(first, last, expected):
    assert months_asked(first, last, TODAY) == expected
