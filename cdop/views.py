"""Child death views. Case pages answer 404 to anyone who is not a panel member; every case
view, case list and export is written to the security log."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import select_template

from bscp_portal.lib.form_pages import FormPage
from bscp_portal.lib.forms import (
    act_through_service,
    declared_data,
    opened_version,
    save_or_render,
    save_through_service,
)
from bscp_portal.lib.paging import paged, render_paged
from cdop import charts, exports, forms, selectors, services, statistics
from cdop.access import can_read_access_log, is_panel_chair, require_member
from cdop.models import Death, PanelMeeting
from partnership.access import is_cdop_member, refuse
from partnership.security import log_event

STALE = (
    "Someone else saved this case while you were editing it. What you typed is kept below: check it "
    "against their changes on the case page, then save again to replace them."
)


def _case(request, pk: int, what: str) -> Death:
    """A case for a panel member, with the view logged; 404 (and a refusal logged) for anyone else."""
    require_member(request, what)
    death = get_object_or_404(
        Death.objects.for_user(request.user).select_related("area", "ethnicity", "review__category"), pk=pk
    )
    log_event(request, "cdop_view", detail=f"{what}: case {death.case_number}")
    return death


def _fmt(request) -> str:
    return "xlsx" if request.GET.get("format") == "xlsx" else "csv"


# --- statistics (everyone signed in; suppressed unless a panel member) ---------------------------


def _published(tables):
    """The tables of the statistics page; the panel's analysis tables have their own page."""
    return [t for t in tables if not t.analysis]


def index(request):
    """Statistics for everyone; the panel's working links for members."""
    tables = _published(statistics.statistics(user=request.user))
    figures = charts.statistics_figures(tables, suppressed=statistics.must_suppress(request.user))
    gaps = " Hidden (suppressed) figures are left out." if statistics.must_suppress(request.user) else ""
    summaries = {
        "expectation": "Child deaths each year by year of death, expected and unexpected, as in the first table below."
        + gaps,
        "modifiable": "Panel reviews completed each year, by whether modifiable factors were identified." + gaps,
        "category": "Panel reviews completed each year, stacked by national category of death." + gaps,
    }
    return render(
        request,
        "cdop/index.html",
        {
            "tables": tables,
            "figures": figures,
            "summaries": summaries,
            "suppressed": statistics.must_suppress(request.user),
            "suppression_max": statistics.suppression_max(),
            "member": is_cdop_member(request.user),
            "chair": is_panel_chair(request.user),
            "log_reader": can_read_access_log(request.user),
        },
    )


def statistics_export(request):
    tables = _published(statistics.statistics(user=request.user))
    suppressed = statistics.must_suppress(request.user)
    fmt = _fmt(request)
    log_event(request, "export", detail=f"CDOP statistics {fmt} ({'suppressed' if suppressed else 'unsuppressed'})")
    return exports.statistics_response(tables, fmt=fmt)


# --- the panel's analysis for its annual report (panel members only) -----------------------------


def _analysis_tables(request) -> tuple[list, bool]:
    """The analysis tables, exact or (?view=published) suppressed as the annual report prints them."""
    published = request.GET.get("view") == "published"
    tables = statistics.statistics(user=request.user, as_published=published)
    return [t for t in tables if t.analysis], published


def analysis(request):
    """Reviewed deaths by age band (with rates per 100,000 children), sex, ethnic group,
    deprivation and factor domain, each year and three years together."""
    require_member(request, "analysis")
    tables, published = _analysis_tables(request)
    log_event(request, "cdop_view", detail=f"analysis ({'as published' if published else 'exact figures'})")
    return render(
        request,
        "cdop/analysis.html",
        {
            "tables": tables,
            "published": published,
            "suppression_max": statistics.suppression_max(),
            "view_query": "view=published&" if published else "",
        },
    )


def analysis_export(request):
    require_member(request, "analysis export")
    tables, published = _analysis_tables(request)
    fmt = _fmt(request)
    log_event(request, "export", detail=f"CDOP analysis {fmt} ({'suppressed' if published else 'unsuppressed'})")
    return exports.analysis_response(tables, fmt=fmt, published=published)


# --- cases (panel members only) -------------------------------------------------------------------


def case_list(request):
    require_member(request, "case list")
    filterset = selectors.death_list(user=request.user, data=request.GET or None)
    page, query = paged(request, filterset.qs, 50)
    log_event(request, "cdop_view", detail=f"case list ({page.paginator.count} cases, page {page.number})")
    return render(
        request,
        "cdop/case_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query,
            "chair": is_panel_chair(request.user),
            "target_days": selectors.target_days(),
        },
    )


def case_export(request):
    require_member(request, "case export")
    if not is_panel_chair(request.user):
        refuse(request, "case-level CDOP export is for the panel chair only")
    filterset = selectors.death_list(user=request.user, data=request.GET or None)
    deaths = list(filterset.qs.select_related("ethnicity", "area", "review__category"))
    fmt = _fmt(request)
    log_event(request, "export", detail=f"CDOP case-level {fmt}: {len(deaths)} cases")
    return exports.cases_response(deaths, fmt=fmt)


def case_export_ncmd(request):
    """The fields the National Child Mortality Database collects, one row per death (chair only)."""
    require_member(request, "NCMD export")
    if not is_panel_chair(request.user):
        refuse(request, "case-level CDOP export is for the panel chair only")
    from cdop.models import FactorDomain

    filterset = selectors.death_list(user=request.user, data=request.GET or None)
    deaths = list(
        filterset.qs.select_related("ethnicity", "area", "review__category").prefetch_related("review__factors__domain")
    )
    fmt = _fmt(request)
    log_event(request, "export", detail=f"CDOP NCMD fields {fmt}: {len(deaths)} cases")
    return exports.ncmd_response(deaths, domains=list(FactorDomain.objects.all()), fmt=fmt)


def case_create(request):
    require_member(request, "new case")
    form = forms.DeathForm(request.POST or None)

    def save():
        data = form.cleaned_data
        return services.death_notify(
            by=request.user, case_number=data["case_number"], agencies=data["agencies"], **form.service_fields()
        )

    return save_or_render(
        request,
        form,
        save,
        success_message=lambda death: f"Notification of case {death.case_number} recorded.",
        template="cdop/case_form.html",
        context={"death": None},
    )


def case_detail(request, pk: int):
    death = _case(request, pk, "case record")
    context = selectors.death_detail(death=death, user=request.user)
    context["plan_template"] = select_template(["actions/includes/action_plan.html", "cdop/includes/action_plan.html"])
    context["own_plan"] = context["plan_template"].template.name.startswith("cdop/")
    context["status_form"] = forms.StatusForm(initial={"version": death.version})
    context["rapid_form"] = forms.RapidResponseForm(initial={"version": death.version})
    return render(request, "cdop/case_detail.html", context)


def case_edit(request, pk: int):
    death = _case(request, pk, "edit case")
    form = forms.DeathForm(request.POST or None, initial=forms.DeathForm.initial_for(death), editing=True)
    return _case_form(
        request,
        form,
        lambda: services.death_update(
            death=death,
            by=request.user,
            version=opened_version(form),
            agencies=form.cleaned_data["agencies"],
            **form.service_fields(),
        ),
        success_message="Case details saved.",
        redirect_to=death,
        template="cdop/case_form.html",
    )


def case_rapid_response(request, pk: int):
    return _serve(request, RAPID_RESPONSE, _case(request, pk, "rapid response"))


def case_status(request, pk: int):
    death = _case(request, pk, "status change")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a status to move the case to.")
        return redirect(death)
    return act_through_service(
        request,
        lambda: services.death_move(
            death=death, by=request.user, version=form.cleaned_data["version"], status=form.cleaned_data["status"]
        ),
        success_message=lambda _: f"Case moved to “{death.get_status_display()}”.",
        redirect_to=death,
        stale_message=STALE,
    )


def case_review(request, pk: int):
    death = _case(request, pk, "panel review form")
    form = forms.PanelReviewForm(request.POST or None, initial=forms.PanelReviewForm.initial_for(death))
    return _case_form(
        request,
        form,
        lambda: services.panel_review_record(death=death, by=request.user, scores=form.scores(), **declared_data(form)),
        success_message="Panel review recorded.",
        redirect_to=death,
        template="cdop/review_form.html",
    )


def recommendation_create(request, pk: int):
    death = _case(request, pk, "add recommendation")
    review = getattr(death, "review", None)
    if review is None:
        messages.error(request, "Record the panel review before adding its recommendations.")
        return redirect(death)
    return _serve(request, RECOMMENDATION, review, death=death)


def case_refer(request, pk: int):
    return _serve(request, REFERRAL, _case(request, pk, "refer for practice review"), initial={"kind": "rapid"})


# --- panel meetings (members only) ------------------------------------------------------------------


def meeting_list(request):
    require_member(request, "meeting list")
    meetings = selectors.meeting_list(user=request.user)
    return render(request, "cdop/meeting_list.html", {"meetings": meetings})


def _meeting(request, pk: int, what: str) -> PanelMeeting:
    require_member(request, what)
    meeting = get_object_or_404(PanelMeeting.objects.for_user(request.user), pk=pk)
    log_event(request, "cdop_view", detail=f"{what}: {meeting}")
    return meeting


def meeting_create(request):
    require_member(request, "new meeting")
    return _meeting_form(request, None)


def meeting_edit(request, pk: int):
    return _meeting_form(request, _meeting(request, pk, "edit meeting"))


def _meeting_form(request, meeting):
    initial = forms.MeetingForm.initial_for(meeting) if meeting else {}
    form = forms.MeetingForm(request.POST or None, initial=initial, meeting=meeting)

    return save_or_render(
        request,
        form,
        lambda: services.meeting_save(by=request.user, meeting=meeting, **form.cleaned_data),
        success_message="Panel meeting saved.",
        stale_message="Someone else saved this meeting while you were editing it. What you typed is kept below: "
        "check it against their changes on the meeting's page, then save again to replace them.",
        current_version=lambda: _current_version(meeting),
        template="cdop/meeting_form.html",
        context={"meeting": meeting},
    )


def meeting_detail(request, pk: int):
    meeting = _meeting(request, pk, "meeting agenda")
    agenda = meeting.agenda.select_related("review__category").order_by("date_notified")
    return render(
        request,
        "cdop/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "attendees": meeting.attendees.select_related("agency"),
            "apologies": meeting.apologies.select_related("agency"),
        },
    )


# --- the access log (business unit and panel chair) ------------------------------------------------


def access_log(request):
    if not can_read_access_log(request.user):
        refuse(request, "the CDOP access log is for the business unit and the panel chair")
    return render_paged(request, "cdop/access_log.html", selectors.access_log(), 100, {})


def _case_form(request, form, save, *, redirect_to: Death, success_message, template: str):
    """A form on a case: saved through its service (a stale save keeps what was typed and moves
    to the stored version), back to the case; else the form again."""
    death = redirect_to
    done = save_through_service(
        request,
        form,
        save,
        success_message=success_message,
        redirect_to=death,
        stale_message=STALE,
        current_version=lambda: _current_version(death),
    )
    return done or render(request, template, {"form": form, "death": death})


def _serve(request, page: FormPage, record, *, death: Death | None = None, **options):
    """One of the forms on a case (`record`, or a record of the case given as `death`)."""
    options["redirect_to"] = record if death is None else death
    return page.serve(request, record, page=_case_form, data=request.POST or None, **options)


def _jar_held(death: Death) -> dict:
    """The joint agency response's "held?" as the form asks it: unanswered until either is recorded."""
    return {
        "jar_held": {True: "yes", False: "no"}.get(death.jar_held) if (death.jar_held or death.jar_reason) else None
    }


# The forms on a case: what each asks, which service saves it, what it says and its template.
RAPID_RESPONSE = FormPage(
    forms.RapidResponseForm,
    services.death_record_rapid_response,
    "death",
    "Joint agency response recorded.",
    {"template": "cdop/rapid_response_form.html"},
    initial=("version", "jar_date", "jar_reason"),
    initial_from=_jar_held,
)
RECOMMENDATION = FormPage(
    forms.RecommendationForm,
    services.recommendation_add,
    "review",
    "Recommendation added to the action plan.",
    {"template": "cdop/recommendation_form.html"},
)
REFERRAL = FormPage(
    forms.ReferralForm,
    services.death_refer_for_review,
    "death",
    lambda referred: f"Referred for practice review {referred.review_reference}.",
    {"template": "cdop/referral_form.html"},
    initial=("version",),
)


def _current_version(record) -> int:
    return type(record).objects.filter(pk=record.pk).values_list("version", flat=True).first() or 0
