"""The pure CDOP rules, pinned at their boundaries (no database)."""

import datetime as dt

import pytest

from cdop import rules
from cdop.tests.labels import AGE_BANDS

TODAY = dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("years", "days", "band"),
    [
        (0, 0, "neonatal"),
        (0, 27, "neonatal"),
        (0, 28, "infant"),
        (0, 365, "infant"),
        (1, None, "1-4"),
        (4, None, "1-4"),
        (5, None, "5-9"),
        (9, None, "5-9"),
        (10, None, "10-14"),
        (14, None, "10-14"),
        (15, None, "15-17"),
        (17, None, "15-17"),
    ],
)
def test_it_derives_the_national_age_band(years, days, band):
    assert rules.age_band(years, days) == band


def test_the_six_bands_are_labelled_as_published():
    assert [label for _, label in rules.AGE_BANDS] == list(AGE_BANDS)


@pytest.mark.parametrize(
    ("years", "days", "fragment"),
    [
        (18, None, "between 0 and 17"),
        (-1, None, "between 0 and 17"),
        (None, None, "completed years"),
        (0, None, "completed days"),
        (0, 366, "between 0 and 365"),
        (0, -1, "between 0 and 365"),
        (3, 10, "Leave the age in days empty"),
    ],
)
def test_it_refuses_an_impossible_age(years, days, fragment):
    assert fragment in rules.age_problem(years, days)
    if years is not None:
        with pytest.raises(ValueError):
            rules.age_band(years, days)


def test_a_death_after_notification_is_refused():
    problems = rules.date_problems(date_of_death=dt.date(2025, 6, 2), date_notified=dt.date(2025, 6, 1), today=TODAY)
    assert problems == {"date_of_death": "The date of death cannot be after the date the panel was notified."}


def test_a_death_on_the_day_of_notification_is_fine():
    assert rules.date_problems(date_of_death=TODAY, date_notified=TODAY, today=TODAY) == {}


def test_dates_in_the_future_are_refused():
    tomorrow = TODAY + dt.timedelta(days=1)
    problems = rules.date_problems(date_of_death=tomorrow, date_notified=tomorrow, today=TODAY)
    assert problems["date_of_death"] == "The date of death cannot be in the future."
    assert problems["date_notified"] == "The date notified cannot be in the future."


def test_a_review_before_the_death_is_refused():
    death = dt.date(2025, 3, 1)
    assert "cannot be before the date of death" in rules.dated_after_death_problem(
        label="panel review", when=death - dt.timedelta(days=1), date_of_death=death, today=TODAY
    )
    assert rules.dated_after_death_problem(label="panel review", when=death, date_of_death=death, today=TODAY) is None
    assert "future" in rules.dated_after_death_problem(
        label="panel review", when=TODAY + dt.timedelta(days=1), date_of_death=death, today=TODAY
    )


@pytest.mark.parametrize("score", ["0", "1", "1*", "2", "3"])
def test_the_national_scale_has_five_scores_including_one_star(score):
    assert rules.score_problem(score) is None


@pytest.mark.parametrize("score", ["4", "-1", "1**", "2*", "one", " 1"])
def test_scores_off_the_scale_are_refused(score):
    assert "not on the scale" in rules.score_problem(score)


def test_a_missing_score_is_refused():
    assert rules.score_problem("") == "Choose a score for this domain."


def test_one_star_is_a_distinct_value_meaning_identified_but_not_contributing():
    assert "1*" in rules.IDENTIFIED_SCORES
    assert "1*" not in rules.CONTRIBUTING_SCORES
    assert "1" not in rules.IDENTIFIED_SCORES


def test_modifiable_yes_needs_an_identified_factor():
    assert rules.modifiable_problem("yes", ["1", "1", "0", "1"]) is not None
    assert rules.modifiable_problem("yes", ["1", "1*", "1", "1"]) is None
    assert rules.modifiable_problem("no", ["1", "1", "1", "1"]) is None


def test_insufficient_information_cannot_stand_beside_a_complete_explanation():
    assert rules.modifiable_problem("insufficient", ["3", "1", "1", "1"]) is not None
    assert rules.modifiable_problem("insufficient", ["0", "1", "1", "1"]) is None


def test_the_workflow_moves_forward_and_back_one_step():
    assert rules.next_statuses("notified") == ["gathering"]
    assert rules.next_statuses("gathering") == ["awaiting_panel", "notified"]
    assert rules.next_statuses("reviewed") == ["closed"]
    assert rules.move_problem("notified", "gathering", has_review=False, open_actions=0) is None


def test_reviewed_is_reached_only_by_recording_the_review():
    assert "cannot move" in rules.move_problem("awaiting_panel", "reviewed", has_review=False, open_actions=0)


def test_closing_needs_the_review_and_no_open_recommendations():
    assert "Record the panel review" in rules.move_problem("reviewed", "closed", has_review=False, open_actions=0)
    assert "1 open recommendation" in rules.move_problem("reviewed", "closed", has_review=True, open_actions=1)
    assert rules.move_problem("reviewed", "closed", has_review=True, open_actions=0) is None


def test_a_case_is_over_target_only_after_the_target_day():
    notified = dt.date(2025, 1, 1)
    on_target_day = notified + dt.timedelta(days=182)
    assert not rules.is_over_target(
        status="awaiting_panel", date_notified=notified, today=on_target_day, target_days=182
    )
    assert rules.is_over_target(
        status="awaiting_panel", date_notified=notified, today=on_target_day + dt.timedelta(days=1), target_days=182
    )


def test_a_reviewed_case_is_never_over_target():
    assert not rules.is_over_target(status="reviewed", date_notified=dt.date(2020, 1, 1), today=TODAY, target_days=10)


# --- joint agency response ----------------------------------------------------------------------


def test_the_jar_flag_is_for_unexpected_infant_deaths_without_a_response_only():
    assert rules.jar_missing_flag(unexpected=True, age_years=0, jar_held=False)
    assert not rules.jar_missing_flag(unexpected=True, age_years=0, jar_held=True)
    assert not rules.jar_missing_flag(unexpected=True, age_years=1, jar_held=False)
    assert not rules.jar_missing_flag(unexpected=False, age_years=0, jar_held=False)


def test_a_jar_on_the_day_after_the_death_is_within_the_timescale_two_days_after_is_not():
    death = dt.date(2025, 1, 10)
    assert rules.jar_within_timescale(death, dt.date(2025, 1, 11))
    assert not rules.jar_within_timescale(death, dt.date(2025, 1, 12))


def test_a_late_jar_with_its_reason_is_accepted():
    problems = rules.jar_problems(
        unexpected=True,
        held=True,
        jar_date=dt.date(2025, 1, 14),
        reason="Bank holiday weekend; police attended at once.",
        date_of_death=dt.date(2025, 1, 10),
        today=dt.date(2025, 2, 1),
    )
    assert problems == {}


def test_an_unexplained_death_with_a_complete_explanation_is_a_contradiction():
    problem = rules.category_problem(category_code="sudi", scores=["1", "3", "1", "1"], expected=False)
    assert problem.startswith("An unexplained death cannot have a domain scored 3")
    assert rules.category_problem(category_code="sudi", scores=["1", "2", "1", "1"], expected=False) is None


def test_an_expected_death_of_an_external_cause_is_a_contradiction():
    assert "external cause" in rules.category_problem(category_code="trauma", scores=["1"] * 4, expected=True)
    assert rules.category_problem(category_code="chronic", scores=["1"] * 4, expected=True) is None


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("white-british", "white"),
        ("white-gypsy", "white"),
        ("mixed-wbc", "mixed"),
        ("asian-pakistani", "asian"),
        ("asian-chinese", "asian"),
        ("black-african", "black"),
        ("other-arab", "other"),
        ("not-stated", "not_known"),
        (None, "not_known"),
        ("", "not_known"),
        ("whiteish", "not_known"),
    ],
)
def test_an_ethnicity_falls_in_its_high_level_group(code, group):
    assert rules.ethnic_group(code) == group


def test_every_ethnicity_on_the_list_has_its_group():
    import csv

    from cdop.framework import DATA_DIR

    starts = {"white": "White", "mixed": "Mixed", "asian": "Asian", "black": "Black", "other": "Other ethnic group"}
    with (DATA_DIR / "ethnicities.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        group = rules.ethnic_group(row["code"])
        if row["code"] == "not-stated":
            assert group == rules.NOT_KNOWN
        else:
            assert row["name"].startswith(starts[group]), row


@pytest.mark.parametrize(
    ("fy_start", "available", "used"),
    [
        (2024, [2022, 2023, 2024], 2024),  # 2024-25 divides by mid-2024
        (2025, [2022, 2023, 2024], 2024),  # not yet published: the latest before it
        (2021, [2022, 2023], None),  # nothing that early
        (2022, [2022], 2022),
    ],
)
def test_the_population_year_of_a_financial_year(fy_start, available, used):
    assert rules.population_year(fy_start, available) == used


def test_both_bands_under_one_share_the_population_aged_under_one():
    assert {band for band, _ in rules.AGE_BANDS} == set(rules.POPULATION_GROUP_OF_BAND)
    assert rules.POPULATION_GROUP_OF_BAND["neonatal"] == rules.POPULATION_GROUP_OF_BAND["infant"] == "0"
