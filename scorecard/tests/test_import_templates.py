"""Import templates: downloaded from the import page, filled in, imported; refused values answered
with the labels people write; a command that refuses every row says so and fails."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from partnership.framework import load as load_partnership
from scorecard import services
from scorecard.import_formats import INDICATORS, MEASUREMENTS
from scorecard.models import ImportBatch, Indicator, Measurement, Target
from scorecard.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def download(client, kind: str, fmt: str) -> bytes:
    response = client.get(reverse("scorecard:import_template", kwargs={"kind": kind, "fmt": fmt}))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def upload_and_confirm(client, kind: str, name: str, data: bytes) -> ImportBatch:
    upload = io.BytesIO(data)
    upload.name = name
    response = client.post(reverse("scorecard:import"), {"kind": kind, "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.latest("pk")
    client.post(batch.get_absolute_url(), {"fingerprint": batch.fingerprint})
    batch.refresh_from_db()
    return batch


def test_the_import_page_offers_each_template_it_may_import(world, client_for):
    page = client_for(world.user("bu")).get(reverse("scorecard:import")).content.decode()
    for kind in ("measurements", "indicators"):
        for fmt in ("csv", "xlsx"):
            assert reverse("scorecard:import_template", kwargs={"kind": kind, "fmt": fmt}) in page
    assert "Child protection activity, CP conference standards, LADO" in page  # accepted values, as labels
    lead_page = client_for(world.user("lead")).get(reverse("scorecard:import")).content.decode()
    assert reverse("scorecard:import_template", kwargs={"kind": "measurements", "fmt": "csv"}) in lead_page
    assert reverse("scorecard:import_template", kwargs={"kind": "indicators", "fmt": "csv"}) not in lead_page


def test_the_csv_template_has_the_columns_and_example_rows(world, client_for):
    rows = list(
        csv.reader(io.StringIO(download(client_for(world.user("bu")), "measurements", "csv").decode("utf-8-sig")))
    )
    assert rows[0] == MEASUREMENTS.titles
    assert rows[0][:3] == ["Indicator code", "Period start", "Period end"]
    assert rows[1:] == [[str(v) for v in row] for row in MEASUREMENTS.example_rows()] and len(rows) == 4


def test_the_xlsx_template_explains_each_column(world, client_for):
    book = openpyxl.load_workbook(io.BytesIO(download(client_for(world.user("bu")), "indicators", "xlsx")))
    assert book.sheetnames == ["indicators", "Columns"]
    header = [c.value for c in book["indicators"][1]]
    assert header == INDICATORS.titles
    explained = list(book["Columns"].iter_rows(values_only=True))
    assert explained[0] == ("Column", "Required", "What to put in it", "Accepted values", "Example")
    assert [row[0] for row in explained[1:]] == INDICATORS.titles
    unit = next(row for row in explained if row[0] == "Unit")
    assert unit[3] == "Count, Percentage, Rate per 10,000, Days or Score"


def test_csv_template_round_trip(world, client_for):
    """Download the template, put real figures in place of the examples, import it."""
    IndicatorFactory(code="RT_PCT", unit="percentage", decimals=1)
    IndicatorFactory(code="RT_CNT", unit="count", decimals=0, polarity="neither")
    client = client_for(world.user("bu"))
    rows = list(csv.reader(io.StringIO(download(client, "measurements", "csv").decode("utf-8-sig"))))
    header, examples = rows[0], rows[1:]
    filled = [dict(zip(header, row, strict=True)) for row in examples]
    filled[0].update({"Indicator code": "RT_PCT", "Value": "90.1", "Numerator": "901", "Denominator": "1000"})
    filled[1].update({"Indicator code": "rt_cnt", "Value": "12"})
    filled[2].update({"Indicator code": "RT_PCT", "Series": "statistical NEIGHBOURS", "Value": "c"})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    writer.writerows(filled)
    batch = upload_and_confirm(client, "measurements", "filled.csv", out.getvalue().encode())
    assert batch.counts == {"new": 3, "changed": 0, "unchanged": 0, "refused": 0}
    stored = {
        (m.indicator.code, m.series): (m.value, m.symbol) for m in Measurement.objects.select_related("indicator")
    }
    assert stored == {
        ("RT_PCT", "local"): (Decimal("90.1"), ""),
        ("RT_CNT", "local"): (Decimal("12"), ""),
        ("RT_PCT", "stat_neighbours"): (None, "c"),
    }


def test_xlsx_template_round_trip(world, client_for):
    """The indicators workbook as downloaded, its example row made a new indicator, imports."""
    from partnership.tests.factories import AgencyFactory

    load_partnership()
    AgencyFactory(name="Children's Services Department", short_name="Children's Services")
    client = client_for(world.user("bu"))
    book = openpyxl.load_workbook(io.BytesIO(download(client, "indicators", "xlsx")))
    sheet = book["indicators"]
    sheet.cell(row=2, column=1, value="RT_NEW")
    sheet.cell(row=2, column=INDICATORS.titles.index("Category") + 1, value="lado")  # a code works too
    saved = io.BytesIO()
    book.save(saved)
    batch = upload_and_confirm(client, "indicators", "filled.xlsx", saved.getvalue())
    assert batch.counts["new"] == 1 and batch.counts["refused"] == 0
    indicator = Indicator.objects.get(code="RT_NEW")
    assert (indicator.unit, indicator.polarity, indicator.frequency, indicator.category) == (
        "percentage",
        "higher",
        "monthly",
        "lado",
    )
    assert indicator.outcome_area.name == "Staying safe"
    assert Target.objects.get(indicator=indicator).value == Decimal("85")


def test_a_refused_choice_is_answered_with_the_labels(world):
    data = (
        b"Code,Name,Definition,Unit,Polarity,Frequency,Category\n"
        b"A_1,Name,Def.,count,neither,monthly,child protection\n"
        b"A_2,Name,Def.,COUNT,NEITHER,Monthly,child PROTECTION activity\n"
    )
    plan = services.build_plan(kind="indicators", data=data, user=None)
    assert plan.fates[0].reason == (
        'Category: "child protection" is not one of the choices. Write Child protection activity, '
        "CP conference standards, LADO, Questionnaires, Bullying, National children in need measures or Other."
    )
    assert "cp_activity" not in plan.fates[0].reason
    assert plan.fates[1].fate == "new"


def test_a_file_without_a_column_is_refused_by_the_column_title(world):
    plan_error = pytest.raises(Exception, match='no "Period end" column')
    with plan_error:
        services.build_plan(kind="measurements", data=b"Indicator code,Period start,Value\nX,2024-04-01,1\n", user=None)


def test_a_command_that_refuses_every_row_says_so_and_fails(world, tmp_path):
    path = tmp_path / "all-bad.csv"
    path.write_text("Indicator code,Period start,Period end,Value\nNOPE,2024-04-01,2024-04-30,1\nNOPE,x,2024-04-30,1\n")
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"Every row of all-bad.csv was refused \(2\), so nothing was written"):
        call_command("import_measurements", str(path), stdout=out)
    assert "Row 2: refused" in out.getvalue() and "Row 3: refused" in out.getvalue()
    assert not Measurement.objects.exists()


def test_a_command_given_a_file_with_no_rows_fails(world, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("Indicator code,Period start,Period end,Value\n")
    with pytest.raises(CommandError, match="no rows below its header row"):
        call_command("import_measurements", str(path), stdout=io.StringIO())
