"""One-time questionnaire links: no login, single use, expiry, nothing personal shown."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from conferences import services
from conferences.models import Answer, QuestionnaireLink, QuestionnaireResponse
from conferences.tests.factories import ConferenceFactory, scale_question, text_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(world):
    scale_question()
    text_question()
    conference = ConferenceFactory(child_ref="CP-25-77777")
    _, token = services.questionnaire_link_create(conference=conference, respondent="parent", by=world.user("ssm"))
    return token


def answers():
    q1, q2 = scale_question(), text_question()
    return {f"q{q1.pk}": "5", f"q{q2.pk}": "The chair listened"}


def test_it_opens_without_login_and_shows_no_case_detail(client, link):
    response = client.get(reverse("conferences:public_questionnaire", kwargs={"token": link}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "I felt listened to" in body
    assert "CP-25-77777" not in body
    assert "Janet Ahmed" not in body


def test_it_stores_the_answers_and_then_refuses_a_second_use(client, link):
    url = reverse("conferences:public_questionnaire", kwargs={"token": link})
    assert client.post(url, answers()).status_code == 200
    response = QuestionnaireResponse.objects.get()
    assert response.method == "link"
    assert sorted(Answer.objects.values_list("score", flat=True), key=str) == [5, None]
    again = client.post(url, answers())
    assert again.status_code == 410
    assert "already been answered" in again.content.decode()
    assert client.get(url).status_code == 410
    assert QuestionnaireResponse.objects.count() == 1


def test_an_expired_link_says_so(client, link):
    url = reverse("conferences:public_questionnaire", kwargs={"token": link})
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=29)):
        response = client.get(url)
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_an_unknown_token_is_a_plain_404(client):
    response = client.get(reverse("conferences:public_questionnaire", kwargs={"token": "nope"}))
    assert response.status_code == 404
    assert "not recognised" in response.content.decode()


def test_an_empty_questionnaire_is_refused_with_a_message(client, link):
    url = reverse("conferences:public_questionnaire", kwargs={"token": link})
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Answer at least one question" in response.content.decode()
    assert QuestionnaireLink.objects.get().used_at is None


def test_a_bad_scale_value_keeps_the_typed_text(client, link):
    q1, q2 = scale_question(), text_question()
    url = reverse("conferences:public_questionnaire", kwargs={"token": link})
    response = client.post(url, {f"q{q1.pk}": "9", f"q{q2.pk}": "Kept text"})
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert "Kept text" in body


def test_only_the_hash_of_the_token_is_stored(link):
    assert not QuestionnaireLink.objects.filter(token_hash=link).exists()
    assert QuestionnaireLink.objects.get().token_hash == services.hash_token(link)
