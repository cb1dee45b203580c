"""Training against the partnership's own standards: criteria loaded as data, courses assessed,
end-of-course and 3-month follow-up answers, response rates and the share meeting each criterion."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance import framework, reminders, services
from governance import standards_selectors as selectors
from governance.models import (
    CourseAssessment,
    CriterionAnswer,
    Evaluation,
    OutputStandard,
    PracticeFollowUp,
    StandardCriterion,
    TrainingSession,
)
from governance.tests.factories import CourseFactory, TrainingPlaceFactory, TrainingSessionFactory
from partnership.models import ReminderLog

pytestmark = pytest.mark.django_db

Stage = StandardCriterion.Stage
HELD = dt.date(2026, 3, 10)
DUE = dt.date(2026, 6, 10)
SCORES = {"confidence_before": 2, "confidence_after": 4, "usefulness": 4, "would_recommend": True}


@pytest.fixture
def standards(db):
    framework.load_output_standards()
    return {c.code: c for c in StandardCriterion.objects.all()}


def _by_stage(standards, stage):
    return [c for c in standards.values() if c.stage == stage]


def _answers(criteria, *met):
    return {c.pk: m for c, m in zip(criteria, met, strict=True)}


# --- criteria loaded as data ---------------------------------------------------------------------


def test_the_training_standards_and_their_criteria_load_from_the_framework_files(standards):
    assert OutputStandard.objects.filter(output="Training").count() == 3
    assert [len(_by_stage(standards, s)) for s in (Stage.COURSE, Stage.END, Stage.FOLLOW_UP)] == [4, 3, 3]
    assert standards["follow-used"].standard.code == "training-impact"


def test_loading_the_standards_twice_changes_nothing(standards):
    before = list(StandardCriterion.objects.values_list("pk", "code", "text", "stage", "order"))
    framework.load_output_standards()
    assert list(StandardCriterion.objects.values_list("pk", "code", "text", "stage", "order")) == before
    assert OutputStandard.objects.count() == 3


# --- courses assessed against the design criteria ---------------------------------------------------


def test_a_course_is_assessed_against_every_design_criterion(world, standards):
    course = CourseFactory()
    design = _by_stage(standards, Stage.COURSE)
    judgements = {c.pk: (True, "Seen in the plan.") for c in design}
    judgements[design[1].pk] = (False, "Only one agency's trainer.")
    services.course_assess(course=course, by=world.user("bu"), judgements=judgements, today=HELD)
    rows = {a.criterion_id: a for a in CourseAssessment.objects.filter(course=course)}
    assert len(rows) == 4 and not rows[design[1].pk].met and rows[design[1].pk].note == "Only one agency's trainer."
    scores = {s["course"].pk: s for s in selectors.course_scores(user=world.user("paqa"))}
    assert (scores[course.pk]["met"], scores[course.pk]["criteria"]) == (3, 4)


def test_a_criterion_not_met_needs_a_note_saying_what_is_missing(world, standards):
    design = _by_stage(standards, Stage.COURSE)
    judgements = {c.pk: (True, "") for c in design}
    judgements[design[0].pk] = (False, "  ")
    with pytest.raises(ValidationError) as caught:
        services.course_assess(course=CourseFactory(), by=world.user("bu"), judgements=judgements)
    assert caught.value.message_dict == {f"note_{design[0].pk}": ["Say what is missing for this criterion to be met."]}
    assert not CourseAssessment.objects.exists()


def test_the_assessment_form_keeps_what_was_typed_and_says_what_is_missing(world, standards, client_for):
    course = CourseFactory()
    design = _by_stage(standards, Stage.COURSE)
    data = {f"met_{c.pk}": "yes" for c in design} | {f"note_{design[0].pk}": "KEPT NOTE"}
    data[f"met_{design[2].pk}"] = "no"
    response = client_for(world.user("bu")).post(reverse("governance:course_assess", args=[course.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Say what is missing for this criterion to be met." in body and "KEPT NOTE" in body
    assert not CourseAssessment.objects.exists()


def test_the_course_page_shows_its_judgements_in_words(world, standards, client_for):
    course = CourseFactory(title="Neglect course")
    design = _by_stage(standards, Stage.COURSE)
    services.course_assess(
        course=course,
        by=world.user("bu"),
        judgements={c.pk: (c != design[0], "" if c != design[0] else "No outcomes written") for c in design},
        today=HELD,
    )
    body = client_for(world.user("lead")).get(course.get_absolute_url()).content.decode()
    assert "Not met (10 Mar 2026)" in body and "No outcomes written" in body and "Assess this course" not in body


# --- evaluations at the end of the course and at 3 months --------------------------------------------


def test_an_end_of_course_evaluation_records_a_yes_or_no_per_criterion(standards):
    session = TrainingSessionFactory(held_on=HELD)
    end = _by_stage(standards, Stage.END)
    evaluation = services.evaluation_create(session=session, **SCORES, answers=_answers(end, True, False, True))
    assert sorted(evaluation.criterion_answers.values_list("criterion__code", "met")) == [
        ("end-escalate", True),
        ("end-outcomes", True),
        ("end-roles", False),
    ]


def test_an_evaluation_missing_a_criterion_answer_is_refused(standards):
    end = _by_stage(standards, Stage.END)
    with pytest.raises(ValidationError) as caught:
        services.evaluation_create(session=TrainingSessionFactory(), **SCORES, answers={end[0].pk: True})
    assert set(caught.value.message_dict) == {f"criterion_{end[1].pk}", f"criterion_{end[2].pk}"}
    assert not Evaluation.objects.exists()


def test_a_places_link_records_one_evaluation_and_one_follow_up(world, standards):
    """Each answered once through a place's link: the second is refused in words, nothing added."""
    end, follow = _by_stage(standards, Stage.END), _by_stage(standards, Stage.FOLLOW_UP)
    place = TrainingPlaceFactory(session=TrainingSessionFactory(held_on=HELD), agency=world.home)
    evaluation = dict(session=place.session, place=place, **SCORES, answers=_answers(end, True, True, False))
    services.evaluation_create(**evaluation)
    with pytest.raises(ValidationError, match="This evaluation link has already been used"):
        services.evaluation_create(**evaluation)
    follow_up = dict(session=place.session, place=place, answers=_answers(follow, True, False, True), today=DUE)
    services.follow_up_create(**follow_up)
    with pytest.raises(ValidationError, match="This follow-up link has already been used"):
        services.follow_up_create(**follow_up)
    assert Evaluation.objects.filter(place=place).count() == PracticeFollowUp.objects.filter(place=place).count() == 1
    assert sorted(place.evaluation.criterion_answers.values_list("met", flat=True)) == [False, True, True]


def test_the_follow_up_is_refused_before_three_months(standards):
    follow = _by_stage(standards, Stage.FOLLOW_UP)
    with pytest.raises(ValidationError, match="opens on 10 June 2026"):
        services.follow_up_create(
            session=TrainingSessionFactory(held_on=HELD),
            answers=_answers(follow, True, True, True),
            today=DUE - dt.timedelta(days=1),
        )
    assert not PracticeFollowUp.objects.exists()


def test_the_follow_up_link_works_once_without_login(world, standards, client):
    follow = _by_stage(standards, Stage.FOLLOW_UP)
    place = TrainingPlaceFactory(session=TrainingSessionFactory(held_on=HELD), agency=world.home)
    url = reverse("governance:follow_up", args=[place.evaluation_token])
    data = {f"criterion_{c.pk}": "yes" for c in follow} | {"example": "I call the school first now."}
    with time_machine.travel(dt.datetime(2026, 6, 10, 9, 0), tick=False):
        assert "has been recorded" in client.post(url, data).content.decode()
        assert client.post(url, data).status_code == 410
    follow_up = PracticeFollowUp.objects.get()
    assert (follow_up.place, follow_up.example) == (place, "I call the school first now.")
    assert follow_up.criterion_answers.filter(met=True).count() == 3


def test_the_follow_up_link_says_when_it_opens_before_three_months(world, standards, client):
    place = TrainingPlaceFactory(session=TrainingSessionFactory(held_on=HELD), agency=world.home)
    with time_machine.travel(dt.datetime(2026, 6, 9, 9, 0), tick=False):
        body = client.get(reverse("governance:follow_up", args=[place.evaluation_token])).content.decode()
    assert "opens on 10 June 2026" in body and "<form" not in body


def test_an_unanswered_follow_up_question_keeps_the_other_answers(world, standards, client):
    follow = _by_stage(standards, Stage.FOLLOW_UP)
    place = TrainingPlaceFactory(session=TrainingSessionFactory(held_on=HELD), agency=world.home)
    data = {f"criterion_{follow[0].pk}": "no", "example": "KEPT EXAMPLE"}
    with time_machine.travel(dt.datetime(2026, 7, 1, 9, 0), tick=False):
        response = client.post(reverse("governance:follow_up", args=[place.evaluation_token]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required" in body and "KEPT EXAMPLE" in body
    assert not PracticeFollowUp.objects.exists()


# --- the figures, computed by hand -----------------------------------------------------------------------


def test_response_rates_and_shares_meeting_each_criterion(world, standards):
    """10 attended (and 1 booked who did not come). End of course: 4 responses (40.0%);
    "met its learning outcomes" yes, yes, yes, no = 75.0%. At 3 months: 3 responses (30.0%);
    "used what I learned" yes, no, no = 33.3%; "made a difference" no, no, no = 0.0%."""
    session = TrainingSessionFactory(held_on=HELD, places=20)
    places = [TrainingPlaceFactory(session=session, agency=world.home) for _ in range(10)]
    TrainingPlaceFactory(session=session, agency=world.home, attended=False)
    end, follow = _by_stage(standards, Stage.END), _by_stage(standards, Stage.FOLLOW_UP)
    for place, outcomes in zip(places, (True, True, True, False), strict=False):
        services.evaluation_create(session=session, place=place, **SCORES, answers=_answers(end, outcomes, True, True))
    for place, used in zip(places, (True, False, False), strict=False):
        services.follow_up_create(session=session, place=place, answers=_answers(follow, used, True, False), today=DUE)
    TrainingSessionFactory(held_on=HELD)  # another session's nothing does not count

    end_stage, follow_stage = selectors.stage_figures(
        user=world.user("paqa"), sessions=TrainingSession.objects.filter(pk=session.pk)
    )
    assert (end_stage["responses"], end_stage["attended"], end_stage["rate"]) == (4, 10, Decimal("40.0"))
    shares = {r["criterion"].code: (r["met"], r["answered"], r["share"]) for r in end_stage["rows"]}
    assert shares["end-outcomes"] == (3, 4, Decimal("75.0"))
    assert (follow_stage["responses"], follow_stage["rate"]) == (3, Decimal("30.0"))
    shares = {r["criterion"].code: (r["met"], r["answered"], r["share"]) for r in follow_stage["rows"]}
    assert shares["follow-used"] == (1, 3, Decimal("33.3"))
    assert shares["follow-joint"] == (3, 3, Decimal("100.0"))
    assert shares["follow-children"] == (0, 3, Decimal("0.0"))


def test_the_session_page_shows_the_rates_and_shares(world, standards, client_for):
    session = TrainingSessionFactory(held_on=HELD)
    places = [TrainingPlaceFactory(session=session, agency=world.home) for _ in range(4)]
    end = _by_stage(standards, Stage.END)
    services.evaluation_create(session=session, place=places[0], **SCORES, answers=_answers(end, True, False, True))
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, 0), tick=False):
        body = client_for(world.user("bu")).get(session.get_absolute_url()).content.decode()
    assert "1 response from 4 people who attended (25.0% responded)" in body
    assert "100.0%" in body and "0.0%" in body
    assert "opens on 10 June 2026" in body and "No answers yet" in body


def test_the_standards_page_pins_its_queries(world, standards, client_for, django_assert_num_queries):
    end = _by_stage(standards, Stage.END)
    for month in range(4, 13):
        session = TrainingSessionFactory(held_on=dt.date(2025, month, 1), course=CourseFactory())
        for _ in range(3):
            place = TrainingPlaceFactory(session=session, agency=world.home)
            services.evaluation_create(session=session, place=place, **SCORES, answers=_answers(end, True, True, False))
    client = client_for(world.user("paqa"))
    url = reverse("governance:standards") + "?year=2025-26"
    assert "2025-26" in client.get(url).content.decode()
    # standards and their criteria (2); attended, end responses, follow-up responses, answers by
    # criterion, criteria (5); criteria count and courses with their judgements (2)
    with django_assert_num_queries(7 + 9):
        assert client.get(url).status_code == 200


# --- the 3-month reminder, through the one reminder log ------------------------------------------------


def test_the_business_unit_is_reminded_once_when_the_follow_up_falls_due(world, standards):
    session = TrainingSessionFactory(held_on=HELD)
    TrainingPlaceFactory(session=session, agency=world.home)
    TrainingPlaceFactory(session=TrainingSessionFactory(held_on=dt.date(2026, 4, 1)), agency=world.home)  # not yet
    bu = world.user("bu")
    assert reminders.people_to_remind() == [bu.pk]
    assert reminders.follow_up_reminder_send(user_id=bu.pk, today=DUE - dt.timedelta(days=1)) is False
    assert reminders.follow_up_reminder_send(user_id=bu.pk, today=DUE) is True
    assert reminders.follow_up_reminder_send(user_id=bu.pk, today=DUE + dt.timedelta(days=1)) is False
    assert len(mail.outbox) == 1 and str(session) in mail.outbox[0].body
    log = ReminderLog.objects.get()
    assert (log.recipient, log.item_id, log.step, log.on_date) == (bu, session.pk, "follow_up_3_months", DUE)


def test_no_reminder_once_follow_ups_have_come_in(world, standards):
    session = TrainingSessionFactory(held_on=HELD)
    TrainingPlaceFactory(session=session, agency=world.home)
    services.follow_up_create(
        session=session, answers=_answers(_by_stage(standards, Stage.FOLLOW_UP), True, True, True), today=DUE
    )
    assert reminders.follow_up_reminder_send(user_id=world.user("bu").pk, today=DUE) is False
    assert not mail.outbox


def test_answers_belong_to_exactly_one_response(standards):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionAnswer.objects.create(criterion=standards["end-roles"], met=True)
