"""A question on a figure: raised by PAQA to the owning agency, answered, accepted or asked
again; shown beside the figure; open and overdue counted by agency."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from paqa import selectors, services
from paqa.models import Question
from paqa.tests.factories import question_on, red_figure

pytestmark = pytest.mark.django_db


def test_paqa_raises_the_agency_answers_and_paqa_closes_it(world, client_for):
    indicator, ref = red_figure(world.home)
    paqa = client_for(world.user("paqa"))
    raise_url = reverse("paqa:question_raise", args=["indicator", ref])
    form = paqa.get(raise_url).content.decode()
    assert "Strategy discussions within 24 hours, Apr 2026: 62.0%" in form
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    response = paqa.post(raise_url, {"agency": world.home.pk, "text": "Why did this fall?", "due_on": due})
    question = Question.objects.get()
    assert response.status_code == 302 and (question.agency, question.status) == (world.home, "open")

    lead = client_for(world.user("lead"))
    assert (
        lead.post(reverse("paqa:question_answer", args=[question.pk]), {"text": "Two staff vacancies."}).status_code
        == 302
    )
    question.refresh_from_db()
    assert question.status == "answered"

    paqa = client_for(world.user("paqa"))
    closed = paqa.post(
        reverse("paqa:question_review", args=[question.pk]), {"decision": "accepted", "version": question.version}
    )
    question.refresh_from_db()
    assert closed.status_code == 302 and (question.status, question.closed_on) == ("closed", timezone.localdate())
    assert list(question.steps.values_list("kind", flat=True)) == ["raised", "answer", "accepted"]
    page = paqa.get(indicator.get_absolute_url()).content.decode()
    assert "questions on these figures" in page and question.get_absolute_url() in page


def test_paqa_asks_again_with_a_new_due_date(world):
    question = question_on(world.home, world.user("paqa"))
    services.question_answer(question=question, text="Vacancies", by=world.user("lead"))
    new_due = timezone.localdate() + dt.timedelta(days=7)
    services.question_review(
        question=question,
        decision="asked_again",
        text="When will they be filled?",
        due_on=new_due,
        by=world.user("paqa"),
    )
    question.refresh_from_db()
    assert (question.status, question.due_on) == ("open", new_due)


def test_asking_again_needs_the_question_and_a_due_date_and_keeps_what_was_typed(world, client_for):
    question = question_on(world.home, world.user("paqa"))
    services.question_answer(question=question, text="Vacancies", by=world.user("lead"))
    response = client_for(world.user("paqa")).post(
        reverse("paqa:question_review", args=[question.pk]),
        {"decision": "asked_again", "text": "When will they be filled?", "version": 2},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Give a due date" in page and "When will they be filled?" in page


def test_an_empty_question_or_a_past_due_date_is_refused(world, client_for):
    _, ref = red_figure(world.home)
    response = client_for(world.user("paqa")).post(
        reverse("paqa:question_raise", args=["indicator", ref]),
        {"agency": world.home.pk, "text": "", "due_on": "2020-01-01"},
    )
    assert response.status_code == 400 and not Question.objects.exists()
    with pytest.raises(ValidationError):
        services.question_answer(question=question_on(world.home, world.user("paqa")), text="  ", by=world.user("lead"))


def test_another_agency_can_neither_see_nor_answer(world, client_for):
    question = question_on(world.home, world.user("paqa"))
    other = client_for(world.other_lead)
    assert other.get(question.get_absolute_url()).status_code == 404
    assert other.post(reverse("paqa:question_answer", args=[question.pk]), {"text": "x"}).status_code == 404
    assert (
        client_for(world.user("board"))
        .post(reverse("paqa:question_answer", args=[question.pk]), {"text": "x"})
        .status_code
        == 403
    )


def test_a_figure_the_user_may_not_see_cannot_be_asked_about(world, client_for):
    assert (
        client_for(world.user("paqa"))
        .get(reverse("paqa:question_raise", args=["indicator", "NOPE:2026-04-01"]))
        .status_code
        == 404
    )


def test_open_and_overdue_by_agency(world):
    late = question_on(world.other, world.user("paqa"))
    Question.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    question_on(world.other, world.user("paqa"))
    question_on(world.home, world.user("paqa"))
    rows = selectors.open_by_agency(user=world.user("paqa"), today=timezone.localdate())
    assert rows == [
        {"agency": "Canary Agency", "open": 2, "overdue": 1},
        {"agency": "Home Agency", "open": 1, "overdue": 0},
    ]
