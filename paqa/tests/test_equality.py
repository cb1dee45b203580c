"""Equality monitoring: counts by protected characteristic, every table suppressed, figures
worked out by hand; child deaths only ever as suppressed aggregates."""

import pytest
from django.urls import reverse

from audits.models import AuditCase
from audits.tests.factories import PracticeAuditFactory, record_characteristics
from bscp_portal.lib.suppression import recoverable
from cdop.tests.factories import DeathFactory
from conferences.tests.factories import ConferenceFactory
from paqa import equality as tables
from paqa import equality_selectors

pytestmark = pytest.mark.django_db

SAME = {"child_age_band": "5_9", "child_ethnicity": "white", "child_disability": "no"}


def _conferences(sex: str, plans: int, no_plans: int) -> None:
    for _ in range(plans):
        ConferenceFactory(child_sex=sex, **SAME)
    for _ in range(no_plans):
        ConferenceFactory(child_sex=sex, outcome="no_plan", plan_category="", plan_start=None, **SAME)


def _table(tables_, title):
    return next(t for t in tables_ if t.title == title)


def test_large_counts_are_shown_exactly_with_their_shares(world):
    _conferences("female", 7, 6)
    _conferences("male", 8, 9)
    ConferenceFactory(kind="review", outcome="plan_continued", child_sex="male", **SAME)  # not an initial: not counted
    sex = _table(equality_selectors.conference_tables(user=world.user("paqa")), "Sex")
    assert [(r.label, r.cells, r.total, r.share) for r in sex.rows] == [
        ("Female", [7, 6], 13, "43.3"),
        ("Male", [8, 9], 17, "56.7"),
        ("Indeterminate", [0, 0], 0, "0.0"),
        ("Not known", [0, 0], 0, "0.0"),
        ("Not recorded", [0, 0], 0, "0.0"),
    ]
    assert (sex.col_totals, sex.total) == ([15, 15], 30)


def test_a_small_count_shows_as_c_and_cannot_be_recovered_from_the_totals(world):
    # Female: 2 with a plan (small), 6 without; male: 8 and 9. Hiding the 2 alone would let a reader
    # take 6 from the female total of 8; the cheapest cells that close the gap are the other three.
    _conferences("female", 2, 6)
    _conferences("male", 8, 9)
    sex = _table(equality_selectors.conference_tables(user=world.user("paqa")), "Sex")
    assert sex.value("Female", "Child protection plan") == "c"
    assert [(r.label, r.cells, r.total) for r in sex.rows[:2]] == [("Female", ["c", "c"], 8), ("Male", ["c", "c"], 17)]
    assert (sex.col_totals, sex.total) == ([10, 15], 25)
    hidden = {(r, c) for r, row in enumerate(sex.rows) for c, v in enumerate(row.cells) if v == "c"}
    assert recoverable(hidden, len(sex.rows), 2) == set()
    assert (sex.rows[0].share, sex.rows[1].share) == ("32.0", "68.0")


def test_records_made_before_monitoring_count_as_not_recorded(world):
    for _ in range(7):
        ConferenceFactory(child_sex="", child_age_band="", child_ethnicity="", child_disability="")
    disability = _table(equality_selectors.conference_tables(user=world.user("bu")), "Disability")
    assert disability.row_total("Not recorded") == 7
    assert disability.row_total("Not known") == 0


def test_audited_cases_are_counted_by_grade(world):
    audit = PracticeAuditFactory(lead=world.user("paqa"), agencies=[world.home, world.other])
    for i in range(13):
        case = AuditCase.objects.create(audit=audit, reference=f"A-{i}", position=i, grade="good" if i < 7 else "")
        disabled = "yes" if i < 6 else "no"
        record_characteristics(
            case, world.user("paqa"), sex="male", age_band="1_4", ethnicity="not_known", disability=disabled
        )
    disability = _table(equality_selectors.audited_case_tables(user=world.user("paqa")), "Disability")
    # Disabled: 6 good, 0 not graded; not disabled: 1 good (small), 6 not graded.
    assert disability.columns == ["Outstanding", "Good", "Requires improvement", "Inadequate", "Not graded"]
    assert disability.value("Disabled", "Good") == "c"
    assert disability.value("Not disabled", "Good") == "c"
    hidden = {(r, c) for r, row in enumerate(disability.rows) for c, v in enumerate(row.cells) if v == "c"}
    assert recoverable(hidden, len(disability.rows), 5) == set()
    assert disability.total == 13


def test_child_deaths_are_counted_only_suppressed(world):
    for _ in range(3):
        DeathFactory(sex="female")
    for _ in range(7):
        DeathFactory(sex="male")
    sex = _table(equality_selectors.death_tables(), "Sex")
    # 3 is small; 7 would reveal it (10 - 7), so it is hidden too.
    assert [(r.label, r.total) for r in sex.rows] == [
        ("Female", "c"),
        ("Male", "c"),
        ("Indeterminate", 0),
        ("Not known", 0),
    ]
    assert sex.total == 10
    assert _table(equality_selectors.death_tables(), "Ethnicity").row_total("Not recorded") == 10
    assert [t.title for t in equality_selectors.death_tables()] == ["Sex", "Age band", "Ethnicity"]


def test_the_page_shows_no_child_death_record_and_no_unsuppressed_count(world, client_for):
    for _ in range(2):
        DeathFactory(sex="female", case_number=f"CD-SECRET-{_}")
    for _ in range(9):
        DeathFactory(sex="male")
    response = client_for(world.user("paqa")).get(reverse("paqa:equality"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "CD-SECRET" not in page and "CD-T-" not in page
    content = page[page.index("<h1") :]
    assert "/cdop/" not in content  # no link to any child death record
    cdop = page[page.index('id="cdop"') :]
    assert ">2<" not in cdop and ">9<" not in cdop
    assert ">11<" in cdop  # the total of 11 is not small and reveals nothing
    assert "None" not in page


@pytest.mark.parametrize("key", ["paqa", "bu"])
def test_paqa_and_the_business_unit_see_the_page(world, client_for, key):
    assert client_for(world.user(key)).get(reverse("paqa:equality")).status_code == 200


@pytest.mark.parametrize("key", ["cdop", "lead", "contributor", "ssm", "board", "chair"])
def test_everyone_else_is_refused(world, client_for, key):
    assert client_for(world.user(key)).get(reverse("paqa:equality")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(reverse("paqa:equality")).status_code == 302


def test_the_tables_of_one_source_hide_the_same_totals():
    specs = [
        ("A", [("x", "X"), ("y", "Y")], {("x", 1): 3, ("y", 1): 20, ("x", 2): 30, ("y", 2): 40}),
        ("B", [("p", "P")], {("p", 1): 23, ("p", 2): 70}),
    ]
    a, b = tables.suppressed_tables(specs, [(1, "One"), (2, "Two")], max_small=5)
    assert a.value("X", "One") == "c"
    assert b.col_totals == a.col_totals
