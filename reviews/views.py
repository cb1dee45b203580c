"""Reviews pages: each view resolves access, parses a form, calls one service, redirects."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from actions import rules
from actions.models import Action
from actions.selectors import actions_for_source
from bscp_portal.lib import periods
from bscp_portal.lib.forms import save_through_service
from partnership.access import get_visible_or_404, refuse
from partnership.security import log_event
from reviews import charts, exports, forms, selectors, services
from reviews.models import Attachment, CaseReview, PractitionerFeedback, Recommendation, ThemedReview
from reviews.permissions import can_manage_reviews, can_record_feedback

PAGE_SIZE = 25
STALE = (
    "Someone else saved this review after you opened it. What you typed is kept below: check it against "
    "their changes on the review's page, then save again to replace them."
)


def _manage_or_403(request) -> None:
    if not can_manage_reviews(request.user):
        refuse(request, "may not record or change reviews")


def _case(request, pk: int) -> CaseReview:
    return get_visible_or_404(CaseReview.objects.all(), request.user, request, pk=pk)


def _themed(request, pk: int) -> ThemedReview:
    return get_visible_or_404(ThemedReview.objects.all(), request.user, request, pk=pk)


def _form_page(request, form, *, title: str, back, intro: str = "", submit: str = "Save"):
    return render(
        request,
        "reviews/form.html",
        {"form": form, "title": title, "back": back, "intro": intro, "submit": submit},
    )


# --- dashboard and case reviews ----------------------------------------------------------------


def index(request):
    """Case reviews by status and kind, with compliance against the national timescales."""
    visible = CaseReview.objects.for_user(request.user)
    table = selectors.status_kind_table(visible)
    compliance = selectors.compliance_rows(visible, timezone.localdate())
    context = {
        "table": table,
        "compliance": compliance,
        "can_manage": can_manage_reviews(request.user),
        "status_chart": charts.status_by_kind(table) if table["total"] else None,
        "compliance_chart": charts.compliance(compliance) if any(r["done"] for r in compliance) else None,
        "themed_count": ThemedReview.objects.for_user(request.user).count(),
    }
    return render(request, "reviews/index.html", context)


def case_list(request):
    filterset = selectors.case_review_list(user=request.user, data=request.GET)
    page = Paginator(filterset.qs.prefetch_related("agencies"), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [{"review": r, "steps": {s.step: s for s in r.timeline(today)}} for r in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reviews/case_list.html",
        {
            "filter": filterset,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "can_manage": can_manage_reviews(request.user),
        },
    )


def case_export(request, fmt: str):
    filterset = selectors.case_review_list(user=request.user, data=request.GET)
    reviews = filterset.qs.prefetch_related("agencies")
    response = exports.case_review_response(reviews, timezone.localdate(), fmt=fmt)
    log_event(request, "export", detail=f"case reviews {fmt} {request.GET.urlencode()}"[:500])
    return response


def case_create(request):
    _manage_or_403(request)
    form = forms.CaseReviewForm(request.POST or None, initial={"status": CaseReview.Status.NOTIFIED})
    done = save_through_service(
        request,
        form,
        lambda: services.case_review_create(
            by=request.user,
            reference=form.cleaned_data["reference"],
            agencies=form.cleaned_data["agencies"],
            **form.service_fields(),
        ),
        success_message=lambda review: f"Case review {review.reference} was recorded.",
    )
    if done:
        return done
    return _form_page(
        request,
        form,
        title="Record a case review",
        back=("reviews:case_list", None),
        intro="Start from the serious incident notification: give the date the partnership became aware; "
        "the national timescales are worked out from it in working days.",
    )


def case_detail(request, pk: int):
    review = _case(request, pk)
    context = selectors.case_review_detail(review=review, user=request.user)
    recs = context["recommendations"]
    tallies = {
        row["source_id"]: row
        for row in Action.objects.for_user(request.user)
        .filter(
            source_type__app_label="reviews", source_type__model="recommendation", source_id__in=[r.pk for r in recs]
        )
        .values("source_id")
        .annotate(total=Count("pk"), open=Count("pk", filter=Q(status__in=rules.OPEN_STATUSES)))
    }
    for rec in recs:
        tally = tallies.get(rec.pk, {})
        rec.action_total, rec.action_open = tally.get("total", 0), tally.get("open", 0)
    context.update(
        {
            "review": review,
            "steps": review.timeline(),
            "can_manage": can_manage_reviews(request.user),
            "can_feedback": can_record_feedback(request.user),
        }
    )
    return render(request, "reviews/case_detail.html", context)


def case_edit(request, pk: int):
    review = _case(request, pk)
    _manage_or_403(request)
    initial = {f: getattr(review, f) for f in services.CASE_FIELDS} | {
        "agencies": list(review.agencies.all()),
        "version": review.version,
    }
    form = forms.CaseReviewForm(request.POST or None, initial=initial, editing=True)
    done = save_through_service(
        request,
        form,
        lambda: services.case_review_update(
            review=review,
            by=request.user,
            version=form.cleaned_data["version"] or 0,
            agencies=form.cleaned_data["agencies"],
            **form.service_fields(),
        ),
        success_message="The review was saved.",
        redirect_to=review,
        stale_message=STALE,
        current_version=lambda: _current_version(review),
    )
    if done:
        return done
    return _form_page(request, form, title=f"Edit {review.reference}", back=review)


def case_decide(request, pk: int):
    review = _case(request, pk)
    _manage_or_403(request)
    initial = {
        "decision": review.decision,
        "decided_by": review.decided_by,
        "decided_on": review.decided_on or timezone.localdate(),
        "decision_reason": review.decision_reason,
        "panel_view": review.panel_view,
        "version": review.version,
    }
    form = forms.DecisionForm(request.POST or None, initial=initial)
    done = save_through_service(
        request,
        form,
        lambda: services.case_review_decide(review=review, by=request.user, **form.cleaned_data),
        success_message="The decision was recorded.",
        redirect_to=review,
        stale_message=STALE,
        current_version=lambda: _current_version(review),
    )
    if done:
        return done
    return _form_page(
        request,
        form,
        title=f"Decision for {review.reference}",
        back=review,
        intro="Does the case meet the criteria for a local child safeguarding practice review? Record who decided, "
        "when and why, and the national panel's view where it has been given.",
        submit="Record the decision",
    )


# --- recommendations ---------------------------------------------------------------------------


def _add_recommendation(request, *, review, back, **which):
    _manage_or_403(request)
    form = forms.RecommendationForm(request.POST or None)
    done = save_through_service(
        request,
        form,
        lambda: services.recommendation_add(by=request.user, **form.cleaned_data, **which),
        success_message=lambda rec: f"Recommendation {rec.number} was added. Now turn it into SMART actions.",
    )
    if done:
        return done
    return _form_page(request, form, title=f"Add a recommendation to {review}", back=back)


def case_recommendation_add(request, pk: int):
    review = _case(request, pk)
    return _add_recommendation(request, review=review.reference, back=review, case_review=review)


def themed_recommendation_add(request, pk: int):
    review = _themed(request, pk)
    return _add_recommendation(request, review=review, back=review, themed_review=review)


def recommendation_detail(request, pk: int):
    rec = get_visible_or_404(
        Recommendation.objects.select_related("case_review", "themed_review", "agency"), request.user, request, pk=pk
    )
    plan = actions_for_source(source=rec, user=request.user)
    return render(
        request,
        "reviews/recommendation_detail.html",
        {
            "rec": rec,
            "plan": plan,
            "review_visible": rec.review.__class__.objects.for_user(request.user).filter(pk=rec.review.pk).exists(),
            "can_manage": can_manage_reviews(request.user),
            "close_form": forms.CloseForm(),
        },
    )


@require_POST
def recommendation_close(request, pk: int):
    rec = get_visible_or_404(Recommendation.objects.all(), request.user, request, pk=pk)
    _manage_or_403(request)
    form = forms.CloseForm(request.POST)
    form.is_valid()
    try:
        services.recommendation_close(recommendation=rec, by=request.user, note=form.cleaned_data.get("note", ""))
    except ValidationError as exc:
        messages.error(request, "This recommendation cannot be closed yet. " + " ".join(exc.messages))
    else:
        messages.success(request, f"Recommendation {rec.number} was closed.")
    return redirect(rec)


@require_POST
def recommendation_reopen(request, pk: int):
    rec = get_visible_or_404(Recommendation.objects.all(), request.user, request, pk=pk)
    _manage_or_403(request)
    try:
        services.recommendation_reopen(recommendation=rec, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Recommendation {rec.number} was reopened.")
    return redirect(rec)


def recommendation_list(request):
    """Outstanding recommendations by agency and by review, and the list itself."""
    filterset = selectors.recommendation_list(user=request.user, data=request.GET)
    qs = filterset.qs
    visible = selectors.recommendations_for(user=request.user)
    by_agency = selectors.outstanding_by_agency(visible)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reviews/recommendation_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "by_agency": by_agency,
            "by_review": selectors.outstanding_by_review(visible),
            "chart": charts.outstanding_by_agency(by_agency) if by_agency else None,
        },
    )


def recommendation_export(request, fmt: str):
    qs = selectors.recommendation_list(user=request.user, data=request.GET).qs
    response = exports.recommendation_response(qs, fmt=fmt)
    log_event(request, "export", detail=f"review recommendations {fmt} {request.GET.urlencode()}"[:500])
    return response


# --- learning ----------------------------------------------------------------------------------


def briefing_add(request, pk: int):
    review = _case(request, pk)
    _manage_or_403(request)
    form = forms.BriefingForm(
        request.POST or None, request.FILES or None, initial={"published_on": timezone.localdate()}
    )
    done = save_through_service(
        request,
        form,
        lambda: services.briefing_add(review=review, by=request.user, **form.cleaned_data),
        success_message="The briefing was added.",
        redirect_to=review,
    )
    if done:
        return done
    return _form_page(request, form, title=f"Add a learning briefing to {review.reference}", back=review)


def event_add(request, pk: int):
    review = _case(request, pk)
    _manage_or_403(request)
    form = forms.EventForm(request.POST or None, review=review)
    done = save_through_service(
        request,
        form,
        lambda: services.event_add(review=review, by=request.user, **form.cleaned_data),
        success_message="The dissemination event was recorded.",
        redirect_to=review,
    )
    if done:
        return done
    return _form_page(request, form, title=f"Record a dissemination event for {review.reference}", back=review)


def feedback_add(request, pk: int):
    review = _case(request, pk)
    if not can_record_feedback(request.user):
        refuse(request, "may not record practitioner feedback")
    form = forms.FeedbackForm(
        request.POST or None,
        review=review,
        initial={"received_on": timezone.localdate(), "agency": request.user.agency_id},
    )
    done = save_through_service(
        request,
        form,
        lambda: services.feedback_add(review=review, by=request.user, **form.cleaned_data),
        success_message="Thank you: the feedback was recorded.",
        redirect_to=review,
    )
    if done:
        return done
    return _form_page(
        request,
        form,
        title=f"Practitioner feedback on {review.reference}",
        back=review,
        intro="Did the learning change practice? Record what the practitioner said, without names.",
    )


def _year(request):
    """The financial year asked for (?year=2024 is April 2024 to March 2025), else this one."""
    start, end = periods.financial_year(timezone.localdate()).dates
    year = request.GET.get("year", "")
    if year.isdigit() and 2000 <= int(year) <= 2100:
        start, end = start.replace(year=int(year)), end.replace(year=int(year) + 1)
    return start, end


def learning(request):
    """Learning disseminated in a financial year, by agency reached."""
    start, end = _year(request)
    rows = selectors.learning_by_agency(user=request.user, start=start, end=end)
    events = selectors.events_for(user=request.user).filter(held_on__gte=start, held_on__lte=end)
    totals = events.aggregate(events=Count("pk"), attendance=Sum("attendance"))
    feedback = (
        selectors.feedback_for(user=request.user)
        .filter(received_on__gte=start, received_on__lte=end)
        .order_by()
        .values("changed_practice")
        .annotate(n=Count("pk"))
    )
    labels = dict(PractitionerFeedback.Changed.choices)
    return render(
        request,
        "reviews/learning.html",
        {
            "start": start,
            "end": end,
            "rows": rows,
            "totals": totals,
            "events": events.prefetch_related("agencies_reached").order_by("-held_on")[:50],
            "feedback": [
                {"label": labels.get(f["changed_practice"], f["changed_practice"]), "n": f["n"]} for f in feedback
            ],
            "chart": charts.learning_by_agency(rows) if rows else None,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        },
    )


def learning_export(request, fmt: str):
    start, end = _year(request)
    rows = selectors.learning_by_agency(user=request.user, start=start, end=end)
    response = exports.learning_response(rows, year=start.year, fmt=fmt)
    log_event(request, "export", detail=f"review learning {fmt} {start.year}")
    return response


# --- themed reviews ----------------------------------------------------------------------------


def themed_list(request):
    return render(
        request,
        "reviews/themed_list.html",
        {"reviews": selectors.themed_review_list(user=request.user), "can_manage": can_manage_reviews(request.user)},
    )


def themed_create(request):
    _manage_or_403(request)
    form = forms.ThemedReviewForm(request.POST or None, initial={"status": ThemedReview.Status.PROPOSED})
    done = save_through_service(
        request,
        form,
        lambda: services.themed_review_create(
            by=request.user,
            methodologies=form.cleaned_data["methodologies"],
            agencies=form.cleaned_data["agencies"],
            **form.service_fields(),
        ),
        success_message="The themed review was recorded.",
    )
    if done:
        return done
    return _form_page(request, form, title="Record a themed review", back=("reviews:themed_list", None))


def themed_detail(request, pk: int):
    review = _themed(request, pk)
    return render(
        request,
        "reviews/themed_detail.html",
        {
            "review": review,
            "methodologies": list(review.methodologies.all()),
            "agencies": list(review.agencies.all()),
            "consultations": list(review.consultations.all()),
            "recommendations": list(selectors.recommendations_for(user=request.user).filter(themed_review=review)),
            "attachments": list(review.attachments.all()),
            "can_manage": can_manage_reviews(request.user),
        },
    )


def themed_edit(request, pk: int):
    review = _themed(request, pk)
    _manage_or_403(request)
    initial = {f: getattr(review, f) for f in services.THEMED_FIELDS} | {
        "methodologies": list(review.methodologies.all()),
        "agencies": list(review.agencies.all()),
        "version": review.version,
    }
    form = forms.ThemedReviewForm(request.POST or None, initial=initial, editing=True)
    done = save_through_service(
        request,
        form,
        lambda: services.themed_review_update(
            review=review,
            by=request.user,
            version=form.cleaned_data["version"] or 0,
            methodologies=form.cleaned_data["methodologies"],
            agencies=form.cleaned_data["agencies"],
            **form.service_fields(),
        ),
        success_message="The themed review was saved.",
        redirect_to=review,
        stale_message=STALE,
        current_version=lambda: _current_version(review),
    )
    if done:
        return done
    return _form_page(request, form, title=f"Edit the themed review: {review.theme}", back=review)


def consultation_add(request, pk: int):
    review = _themed(request, pk)
    _manage_or_403(request)
    form = forms.ConsultationForm(request.POST or None)
    done = save_through_service(
        request,
        form,
        lambda: services.consultation_add(review=review, by=request.user, **form.cleaned_data),
        success_message="The consultation was recorded.",
        redirect_to=review,
    )
    if done:
        return done
    return _form_page(
        request,
        form,
        title=f"Stakeholders consulted: {review.theme}",
        back=review,
        intro="Record who was consulted as a group and a count: never names.",
    )


# --- documents ---------------------------------------------------------------------------------


def _attach(request, *, review, back, **which):
    _manage_or_403(request)
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)
    done = save_through_service(
        request,
        form,
        lambda: services.attachment_add(
            by=request.user, upload=form.cleaned_data["upload"], kind=form.cleaned_data["kind"], **which
        ),
        success_message="The document was attached.",
        redirect_to=back,
    )
    if done:
        return done
    return _form_page(request, form, title=f"Attach a document to {review}", back=back, submit="Upload")


def case_attachment_add(request, pk: int):
    review = _case(request, pk)
    return _attach(request, review=review.reference, back=review, case_review=review)


def themed_attachment_add(request, pk: int):
    review = _themed(request, pk)
    return _attach(request, review=review, back=review, themed_review=review)


def attachment_download(request, pk: int):
    """A review document, only for those who may see its review; always as a download."""
    attachment = get_visible_or_404(Attachment.objects.all(), request.user, request, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing") from None
    return FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )


def _current_version(record) -> int:
    return type(record).objects.filter(pk=record.pk).values_list("version", flat=True).first() or 0
