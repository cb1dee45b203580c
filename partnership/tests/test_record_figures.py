"""A figure PAQA can ask about that stands on one agency's record: its reference and its link."""

from types import SimpleNamespace

import pytest

from partnership.models import RiskTheme
from partnership.record_figures import figure_on, record_named


@pytest.mark.django_db
def test_a_reference_names_one_record_among_those_the_reader_may_see():
    theme = RiskTheme.objects.create(code="neglect", name="Neglect")
    hidden = RiskTheme.objects.create(code="old", name="Old")
    visible = RiskTheme.objects.exclude(pk=hidden.pk)
    assert record_named(f"theme-{theme.pk}", "theme", visible) == theme
    assert record_named(f"theme-{hidden.pk}", "theme", visible) is None
    for ref in (f"other-{theme.pk}", "theme-", "theme-x1", str(theme.pk), f"theme{theme.pk}", ""):
        assert record_named(ref, "theme", visible) is None


def test_the_figure_links_to_its_record_and_its_agency():
    record = SimpleNamespace(get_absolute_url=lambda: "/audits/7/", agency_id=3)
    figure = figure_on(record, kind="audit_finding", ref="finding-9", label="An audit: good")
    assert (figure.kind, figure.ref, figure.label, figure.url, figure.agency_id) == (
        "audit_finding",
        "finding-9",
        "An audit: good",
        "/audits/7/",
        3,
    )
