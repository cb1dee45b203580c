import datetime as dt

import factory

from conferences import services
from conferences.models import AgencyInvitation, Conference, Question, Standard

# The conference form as the safeguarding services manager posts it: a timely initial conference.
CONFERENCE_FORM = {
    "child_ref": "CP-25-04242",
    "kind": "initial",
    "strategy_discussion_date": "2025-03-03",
    "enquiry_start_date": "2025-03-03",
    "conference_date": "2025-03-24",
    "chair": "Janet Ahmed",
    "outcome": "plan_made",
    "plan_category": "neglect",
    "plan_start": "2025-03-24",
    "plan_end": "",
    "child_views": "written",
    "parents_attended": "on",
    "child_sex": "female",
    "child_age_band": "5_9",
    "child_ethnicity": "white",
    "child_disability": "not_known",
}


class ConferenceFactory(factory.django.DjangoModelFactory):
    """A timely initial conference making a neglect plan (timeliness set by the service)."""

    class Meta:
        model = Conference

    child_ref = factory.Sequence(lambda n: f"CP-25-{n:05d}")
    kind = "initial"
    strategy_discussion_date = dt.date(2025, 3, 3)
    enquiry_start_date = dt.date(2025, 3, 3)
    conference_date = dt.date(2025, 3, 17)
    chair = "Janet Ahmed"
    outcome = "plan_made"
    plan_category = "neglect"
    plan_start = factory.LazyAttribute(lambda o: o.conference_date)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        services.refresh_timeliness(child_ref=obj.child_ref)
        obj.refresh_from_db()
        return obj


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyInvitation

    conference = factory.SubFactory(ConferenceFactory)
    agency = factory.SubFactory("partnership.tests.factories.AgencyFactory")
    invited = True
    attended = True
    conference_date = factory.LazyAttribute(lambda o: o.conference.conference_date)


def load_framework() -> None:
    from conferences import framework

    framework.load()


def scale_question(code: str = "listened-to") -> Question:
    return Question.objects.get_or_create(code=code, defaults={"text": "I felt listened to", "kind": "scale"})[0]


def text_question(code: str = "went-well") -> Question:
    return Question.objects.get_or_create(code=code, defaults={"text": "What went well?", "kind": "text", "order": 90})[
        0
    ]


def standard(code: str = "quorate") -> Standard:
    return Standard.objects.get_or_create(code=code, defaults={"name": "The conference was quorate"})[0]
