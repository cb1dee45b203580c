import datetime as dt

import factory
from django.utils import timezone

from audits.models import AgencyAudit, AuditStandard, Criterion, Finding, PracticeAudit
from partnership.tests.factories import AgencyFactory, UserFactory, many


class AgencyAuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyAudit

    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Audit {n}")
    theme = "Neglect"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    audit = factory.SubFactory(AgencyAuditFactory)
    grade = Finding.Grade.SHORTFALL
    text = factory.Sequence(lambda n: f"Finding {n}")


class AuditStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditStandard
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"std-{n}")
    title = factory.Sequence(lambda n: f"Standard {n}")
    order = factory.Sequence(lambda n: n)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion
        django_get_or_create = ["code"]

    standard = factory.SubFactory(AuditStandardFactory)
    code = factory.Sequence(lambda n: f"crit-{n}")
    text = factory.Sequence(lambda n: f"Criterion {n}")
    order = factory.Sequence(lambda n: n)


class PracticeAuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeAudit
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Practice audit {n}")
    theme = "Neglect"
    lead = factory.SubFactory(UserFactory)
    start_date = factory.LazyFunction(timezone.localdate)

    standards = many("standards")

    agencies = many("agencies")


def standard_with_criteria(n: int = 2, **kwargs) -> AuditStandard:
    standard = AuditStandardFactory(**kwargs)
    for _ in range(n):
        CriterionFactory(standard=standard)
    return standard
