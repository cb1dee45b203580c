"""Journey: the business unit imports a file with a bad row, sees every row's fate, confirms;
PAQA then finds the new RAG rating on the scorecard and opens the SPC chart. Axe on every page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from scorecard.models import Measurement
from scorecard.tests.factories import IndicatorFactory, MeasurementFactory, TargetFactory
from scorecard.tests.test_views import months
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_import_confirm_then_paqa_reads_the_rating_and_chart(page, live_server, world, tmp_path):
    indicator = IndicatorFactory(code="VISITS_10WD", name="Visits within 10 working days", owning_agency=world.home)
    TargetFactory(indicator=indicator, value=Decimal("90"))
    today = timezone.localdate()
    first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    for _ in range(13):
        first = (first - timedelta(days=1)).replace(day=1)
    periods = months(14, first)
    for k, (start, end) in enumerate(periods[:-1]):
        MeasurementFactory(indicator=indicator, period_start=start, period_end=end, value=Decimal(91 + k % 3))
    last_start, last_end = periods[-1]
    upload = tmp_path / "visits.csv"
    upload.write_text(
        "Indicator_Code,Period_Start,Period_End,Value,Numerator,Denominator\n"
        f"VISITS_10WD,{last_start:%d/%m/%Y},{last_end:%d/%m/%Y},70.0,140,200\n"
        f"VISITS_10WD,{last_start},{last_end - timedelta(days=40)},50,,\n"
    )

    sign_in(page, live_server, world.user("bu").username)
    page.goto(f"{live_server.url}/scorecard/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import scorecard data")
    assert_accessible(page)
    page.locator("input[name=file]").set_input_files(str(upload))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check before importing")
    expect(page.get_by_role("row", name="3 Refused")).to_contain_text("is before Period start")
    expect(page.get_by_role("row", name="2 New")).to_contain_text("70")
    assert_accessible(page)
    assert Measurement.objects.filter(indicator=indicator).count() == 13
    page.get_by_role("button", name="Confirm: write 1 row").click()
    expect(page.get_by_role("status")).to_contain_text("1 new, 0 changed, 0 unchanged, 1 refused")
    assert_accessible(page)
    assert Measurement.objects.get(indicator=indicator, period_start=last_start).value == Decimal("70.0")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, world.user("paqa").username)
    page.goto(f"{live_server.url}/scorecard/")
    assert_accessible(page)
    page.get_by_label("RAG rating").select_option("RED")
    page.get_by_role("button", name="Show").click()
    row = page.get_by_role("row", name="Visits within 10 working days")
    expect(row).to_contain_text("70.0%")
    expect(row).to_contain_text("Red")
    expect(row).to_contain_text("Worsening")
    assert_accessible(page)
    row.get_by_role("link", name="Visits within 10 working days").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Visits within 10 working days")
    expect(page.locator("#spc-chart .main-svg").first).to_be_visible()  # plotly drew the SPC chart
    expect(page.get_by_text("Special cause: concern (low)").first).to_be_visible()
    expect(page.get_by_role("table", name="Every period")).to_contain_text("Point outside the limits")
    assert_accessible(page)
