"""Conference views: resolve access, parse a form, call one service, redirect."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from bscp_portal.lib import periods
from bscp_portal.lib.forms import declared_data, edit_data, save_or_render, save_through_service
from bscp_portal.lib.paging import paged
from conferences import charts, exports, figures, forms, selectors, services
from conferences.models import (
    ENTRY_ROLES,
    MONITOR_ROLES,
    RECORD_ROLES,
    Conference,
    Question,
    Respondent,
    Standard,
    may_enter,
    may_monitor,
    may_open_records,
)
from partnership.access import BUSINESS_UNIT, PAQA, get_visible_or_404, has_role, is_business_unit, refuse, require_role
from partnership.registry import registry
from partnership.security import log_event

PAGE_SIZE = 50


def index(request):
    """The conference list for those who may open records; everyone else sees their agency view."""
    if not may_open_records(request.user):
        return redirect("conferences:agency")
    filterset = selectors.conference_list(user=request.user, data=request.GET)
    page, query = paged(request, filterset.qs, PAGE_SIZE)
    counts = selectors.attendance_counts([c.pk for c in page])
    rows = [(c, counts[c.pk]) for c in page]
    return render(
        request,
        "conferences/list.html",
        {
            "filter": filterset,
            "page": page,
            "rows": rows,
            "query": query,
            "may_enter": may_enter(request.user),
        },
    )


@require_role(*RECORD_ROLES)
def export(request, fmt: str):
    filterset = selectors.conference_list(user=request.user, data=request.GET)
    log_event(request, "export", detail=f"conferences {fmt} {request.GET.urlencode()}"[:500])
    return exports.conferences_response(filterset.qs, fmt)


@require_role(*ENTRY_ROLES)
def create(request):
    form = forms.ConferenceForm(request.POST if request.method == "POST" else None)
    return save_or_render(
        request,
        form,
        lambda: services.conference_create(created_by=request.user, **_without_version(form.cleaned_data)),
        success_message=lambda conference: f"Recorded {conference}. Now record the agencies invited.",
        redirect_to=lambda conference: reverse("conferences:attendance", kwargs={"pk": conference.pk}),
        template="conferences/form.html",
        context={"title": "Record a conference"},
    )


def detail(request, pk: int):
    conference = get_visible_or_404(Conference.objects.all(), request.user, request, pk=pk)
    return render(
        request,
        "conferences/detail.html",
        {
            "conference": conference,
            **selectors.conference_detail(conference=conference),
            "may_enter": may_enter(request.user),
            "link_form": forms.LinkForm(),
            "new_link": request.session.pop(f"conference-link-{pk}", None),
        },
    )


def _without_version(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "version"}


def _editable(request, pk: int) -> Conference:
    conference = get_visible_or_404(Conference.objects.all(), request.user, request, pk=pk)
    if not may_enter(request.user):
        refuse(request, f"conference {pk} is read-only for this role")
    return conference


def edit(request, pk: int):
    conference = _editable(request, pk)
    form = forms.ConferenceForm(request.POST if request.method == "POST" else None, instance=conference)
    return save_or_render(
        request,
        form,
        lambda: services.conference_update(conference=conference, by=request.user, **edit_data(form)),
        success_message="Conference saved.",
        redirect_to=conference,
        stale_message="Someone else saved this conference since you opened it. Your changes are below: "
        "open the record again in a new tab to see theirs, then save again.",
        current_version=lambda: Conference.objects.values_list("version", flat=True).get(pk=pk),
        template="conferences/form.html",
        context={"title": f"Edit {conference}", "conference": conference},
    )


def attendance(request, pk: int):
    conference = _editable(request, pk)
    invitations = list(conference.invitations.all())
    form = forms.AttendanceForm(
        request.POST if request.method == "POST" else None,
        agencies=selectors.agencies_for_entry(),
        invitations=invitations,
    )

    def save():
        rows = form.cleaned_rows()
        problems = {
            form.field_name(row["agency"], field): message
            for row in rows
            for field, message in services.invitation_problems(conference=conference, **row).items()
        }
        if problems:
            raise ValidationError(problems)
        return services.invitations_replace(conference=conference, rows=rows)

    return save_or_render(
        request,
        form,
        save,
        success_message="Agency attendance and reports saved.",
        redirect_to=conference,
        template="conferences/attendance.html",
        context={"conference": conference},
    )


def standards(request, pk: int):
    conference = _editable(request, pk)
    form = forms.StandardsForm(
        request.POST if request.method == "POST" else None,
        # Items out of use are not offered, except those this conference already has a result for.
        standards=Standard.objects.offered(conference.standard_results.values_list("standard_id", flat=True)),
        results=conference.standard_results.all(),
    )
    return save_or_render(
        request,
        form,
        lambda: services.standards_record(conference=conference, results=form.results()),
        success_message="Standards checklist saved.",
        redirect_to=conference,
        template="conferences/standards.html",
        context={"conference": conference},
    )


def _respondent(value: str | None) -> str:
    return value if value in Respondent.values else Respondent.PARENT


def questionnaire_enter(request, pk: int):
    """Staff enter a paper questionnaire: the parents' one, or the children's in its own words."""
    conference = _editable(request, pk)
    who = _respondent(request.POST.get("respondent") or request.GET.get("respondent"))
    form = forms.QuestionnaireForm(
        request.POST if request.method == "POST" else None,
        questions=Question.objects.filter(active=True, respondent=who),
        with_respondent=True,
        respondent=who,
    )
    return save_or_render(
        request,
        form,
        lambda: services.questionnaire_enter(
            conference=conference,
            respondent=form.cleaned_data["respondent"],
            answers=form.answers(),
            by=request.user,
        ),
        success_message="Questionnaire recorded.",
        redirect_to=conference,
        template="conferences/questionnaire_enter.html",
        context={"conference": conference, "respondent": who, "respondents": Respondent.choices},
    )


def core_groups(request, pk: int):
    """A plan's core groups: timeliness in working days, attendance by agency; entry roles add one."""
    conference = get_visible_or_404(Conference.objects.all(), request.user, request, pk=pk)
    if request.method == "POST" and not may_enter(request.user):
        refuse(request, f"conference {pk} is read-only for this role")
    invited = set(conference.invitations.filter(invited=True).values_list("agency_id", flat=True))
    agencies = selectors.agencies_for_entry()
    form = forms.CoreGroupForm(
        request.POST if request.method == "POST" else None,
        agencies=agencies,
        initial={f"a{pk_}": "absent" for pk_ in invited},
    )
    done = save_through_service(
        request,
        form,
        lambda: services.core_group_record(
            conference=conference, by=request.user, attendance=form.attendance(), **declared_data(form)
        ),
        success_message=lambda group: f"Core group {group.sequence} recorded ({group.timeliness_label.lower()}).",
        redirect_to=lambda group: reverse("conferences:core_groups", kwargs={"pk": pk}),
    )
    if done:
        return done
    groups = conference.core_groups.prefetch_related("attendance__agency")
    return render(
        request,
        "conferences/core_groups.html",
        {
            "conference": conference,
            "groups": groups,
            "form": form if may_enter(request.user) else None,
            "interval_weeks": services.core_group_interval_weeks(),
        },
    )


@require_POST
def link_create(request, pk: int):
    conference = _editable(request, pk)
    form = forms.LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose who the link is for.")
        return redirect(conference)
    link, token = services.questionnaire_link_create(
        conference=conference, respondent=form.cleaned_data["respondent"], by=request.user
    )
    # The token is shown once, on the next page only; the database keeps its hash.
    request.session[f"conference-link-{pk}"] = {
        "url": request.build_absolute_uri(reverse("conferences:public_questionnaire", kwargs={"token": token})),
        "expires": link.expires_at.isoformat(),
        "respondent": link.get_respondent_display(),
    }
    return redirect(conference)


@login_not_required
@never_cache
def public_questionnaire(request, token: str):
    """A family member answers through a one-time link: no login, no personal data shown."""
    try:
        link = services.questionnaire_link_open(token=token)
    except services.LinkUnavailable as exc:
        return _link_unavailable(request, exc.state)
    form = forms.QuestionnaireForm(
        request.POST if request.method == "POST" else None,
        questions=Question.objects.filter(active=True, respondent=link.respondent),
        respondent=link.respondent,
    )
    young = link.respondent == Respondent.YOUNG_PERSON
    try:
        done = save_through_service(
            request,
            form,
            lambda: services.questionnaire_submit_by_link(token=token, answers=form.answers()),
            respond=lambda _: render(request, "conferences/public_thanks.html", {"young": young}),
        )
    except services.LinkUnavailable as exc:
        return _link_unavailable(request, exc.state)
    if done:
        return done
    return render(
        request,
        "conferences/public_questionnaire.html",
        {"form": form, "young": young},
    )


def _link_unavailable(request, state: str):
    status = 404 if state == "unknown" else 410
    return render(request, "conferences/public_unavailable.html", {"state": state}, status=status)


def _period(request) -> tuple[forms.PeriodForm, dt.date, dt.date]:
    """From/to months from the query string; the last 12 whole months plus this one by default."""
    form = forms.PeriodForm(request.GET or None)
    asked = form.cleaned_data if form.is_valid() else {}
    start, end, problem = periods.months_asked(asked.get("start"), asked.get("end"), timezone.localdate())
    if problem:
        form.add_error(None, problem)
    return form, start, end


@require_role(*MONITOR_ROLES)
def dashboard(request):
    form, start, end = _period(request)
    counted = selectors.dashboard_figures(user=request.user, start=start, end=end)
    months, agencies = counted["months"], counted["agencies"]
    questionnaires, questions = counted["questionnaires"], counted["questions"]
    for r in agencies:
        r["figure_ref"] = figures.attendance_ref(r["agency_id"], start, end)
    return render(
        request,
        "conferences/dashboard.html",
        {
            # PAQA's questions on each agency's attendance figures (one query).
            "paqa_questions": registry.question_markers(
                request.user, "conference_attendance", [r["figure_ref"] for r in agencies]
            ),
            "can_ask": has_role(request.user, PAQA),
            "form": form,
            "start": start,
            "end": end,
            "months": months,
            "agencies": agencies,
            "questionnaires": questionnaires,
            "questions": questions,
            "totals": selectors.period_totals(months=months, agencies=agencies, questionnaires=questionnaires),
            "figures": charts.dashboard_figures(months, agencies, questionnaires),
            "may_recompute": is_business_unit(request.user),
        },
    )


@require_role(*MONITOR_ROLES)
def monitoring_report(request):
    """The safeguarding services manager's report to PAQA: conference standards met by quarter,
    chair and agency; each chair's caseload and timeliness; why conferences were late."""
    from conferences.routing import quarter_ref, recent_quarters

    form, start, end = _period(request)
    closed = recent_quarters(timezone.localdate())[0][0]
    return render(
        request,
        "conferences/monitoring_report.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "quarter_ref": quarter_ref(closed),
            **selectors.monitoring_report(user=request.user, start=start, end=end),
        },
    )


def agency(request):
    """Attendance and report rates: one's own agency, or every agency for the monitoring roles."""
    form, start, end = _period(request)
    rates = selectors.agency_rates(user=request.user, start=start, end=end)
    chosen = None
    if may_monitor(request.user):
        chosen_id = request.GET.get("agency")
        chosen = next((r for r in rates if str(r["agency_id"]) == chosen_id), None)
    elif request.user.agency_id:
        chosen = next((r for r in rates if r["agency_id"] == request.user.agency_id), None) or {
            "name": str(request.user.agency),
            "agency_id": request.user.agency_id,
        }
    monthly = (
        selectors.agency_monthly(user=request.user, agency_id=chosen["agency_id"], start=start, end=end)
        if chosen
        else []
    )
    return render(
        request,
        "conferences/agency.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "rates": rates,
            "chosen": chosen,
            "monthly": monthly,
            "all_agencies": may_monitor(request.user),
            "figure": charts.agency_figure(monthly, chosen["name"]) if chosen and monthly else None,
        },
    )


def agency_export(request, fmt: str):
    form, start, end = _period(request)
    rates = selectors.agency_rates(user=request.user, start=start, end=end)
    log_event(request, "export", detail=f"conference agency rates {fmt} {start}..{end}")
    return exports.agency_rates_response(rates, fmt, start, end)


@require_POST
@require_role(BUSINESS_UNIT)
def recompute(request):
    from conferences.tasks import recompute_indicators

    today = timezone.localdate()
    # This financial year and the last one: late entries for last year still count.
    start = today - dt.timedelta(days=365)
    transaction.on_commit(lambda: recompute_indicators.delay(start.isoformat(), today.isoformat()))
    messages.success(
        request,
        "The conference indicators are being recomputed from the conference records; "
        "the scorecard shows the new figures when that finishes.",
    )
    return redirect("conferences:dashboard")
