"""The safeguarding services manager's monitoring rules, pinned without a database:
late reasons, standards met by period, chair and agency, children's questions in plain words."""

import csv
import datetime as dt
from decimal import Decimal

import pytest

from conferences import monitoring, plain_words
from conferences.framework import DATA_DIR
from conferences.monitoring import MET, NOT_APPLICABLE, NOT_MET, StandardFact

D = dt.date


# --- out of timescale: a reason from the list and what happened -----------------------------------


def test_a_late_conference_needs_a_reason_and_what_happened():
    assert set(monitoring.late_reason_problems(timely=False, reason=None, detail="")) == {
        "late_reason",
        "late_reason_detail",
    }
    assert set(monitoring.late_reason_problems(timely=False, reason="no-chair", detail="  ")) == {"late_reason_detail"}
    assert monitoring.late_reason_problems(timely=False, reason="no-chair", detail="Chairs off sick") == {}


@pytest.mark.parametrize("timely", [True, None])
def test_a_timely_or_unmeasured_conference_takes_no_reason(timely):
    assert monitoring.late_reason_problems(timely=timely, reason=None, detail="") == {}
    assert (
        "leave the reason empty"
        in monitoring.late_reason_problems(timely=timely, reason="other", detail="")["late_reason"]
    )


def test_reasons_are_counted_most_frequent_first_with_the_unexplained_too():
    rows = monitoring.reason_breakdown(["no-chair", "family-unavailable", None, "family-unavailable", "no-chair", ""])
    assert [(r.reason, r.count, r.percent) for r in rows] == [
        ("", 2, Decimal("33.3")),
        ("family-unavailable", 2, Decimal("33.3")),
        ("no-chair", 2, Decimal("33.3")),
    ]
    assert monitoring.reason_breakdown([]) == []


# --- conference standards by period, chair and agency ----------------------------------------------


def _facts():
    # Conference 1 (Ahmed, April 2025, agencies 10 and 20): met, met, not met, N/A
    # Conference 2 (Ahmed, June 2025, agency 10): met, not met
    # Conference 3 (Ellis, July 2025, agency 20): met, met, met
    rows = []
    for code, result in (("a", MET), ("b", MET), ("c", NOT_MET), ("d", NOT_APPLICABLE)):
        rows.append(StandardFact(1, D(2025, 4, 3), "Janet Ahmed", code, result, (10, 20)))
    for code, result in (("a", MET), ("b", NOT_MET)):
        rows.append(StandardFact(2, D(2025, 6, 30), "Janet Ahmed", code, result, (10,)))
    for code in ("a", "b", "c"):
        rows.append(StandardFact(3, D(2025, 7, 1), "Mark Ellis", code, MET, (20,)))
    return rows


def test_standards_by_quarter_hand_computed():
    rows = monitoring.standards_by_period(_facts())
    assert [(monitoring.quarter_label(r.key[0]), r.conferences, r.met, r.not_met, r.not_applicable) for r in rows] == [
        ("Q1 2025-26", 2, 3, 2, 1),
        ("Q2 2025-26", 1, 3, 0, 0),
    ]
    # Q1: 3 met of 5 counted (the N/A is left out) = 60.0%; Q2: 3 of 3
    assert [r.percent for r in rows] == [Decimal("60.0"), Decimal("100.0")]


def test_standards_by_chair_hand_computed():
    rows = {r.key: r for r in monitoring.standards_by_chair(_facts())}
    assert (rows["Janet Ahmed"].conferences, rows["Janet Ahmed"].percent) == (2, Decimal("60.0"))
    assert (rows["Mark Ellis"].conferences, rows["Mark Ellis"].percent) == (1, Decimal("100.0"))


def test_standards_by_agency_count_every_conference_the_agency_was_invited_to():
    rows = {r.key: r for r in monitoring.standards_by_agency(_facts())}
    # agency 10: conferences 1 and 2 = 3 met, 2 not met → 60.0%
    assert (rows[10].conferences, rows[10].met, rows[10].not_met, rows[10].percent) == (2, 3, 2, Decimal("60.0"))
    # agency 20: conferences 1 and 3 = 5 met, 1 not met → 83.3%
    assert (rows[20].conferences, rows[20].met, rows[20].not_met, rows[20].percent) == (2, 5, 1, Decimal("83.3"))


def test_a_group_with_only_not_applicable_has_no_figure():
    rows = monitoring.standards_by_standard(_facts())
    assert {r.key: r.percent for r in rows}["d"] is None


@pytest.mark.parametrize(
    ("day", "start", "end", "label"),
    [
        (D(2025, 4, 1), D(2025, 4, 1), D(2025, 6, 30), "Q1 2025-26"),
        (D(2025, 12, 31), D(2025, 10, 1), D(2025, 12, 31), "Q3 2025-26"),
        (D(2026, 3, 31), D(2026, 1, 1), D(2026, 3, 31), "Q4 2025-26"),
    ],
)
def test_financial_quarters(day, start, end, label):
    assert monitoring.financial_quarter(day) == (start, end)
    assert monitoring.quarter_label(start) == label


# --- the children's questionnaire in words a child of 8 understands ---------------------------------


def _questions():
    with open(DATA_DIR / "questions.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_childrens_question_reads_at_age_8():
    young = [q for q in _questions() if q["respondent"] == "young_person"]
    assert len(young) >= 6
    assert {q["code"]: plain_words.problems(q["text"]) for q in young} == {q["code"]: [] for q in young}


def test_the_childrens_questionnaire_is_separate_from_the_parents():
    rows = _questions()
    parents = {q["text"] for q in rows if q["respondent"] == "parent"}
    young = {q["text"] for q in rows if q["respondent"] == "young_person"}
    assert parents and young and not parents & young


def test_the_parents_wording_would_fail_the_childrens_check():
    assert "conference" in " ".join(plain_words.problems("I understood why the conference was being held"))


def test_reading_grade_is_flesch_kincaid():
    # 6 words, 1 sentence, 6 syllables: 0.39 x 6 + 11.8 x 1 - 15.59 = -1.45
    assert plain_words.grade("I knew what the words meant") == -1.4
    assert plain_words.syllables("meeting") == 2 and plain_words.syllables("happen") == 2


# --- the scorecard never shows a part-month as current ------------------------------------------


@pytest.mark.parametrize(
    ("today", "closed"),
    [
        (D(2025, 6, 1), (D(2025, 5, 1), D(2025, 5, 31))),
        (D(2025, 6, 30), (D(2025, 5, 1), D(2025, 5, 31))),
        (D(2025, 1, 15), (D(2024, 12, 1), D(2024, 12, 31))),
        (D(2024, 3, 1), (D(2024, 2, 1), D(2024, 2, 29))),
    ],
)
def test_the_last_closed_month(today, closed):
    from conferences.indicators import last_closed_month

    assert last_closed_month(today) == closed


# --- core groups -------------------------------------------------------------------------------


def test_the_first_core_group_is_due_within_10_working_days_then_at_the_interval():
    from conferences.timeliness import assess_core_groups

    # Conference Monday 19 May 2025; Monday 26 May is a bank holiday, so 10 working days is 3 June.
    meetings = [("a", D(2025, 6, 3)), ("b", D(2025, 7, 15)), ("c", D(2025, 8, 27))]
    result = assess_core_groups(conference_date=D(2025, 5, 19), meetings=meetings, interval_weeks=6)
    assert (result["a"].due, result["a"].working_days, result["a"].timely) == (D(2025, 6, 3), 10, True)
    assert (result["b"].due, result["b"].timely) == (D(2025, 7, 15), True)  # on the day: in time
    assert (result["c"].due, result["c"].timely) == (D(2025, 8, 26), False)  # a day over 6 weeks


def test_a_first_core_group_on_working_day_11_is_late():
    from conferences.timeliness import assess_core_groups

    result = assess_core_groups(conference_date=D(2025, 5, 19), meetings=[("a", D(2025, 6, 4))], interval_weeks=6)
    assert (result["a"].working_days, result["a"].timely) == (11, False)
