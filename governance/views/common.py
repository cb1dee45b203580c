"""What the partnership-performance pages share."""

from collections.abc import Callable
from typing import NamedTuple

from django.shortcuts import render
from django.utils import timezone

from bscp_portal.lib.form_pages import on_record_page
from bscp_portal.lib.forms import save_or_render, save_through_service
from governance import rules, services, standards_selectors
from governance.forms import EvaluationForm, FollowUpForm
from governance.models import Evaluation, PracticeFollowUp, StandardCriterion, TrainingPlace


def form_page(request, form, *, title: str, back: str):
    """The single-purpose form page; 400 when the form has errors (what was typed is kept)."""
    return render(
        request,
        "governance/form_page.html",
        {"form": form, "title": title, "back": back},
        status=400 if form.errors else 200,
    )


def save_or_form_page(request, form, save, *, title: str, back: str | None = None, **options):
    """Save the form through its service (`options` as for save_through_service) and go on; else
    the form page again, its Back link to `back` or else to the record saving goes to."""
    done = save_through_service(request, form, save, **options)
    if done:
        return done
    return form_page(request, form, title=title, back=back or options["redirect_to"].get_absolute_url())


def on_detail_page(request, record, template: str, context, *, refresh_always: bool = False):
    """A form posted from `record`'s own page: refused, that page again (`context(form)`) with 400,
    the record read again first when someone else saved meanwhile (or always)."""

    def shown_again(form):
        if refresh_always or getattr(form, "stale_edit", False):
            record.refresh_from_db()
        return render(request, template, context(form), status=400)

    return on_record_page(shown_again)


def public_message(request, title: str, message: str, status: int = 200):
    return render(request, "governance/public_message.html", {"title": title, "message": message}, status=status)


def _follow_up_not_open(place) -> str:
    return rules.follow_up_problem(place.session.held_on, timezone.localdate())


class TrainingLink(NamedTuple):
    """A link sent to each person who attended a training session, answered once."""

    answered: type  # the record an answer makes
    form: type
    stage: str  # the stage of the criteria it asks about
    service: Callable
    template: str
    not_open: Callable | None  # for a link that opens later: why it is not open yet ("" once open)


TRAINING_LINKS = {
    "evaluation": TrainingLink(
        answered=Evaluation,
        form=EvaluationForm,
        stage=StandardCriterion.Stage.END,
        service=services.evaluation_create,
        template="governance/evaluate.html",
        not_open=None,
    ),
    "follow-up": TrainingLink(
        answered=PracticeFollowUp,
        form=FollowUpForm,
        stage=StandardCriterion.Stage.FOLLOW_UP,
        service=services.follow_up_create,
        template="governance/follow_up.html",
        not_open=_follow_up_not_open,
    ),
}


def answer_by_link(request, token: str, link: str):
    """A training link (no login), answered once: 404 for a link not known, 410 once answered, why
    it is not open yet while it is not; else its form, saved through its service, then thanks."""
    answered, form_class, stage, service, template, not_open = TRAINING_LINKS[link]
    place = TrainingPlace.objects.select_related("session__course").filter(evaluation_token=token).first()
    if place is None:
        return public_message(
            request, "Link not recognised", f"This {link} link is not valid. Please check the link you were sent.", 404
        )
    if answered.objects.filter(place=place).exists():
        return public_message(
            request, "Already answered", f"This {link} link has already been used. Thank you for your feedback.", 410
        )
    early = not_open(place) if not_open else None
    if early:
        return public_message(request, "Not open yet", early, 200)
    form = form_class(request.POST or None, criteria=StandardCriterion.objects.filter(stage=stage))
    return save_or_render(
        request,
        form,
        lambda: service(session=place.session, place=place, answers=form.answers(), **form.other_data()),
        respond=lambda _: public_message(request, "Thank you", f"Your {link} has been recorded."),
        template=template,
        context={"session": place.session},
        status=lambda: 400 if form.errors else 200,
    )


def answers_typed_in(request, session, link: str, *, success_message: str, title: str):
    """Answers to a training link typed in by the business unit for `session` (from a paper form,
    say): the link's form over the criteria of its stage, saved through its service, then back to
    the session."""
    known = TRAINING_LINKS[link]
    form = known.form(
        request.POST or None, criteria=standards_selectors.criteria_for(user=request.user, stage=known.stage)
    )
    return save_or_form_page(
        request,
        form,
        lambda: known.service(session=session, answers=form.answers(), **form.other_data()),
        success_message=success_message,
        redirect_to=session,
        title=title,
    )
