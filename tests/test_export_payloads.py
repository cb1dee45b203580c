"""No export carries a live spreadsheet formula.

Records are created in every strand, then every free-text field of every record is overwritten
with one of the six payloads that spreadsheets run as formulas; a failed login plants one as a
username in the security log. Every export URL the project defines (found in the URL resolver,
opened with the kwargs of its access-table entry as a user allowed to see it) is then fetched in
each format, with and without filters, and read back: no CSV cell may start with a formula
character (a plain number such as -3.5 excepted) and no XLSX cell may be a formula or text that
starts with one. Each download must also hold planted text, so that an empty export cannot pass.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from bscp_portal.lib.exports import FORMULA_STARTS
from bscp_portal.lib.periods import start_year_of
from tests.access import all_routes
from tests.test_access_matrix import url_names

PAYLOADS = ["=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1"]
NUMBER = re.compile(r"-?\d+(\.\d+)?")
#: Whose rights to use, most-seeing first (the CDOP case export is the panel chair's alone).
READERS = ["bu", "paqa", "cdop", "board", "chair", "ssm", "lead", "contributor"]
#: Text fields that hold codes the portal sets or parses, not text a person types.
NOT_FREE_TEXT = {
    "password",
    "username",
    "token_hash",
    "evaluation_token",
    "fingerprint",
    "stored_name",
    "content_type",
    "report_type",
    "origin",
    "progress",
    "error",
}
NOT_PLANTED_MODELS = {"SecurityEvent", "ReminderSent"}  # the log keeps what really happened


@dataclass(frozen=True)
class Export:
    formats: tuple[str, ...] = ("csv", "xlsx")
    filters: Callable | None = None  # world -> query string (without "?")


EXPORTS = {
    "annual_report:dashboard_export": Export(formats=("xlsx",)),
    "actions:export": Export(filters=lambda w: f"agency={w.other.pk}&status=open"),
    "audits:export": Export(filters=lambda w: f"agency={w.other.pk}"),
    "cdop:statistics_export": Export(),
    "cdop:case_export": Export(filters=lambda w: "status=reviewed&expectation=unexpected"),
    "cdop:case_export_ncmd": Export(filters=lambda w: "status=reviewed&expectation=unexpected"),
    "cdop:analysis_export": Export(filters=lambda w: "view=published"),
    "conferences:export": Export(filters=lambda w: "kind=initial"),
    "conferences:agency_export": Export(filters=lambda w: _the_last_two_months()),
    "governance:attendance_export": Export(),
    "governance:budget_export": Export(filters=lambda w: "year=2025"),
    "governance:training_export": Export(),
    "partnership:security_log_export": Export(formats=("csv",), filters=lambda w: "kind=login_failed"),
    "reviews:case_export": Export(filters=lambda w: f"agency={w.other.pk}"),
    "reviews:recommendation_export": Export(filters=lambda w: "status="),
    "reviews:learning_export": Export(filters=lambda w: f"year={start_year_of(dt.date.today())}"),
    "scorecard:export": Export(filters=lambda w: "category=other"),
    "section11:matrix_export": Export(filters=lambda w: "duty=statutory"),
}


def _the_last_two_months() -> str:
    today = dt.date.today()
    return f"start={today - dt.timedelta(days=40):%Y-%m}&end={today:%Y-%m}"


def export_names() -> set[str]:
    return {name for name in url_names() if "export" in name.split(":")[-1]}


def test_the_table_names_every_export_the_urls_define():
    assert export_names() == set(EXPORTS), "add each export URL to EXPORTS with its formats and a filter"


# --- the records -------------------------------------------------------------------------------


def create_records(world) -> None:
    """At least one record behind every export, in the canary agency (seen by the partnership roles)."""
    from actions.tests.factories import ActionFactory, ProgressUpdateFactory
    from audits.tests.factories import AgencyAuditFactory, FindingFactory
    from cdop.tests.factories import DeathFactory, load_reference_data, review_for
    from conferences.tests.factories import ConferenceFactory, InvitationFactory
    from governance.tests.factories import (
        AttendanceFactory,
        ContributionFactory,
        ExpenditureLineFactory,
        FinancialYearFactory,
        MeetingFactory,
        TrainingPlaceFactory,
        TrainingSessionFactory,
    )
    from partnership.tests.factories import SubCommitteeFactory
    from reviews.tests.factories import CaseReviewFactory, DisseminationEventFactory, RecommendationFactory
    from scorecard.tests.factories import IndicatorFactory, MeasurementFactory, TargetFactory
    from section11.tests.factories import make_return, open_round

    today = dt.date.today()
    other = world.other
    action = ActionFactory(
        agency=other, owner=world.other_lead, subcommittee=SubCommitteeFactory(), source_label="linked", due_date=today
    )
    ProgressUpdateFactory(action=action, author=world.other_lead)
    FindingFactory(audit=AgencyAuditFactory(agency=other, independent=True, auditor_name="Auditor"))
    load_reference_data()
    review_for(DeathFactory(review_reference="LCSPR-1"))
    for years_before in (1, 2):  # three years of reviews: the CDOP analysis pools them, by domain among others
        review_for(DeathFactory(date_of_death=dt.date(2025 - years_before, 1, 10)))
    held = today - dt.timedelta(days=30)
    InvitationFactory(
        agency=other,
        conference=ConferenceFactory(
            conference_date=held,
            strategy_discussion_date=held - dt.timedelta(days=14),
            enquiry_start_date=held - dt.timedelta(days=14),
            plan_start=held,
        ),
    )
    year = FinancialYearFactory(start_year=2025)
    ContributionFactory(year=year, agency=other)
    ExpenditureLineFactory(year=year)
    from governance import services as governance

    governance.pressure_create(
        year=year, agency=other, by=world.user("bu"), description="d", impact="i", risk_rating="high", mitigations="m"
    )
    AttendanceFactory(meeting=MeetingFactory(held_on=today - dt.timedelta(days=20)), agency=other, status="attended")
    TrainingPlaceFactory(session=TrainingSessionFactory(held_on=today - dt.timedelta(days=10)), agency=other)
    review = CaseReviewFactory(agencies=[other], decided_by="Chair", decision_reason="Why")
    RecommendationFactory(case_review=review, agency=other)
    DisseminationEventFactory(case_review=review, held_on=today, agencies_reached=[other])
    indicator = IndicatorFactory(category="other", owning_agency=other)
    TargetFactory(indicator=indicator)
    MeasurementFactory(indicator=indicator, note="typed")
    make_return(other, rnd=open_round(), ratings="fully_met")


def plant_payloads() -> int:
    """Every free-text field of every record of the portal's apps gets a payload; returns how many."""
    from bscp_portal.schedule import STRAND_APPS

    planted = 0
    for app in ["partnership", *STRAND_APPS]:
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical") or model.__name__ in NOT_PLANTED_MODELS:
                continue
            fields = [
                f
                for f in model._meta.concrete_fields
                if type(f) in (models.CharField, models.TextField) and not f.choices and f.name not in NOT_FREE_TEXT
            ]
            if not fields:
                continue
            for n, pk in enumerate(model.objects.values_list("pk", flat=True)):
                values = {}
                for k, f in enumerate(fields):
                    text = PAYLOADS[(n + k) % len(PAYLOADS)] + (f" {pk}" if f.unique else "")
                    values[f.name] = text[: f.max_length] if f.max_length else text
                model.objects.filter(pk=pk).update(**values)
                planted += len(values)
    return planted


# --- reading the downloads ---------------------------------------------------------------------


def cells_of(response) -> list[str | object]:
    body = response.getvalue()
    if response["Content-Type"].startswith("text/csv"):
        return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")) for cell in row]
    book = load_workbook(io.BytesIO(body))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def formula_cells(cells) -> list:
    bad = []
    for cell in cells:
        if isinstance(cell, str):
            if cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell):
                bad.append(cell)
        elif cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)):
            bad.append(cell.value)
    return bad


def planted_cells(cells) -> list:
    values = [c if isinstance(c, str) else c.value for c in cells]
    return [v for v in values if isinstance(v, str) and v.startswith("'") and v[1:].startswith(FORMULA_STARTS)]


def downloads(world):
    """(label, url, reader key, format) for every export, format and filter."""
    routes = {}
    for route in all_routes():
        if route.name in EXPORTS and route.name not in routes and 200 in route.expect.values():
            routes[route.name] = route
    for name, export in sorted(EXPORTS.items()):
        route = routes[name]
        reader = next(key for key in READERS if route.expect.get(key) == 200)
        kwargs = route.kwargs(world) if route.kwargs else {}
        for fmt in export.formats:
            query = [] if "fmt" in kwargs else [f"format={fmt}"]
            url = reverse(name, kwargs={**kwargs, "fmt": fmt} if "fmt" in kwargs else kwargs)
            filters = [None, export.filters(world)] if export.filters else [None]
            for extra in filters:
                parts = query + ([extra] if extra else [])
                yield (
                    f"{name} {fmt} {extra or 'unfiltered'}",
                    url + ("?" + "&".join(parts) if parts else ""),
                    reader,
                    fmt,
                )


@pytest.mark.django_db
def test_no_export_carries_a_live_formula(world, client_for):
    create_records(world)
    client_for(None).post(reverse("login"), {"username": PAYLOADS[0], "password": "wrong"})
    from partnership.models import SecurityEvent

    assert SecurityEvent.objects.filter(kind="login_failed", username=PAYLOADS[0]).exists()
    assert plant_payloads() > 100
    urls = list(downloads(world))  # kwargs may create records: plant those too
    plant_payloads()
    failures, fetched = [], 0
    for label, url, reader, fmt in urls:
        response = client_for(world.user(reader)).get(url)
        assert response.status_code == 200, f"{label}: {url} answered {response.status_code}"
        expected = "text/csv" if fmt == "csv" else "spreadsheetml"
        assert expected in response["Content-Type"], f"{label}: {response['Content-Type']}"
        assert re.fullmatch(r'attachment; filename="[A-Za-z0-9._-]+"', response["Content-Disposition"]), label
        cells = cells_of(response)
        if bad := formula_cells(cells):
            failures.append(f"{label}: {bad[:3]!r}")
        if not planted_cells(cells):
            failures.append(f"{label}: no planted text reached it (nothing was tested)")
        fetched += 1
    assert fetched >= 2 * len(EXPORTS)
    assert not failures, "\n".join(failures)


def test_the_checks_would_see_a_formula():
    class Cell:
        def __init__(self, value, data_type="s"):
            self.value, self.data_type = value, data_type

    assert formula_cells(["=1+1", "-1+1", "\t=1", "-3.5", "'=1"]) == ["=1+1", "-1+1", "\t=1"]
    assert len(formula_cells([Cell("=SUM(A1)", "f"), Cell("@x"), Cell(3, "n"), Cell("'=1")])) == 2
    assert planted_cells(["'=1", "plain", "'a"]) == ["'=1"]


def test_annual_report_appendices_carry_no_live_formula(world, client_for):
    """The report's appendix tables (signed in and public), in both formats, every payload."""
    from annual_report.tests.factories import ReportFactory

    rows = [[payload, n, f"{payload} and more"] for n, payload in enumerate(PAYLOADS)]
    report = ReportFactory(
        requested_by=world.user("bu"),
        approved=True,
        appendix=[{"title": "=Table", "columns": ["Name", "Count", "Note"], "rows": rows}],
    )
    checked = 0
    for name, reader in [("annual_report:report_appendix", "board"), ("annual_report:published_appendix", None)]:
        for fmt in ("csv", "xlsx"):
            response = client_for(world.user(reader) if reader else None).get(reverse(name, args=[report.pk, 0, fmt]))
            assert response.status_code == 200, f"{name} {fmt}"
            cells = cells_of(response)
            assert formula_cells(cells) == [], f"{name} {fmt}"
            assert len(planted_cells(cells)) >= len(PAYLOADS), f"{name} {fmt}: the payloads reached it"
            checked += 1
    assert checked == 4
