import datetime as dt

import factory
from django.utils import timezone

from audits.models import AgencyAudit, AuditStandard, Criterion, Finding, PracticeAudit
from partnership.tests.factories import AgencyFactory, CodedFactory, UserFactory, many


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


class FrameworkFactory(CodedFactory):
    """A standard or criterion of the audit framework: known by its code, shown in the order made."""

    class Meta:
        abstract = True

    order = factory.Sequence(lambda n: n)


class AuditStandardFactory(FrameworkFactory):
    class Meta:
        model = AuditStandard

    code = factory.Sequence(lambda n: f"std-{n}")
    title = factory.Sequence(lambda n: f"Standard {n}")


class CriterionFactory(FrameworkFactory):
    class Meta:
        model = Criterion

    standard = factory.SubFactory(AuditStandardFactory)
    code = factory.Sequence(lambda n: f"crit-{n}")
    text = factory.Sequence(lambda n: f"Criterion {n}")


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


def record_characteristics(case, by, *, sex: str, age_band: str, ethnicity: str, disability: str):
    """The audited child's equality monitoring answers, recorded through the service."""
    from audits import practice_services

    return practice_services.case_characteristics_record(
        case=case, by=by, child_sex=sex, child_age_band=age_band, child_ethnicity=ethnicity, child_disability=disability
    )
