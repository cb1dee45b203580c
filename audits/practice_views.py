"""Multi-agency practice audit pages: set-up, case selection, answers per case and agency, analysis, report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from actions.selectors import actions_for_source
from audits import charts, forms, practice_services, report, sampling, selectors
from audits.access import can_audit_cases, is_quality_lead, sees_all_audits
from audits.form_pages import CASE_CHARACTERISTICS, CASE_GRADE, PRACTICE_EDIT, PRACTICE_NEW, PRACTICE_RECOMMENDATION
from audits.models import AuditCase, CaseAgency, Criterion, PracticeAudit
from audits.pages import posted, practice_audit_or_404, save_or_form_page, serve
from bscp_portal.lib.forms import declared_data, save_or_render
from partnership.access import get_visible_or_404, refuse


def _auditable(request, pk: int) -> PracticeAudit:
    audit = practice_audit_or_404(request, pk)
    if not can_audit_cases(request.user, audit):
        refuse(request, f"not on the audit team of practice audit {pk}")
    return audit


def practice_list(request):
    return render(
        request,
        "audits/practice_list.html",
        {"audits": selectors.practice_audit_list(user=request.user), "can_create": is_quality_lead(request.user)},
    )


def standards(request):
    """The library of audit standards and their criteria (loaded from data by load_framework)."""
    return render(request, "audits/standards.html", {"standards": selectors.standards_library()})


def practice_create(request):
    if not is_quality_lead(request.user):
        refuse(request, "PAQA only")
    return serve(request, PRACTICE_NEW, initial={"lead": request.user.pk})


def practice_detail(request, pk: int):
    audit = practice_audit_or_404(request, pk)
    user = request.user
    return render(
        request,
        "audits/practice_detail.html",
        {
            "audit": audit,
            "standards": audit.standards.order_by("order"),
            "agencies": audit.agencies.order_by("name"),
            "team": audit.team.order_by("last_name"),
            "sample": getattr(audit, "sample", None),
            "cases": selectors.case_list(audit=audit, user=user),
            "recommendations": audit.recommendations.select_related("agency"),
            "plan": actions_for_source(source=audit, user=user),
            "can_audit": can_audit_cases(user, audit),
            "locked": practice_services.sample_locked(audit),
            "sees_all": sees_all_audits(user),
            **_governance_context(audit, user),
        },
    )


def _governance_context(audit: PracticeAudit, user) -> dict:
    from audits import governance_rules as gr
    from audits.governance_views import may_record

    disseminations = list(audit.disseminations.all())
    return {
        "timeline": selectors.governance_timeline(audit=audit),
        "team_members": audit.team_members.select_related("agency"),
        "disseminations": disseminations,
        "good_practice_count": sum(1 for d in disseminations if d.kind == gr.GOOD_PRACTICE),
        "shortfall_count": sum(1 for d in disseminations if d.kind == gr.SHORTFALL),
        "recordable": [code for code in gr.STEP_CODES if may_record(user, audit, code)],
        "plan_refusal": audit.action_plan_refusal(),
    }


def practice_edit(request, pk: int):
    return serve(request, PRACTICE_EDIT, _auditable(request, pk))


def practice_candidates(request, pk: int):
    """Load the candidate cases from a CSV file or typed by hand; excluded rows are listed with reasons."""
    audit = _auditable(request, pk)
    form = forms.CandidatesForm(posted(request), request.FILES or None)

    def load():
        data = form.cleaned_data
        try:
            rows = sampling.read_candidate_csv(data["content"])
        except sampling.CandidateFileError as exc:
            raise ValidationError({"file" if data.get("source", "").startswith("File") else "text": str(exc)}) from exc
        return practice_services.candidates_load(audit=audit, by=request.user, rows=rows, source=data["source"])

    return save_or_form_page(
        request,
        form,
        load,
        success_message=lambda sample: (
            f"{len(sample.candidates)} eligible case(s) loaded; {len(sample.excluded)} row(s) excluded (see reasons)."
        ),
        redirect_to=reverse("audits:practice_sample", kwargs={"pk": audit.pk}),
        title=f"Candidate cases for {audit.title}",
        back=audit,
        submit="Load candidates",
        intro="Case references only, never names. Only cases with more than one agency involved are kept; "
        "duplicates, one-agency cases and unknown agencies are listed with the reason they were left out.",
        multipart=True,
    )


def practice_sample(request, pk: int):
    """The candidate list, the excluded rows with their reasons, the draw and its proof of reproduction."""
    audit = practice_audit_or_404(request, pk)
    if not (can_audit_cases(request.user, audit) or sees_all_audits(request.user)):
        refuse(request, "case selection is for the audit team")
    sample = getattr(audit, "sample", None)
    if sample is None:
        messages.info(request, "Load the candidate cases first.")
        return redirect(audit)
    can_audit = can_audit_cases(request.user, audit)
    form = forms.SampleForm(posted(request), attributes=selectors.sample_attributes(sample))
    if request.method == "POST" and not can_audit:
        refuse(request, "not on the audit team")
    return save_or_render(
        request,
        form,
        lambda: practice_services.sample_draw(audit=audit, by=request.user, **form.cleaned_data),
        success_message="The sample was drawn; its seed and rule are stored below.",
        redirect_to=reverse("audits:practice_sample", kwargs={"pk": audit.pk}),
        template="audits/practice_sample.html",
        context=lambda: {
            "audit": audit,
            "sample": sample,
            "can_audit": can_audit,
            "eligible": len(sample.candidates),
            "reproduces": practice_services.sample_reproduces(sample) if sample.drawn else None,
            "locked": practice_services.sample_locked(audit),
            "candidates_shown": selectors.candidate_rows(sample.candidates[:200]),
        },
        status=lambda: 400 if form.errors else 200,
    )


def _case(request, pk: int, case_pk: int) -> tuple[PracticeAudit, AuditCase]:
    audit = practice_audit_or_404(request, pk)
    case = get_visible_or_404(AuditCase.objects.filter(audit=audit), request.user, request, pk=case_pk)
    return audit, case


def case_detail(request, pk: int, case_pk: int):
    audit, case = _case(request, pk, case_pk)
    reviews = list(case.agency_reviews.select_related("agency").prefetch_related("answers").order_by("agency__name"))
    criteria = list(Criterion.objects.filter(standard__practice_audits=audit).select_related("standard"))
    for review in reviews:
        by_criterion = {a.criterion_id: a for a in review.answers.all()}
        review.rows = [(c, by_criterion.get(c.pk)) for c in criteria]
    can_audit = can_audit_cases(request.user, audit)
    return render(
        request,
        "audits/case_detail.html",
        {
            "audit": audit,
            "case": case,
            "reviews": reviews,
            "can_audit": can_audit,
            "grade_form": forms.CaseGradeForm(initial={"grade": case.grade, "summary": case.summary}),
        },
    )


def case_grade(request, pk: int, case_pk: int):
    audit, case = _case(request, pk, case_pk)
    if not can_audit_cases(request.user, audit):
        refuse(request, "not on the audit team")
    return serve(request, CASE_GRADE, case)


def case_characteristics(request, pk: int, case_pk: int):
    """The child's sex, age band, ethnicity and disability, for the partnership's equality monitoring."""
    audit, case = _case(request, pk, case_pk)
    if not can_audit_cases(request.user, audit):
        refuse(request, "not on the audit team")
    return serve(request, CASE_CHARACTERISTICS, case)


def case_agency(request, pk: int, case_pk: int, review_pk: int):
    """One agency's answers on one case against every criterion of the audit's standards."""
    audit, case = _case(request, pk, case_pk)
    if not can_audit_cases(request.user, audit):
        refuse(request, "not on the audit team")
    review = _review_or_404(case, review_pk)
    criteria = Criterion.objects.filter(standard__practice_audits=audit).select_related("standard")
    initial = {f"c{a.criterion_id}": a.value for a in review.answers.all()}
    initial.update(strengths=review.strengths, learning=review.learning, version=review.version)
    form = forms.CaseAgencyForm(posted(request), criteria=criteria, initial=initial)
    return save_or_render(
        request,
        form,
        lambda: practice_services.case_agency_record(
            review=review, by=request.user, answers=form.answers(), **declared_data(form)
        ),
        success_message=f"The answers for {review.agency} on case {case.reference} were saved.",
        redirect_to=case,
        template="audits/case_agency.html",
        context={"audit": audit, "case": case, "review": review},
        status=lambda: 400 if form.errors else 200,
    )


def _review_or_404(case: AuditCase, review_pk: int) -> CaseAgency:
    review = case.agency_reviews.select_related("agency").filter(pk=review_pk).first()
    if review is None:
        raise Http404("No such agency on this case")
    return review


def practice_analysis(request, pk: int):
    audit = practice_audit_or_404(request, pk)
    data = selectors.analysis(audit=audit, user=request.user)
    return render(
        request,
        "audits/practice_analysis.html",
        {
            "audit": audit,
            "analysis": data,
            "standards_chart": charts.standards_figure(data),
            "agencies_chart": charts.agencies_figure(data),
            "grades_chart": charts.grades_figure(data),
            "recommendations": audit.recommendations.select_related("agency"),
            "plan": actions_for_source(source=audit, user=request.user),
        },
    )


def practice_report(request, pk: int):
    """The audit report as a PDF (WeasyPrint), with the figures the user may see."""
    audit = practice_audit_or_404(request, pk)
    pdf = report.render_pdf(audit=audit, user=request.user, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="practice-audit-{audit.pk}-{stamp}.pdf"'
    return response


def practice_recommendation_add(request, pk: int):
    audit = _auditable(request, pk)
    return serve(request, PRACTICE_RECOMMENDATION, audit, form_options={"agencies": audit.agencies.order_by("name")})
