"""Section 11 escalations: the list, one escalation with its dated steps, the letter (PDF) and
the letter's wording (business unit)."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bscp_portal.lib.forms import save_or_render, save_through_service
from partnership.access import BUSINESS_UNIT, PAQA, get_visible_or_404, has_role, refuse, require_role
from section11 import escalation as rules
from section11 import letters, services
from section11.models import Escalation


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    to = forms.ChoiceField(choices=Escalation.Stage.choices, label="Next step")
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Note (how it was resolved, or what was decided)",
    )


class LetterForm(forms.Form):
    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 16}), label="Letter")


def escalation_list(request):
    """Open escalations first; an agency user sees only their own agency's."""
    today = timezone.localdate()
    rows = list(Escalation.objects.for_user(request.user).select_related("agency", "round"))
    rows.sort(key=lambda e: (e.stage == Escalation.Stage.RESOLVED, e.opened_on), reverse=False)
    return render(
        request,
        "section11/escalation_list.html",
        {
            "rows": [(e, rules.overdue(stage=e.stage, today=today, due=e.response_due)) for e in rows],
            "bu": has_role(request.user, BUSINESS_UNIT),
        },
    )


def escalation_detail(request, pk: int):
    escalation = get_visible_or_404(
        Escalation.objects.select_related("agency", "round", "submission"), request.user, request, pk=pk
    )
    reviewer = has_role(request.user, PAQA, BUSINESS_UNIT)
    if request.method == "POST" and not reviewer:
        refuse(request, "only PAQA and the business unit move an escalation on")
    next_steps = [(s, rules.STAGE_LABELS[s]) for s in rules.NEXT.get(escalation.stage, ())]
    form = StepForm(request.POST or None, initial={"version": escalation.version})
    form.fields["to"].choices = next_steps
    done = save_through_service(
        request,
        form,
        lambda: services.escalation_step(escalation=escalation, by=request.user, **form.cleaned_data),
        success_message=lambda saved: f"Recorded: {rules.STAGE_LABELS[saved.stage].lower()}.",
        redirect_to=escalation,
        stale_message="Someone else moved this escalation on while you were looking: check where it stands now.",
        current_version=lambda: Escalation.objects.get(pk=escalation.pk).version,
    )
    if done:
        return done
    return render(
        request,
        "section11/escalation_detail.html",
        {
            "escalation": escalation,
            "steps": escalation.steps.select_related("by"),
            "form": form if reviewer and next_steps else None,
            "reason": letters.escalation_reason(escalation),
            "overdue": rules.overdue(stage=escalation.stage, today=timezone.localdate(), due=escalation.response_due),
        },
    )


def escalation_letter(request, pk: int):
    """The letter to the agency's lead, as a PDF, from the wording the business unit keeps."""
    escalation = get_visible_or_404(Escalation.objects.select_related("agency", "round"), request.user, request, pk=pk)
    response = HttpResponse(letters.escalation_letter_pdf(escalation=escalation), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="section11-escalation-{escalation.pk}.pdf"'
    return response


@require_role(BUSINESS_UNIT)
def escalation_letter_edit(request):
    letter = services.escalation_letter()
    form = LetterForm(request.POST or None, initial={"subject": letter.subject, "body": letter.body})
    return save_or_render(
        request,
        form,
        lambda: services.escalation_letter_save(by=request.user, **form.cleaned_data),
        success_message="The escalation letter's wording is saved.",
        redirect_to="section11:escalation_list",
        template="section11/escalation_letter_form.html",
        context={"fields": services.LETTER_FIELDS},
    )
