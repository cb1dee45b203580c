import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from annual_report.models import Report
from partnership.tests.factories import UserFactory


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report
        skip_postgeneration_save = True

    period = "2024-25"
    version = factory.Sequence(lambda n: n + 1)
    status = Report.Status.DONE
    requested_by = factory.SubFactory(UserFactory, roles=["business_unit"])
    pages = 3
    appendix = factory.LazyFunction(lambda: [{"title": "Table", "columns": ["Name", "Count"], "rows": [["=cmd", 3]]}])
    snapshot_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def approved(obj, create, extracted, **kwargs):
        if extracted:
            obj.approved_at = timezone.now()
        obj.pdf.save(f"test-{obj.version}.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
        obj.children_pdf.save(f"test-{obj.version}-children.pdf", ContentFile(b"%PDF-1.7 children"), save=False)
        obj.save()
