"""PAQA's pages: the board, the question log (raise, answer, accept or ask again)."""

import datetime as dt
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from bscp_portal.lib.form_pages import FormPage, on_record_page
from bscp_portal.lib.forms import save_or_render
from governance import summary as governance_summary
from paqa import access, rules, selectors, services
from paqa.forms import QuestionAnswerForm, QuestionRaiseForm, QuestionReviewForm
from paqa.models import Question
from partnership.access import get_visible_or_404, refuse
from partnership.registry import registry
from scorecard import summary as scorecard_summary


def _review(*, version, **review):
    """PAQA's view on an answer: the service is not given the form's version."""
    return services.question_review(**review)


ANSWER = FormPage(QuestionAnswerForm, services.question_answer, "question", "Answer sent to PAQA.")
REVIEW = FormPage(
    QuestionReviewForm,
    _review,
    "question",
    lambda question: "Question closed." if question.status == rules.CLOSED else "Asked again.",
)


def board(request):
    """PAQA's board: missing and late figures, open questions by agency, reports to decide."""
    if not access.sees_board(request.user):
        refuse(request, "PAQA's board")
    today = timezone.localdate()
    return render(
        request,
        "paqa/board.html",
        {
            "today": today,
            "returns": scorecard_summary.returns_exceptions(user=request.user, today=today, limit=40),
            "by_agency": selectors.open_by_agency(user=request.user, today=today),
            "questions": selectors.open_questions(user=request.user, today=today),
            "reports": governance_summary.reports_awaiting_paqa(user=request.user),
            "next_meeting": governance_summary.next_meeting(body_code="paqa", after=today),
            "can_build": access.can_build_pack(request.user),
            "can_review_dataset": access.can_review_dataset(request.user),
            "can_see_equality": access.may_see_equality(request.user),
        },
    )


def question_list(request):
    status = request.GET.get("status", "open")
    if status not in ("open", "answered", "closed", "all"):
        status = "open"
    kind, ref = request.GET.get("kind", "")[:30], request.GET.get("ref", "")[:120]
    today = timezone.localdate()
    return render(
        request,
        "paqa/question_list.html",
        {
            "questions": selectors.question_list(
                user=request.user, status="" if status == "all" else status, kind=kind, ref=ref
            )[:300],
            "figure": registry.figure(request.user, kind, ref) if kind and ref else None,
            "filtered": "&" + urlencode({"kind": kind, "ref": ref}) if kind and ref else "",
            "status": status,
            "today": today,
            "by_agency": selectors.open_by_agency(user=request.user, today=today),
        },
    )


def question_raise(request, kind: str, ref: str):
    """PAQA raises a question on one figure, to the agency that owns it."""
    if not access.can_raise(request.user):
        refuse(request, "only PAQA raises questions on figures")
    figure = registry.figure(request.user, kind, ref)
    if figure is None:
        raise Http404("No such figure")
    initial = {"agency": figure.agency_id, "due_on": timezone.localdate() + dt.timedelta(days=14)}
    form = QuestionRaiseForm(request.POST or None, initial=initial)
    return save_or_render(
        request,
        form,
        lambda: services.question_raise(figure=figure, by=request.user, **form.cleaned_data),
        success_message=lambda question: f"Question sent to {question.agency}.",
        template="paqa/question_raise.html",
        context={"figure": figure},
        status=lambda: 400 if form.errors else 200,
    )


def _question_or_404(request, pk: int) -> Question:
    return get_visible_or_404(Question.objects.select_related("agency"), request.user, request, pk=pk)


def _detail(request, question, answer_form=None, review_form=None, status=200):
    may_answer = access.can_answer(request.user, question) and question.status == Question.Status.OPEN
    may_review = access.can_review(request.user) and question.status == Question.Status.ANSWERED
    return render(
        request,
        "paqa/question_detail.html",
        {
            "question": question,
            "steps": question.steps.select_related("by"),
            "today": timezone.localdate(),
            "answer_form": (answer_form or QuestionAnswerForm()) if may_answer else None,
            "review_form": (review_form or QuestionReviewForm(initial={"version": question.version}))
            if may_review
            else None,
        },
        status=status,
    )


def question_detail(request, pk: int):
    question = _question_or_404(request, pk)
    return _detail(request, question)


def question_answer(request, pk: int):
    question = _question_or_404(request, pk)
    if not access.can_answer(request.user, question):
        refuse(request, "only the agency asked answers")
    page = on_record_page(lambda form: _detail(request, question, answer_form=form, status=400))
    return ANSWER.serve(request, question, page=page, data=request.POST)


def question_review(request, pk: int):
    question = _question_or_404(request, pk)
    if not access.can_review(request.user):
        refuse(request, "only PAQA accepts an answer or asks again")
    page = on_record_page(lambda form: _detail(request, question, review_form=form, status=400))
    return REVIEW.serve(request, question, page=page, data=request.POST)
