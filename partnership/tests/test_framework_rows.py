"""Loading one framework row by its key, and the yearly reports a strand offers PAQA."""

import datetime as dt

import pytest

from partnership.framework import upsert_row
from partnership.models import RiskTheme
from partnership.report_years import yearly_candidates


@pytest.mark.django_db
def test_a_row_is_created_then_left_alone_then_brought_up_to_date():
    assert upsert_row(RiskTheme, {"code": "neglect"}, {"name": "Neglect", "order": 1}) == "created"
    assert upsert_row(RiskTheme, {"code": "neglect"}, {"name": "Neglect", "order": 1}) is None
    assert upsert_row(RiskTheme, {"code": "neglect"}, {"name": "Neglect", "order": 2}) == "updated"
    theme = RiskTheme.objects.get(code="neglect")
    assert (theme.name, theme.order) == ("Neglect", 2)
    assert RiskTheme.objects.filter(code="neglect").count() == 1


def test_yearly_reports_are_the_year_so_far_then_the_last_year():
    found = yearly_candidates(
        kind="strand",
        title="Annual report {year}",
        source_label="The strand {year}",
        url="/strand/",
        headline=lambda start, end: f"{start:%Y-%m-%d} to {end:%Y-%m-%d}",
        today=dt.date(2025, 6, 30),
    )
    assert [c.ref for c in found] == ["2025-26", "2024-25"]
    assert [c.title for c in found] == ["Annual report 2025-26", "Annual report 2024-25"]
    assert [c.source_label for c in found] == ["The strand 2025-26", "The strand 2024-25"]
    assert {c.kind for c in found} == {"strand"} and {c.url for c in found} == {"/strand/"}
    # The current year runs to today, never past it; the last year is whole.
    assert [c.headline() for c in found] == ["2025-04-01 to 2025-06-30", "2024-04-01 to 2025-03-31"]
