"""Pages where the business unit runs the partnership's agencies, sub-committees, people and
access, where a person keeps their own details, and where an invited person sets a password."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bscp_portal.lib.forms import act_through_service, save_or_render, save_through_service
from bscp_portal.lib.paging import render_paged
from partnership import forms, invitations, selectors, services, two_step
from partnership.access import AGENCY_LEAD, BUSINESS_UNIT, get_visible_or_404, has_role, refuse, require_role
from partnership.models import Agency, Role, SecurityEvent, SubCommittee, User
from partnership.security import log_event


def _name(person: User) -> str:
    return person.get_full_name() or person.username


# A person's own details, as they and the business unit change them.
DETAILS = ("first_name", "last_name", "email", "job_title")


def _initial(record, names, **more) -> dict:
    """What a form about `record` starts from: its fields `names`, and `more`."""
    return {name: getattr(record, name) for name in names} | more


def _form_page(request, form, *, title: str, back: str, intro: str = "", button: str = "Save", danger=False):
    return render(
        request,
        "partnership/form_page.html",
        {"form": form, "title": title, "back": back, "intro": intro, "button": button, "danger": danger},
    )


def _save_or_form_page(request, form, save, *, success_message, redirect_to=None, **page):
    """Save the form through its service and go on; else show it again on the form page, whose
    Back link goes where saving would (unless `back` says otherwise)."""
    done = save_through_service(request, form, save, success_message=success_message, redirect_to=redirect_to)
    if isinstance(redirect_to, str):
        page.setdefault("back", redirect_to)
    return done or _form_page(request, form, **page)


def _saved_by_service(request, form_class, save, *, initial=None, **page):
    """A form whose saving calls `save` with who saves, the request and the form's data (`save`
    already given the record it changes, if any); the page as for _save_or_form_page."""
    form = form_class(request.POST or None, initial=initial)
    return _save_or_form_page(
        request, form, lambda: save(by=request.user, request=request, **form.cleaned_data), **page
    )


# --- people (business unit) --------------------------------------------------------------------


@require_role(BUSINESS_UNIT)
def people_list(request):
    q = request.GET.get("q", "").strip()[:100]
    role = request.GET.get("role", "")
    role = role if role in Role.values else ""
    status = request.GET.get("status", "")
    status = status if status in dict(selectors.PERSON_STATUSES) else ""
    agency_id = request.GET.get("agency", "")
    agency_id = int(agency_id) if agency_id.isdigit() else None
    people = selectors.people_list(q=q, agency_id=agency_id, role=role, status=status)
    return render_paged(
        request,
        "partnership/people_list.html",
        people,
        50,
        {
            "q": q,
            "role": role,
            "status": status,
            "agency_id": agency_id,
            "roles": Role.choices,
            "statuses": selectors.PERSON_STATUSES,
            "agencies": Agency.objects.order_by("name"),
        },
    )


@require_role(BUSINESS_UNIT)
def person_invite(request):
    """Step 1 chooses the agency (required); step 2 the person's details and roles."""
    chosen = request.POST.get("agency") or request.GET.get("agency")
    days = settings.INVITATION_DAYS
    if not chosen:
        return render(request, "partnership/person_invite.html", {"choice": forms.AgencyChoiceForm(), "days": days})
    choice = forms.AgencyChoiceForm({"agency": chosen})
    if not choice.is_valid():
        return render(request, "partnership/person_invite.html", {"choice": choice, "days": days})
    agency = choice.cleaned_data["agency"]
    form = forms.InviteForm(request.POST or None, initial={"agency": agency.pk})
    return save_or_render(
        request,
        form,
        lambda: services.person_invite(
            by=request.user,
            agency=agency,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            email=form.cleaned_data["email"],
            job_title=form.cleaned_data["job_title"],
            roles=form.cleaned_data["roles"],
            request=request,
        ),
        success_message=lambda p: (
            f"Invitation sent to {p.email}. The link works once, for {settings.INVITATION_DAYS} days."
        ),
        redirect_to=lambda p: reverse("partnership:person_detail", args=[p.pk]),
        template="partnership/person_invite.html",
        context={"agency": agency},
    )


@require_role(BUSINESS_UNIT)
def person_detail(request, pk: int):
    person = get_object_or_404(User.objects.select_related("agency"), pk=pk)
    return render(
        request,
        "partnership/person_detail.html",
        {
            "person": person,
            "roles": person.role_assignments.all(),
            "seats": person.memberships.select_related("subcommittee"),
            "pending": invitations.is_pending(person),
            "has_two_step": two_step.has_confirmed_authenticator(person),
            "changes": selectors.account_changes(person=person),
            "own": person.pk == request.user.pk,
        },
    )


@require_role(BUSINESS_UNIT)
def person_edit(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    form = forms.PersonForm(
        request.POST or None,
        initial=_initial(person, DETAILS, agency=person.agency_id),
    )
    return _save_or_form_page(
        request,
        form,
        lambda: services.person_update(person=person, by=request.user, **form.cleaned_data, request=request),
        success_message=f"{_name(person)}'s details were saved.",
        redirect_to=reverse("partnership:person_detail", args=[pk]),
        title=f"Change {_name(person)}'s details",
    )


@require_role(BUSINESS_UNIT)
def person_access(request, pk: int):
    """Give and take away roles and sub-committee seats, with a reason."""
    person = get_object_or_404(User, pk=pk)
    committees = list(SubCommittee.objects.order_by("name"))
    held = services.seats_of(person)
    initial = {"roles": list(person.role_assignments.values_list("role", flat=True))}
    initial.update({f"seat_{c.pk}": held.get(c.pk, forms.NO_SEAT) for c in committees})
    form = forms.AccessForm(request.POST or None, initial=initial, subcommittees=committees)
    return _save_or_form_page(
        request,
        form,
        lambda: services.person_access_change(
            person=person,
            by=request.user,
            roles=set(form.cleaned_data["roles"]),
            seats=form.seats(),
            reason=form.cleaned_data["reason"],
            request=request,
        ),
        success_message=lambda done: f"{_name(person)}: {'; '.join(done)}.",
        redirect_to=reverse("partnership:person_detail", args=[pk]),
        title=f"Roles and seats of {_name(person)}",
        intro="Tick the roles they should have and choose their seats. Each change is kept in the security log "
        "with your reason.",
    )


@require_role(BUSINESS_UNIT)
def person_deactivate(request, pk: int):
    return _account_change_with_reason(
        request,
        pk,
        services.person_deactivate,
        success="{name}'s account is deactivated and their sessions have ended.",
        title="Deactivate {name}'s account",
        intro="For someone who has left. They are signed out everywhere at once and cannot sign in. Their returns, "
        "actions and other records stay, under their name. You can reactivate the account later.",
        button="Deactivate account",
        danger=True,
    )


@require_role(BUSINESS_UNIT)
def person_reactivate(request, pk: int):
    return _account_change_with_reason(
        request,
        pk,
        services.person_reactivate,
        success="{name}'s account is active again.",
        title="Reactivate {name}'s account",
        intro="They can sign in again with their password, with the roles they had.",
        button="Reactivate account",
    )


def _account_change_with_reason(request, pk: int, service, *, success: str, title: str, intro: str, **page):
    """A change to a person's account that needs a reason: the form, the service, the page."""
    person = get_object_or_404(User, pk=pk)
    name = _name(person)
    form = forms.ReasonForm(request.POST or None)
    back = reverse("partnership:person_detail", args=[pk])
    return _save_or_form_page(
        request,
        form,
        lambda: service(person=person, by=request.user, reason=form.cleaned_data["reason"], request=request),
        success_message=success.format(name=name),
        redirect_to=back,
        title=title.format(name=name),
        intro=intro,
        **page,
    )


def _button_on_person(action, success: str):
    """A button on a person's page (a POST, for the business unit): `action(person, request)` is
    done, `success` said (with their `name` and `email`), and back to their page."""

    @require_POST
    @require_role(BUSINESS_UNIT)
    def view(request, pk: int):
        person = get_object_or_404(User, pk=pk)
        return act_through_service(
            request,
            lambda: action(person, request),
            success_message=success.format(name=_name(person), email=person.email),
            redirect_to=reverse("partnership:person_detail", kwargs={"pk": pk}),
        )

    return view


person_invite_again = _button_on_person(
    lambda p, request: services.invitation_send_again(person=p, by=request.user, request=request),
    "A new invitation link was sent to {email}. Older links no longer work.",
)
person_end_sessions = _button_on_person(
    lambda p, request: services.user_end_sessions(user=p, by=request.user, request=request),
    "{name} is signed out everywhere.",
)


# --- agencies and sub-committees (business unit) ------------------------------------------------


@require_role(BUSINESS_UNIT)
def agency_create(request):
    return _saved_by_service(
        request,
        forms.AgencyForm,
        services.agency_save,
        success_message=lambda a: f"{a.name} was added.",
        redirect_to=lambda a: reverse("partnership:agency_detail", args=[a.pk]),
        title="Add an agency",
        back=reverse("partnership:agency_list"),
    )


@require_role(BUSINESS_UNIT)
def agency_edit(request, pk: int):
    agency = get_object_or_404(Agency, pk=pk)
    return _saved_by_service(
        request,
        forms.AgencyForm,
        partial(services.agency_save, agency=agency),
        initial=_initial(agency, services.AGENCY_FIELDS),
        success_message=f"{agency.name} was saved.",
        redirect_to=reverse("partnership:agency_detail", args=[pk]),
        title=f"Change {agency.name}",
    )


@require_role(BUSINESS_UNIT)
def subcommittee_create(request):
    return _saved_by_service(
        request,
        forms.SubCommitteeForm,
        services.subcommittee_save,
        success_message=lambda c: f"{c.name} was added. Give people seats on it from their page.",
        redirect_to=reverse("partnership:index"),
        title="Add a sub-committee",
    )


@require_role(BUSINESS_UNIT)
def subcommittee_edit(request, pk: int):
    committee = get_object_or_404(SubCommittee, pk=pk)
    return _saved_by_service(
        request,
        forms.SubCommitteeForm,
        partial(services.subcommittee_save, subcommittee=committee),
        initial=_initial(committee, ("name", "order", "active"), description=committee.help_text),
        success_message=f"{committee.name} was saved.",
        redirect_to=reverse("partnership:index"),
        title=f"Change {committee.name}",
    )


# --- who has access at an agency (its lead, read-only; the business unit) ---------------------


def agency_access(request, pk: int):
    agency = get_visible_or_404(Agency.objects.all(), request.user, request, pk=pk)
    lead_here = has_role(request.user, AGENCY_LEAD) and request.user.agency_id == agency.pk
    if not (lead_here or has_role(request.user, BUSINESS_UNIT)):
        refuse(request, "may not see who has access at this agency")
    people = list(selectors.agency_access(agency=agency))
    for person in people:
        person.pending = invitations.is_pending(person)
    return render(request, "partnership/agency_access.html", {"agency": agency, "people": people})


# --- a person's own account ---------------------------------------------------------------------


def my_account(request):
    user = request.user
    form = forms.DetailsForm(
        request.POST or None,
        initial=_initial(user, DETAILS),
    )
    return save_or_render(
        request,
        form,
        lambda: services.person_update(person=user, by=user, **form.cleaned_data, request=request),
        success_message="Your details were saved.",
        redirect_to=reverse("my_account"),
        template="partnership/my_account.html",
        context=lambda: {
            "roles": user.role_assignments.all(),
            "seats": user.memberships.select_related("subcommittee"),
        },
    )


# --- accepting an invitation (no sign-in yet) --------------------------------------------------


@login_not_required
def invitation_accept(request, token: str):
    check = invitations.check_token(token)
    if not check.ok:
        log_event(
            request,
            SecurityEvent.Kind.INVITATION_REFUSED,
            user=None,
            subject=check.person,
            detail=f"invitation link refused: {check.state}",
        )
        status = 400 if check.state == invitations.LinkState.INVALID else 410
        return render(request, "partnership/invitation.html", {"refusal": check.message}, status=status)
    person = check.person
    form = forms.NewPasswordForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(token=token, password=form.cleaned_data["new_password1"], request=request)
        except ValidationError as exc:
            return render(request, "partnership/invitation.html", {"refusal": " ".join(exc.messages)}, status=410)
        person.refresh_from_db()
        login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Your password is set. Welcome, {person.first_name or _name(person)}.")
        return redirect("home")
    return render(request, "partnership/invitation.html", {"form": form, "person": person})
