import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from governance import services
from governance.models import BudgetPressure, Contribution
from governance.tests.factories import (
    ContributionFactory,
    ExpenditureLineFactory,
    FinancialYearFactory,
    budget_pressure,
)
from governance.tests.helpers import LAYOUT_QUERIES, csv_export
from partnership.models import SecurityEvent
from partnership.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_a_contribution_received_above_agreed_is_kept_and_flagged(world):
    year = FinancialYearFactory(start_year=2025)
    c = services.contribution_set(year=year, agency=world.home, agreed=Decimal("1000"), received=Decimal("1200"))
    assert Contribution.objects.get(pk=c.pk).received == Decimal("1200")
    assert c.flag == "over"


def test_the_page_warns_when_more_than_agreed_was_received(world, client_for):
    FinancialYearFactory(start_year=2025)
    response = client_for(world.user("bu")).post(
        reverse("governance:contribution_add") + "?year=2025",
        {"agency": world.home.pk, "agreed": "1000", "received": "1500", "note": ""},
        follow=True,
    )
    assert "paid more than agreed" in response.content.decode()
    assert "Received more than agreed" in response.content.decode()


def test_a_negative_contribution_is_refused_with_the_typed_values_kept(world, client_for):
    response = client_for(world.user("bu")).post(
        reverse("governance:contribution_add"),
        {"agency": world.home.pk, "agreed": "-5", "received": "12.50", "note": "typed note"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "greater than or equal to 0" in body
    assert 'value="typed note"' in body and 'value="12.50"' in body
    assert not Contribution.objects.exists()


def test_variance_is_shown_for_each_line(world, client_for):
    year = FinancialYearFactory(start_year=2025)
    ExpenditureLineFactory(year=year, category="training", budget=Decimal("1000"), actual=Decimal("1100"))
    body = client_for(world.user("board")).get(reverse("governance:budget_dashboard") + "?year=2025").content.decode()
    assert "10.0" in body and ">100<" in body


def test_an_agency_lead_reports_a_pressure_only_for_their_own_agency(world, client_for):
    FinancialYearFactory(start_year=2025)
    client = client_for(world.user("lead"))
    data = {"description": "Cuts", "impact": "Delays", "risk_rating": "high", "mitigations": "Overtime"}
    response = client.post(reverse("governance:pressure_create") + "?year=2025", {**data, "agency": world.other.pk})
    assert response.status_code == 400  # the other agency is not a choice for them
    assert not BudgetPressure.objects.exists()
    client.post(reverse("governance:pressure_create") + "?year=2025", {**data, "agency": world.home.pk})
    assert BudgetPressure.objects.get().agency == world.home


def test_a_pressure_without_mitigations_is_refused_clearly(world, client_for):
    response = client_for(world.user("lead")).post(
        reverse("governance:pressure_create"),
        {
            "agency": world.home.pk,
            "description": "typed pressure",
            "impact": "x",
            "risk_rating": "low",
            "mitigations": "",
        },
    )
    assert response.status_code == 400
    assert "typed pressure" in response.content.decode()


def test_services_refuse_negative_amounts(world):
    year = FinancialYearFactory()
    with pytest.raises(ValidationError):
        services.expenditure_line_create(year=year, category="training", budget=Decimal("-1"), actual=None)


def _canary_year(world):
    year = FinancialYearFactory(start_year=2025)
    ContributionFactory(year=year, agency=world.home, agreed=Decimal("111"))
    ContributionFactory(year=year, agency=world.other, agreed=Decimal("999"))
    budget_pressure(year, world.other, world.other_lead, "Canary pressure", impact="i", mitigations="m")
    services.investment_create(year=year, agency=world.other, by=world.other_lead, description="Canary investment")
    return year


def test_an_agency_user_never_sees_another_agencys_budget_rows(world, client_for):
    _canary_year(world)
    client = client_for(world.user("lead"))
    body = client.get(reverse("governance:budget_dashboard") + "?year=2025").content.decode()
    assert "Home Agency" in body
    assert "Canary" not in body
    csv_body = csv_export(client, "governance:budget_export", "?year=2025&format=csv")
    rows = list(csv.reader(io.StringIO(csv_body)))
    assert any("Home Agency" in r for r in rows)
    assert "Canary" not in csv_body
    xlsx = client.get(reverse("governance:budget_export") + "?year=2025&format=xlsx")
    cells = [str(c.value) for row in load_workbook(io.BytesIO(xlsx.getvalue())).active.iter_rows() for c in row]
    assert "Home Agency" in cells and not any("Canary" in c for c in cells)
    assert SecurityEvent.objects.filter(kind="export").count() == 2


def test_the_business_unit_export_has_every_agency(world, client_for):
    _canary_year(world)
    body = csv_export(client_for(world.user("bu")), "governance:budget_export", "?year=2025&format=csv")
    assert "Canary Agency" in body and "Received more than agreed" in body


def test_the_dashboard_query_count_does_not_grow_with_the_data(world, client_for, django_assert_num_queries):
    for start in range(2015, 2026):
        year = FinancialYearFactory(start_year=start)
        for _ in range(3):
            ContributionFactory(year=year, agency=AgencyFactory())
            ExpenditureLineFactory(year=year)
    client = client_for(world.user("bu"))
    url = reverse("governance:budget_dashboard") + "?year=2025"
    client.get(url)
    # the year; the list of years; budget trend; contributions; lines; pressures; investments;
    # partnership totals
    with django_assert_num_queries(LAYOUT_QUERIES + 8):
        assert client.get(url).status_code == 200
