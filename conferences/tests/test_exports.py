"""Exports carry the same filtered, access-checked rows as the pages, in the documented columns."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conferences.exports import AGENCY_COLUMNS, CONFERENCE_COLUMNS
from conferences.tests.factories import ConferenceFactory, InvitationFactory

pytestmark = pytest.mark.django_db


def test_the_csv_export_follows_the_list_filters(world, client_for):
    ConferenceFactory(child_ref="CP-25-00001")
    ConferenceFactory(child_ref="CP-25-00002", conference_date=dt.date(2025, 3, 31), plan_start=dt.date(2025, 3, 31))
    response = client_for(world.user("paqa")).get(
        reverse("conferences:export", kwargs={"fmt": "csv"}), {"timeliness": "late"}
    )
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0] == [c.title for c in CONFERENCE_COLUMNS]
    assert rows[0][:2] == ["Conference date", "Child's case reference"]
    assert [r[1] for r in rows[1:]] == ["CP-25-00002"]
    assert rows[1][0] == "2025-03-31" and rows[1][7] == "no"


def test_the_xlsx_export_has_date_cells(world, client_for):
    ConferenceFactory(child_ref="CP-25-00003")
    response = client_for(world.user("ssm")).get(reverse("conferences:export", kwargs={"fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.getvalue()))["Conferences"]
    values = list(sheet.values)
    assert values[0][1] == "Child's case reference"
    assert values[1][1] == "CP-25-00003"
    assert values[1][0].date() == dt.date(2025, 3, 17)


def test_the_agency_export_has_the_documented_columns(world, client_for):
    InvitationFactory(
        agency=world.home,
        conference=ConferenceFactory(
            conference_date=dt.date.today(), plan_start=dt.date.today(), enquiry_start_date=dt.date.today()
        ),
    )
    response = client_for(world.user("lead")).get(reverse("conferences:agency_export", kwargs={"fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0] == ["Period start", "Period end", *[title for _, title in AGENCY_COLUMNS]]
    assert rows[1][2] == "Home" and rows[1][3] == "1" and rows[1][6] == "100.0"


def test_an_unknown_format_is_404(world, client_for):
    assert client_for(world.user("paqa")).get("/conferences/export.pdf").status_code == 404


def test_typed_text_cannot_become_a_spreadsheet_formula(world, client_for):
    ConferenceFactory(chair='=HYPERLINK("http://x")')
    client = client_for(world.user("paqa"))
    body = client.get(reverse("conferences:export", kwargs={"fmt": "csv"})).getvalue().decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    sheet = load_workbook(io.BytesIO(client.get(reverse("conferences:export", kwargs={"fmt": "xlsx"})).getvalue()))
    assert list(sheet["Conferences"].values)[1][8].startswith("'=")
