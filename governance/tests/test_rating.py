import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance import selectors, voice_services
from governance.models import SurveyAnswer, SurveyResponse
from partnership.tests.factories import UserFactory, membership

pytestmark = pytest.mark.django_db


def _members(n):
    users = [UserFactory(roles=["board"]) for _ in range(n)]
    for u in users:
        membership(u, "partnership")
    return users


def _answer_all(survey, user, score=4):
    return voice_services.survey_answer(
        survey=survey, respondent=user, answers={q.pk: (score, "") for q in survey.questions.all()}
    )


def test_the_survey_takes_its_questions_from_the_data_file(world):
    survey = voice_services.survey_open(year=2026)
    assert survey.questions.count() == 7
    assert survey.questions.first().code == "priorities"


def test_a_member_answers_once_and_the_first_answer_is_kept(world):
    survey = voice_services.survey_open(year=2026)
    member = world.user("board")
    _answer_all(survey, member, score=5)
    with pytest.raises(ValidationError, match="already answered"):
        _answer_all(survey, member, score=1)
    assert SurveyResponse.objects.filter(respondent=member).count() == 1
    assert set(SurveyAnswer.objects.values_list("score", flat=True)) == {5}


def test_the_page_refuses_a_second_answer_and_keeps_the_first(world, client_for):
    survey = voice_services.survey_open(year=2026)
    member = world.user("board")
    _answer_all(survey, member, score=5)
    data = {f"q{q.pk}": "1" for q in survey.questions.all()}
    response = client_for(member).post(reverse("governance:survey_detail", args=[survey.pk]), data, follow=True)
    assert "your first answer is kept" in response.content.decode()
    assert set(SurveyAnswer.objects.values_list("score", flat=True)) == {5}


def test_a_non_member_cannot_answer(world):
    survey = voice_services.survey_open(year=2026)
    with pytest.raises(ValidationError):
        _answer_all(survey, world.user("lead"))


def test_a_missing_rating_is_refused_and_the_rest_kept(world, client_for):
    survey = voice_services.survey_open(year=2026)
    questions = list(survey.questions.all())
    data = {f"q{q.pk}": "4" for q in questions[1:]} | {f"c{questions[1].pk}": "my typed comment"}
    response = client_for(world.user("board")).post(reverse("governance:survey_detail", args=[survey.pk]), data)
    assert response.status_code == 400
    assert "my typed comment" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_results_are_hidden_with_four_answers_and_shown_with_five(world, client_for, settings):
    settings.GOVERNANCE_SURVEY_MIN_RESPONSES = 5
    survey = voice_services.survey_open(year=2026)
    members = _members(5)
    for m in members[:4]:
        _answer_all(survey, m)
    assert selectors.survey_results(survey=survey)["visible"] is False
    body = client_for(world.user("bu")).get(reverse("governance:survey_detail", args=[survey.pk])).content.decode()
    assert "at least 5 members" in body and "survey-dist" not in body
    _answer_all(survey, members[4])
    results = selectors.survey_results(survey=survey)
    assert results["visible"] is True
    assert results["questions"][0]["distribution"] == {1: 0, 2: 0, 3: 0, 4: 5, 5: 0}


def test_the_trend_compares_with_last_year_only_when_both_years_met_the_minimum(world, settings):
    settings.GOVERNANCE_SURVEY_MIN_RESPONSES = 5
    members = _members(5)
    last = voice_services.survey_open(year=2025, opened_on=dt.date(2025, 6, 1))
    for m in members:
        _answer_all(last, m, score=3)
    this = voice_services.survey_open(year=2026)
    for m in members:
        _answer_all(this, m, score=4)
    q = selectors.survey_results(survey=this)["questions"][0]
    assert (q["mean"], q["last_mean"], q["trend"]) == (4, 3, 1)


def test_no_trend_when_last_year_had_too_few_answers(world, settings):
    settings.GOVERNANCE_SURVEY_MIN_RESPONSES = 5
    members = _members(5)
    last = voice_services.survey_open(year=2025, opened_on=dt.date(2025, 6, 1))
    for m in members[:4]:
        _answer_all(last, m, score=3)
    this = voice_services.survey_open(year=2026)
    for m in members:
        _answer_all(this, m, score=4)
    assert selectors.survey_results(survey=this)["questions"][0]["trend"] is None
