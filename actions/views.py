"""Action pages: each view resolves access, parses a form, calls one service, redirects."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from actions import exports, permissions, selectors, services
from actions.charts import progress_figure
from actions.forms import ActionEditForm, ActionForm, ProgressForm, ReopenForm, SignOffForm
from actions.models import Action, EvidenceFile
from actions.sources import parse_source_ref, source_model, visible_source_or_404
from bscp_portal.lib import storage
from bscp_portal.lib.form_pages import FormPage
from bscp_portal.lib.forms import save_or_render, save_through_service
from bscp_portal.lib.paging import render_paged
from partnership.access import get_visible_or_404, refuse

STALE_MESSAGE = (
    "Someone else saved this action while you were working on it, so your change was not saved. "
    "The page now shows their version; what you typed is below — check it and save again."
)


def _get_action(request, pk: int) -> Action:
    return get_visible_or_404(
        Action.objects.select_related("owner", "agency", "subcommittee", "source_type", "completed_by"),
        request.user,
        request,
        pk=pk,
    )


# --- lists, export, dashboard ----------------------------------------------------------------


def index(request):
    """All the actions the user may see, filtered; 50 to a page."""
    action_filter = selectors.action_filter(user=request.user, data=request.GET)
    rows = action_filter.qs.order_by("due_date", "pk").defer("measure", "resources", "completion_evidence")
    return render_paged(
        request,
        "actions/action_list.html",
        rows,
        50,
        {
            "filter": action_filter,
            "today": timezone.localdate(),
            "can_create": permissions.can_create(request.user),
        },
    )


def export(request, fmt: str):
    """The filtered list as CSV or XLSX, from the same access-checked queryset as the page."""
    action_filter = selectors.action_filter(user=request.user, data=request.GET)
    return exports.export_response(request, action_filter.qs, fmt=fmt)


def dashboard(request):
    action_filter = selectors.action_filter(user=request.user, data=request.GET)
    figures = selectors.dashboard_figures(queryset=action_filter.qs)
    return render(
        request,
        "actions/dashboard.html",
        {
            "filter": action_filter,
            "figures": figures,
            "chart": progress_figure(figures),
            "query": request.GET.urlencode(),
        },
    )


def plan(request, source_type: str, source_id: int):
    """The action plan of one source record (audit, review, S11 return, objective, ...)."""
    model = source_model(source_type)
    source = visible_source_or_404(request, model, source_id)
    actions = selectors.actions_for_source(source=source, user=request.user)
    return render(request, "actions/plan.html", {"source": source, "actions": actions, "today": timezone.localdate()})


# --- one action ----------------------------------------------------------------------------------


def _initial_for_source(user, source) -> dict:
    """Sensible defaults from the source record: its agency and sub-committee, else the user's."""
    defaults = source.action_defaults() if hasattr(source, "action_defaults") else {}
    initial = {}
    agency_id = defaults.get("agency_id") or getattr(source, "agency_id", None)
    if agency_id is None:
        agency_id = user.agency_id
    initial["agency"] = agency_id
    subcommittee_id = defaults.get("subcommittee_id") or getattr(source, "subcommittee_id", None)
    if subcommittee_id is None:
        chaired = permissions.chaired_subcommittee_ids(user)
        if len(chaired) == 1:
            subcommittee_id = next(iter(chaired))
    initial["subcommittee"] = subcommittee_id
    return initial


def create(request):
    """Record a SMART action, optionally for a source record named by ?source=app.model:pk."""
    source = None
    ref = request.GET.get("source", "")
    if ref:
        model, pk = parse_source_ref(ref)
        source = visible_source_or_404(request, model, pk)
    if not permissions.can_create(request.user):
        refuse(request, "may not create actions")
    initial = _initial_for_source(request.user, source) if source is not None else {"agency": request.user.agency_id}
    form = ActionForm(request.POST or None, user=request.user, initial=initial)

    def save():
        data = form.cleaned_data
        return services.action_create(
            created_by=request.user,
            description=data["description"],
            measure=data["measure"],
            owner=data["owner"],
            agency=data["agency"],
            due_date=data["due_date"],
            resources=data["resources"],
            priority=data["priority"],
            subcommittee=data["subcommittee"],
            source=source,
        )

    return save_or_render(
        request,
        form,
        save,
        success_message="The action was recorded.",
        redirect_to=action_url,
        template="actions/action_form.html",
        context={"source": source, "source_ref": ref},
    )


def action_url(action: Action) -> str:
    return reverse("actions:detail", kwargs={"pk": action.pk})


def detail(request, pk: int):
    action = _get_action(request, pk)
    user = request.user
    context = {
        "action": action,
        "today": timezone.localdate(),
        "activity": selectors.action_activity(action=action),
        "reminders": selectors.reminders_for_action(action=action),
        "can_edit": permissions.can_edit(user, action),
        "can_progress": permissions.can_update_progress(user, action)
        and action.status in ("not_started", "in_progress"),
        "can_sign_off": permissions.can_sign_off(user, action) and action.status in ("not_started", "in_progress"),
        "can_reopen": permissions.can_reopen(user, action) and action.status == Action.Status.COMPLETE,
    }
    context["progress_form"] = ProgressForm(initial={"version": action.version, "on_date": timezone.localdate()})
    context["sign_off_form"] = SignOffForm(initial={"version": action.version})
    context["reopen_form"] = ReopenForm(initial={"version": action.version})
    return render(request, "actions/action_detail.html", context)


def edit(request, pk: int):
    action = _get_action(request, pk)
    if not permissions.can_edit(request.user, action):
        refuse(request, f"may not edit action {pk}")
    form = ActionEditForm(request.POST or None, instance=action, user=request.user)

    def save():
        fields = {name: form.cleaned_data[name] for name in ActionEditForm.Meta.fields}
        return services.action_update(
            action=Action.objects.get(pk=pk),
            by=request.user,
            version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            **fields,
        )

    return save_or_render(
        request,
        form,
        save,
        success_message="The action was saved.",
        redirect_to=action_url(action),
        stale_message=STALE_MESSAGE,
        current_version=lambda: _current_version(pk),
        template="actions/action_edit.html",
        context=lambda: {"action": Action.objects.get(pk=pk)},
    )


def _current_version(pk: int) -> int:
    return Action.objects.filter(pk=pk).values_list("version", flat=True).get()


# The forms on an action's page, each shown alone again (actions/step_form.html, its body
# actions/includes/<step>_form_body.html) when refused: who may use it (and the words of a refusal),
# what it asks, which service saves it and what it says, and the heading of its page.
ACTION_STEPS = {
    "progress": (
        permissions.can_update_progress,
        "update progress on",
        FormPage(ProgressForm, services.progress_add, "action", "Your progress update was saved."),
        "Progress update",
    ),
    "sign_off": (
        permissions.can_sign_off,
        "sign off",
        FormPage(
            SignOffForm,
            services.action_sign_off,
            "action",
            "The action was signed off as complete, with its evidence of outcome.",
        ),
        "Sign off as complete",
    ),
    "reopen": (
        permissions.can_reopen,
        "reopen",
        FormPage(ReopenForm, services.action_reopen, "action", "The action was reopened."),
        "Reopen action",
    ),
}


def _action_form_view(request, pk: int, step: str):
    """Shared shape of the progress, sign-off and reopen POSTs."""
    allowed, verb, form_page, heading = ACTION_STEPS[step]
    action = _get_action(request, pk)
    if not allowed(request.user, action):
        refuse(request, f"may not {verb} action {pk}")

    def shown(request, form, save, **options):
        done = save_through_service(
            request, form, save, stale_message=STALE_MESSAGE, current_version=lambda: _current_version(pk), **options
        )
        if done:
            return done
        action = _get_action(request, pk)
        context = {"form": form, "action": action, "today": timezone.localdate(), "step": heading}
        context["body"] = f"actions/includes/{step}_form_body.html"
        return render(request, "actions/step_form.html", context)

    return form_page.serve(
        request,
        action,
        page=shown,
        data=request.POST or None,
        files=request.FILES or None,
        initial={"version": action.version},
        redirect_to=action_url(action),
    )


def progress(request, pk: int):
    return _action_form_view(request, pk, "progress")


def sign_off(request, pk: int):
    return _action_form_view(request, pk, "sign_off")


@require_POST
def reopen(request, pk: int):
    return _action_form_view(request, pk, "reopen")


def evidence_download(request, pk: int, file_id: int):
    """An evidence file, only to those who may see its action; always as an attachment."""
    action = _get_action(request, pk)
    record = EvidenceFile.objects.filter(pk=file_id, event__action=action).first()
    if record is None:
        raise Http404("No such file")
    return storage.serve(record.file, filename=record.original_name, content_type=record.content_type)
