"""The canary agency's audits and case-level detail never reach a home-agency user."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audits import practice_services
from audits.models import AuditCase, CaseAgency
from audits.tests.factories import AgencyAuditFactory, PracticeAuditFactory

pytestmark = pytest.mark.django_db
CANARY = "CANARY-AUDIT-TITLE"


@pytest.fixture
def audits(world):
    AgencyAuditFactory(agency=world.home, title="HOME-AUDIT-TITLE")
    return AgencyAuditFactory(agency=world.other, title=CANARY, theme="Canary theme")


@pytest.mark.parametrize("key", ["lead", "contributor", "cdop", "ssm"])
def test_the_programme_list_filters_and_exports_leave_out_the_canary(world, client_for, audits, key):
    client = client_for(world.user(key))
    page = client.get(reverse("audits:index")).content.decode()
    assert "HOME-AUDIT-TITLE" in page
    assert CANARY not in page and "Canary Agency" not in page  # nor in the agency filter choices
    filtered = client.get(reverse("audits:index"), {"agency": world.other.pk}).content.decode()
    assert CANARY not in filtered
    csv = client.get(reverse("audits:export", args=["csv"])).getvalue().decode("utf-8-sig")
    assert "HOME-AUDIT-TITLE" in csv and CANARY not in csv and "Canary Agency" not in csv
    book = load_workbook(io.BytesIO(client.get(reverse("audits:export", args=["xlsx"])).getvalue()))
    cells = {str(c.value) for row in book.active.iter_rows() for c in row}
    assert "HOME-AUDIT-TITLE" in cells and CANARY not in cells


def test_paqa_sees_both_and_each_export_is_logged(world, client_for, audits):
    from partnership.models import SecurityEvent

    client = client_for(world.user("paqa"))
    csv = client.get(reverse("audits:export", args=["csv"]), {"theme": "canary"}).getvalue().decode("utf-8-sig")
    assert CANARY in csv and "HOME-AUDIT-TITLE" not in csv
    assert SecurityEvent.objects.filter(kind="export", detail__startswith="audit programme csv: 1 rows").exists()


def test_the_home_panel_and_overview_leave_out_the_canary(world, client_for, audits):
    from audits.models import Escalation

    Escalation.objects.create(audit=audits, reason="canary escalation", escalated_by=world.user("paqa"))
    home = client_for(world.user("lead")).get(reverse("home")).content.decode()
    assert CANARY not in home


@pytest.fixture
def practice(world, standards, third):
    audit = PracticeAuditFactory(
        lead=world.user("paqa"), standards=standards, agencies=[world.home, world.other, third]
    )
    practice_services.candidates_load(
        audit=audit,
        by=world.user("paqa"),
        rows=[
            {"reference": "SHARED-1", "agencies": "Home;Canary"},
            {"reference": "CANARYCASE-9", "agencies": "Canary;Third"},
        ],
        source="x",
    )
    practice_services.sample_draw(audit=audit, by=world.user("paqa"), size=2, seed=3)
    criteria = [c for s in standards for c in s.criteria.all()]
    for review in CaseAgency.objects.filter(case__audit=audit).select_related("agency", "case"):
        practice_services.case_agency_record(
            review=review,
            by=world.user("paqa"),
            version=1,
            answers={c.pk: "met" if review.agency == world.home else "not_met" for c in criteria},
            strengths=f"STRENGTH-{review.agency.short_name}-{review.case.reference}",
            learning=f"LEARNING-{review.agency.short_name}-{review.case.reference}",
        )
    return audit


def test_an_agency_sees_only_its_own_findings_and_the_aggregate(world, client_for, practice):
    client = client_for(world.user("lead"))
    page = client.get(reverse("audits:practice_analysis", args=[practice.pk])).content.decode()
    assert "STRENGTH-Home-SHARED-1" in page
    assert "STRENGTH-Canary" not in page and "LEARNING-Canary" not in page and "LEARNING-Third" not in page
    assert "Canary Agency" not in page and "Third" not in page.split("Per agency", 1)[1].split("</table>")[0]
    # The aggregate over every agency is still there: 2 met of 8 applicable answers per... in all 25%.
    assert "All standards" in page
    from audits.selectors import analysis

    data = analysis(audit=practice, user=world.user("lead"))
    assert [str(a) for a, _ in data["agencies"]] == ["Home"]
    assert data["overall"].applicable == 4 * 3  # every agency's answers count in the aggregate


def test_the_agency_chart_data_names_only_the_users_agency(world, client_for, practice):
    from audits import charts
    from audits.selectors import analysis

    figure = charts.agencies_figure(analysis(audit=practice, user=world.user("lead")))
    labels = {label for trace in figure["data"] for label in trace["y"]}
    assert labels == {"Home"}


def test_case_level_detail_only_for_cases_the_agency_took_part_in(world, client_for, practice):
    client = client_for(world.user("lead"))
    detail = client.get(practice.get_absolute_url()).content.decode()
    assert "SHARED-1" in detail and "CANARYCASE-9" not in detail
    canary_case = AuditCase.objects.get(reference="CANARYCASE-9")
    assert client.get(canary_case.get_absolute_url()).status_code == 404
    # A case the agency took part in shows every agency's part in it.
    shared = client.get(AuditCase.objects.get(reference="SHARED-1").get_absolute_url()).content.decode()
    assert "STRENGTH-Canary-SHARED-1" in shared


def test_the_report_pdf_for_an_agency_leaves_out_other_agencies_detail(world, client_for, practice):
    from pypdf import PdfReader

    response = client_for(world.user("lead")).get(reverse("audits:practice_report", args=[practice.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "STRENGTH-Home-SHARED-1" in text
    assert "STRENGTH-Canary" not in text and "LEARNING-Third" not in text


def test_a_practice_audit_without_the_agency_is_invisible_to_it(world, client_for, standards, third):
    audit = PracticeAuditFactory(
        title="NOT-OURS", lead=world.user("paqa"), standards=standards, agencies=[world.other, third]
    )
    client = client_for(world.user("lead"))
    assert "NOT-OURS" not in client.get(reverse("audits:practice_list")).content.decode()
    assert "NOT-OURS" not in client.get(reverse("audits:index")).content.decode()
    assert client.get(audit.get_absolute_url()).status_code == 404
