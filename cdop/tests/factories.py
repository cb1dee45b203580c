import datetime as dt

import factory

from cdop import rules
from cdop.models import Area, Category, Death, FactorDomain, FactorScore, PanelMeeting, PanelReview


def load_reference_data() -> None:
    """The framework's lists, and the demo partnership's illustrative population estimates (the
    denominators of the rates per 100,000; a real partnership loads ONS's)."""
    from pathlib import Path

    from cdop.framework import load, load_population

    load()
    load_population(Path(__file__).resolve().parent.parent / "demo_population.csv")


class DeathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Death
        skip_postgeneration_save = True

    case_number = factory.Sequence(lambda n: f"CD-T-{n:04d}")
    date_of_death = dt.date(2025, 1, 10)
    date_notified = factory.LazyAttribute(lambda o: o.date_of_death + dt.timedelta(days=1))
    age_years = 3
    age_days = None
    sex = Death.Sex.FEMALE
    area = factory.LazyFunction(lambda: Area.objects.get_or_create(code="central", defaults={"name": "Central"})[0])
    deprivation_quintile = rules.NOT_KNOWN
    place_of_death = Death.Place.HOSPITAL
    expectation = Death.Expectation.UNEXPECTED
    status = rules.NOTIFIED


class PanelMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelMeeting
        django_get_or_create = ["date"]

    date = dt.date(2025, 6, 12)
    location = "Room 2"


def review_for(death: Death, *, category_code="trauma", modifiable="no", scores=None, reviewed_on=None) -> PanelReview:
    """A panel review with a score in every domain (1 unless given)."""
    review = PanelReview.objects.create(
        death=death,
        reviewed_on=reviewed_on or death.date_notified + dt.timedelta(days=120),
        category=Category.objects.get(code=category_code),
        modifiable=modifiable,
    )
    scores = scores or {}
    FactorScore.objects.bulk_create(
        [FactorScore(review=review, domain=d, score=scores.get(d.code, "1")) for d in FactorDomain.objects.all()]
    )
    death.status = rules.REVIEWED
    death.save()
    return review
