"""Who may open each audits URL.

The home audit belongs to world.home; the canary audit to world.other. The home practice audit
involves world.home (its case HOME-1 has the home agency and a third one); its canary case
CANARY-1 involves only world.other and the third agency. The canary practice audit does not
involve world.home at all. `chair` chairs PAQA, so is a quality lead; board sees every agency
but writes nothing except resolving escalations.
"""

from django.core.files.base import ContentFile

from tests.access import Route, only, signed_in

AGENCY_ROLES = ("lead", "contributor", "cdop", "ssm")
AGENCY_404 = dict.fromkeys(AGENCY_ROLES, 404)
LEADS = ["bu", "paqa", "chair"]
# Quality leads and the audited agency's own staff (lead, contributor) may work on an audit.
WORKERS = {"bu": 200, "paqa": 200, "chair": 200, "lead": 200, "contributor": 200}
# On a record of another agency only: quality leads may work on it; agency roles do not see it.
LEADS_CANARY = signed_in(403, bu=200, paqa=200, chair=200, **AGENCY_404)
LEADS_CANARY_POST = signed_in(403, bu=302, paqa=302, chair=302, **AGENCY_404)


def _audit(agency, **extra):
    from audits.tests.factories import AgencyAuditFactory, FindingFactory

    audit = AgencyAuditFactory(agency=agency, **extra)
    FindingFactory(audit=audit)
    return audit


def home_audit(w, **extra):
    return _audit(w.home, **extra)


def canary_audit(w, **extra):
    return _audit(w.other, **extra)


def with_report(audit):
    audit.report_file.save("access-test.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    audit.report_name = "report.pdf"
    audit.report_type = "application/pdf"
    audit.save()
    return audit


def follow_up(audit):
    from audits.models import FollowUp

    return FollowUp.objects.create(audit=audit, due_date=audit.due_date, requested_by=audit.created_by or _bu())


def escalation(audit, w):
    from audits.models import Escalation

    return Escalation.objects.create(audit=audit, reason="Repeated shortfall", escalated_by=w.user("paqa"))


def disagreement(w, raised_by, with_agency):
    from audits.models import Disagreement

    return Disagreement.objects.create(
        raised_by_agency=raised_by,
        with_agency=with_agency,
        subject="Threshold for a strategy discussion",
        raised_on="2025-02-03",
        stage="practitioner",
    )


def _third():
    from partnership.tests.factories import AgencyFactory

    return AgencyFactory(name="Third Agency", short_name="Third")


def recommendation(audit):
    from audits.models import Recommendation

    return Recommendation.objects.create(agency_audit=audit, agency=audit.agency, text="Do better")


def _bu():
    """A business-unit user (the world's, or the demo's where the demo data plays the world)."""
    from partnership.models import User

    world_bu = User.objects.filter(username="w-bu").first()
    return world_bu or User.objects.filter(role_assignments__role="business_unit").order_by("pk").first()


def practice(w, *, home_takes_part: bool = True):
    """A practice audit with a drawn sample: case HOME-1 (home + third), CANARY-1 (other + third)."""
    from audits.models import AuditCase, CaseAgency, CaseSample
    from audits.tests.factories import PracticeAuditFactory, standard_with_criteria
    from partnership.tests.factories import AgencyFactory

    third = AgencyFactory(name="Third Agency")
    agencies = [w.home, w.other, third] if home_takes_part else [w.other, third]
    audit = PracticeAuditFactory(lead=w.user("paqa"), standards=[standard_with_criteria()], agencies=agencies)
    CaseSample.objects.create(audit=audit, source="Entered by hand", candidates=[], loaded_by=w.user("paqa"))
    home_case = AuditCase.objects.create(audit=audit, reference="HOME-1", position=1)
    canary_case = AuditCase.objects.create(audit=audit, reference="CANARY-1", position=2)
    if home_takes_part:
        CaseAgency.objects.create(case=home_case, agency=w.home)
    else:
        CaseAgency.objects.create(case=home_case, agency=w.other)
    CaseAgency.objects.create(case=home_case, agency=third)
    CaseAgency.objects.create(case=canary_case, agency=w.other)
    CaseAgency.objects.create(case=canary_case, agency=third)
    return audit


def case_kwargs(audit, reference: str, with_review: bool = False):
    case = audit.cases.get(reference=reference)
    kwargs = {"pk": audit.pk, "case_pk": case.pk}
    if with_review:
        kwargs["review_pk"] = case.agency_reviews.order_by("pk").first().pk
    return kwargs


def pk(obj):
    return {"pk": obj.pk}


def home_pk(w):
    return pk(home_audit(w))


def canary_pk(w):
    return pk(canary_audit(w))


def practice_pk(w):
    return pk(practice(w))


def canary_practice_pk(w):
    return pk(practice(w, home_takes_part=False))


def process_audit(w):
    from audits import process_services

    return process_services.process_audit_create(
        by=w.user("bu"), title="Front door", process="The front door", standard="S", scope="S", method="M"
    )


ROUTES = [
    # --- the programme and overview
    Route("audits:index", signed_in(200)),
    Route("audits:export", signed_in(200), kwargs=lambda w: {"fmt": "csv"}),
    Route("audits:export", signed_in(200), kwargs=lambda w: {"fmt": "xlsx"}),
    Route("audits:export", signed_in(404), kwargs=lambda w: {"fmt": "pdf"}),
    Route("audits:overview", only(["bu", "paqa", "chair", "board"])),
    Route("audits:agency_audit_create", signed_in(403, **WORKERS)),
    Route("audits:agency_audit_request", only(LEADS)),
    # --- one single-agency audit: own agency visible to all its people; canary only to all-agency roles
    Route("audits:agency_audit_detail", signed_in(200), kwargs=home_pk),
    Route("audits:agency_audit_detail", signed_in(200, **AGENCY_404), kwargs=canary_pk),
    Route("audits:agency_audit_edit", signed_in(403, **WORKERS), kwargs=home_pk),
    Route("audits:agency_audit_edit", LEADS_CANARY, kwargs=canary_pk),
    Route("audits:agency_audit_themes", signed_in(403, **WORKERS), kwargs=home_pk),
    Route("audits:agency_audit_themes", LEADS_CANARY, kwargs=canary_pk),
    Route("audits:agency_audit_start", signed_in(403, **{k: 302 for k in WORKERS}), kwargs=home_pk),
    Route("audits:finding_add", signed_in(403, **WORKERS), kwargs=home_pk),
    Route("audits:finding_add", LEADS_CANARY, kwargs=canary_pk),
    Route("audits:outcome_submit", signed_in(403, **WORKERS), kwargs=home_pk),
    Route("audits:outcome_submit", LEADS_CANARY, kwargs=canary_pk),
    Route("audits:report_download", signed_in(200), kwargs=lambda w: pk(with_report(home_audit(w)))),
    Route("audits:report_download", signed_in(200, **AGENCY_404), kwargs=lambda w: pk(with_report(canary_audit(w)))),
    Route("audits:report_download", signed_in(404), kwargs=home_pk),  # nothing attached
    Route("audits:recommendation_add", signed_in(403, **WORKERS), kwargs=home_pk),
    Route("audits:recommendation_add", LEADS_CANARY, kwargs=canary_pk),
    Route(
        "audits:recommendation_implemented",
        signed_in(403, **{k: 302 for k in WORKERS}),
        kwargs=lambda w: pk(recommendation(home_audit(w))),
    ),
    Route(
        "audits:recommendation_implemented",
        LEADS_CANARY_POST,
        kwargs=lambda w: pk(recommendation(canary_audit(w))),
        method="post",
    ),
    # PAQA's steps: quality leads only; the canary audit is invisible to agency roles.
    Route("audits:consider", only(LEADS), kwargs=lambda w: pk(home_audit(w, status="reported"))),
    Route("audits:consider", LEADS_CANARY, kwargs=lambda w: pk(canary_audit(w, status="reported"))),
    Route("audits:follow_up_request", only(LEADS), kwargs=home_pk),
    Route("audits:escalate", only(LEADS), kwargs=home_pk),
    Route("audits:escalate", LEADS_CANARY_POST, kwargs=canary_pk, method="post", data={"reason": "x"}),
    Route("audits:close", only(LEADS, 302), kwargs=home_pk),
    Route("audits:close", LEADS_CANARY_POST, kwargs=canary_pk, method="post"),
    Route("audits:follow_up_submit", signed_in(403, **WORKERS), kwargs=lambda w: pk(follow_up(home_audit(w)))),
    Route("audits:follow_up_submit", LEADS_CANARY, kwargs=lambda w: pk(follow_up(canary_audit(w)))),
    # The Partnership resolves escalations: board, business unit, the PAQA chair.
    Route(
        "audits:escalation_resolve",
        only(["bu", "chair", "board"]),
        kwargs=lambda w: pk(escalation(home_audit(w), w)),
    ),
    Route(
        "audits:escalation_resolve",
        signed_in(403, bu=200, chair=200, board=200, **AGENCY_404),
        kwargs=lambda w: pk(escalation(canary_audit(w), w)),
    ),
    # --- resolving professional disagreements: both agencies' staff and all-agency roles see one
    Route("audits:disagreement_list", signed_in(200)),
    Route("audits:disagreement_create", signed_in(403, **WORKERS)),
    Route("audits:disagreement_detail", signed_in(200), kwargs=lambda w: pk(disagreement(w, w.home, w.other))),
    Route(
        "audits:disagreement_detail",
        signed_in(200, **AGENCY_404),
        kwargs=lambda w: pk(disagreement(w, w.other, _third())),
    ),
    Route("audits:disagreement_edit", signed_in(403, **WORKERS), kwargs=lambda w: pk(disagreement(w, w.other, w.home))),
    Route("audits:disagreement_edit", LEADS_CANARY, kwargs=lambda w: pk(disagreement(w, w.other, _third()))),
    # --- process audits
    Route("audits:process_list", signed_in(200)),
    Route("audits:process_create", only(LEADS)),
    Route("audits:process_detail", signed_in(200), kwargs=lambda w: pk(process_audit(w))),
    Route("audits:process_findings", only(LEADS), kwargs=lambda w: pk(process_audit(w))),
    Route("audits:process_recommendations", only(LEADS), kwargs=lambda w: pk(process_audit(w))),
    # --- multi-agency practice audits
    Route("audits:standards", signed_in(200)),
    Route("audits:practice_list", signed_in(200)),
    Route("audits:practice_create", only(LEADS)),
    Route("audits:practice_detail", signed_in(200), kwargs=practice_pk),
    Route("audits:practice_detail", signed_in(200, **AGENCY_404), kwargs=canary_practice_pk),
    Route("audits:practice_edit", only(LEADS), kwargs=practice_pk),
    Route("audits:practice_audit_themes", only(LEADS), kwargs=practice_pk),
    Route("audits:practice_audit_themes", LEADS_CANARY, kwargs=canary_practice_pk),
    Route("audits:practice_candidates", only(LEADS), kwargs=practice_pk),
    Route("audits:practice_candidates", LEADS_CANARY, kwargs=canary_practice_pk),
    # The candidate list names every agency's cases: the audit team and all-agency roles only.
    Route("audits:practice_sample", only(["bu", "paqa", "chair", "board"]), kwargs=practice_pk),
    Route("audits:practice_analysis", signed_in(200), kwargs=practice_pk),
    Route("audits:practice_analysis", signed_in(200, **AGENCY_404), kwargs=canary_practice_pk),
    Route("audits:practice_report", signed_in(200), kwargs=practice_pk),
    Route("audits:practice_report", signed_in(200, **AGENCY_404), kwargs=canary_practice_pk),
    Route("audits:practice_recommendation_add", only(LEADS), kwargs=practice_pk),
    # Governance steps: the audit team and PAQA record them; the Partnership records its agreement.
    Route("audits:governance_overview", only(["bu", "paqa", "chair", "board"])),
    Route("audits:governance_step", only(LEADS), kwargs=lambda w: {**pk(practice(w)), "step": "methodology"}),
    Route(
        "audits:governance_step",
        LEADS_CANARY,
        kwargs=lambda w: {**pk(practice(w, home_takes_part=False)), "step": "findings"},
    ),
    Route(
        "audits:governance_step",
        only(["bu", "chair", "board"]),
        kwargs=lambda w: {**pk(practice(w)), "step": "recommendations"},
    ),
    Route("audits:team_member_add", only(LEADS), kwargs=practice_pk),
    Route("audits:dissemination_add", only(LEADS), kwargs=practice_pk),
    Route("audits:dissemination_add", LEADS_CANARY, kwargs=canary_practice_pk),
    # Case-level detail: an agency sees only the cases it took part in.
    Route("audits:case_detail", signed_in(200), kwargs=lambda w: case_kwargs(practice(w), "HOME-1")),
    Route("audits:case_detail", signed_in(200, **AGENCY_404), kwargs=lambda w: case_kwargs(practice(w), "CANARY-1")),
    Route("audits:case_grade", only(LEADS), kwargs=lambda w: case_kwargs(practice(w), "HOME-1")),
    Route("audits:case_grade", LEADS_CANARY, kwargs=lambda w: case_kwargs(practice(w), "CANARY-1")),
    Route("audits:case_characteristics", only(LEADS), kwargs=lambda w: case_kwargs(practice(w), "HOME-1")),
    Route("audits:case_characteristics", LEADS_CANARY, kwargs=lambda w: case_kwargs(practice(w), "CANARY-1")),
    Route("audits:case_agency", only(LEADS), kwargs=lambda w: case_kwargs(practice(w), "HOME-1", True)),
    Route("audits:case_agency", LEADS_CANARY, kwargs=lambda w: case_kwargs(practice(w), "CANARY-1", True)),
]
