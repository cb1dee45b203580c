import datetime as dt

import factory

from partnership.tests.factories import AgencyFactory, CodedFactory, many
from reviews.models import (
    Briefing,
    CaseReview,
    Consultation,
    DisseminationEvent,
    Inspection,
    Methodology,
    PractitionerFeedback,
    Recommendation,
    ThemedReview,
)


class CaseReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseReview
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"RR-2025-{n:03d}")
    title = factory.Sequence(lambda n: f"Serious incident {n}")
    kind = CaseReview.Kind.RAPID
    became_aware_on = dt.date(2025, 3, 3)

    agencies = many("agencies")


class MethodologyFactory(CodedFactory):
    class Meta:
        model = Methodology

    code = factory.Sequence(lambda n: f"method-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())


class ThemedReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemedReview
        skip_postgeneration_save = True

    theme = factory.Sequence(lambda n: f"Theme {n}")
    rationale = "Rising concern about neglect in the under-fives."
    agreed_by = "Partnership chair"
    agreed_on = dt.date(2025, 1, 15)

    agencies = many("agencies")


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    review = factory.SubFactory(ThemedReviewFactory)
    group = Consultation.Group.CHILDREN
    method = "Focus group"
    held_on = dt.date(2025, 2, 10)
    participants = 12


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    case_review = factory.SubFactory(CaseReviewFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Agencies should share information about household changes promptly."
    agency = factory.SubFactory(AgencyFactory)


class BriefingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Briefing

    case_review = factory.SubFactory(CaseReviewFactory)
    title = factory.Sequence(lambda n: f"7-minute briefing {n}")
    summary = "What happened, why it matters, what to do differently."
    published_on = dt.date(2025, 6, 2)


class DisseminationEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisseminationEvent
        skip_postgeneration_save = True

    case_review = factory.SubFactory(CaseReviewFactory)
    held_on = dt.date(2025, 6, 20)
    audience = "Designated safeguarding leads"
    attendance = 40

    agencies_reached = many("agencies_reached")


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PractitionerFeedback

    case_review = factory.SubFactory(CaseReviewFactory)
    received_on = dt.date(2025, 7, 1)
    changed_practice = PractitionerFeedback.Changed.YES
    comment = "I now ask about new adults in the household at every visit."


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Joint targeted area inspection {n}")
    kind = Inspection.Kind.JTAI
    inspectorate = Inspection.Inspectorate.JOINT
    inspected_from = dt.date(2025, 5, 12)
    inspected_to = dt.date(2025, 5, 23)
    judgement = Inspection.Judgement.NO_GRADE

    agencies = many("agencies")
