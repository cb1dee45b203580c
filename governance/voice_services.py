"""Writes for the partnership's voice: the members' yearly rating and practitioner feedback
campaigns. Keyword-only, atomic, raising ValidationError with clear messages."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from governance import rules
from governance.framework import feedback_question_rows, rating_question_rows
from governance.models import (
    FeedbackAnswer,
    FeedbackCampaign,
    FeedbackQuestion,
    FeedbackResponse,
    RatingSurvey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)

# --- members' rating --------------------------------------------------------------------------


@transaction.atomic
def survey_open(*, year: int, opened_on: dt.date | None = None) -> RatingSurvey:
    """Open the year's members' rating with the question bank kept as data."""
    if RatingSurvey.objects.filter(year=year).exists():
        raise ValidationError({"year": f"There is already a members' rating for {year}."})
    RatingSurvey.objects.filter(status=RatingSurvey.Status.OPEN).update(status=RatingSurvey.Status.CLOSED)
    survey = RatingSurvey.objects.create(
        year=year, title=f"Members' rating of the partnership {year}", opened_on=opened_on or timezone.localdate()
    )
    SurveyQuestion.objects.bulk_create(
        [
            SurveyQuestion(survey=survey, code=r["code"], order=int(r["order"]), text=r["text"])
            for r in rating_question_rows()
        ]
    )
    return survey


@transaction.atomic
def survey_close(*, survey: RatingSurvey) -> RatingSurvey:
    survey.status = RatingSurvey.Status.CLOSED
    survey.save()
    return survey


def is_member(user) -> bool:
    """Members of the partnership: a seat on the Partnership or a sub-committee, or a board role."""
    from partnership.access import BOARD, has_role

    return has_role(user, BOARD) or user.memberships.exists()


def survey_answer(*, survey: RatingSurvey, respondent, answers: dict[int, tuple[int, str]]) -> SurveyResponse:
    """A member answers once; a second answer is refused and the first one kept."""
    if survey.status != RatingSurvey.Status.OPEN:
        raise ValidationError("This survey is closed.")
    if not is_member(respondent):
        raise ValidationError("Only members of the partnership rate it.")
    questions = {q.pk: q for q in survey.questions.all()}
    missing = {
        f"q{pk}": "Choose a rating from 1 to 5."
        for pk in questions
        if answers.get(pk, (None, ""))[0] not in rules.SCALE
    }
    if missing:
        raise ValidationError(missing)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(survey=survey, respondent=respondent)
            SurveyAnswer.objects.bulk_create(
                [
                    SurveyAnswer(
                        response=response,
                        question=questions[pk],
                        score=answers[pk][0],
                        comment=(answers[pk][1] or "").strip(),
                    )
                    for pk in questions
                ]
            )
    except IntegrityError:
        raise ValidationError("You have already answered this survey; your first answer is kept.") from None
    return response


# --- practitioner feedback ---------------------------------------------------------------------


@transaction.atomic
def campaign_open(*, title: str, introduction: str = "", opened_on: dt.date | None = None) -> FeedbackCampaign:
    """Open a practitioner feedback campaign (closing any other) with the question bank kept as data."""
    if not (title or "").strip():
        raise ValidationError({"title": "Give the campaign a title."})
    ProhibitNullCharactersValidator()(title)
    longest = FeedbackCampaign._meta.get_field("title").max_length
    if len(title.strip()) > longest:
        raise ValidationError({"title": f"Keep the campaign title to {longest} characters or fewer."})
    FeedbackCampaign.objects.filter(is_open=True).update(is_open=False)
    campaign = FeedbackCampaign.objects.create(
        title=title.strip(), introduction=introduction, is_open=True, opened_on=opened_on or timezone.localdate()
    )
    FeedbackQuestion.objects.bulk_create(
        [
            FeedbackQuestion(campaign=campaign, order=int(r["order"]), theme=r["theme"], text=r["text"], kind=r["kind"])
            for r in feedback_question_rows()
        ]
    )
    return campaign


@transaction.atomic
def campaign_close(*, campaign: FeedbackCampaign) -> FeedbackCampaign:
    campaign.is_open = False
    campaign.save()
    return campaign


@transaction.atomic
def feedback_submit(
    *, campaign: FeedbackCampaign, agency_kind: str, role: str, answers: dict[int, tuple[int | None, str]]
) -> FeedbackResponse:
    """Store one anonymous practitioner's answers (agency type and role only)."""
    if not campaign.is_open:
        raise ValidationError("This feedback campaign has closed.")
    questions = list(campaign.questions.all())
    errors = {}
    for q in questions:
        score, text = answers.get(q.pk, (None, ""))
        if q.kind == FeedbackQuestion.Kind.SCALE and score not in rules.SCALE:
            errors[f"q{q.pk}"] = "Choose from 1 to 5."
    if errors:
        raise ValidationError(errors)
    response = FeedbackResponse.objects.create(campaign=campaign, agency_kind=agency_kind, role=role)
    FeedbackAnswer.objects.bulk_create(
        [
            FeedbackAnswer(
                response=response,
                question=q,
                score=answers.get(q.pk, (None, ""))[0],
                text=(answers.get(q.pk, (None, ""))[1] or "").strip()[:2000],
            )
            for q in questions
        ]
    )
    return response
