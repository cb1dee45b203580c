"""Who signs the report off, and who reads it before and after: the gate in services.py, the
pages, the PDF, the children's version and their downloads, role by role."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from annual_report import services
from annual_report.models import Narrative, Report, SectionComment, SignOff
from annual_report.sections import SECTIONS
from annual_report.tests.factories import ReportFactory
from partnership.models import AgencyKind
from partnership.tests.factories import AgencyFactory, UserFactory


@pytest.fixture
def chain(world):
    """Three statutory partners with a lead each, and a second business-unit member."""
    leads = []
    for name, kind in [("Council", AgencyKind.LOCAL_AUTHORITY), ("Police", AgencyKind.POLICE), ("ICB", AgencyKind.ICB)]:
        agency = AgencyFactory(name=f"{name} partner", kind=kind, statutory_partner=True)
        leads.append(UserFactory(username=f"lead-{name.lower()}", agency=agency, roles=["agency_lead"]))
    bu2 = UserFactory(username="bu2", agency=world.home, roles=["business_unit"])
    return {"leads": leads, "bu2": bu2}


def write_and_approve_all(period, writer, approver):
    for section in SECTIONS:
        services.narrative_save(
            period=period,
            section=section.key,
            text=f"Words for {section.title}.",
            status="submitted",
            by=writer,
            version=None,
        )
        services.narrative_approve(period=period, section=section.key, by=approver)


def built(world, by=None, **kw):
    return ReportFactory(requested_by=by or world.user("bu"), **kw)


def test_a_version_cannot_be_approved_with_narratives_unwritten(world, chain):
    report = built(world)
    with pytest.raises(ValidationError) as exc:
        services.report_approve(report=report, by=chain["bu2"])
    assert any("no narrative written yet" in m for m in exc.value.messages)
    assert any("Sign-off outstanding from Council partner." == m for m in exc.value.messages)


def test_a_writer_cannot_approve_their_own_narrative(world, chain):
    services.narrative_save(
        period="2024-25", section="foreword", text="Hello", status="submitted", by=world.user("bu"), version=None
    )
    with pytest.raises(ValidationError, match="another member of the business unit"):
        services.narrative_approve(period="2024-25", section="foreword", by=world.user("bu"))
    assert services.narrative_approve(period="2024-25", section="foreword", by=chain["bu2"]).status == "approved"


def test_editing_an_approved_narrative_needs_approval_again(world, chain):
    n = services.narrative_save(
        period="2024-25", section="foreword", text="One", status="submitted", by=world.user("bu"), version=None
    )
    n = services.narrative_approve(period="2024-25", section="foreword", by=chain["bu2"])
    n = services.narrative_save(
        period="2024-25", section="foreword", text="Two", status="submitted", by=world.user("bu"), version=n.version
    )
    assert n.status == "submitted" and n.approved_by is None


def test_the_full_chain_approves_a_version(world, chain):
    write_and_approve_all("2024-25", world.user("bu"), chain["bu2"])
    report = built(world)
    for lead in chain["leads"][:2]:
        services.report_sign_off(report=report, by=lead)
    with pytest.raises(ValidationError, match="Sign-off outstanding from ICB partner"):
        services.report_approve(report=report, by=chain["bu2"])
    services.report_sign_off(report=report, by=chain["leads"][2])
    with pytest.raises(ValidationError, match="You generated this version"):
        services.report_approve(report=report, by=world.user("bu"))
    approved = services.report_approve(report=report, by=chain["bu2"])
    assert approved.approved_at and approved.approved_by == chain["bu2"]
    signed = SignOff.objects.filter(report=report).order_by("agency__name")
    assert [(s.agency.name, s.signed_by.username) for s in signed] == [
        ("Council partner", "lead-council"),
        ("ICB partner", "lead-icb"),
        ("Police partner", "lead-police"),
    ]


def test_narratives_approved_after_the_build_need_a_new_version(world, chain):
    report = built(world)  # built before the words were approved
    write_and_approve_all("2024-25", world.user("bu"), chain["bu2"])
    for lead in chain["leads"]:
        services.report_sign_off(report=report, by=lead)
    with pytest.raises(ValidationError, match="generate a new version"):
        services.report_approve(report=report, by=chain["bu2"])


def test_a_sign_off_is_recorded_once_per_partner_and_version(world, chain):
    report = built(world)
    lead = chain["leads"][0]
    first = services.report_sign_off(report=report, by=lead)
    assert (first.signed_by, first.agency, first.report) == (lead, lead.agency, report) and first.signed_at
    with pytest.raises(ValidationError, match="has already signed off this version"):
        services.report_sign_off(report=report, by=lead)
    # A new version needs its own sign-off.
    assert services.report_sign_off(report=built(world), by=lead).pk != first.pk


def test_only_a_lead_of_a_statutory_partner_signs(world, chain):
    report = built(world)
    for user in [world.user("bu"), world.user("board"), world.user("lead")]:  # "lead" is not a partner's lead
        with pytest.raises(PermissionDenied):
            services.report_sign_off(report=report, by=user)


def test_paqa_comments_on_a_draft_section(world, client_for):
    client = client_for(world.user("paqa"))
    url = reverse("annual_report:narrative", args=["2024-25", "foreword"])
    response = client.post(url, {"text": ""})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    response = client.post(url, {"text": "Please add the <b>police</b> figures."})
    assert response.status_code == 302
    assert SectionComment.objects.get().author == world.user("paqa")
    page = client.get(url).content.decode()
    assert "Please add the &lt;b&gt;police&lt;/b&gt; figures." in page


def test_the_page_lists_every_reason_and_never_errors(world, chain, client_for):
    report = built(world)
    client = client_for(chain["bu2"])
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Before this version can be approved" in page and "Sign-off outstanding from ICB partner." in page
    response = client.post(reverse("annual_report:report_approve", args=[report.pk]), follow=True)
    assert response.status_code == 200
    assert "This version cannot be approved yet" in response.content.decode()
    assert Report.objects.get(pk=report.pk).approved_at is None


def test_a_partner_lead_signs_off_from_the_page(world, chain, client_for):
    report = built(world)
    lead = chain["leads"][1]
    client = client_for(lead)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Sign off this version for Police partner" in page
    response = client.post(reverse("annual_report:report_sign_off", args=[report.pk]), follow=True)
    assert "Signed off for Police partner." in response.content.decode()
    response = client.post(reverse("annual_report:report_sign_off", args=[report.pk]), follow=True)
    assert response.status_code == 200 and "has already signed off this version" in response.content.decode()


DOWNLOADS = ["annual_report:report", "annual_report:report_download", "annual_report:report_children_download"]


@pytest.mark.parametrize("approved", [False, True])
def test_audience_by_role_for_page_pdf_and_childrens_version(world, chain, client_for, approved):
    report = built(world, approved=approved)
    # Board members: approved versions only; the chain reads drafts; other roles never.
    expect = {
        "bu": 200,
        "paqa": 200,
        "partner-lead": 200,
        "board": 200 if approved else 404,
        "lead": 403,
        "contributor": 403,
        "cdop": 403,
        "ssm": 403,
        "chair": 403,
    }
    for key, status in expect.items():
        user = chain["leads"][0] if key == "partner-lead" else world.user(key)
        client = client_for(user)
        for name in DOWNLOADS:
            got = client.get(reverse(name, args=[report.pk])).status_code
            assert got == status, f"{key} {name}: expected {status}, got {got}"
    anonymous = client_for(None)
    for which in ["full", "children"]:
        got = anonymous.get(reverse("annual_report:published_download", args=[report.pk, which])).status_code
        assert got == (200 if approved else 404)
    listing = anonymous.get(reverse("annual_report:published")).content.decode()
    assert (f"Annual report {report.period}" in listing) == approved
    board_list = client_for(world.user("board")).get(reverse("annual_report:annual")).content.decode()
    assert (reverse("annual_report:report", args=[report.pk]) in board_list) == approved


def test_a_partner_lead_finds_the_annual_report_in_the_navigation(world, chain, client_for):
    page = client_for(chain["leads"][0]).get("/").content.decode()
    assert reverse("annual_report:annual") in page
    assert Narrative.objects.count() == 0


def test_the_appendix_tables_follow_the_report_audience(world, client_for):
    draft, approved = built(world), built(world, approved=True)
    board = client_for(world.user("board"))
    assert board.get(reverse("annual_report:report_appendix", args=[draft.pk, 0, "csv"])).status_code == 404
    response = board.get(reverse("annual_report:report_appendix", args=[approved.pk, 0, "csv"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[0] == "Name,Count" and "'=cmd" in body  # formulas neutralised by the one writer
    public = client_for(None)
    assert public.get(reverse("annual_report:published_appendix", args=[approved.pk, 0, "xlsx"])).status_code == 200
    assert public.get(reverse("annual_report:published_appendix", args=[approved.pk, 5, "xlsx"])).status_code == 404
    assert public.get(reverse("annual_report:published_appendix", args=[draft.pk, 0, "xlsx"])).status_code == 404
