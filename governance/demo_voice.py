"""Demo members' ratings and a practitioner feedback campaign (called by `governance.demo.seed`)."""

import datetime as dt

from governance import voice_services
from governance.models import (
    FeedbackCampaign,
    RatingSurvey,
)
from partnership.models import User


def seed_surveys(today, rng) -> None:
    if RatingSurvey.objects.exists():
        return
    from governance.models import SurveyResponse

    members = list(User.objects.filter(memberships__subcommittee__code="partnership").distinct())
    for year, closed in ((today.year - 1, True), (today.year, False)):
        survey = voice_services.survey_open(year=year, opened_on=dt.date(year, 6, 1))
        # The demo business unit login is left to answer the open one itself.
        for member in members[:8] if closed else [m for m in members if m.username != "bu"][:6]:
            answers = {
                q.pk: (rng.choice([2, 3, 3, 4, 4, 5] if closed else [3, 4, 4, 4, 5, 5]), "")
                for q in survey.questions.all()
            }
            if not SurveyResponse.objects.filter(survey=survey, respondent=member).exists():
                voice_services.survey_answer(survey=survey, respondent=member, answers=answers)
        if closed:
            voice_services.survey_close(survey=survey)


def seed_feedback(today, rng) -> None:
    if FeedbackCampaign.objects.exists():
        return
    campaign = voice_services.campaign_open(
        title=f"Practitioner voice {today:%B %Y}",
        introduction="Tell us how well partners work together. It takes three minutes and you are not asked for your name.",
    )
    kinds = ["local_authority", "police", "health_provider", "education", "vcs"]
    from governance.models.training import PractitionerRole

    for _ in range(36):
        answers = {
            q.pk: (rng.randint(2, 5), "")
            if q.kind == "scale"
            else (None, rng.choice(["", "Quicker feedback after referrals.", "A single contact point in health."]))
            for q in campaign.questions.all()
        }
        voice_services.feedback_submit(
            campaign=campaign,
            agency_kind=rng.choice(kinds),
            role=rng.choice(list(PractitionerRole.values)),
            answers=answers,
        )
