from django.shortcuts import render

from actions.selectors import actions_for_source
from bscp_portal.lib.form_pages import FormPage
from governance import access, selectors, services, summary
from governance.forms import ChairReportForm, ObjectiveRateForm
from governance.models import Objective, Plan
from governance.views.common import on_detail_page, save_or_form_page
from partnership.access import get_visible_or_404, refuse

RATE = FormPage(
    ObjectiveRateForm,
    services.objective_rate,
    "objective",
    "Rating saved.",
    {
        "stale_message": "Someone else changed this rating while you were editing. "
        "Their version is shown below; yours was not saved."
    },
)


def index(request):
    """Partnership performance at a glance: links to each part and the current plan."""
    plan = selectors.current_plan(user=request.user)
    return render(
        request,
        "governance/index.html",
        {
            "plan": plan,
            "plans": Plan.objects.for_user(request.user),
            "due": selectors.reports_due_for(user=request.user),
            "tile": summary.dashboard_tile(user=request.user),
        },
    )


def plan_detail(request, pk: int):
    plan = get_visible_or_404(Plan.objects.all(), request.user, request, pk=pk)
    return render(
        request, "governance/plan_detail.html", {"plan": plan, **selectors.plan_view(plan=plan, user=request.user)}
    )


def objective_detail(request, pk: int):
    objective = get_visible_or_404(
        Objective.objects.select_related("priority__plan", "subcommittee"), request.user, request, pk=pk
    )
    can_rate = access.can_rate_objective(request.user, objective)
    form = ObjectiveRateForm(
        initial={"rag": objective.rag, "explanation": objective.rag_explanation, "version": objective.version}
    )
    return render(request, "governance/objective_detail.html", _objective_context(request, objective, form, can_rate))


def _objective_context(request, objective, form, can_rate):
    return {
        "objective": objective,
        "plan": objective.priority.plan,
        "actions": actions_for_source(source=objective, user=request.user),
        "form": form,
        "can_rate": can_rate,
        "can_add_action": can_rate,
        "reports": objective.priority.plan.chair_reports.filter(subcommittee=objective.subcommittee).select_related(
            "meeting", "author"
        )[:10],
    }


def objective_rate(request, pk: int):
    objective = get_visible_or_404(
        Objective.objects.select_related("priority__plan", "subcommittee"), request.user, request, pk=pk
    )
    if not access.can_rate_objective(request.user, objective):
        refuse(request, "only the owning sub-committee's chair rates an objective")
    page = on_detail_page(
        request,
        objective,
        "governance/objective_detail.html",
        lambda form: _objective_context(request, objective, form, True),
    )
    return RATE.serve(request, objective, page=page, data=request.POST)


def chair_report_create(request, pk: int):
    plan = get_visible_or_404(Plan.objects.all(), request.user, request, pk=pk)
    committees = selectors.reportable_committees(user=request.user)
    if not committees:
        refuse(request, "only sub-committee chairs record activity and outcome reports")
    form = ChairReportForm(request.POST or None, subcommittee_ids=[c.pk for c in committees])

    def save():
        meeting = form.cleaned_data["meeting"]
        return services.chair_report_create(
            plan=plan,
            subcommittee=meeting.body,
            meeting=meeting,
            activity=form.cleaned_data["activity"],
            outcomes=form.cleaned_data["outcomes"],
            author=request.user,
        )

    return save_or_form_page(
        request,
        form,
        save,
        success_message="Activity and outcome report recorded.",
        redirect_to=plan,
        title=f"Activity and outcome report — {plan}",
    )
