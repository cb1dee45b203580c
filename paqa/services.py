"""Writes for PAQA's question log: keyword-only, atomic, each step recorded in the thread."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from paqa import rules
from paqa.models import Question, QuestionStep


@transaction.atomic
def question_raise(*, figure, agency, text: str, due_on: dt.date, by, today: dt.date | None = None) -> Question:
    """PAQA raises a question on a figure (a partnership.registry.Figure), to the owning agency."""
    today = today or timezone.localdate()
    problems = {}
    if not (text or "").strip():
        problems["text"] = "Write the question."
    if due_on is None or due_on < today:
        problems["due_on"] = "Give a due date that is today or later."
    if agency is None:
        problems["agency"] = "Choose the agency that answers."
    if problems:
        raise ValidationError(problems)
    question = Question.objects.create(
        figure_kind=figure.kind,
        figure_ref=figure.ref,
        figure_label=figure.label[:300],
        figure_url=figure.url[:300],
        agency=agency,
        text=text.strip(),
        due_on=due_on,
        raised_by=by,
        raised_on=today,
    )
    QuestionStep.objects.create(question=question, kind=rules.RAISED, text=question.text, by=by)
    return question


def _locked(question: Question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


@transaction.atomic
def question_answer(*, question: Question, text: str, by) -> Question:
    """The owning agency answers."""
    question = _locked(question)
    problem = rules.answer_problem(question.status, text)
    if problem:
        raise ValidationError({"text": problem})
    question.status = rules.ANSWERED
    question.version += 1
    question.save()
    QuestionStep.objects.create(question=question, kind=rules.ANSWER, text=text.strip(), by=by)
    return question


@transaction.atomic
def question_review(
    *, question: Question, decision: str, by, text: str = "", due_on: dt.date | None = None, today=None
) -> Question:
    """PAQA accepts the answer (the question closes) or asks again with a new due date."""
    today = today or timezone.localdate()
    question = _locked(question)
    problem = rules.review_problem(question.status, decision, text, due_on, today)
    if problem:
        raise ValidationError(problem)
    if decision == rules.ACCEPTED:
        question.status, question.closed_on = rules.CLOSED, today
    else:
        question.status, question.due_on = rules.OPEN, due_on
    question.version += 1
    question.save()
    QuestionStep.objects.create(question=question, kind=decision, text=(text or "").strip(), by=by)
    return question


# --- the meeting pack ---------------------------------------------------------------------


def _enqueue(pack_id: int) -> None:
    from paqa.tasks import build_pack

    transaction.on_commit(lambda: build_pack.delay(pack_id))


@transaction.atomic
def pack_request(*, meeting_date: dt.date, by, queue: bool = True):
    """A new version of the pack for a meeting, built in the background (Celery)."""
    from django.db.models import Max

    from paqa.models import MeetingPack

    latest = MeetingPack.objects.select_for_update().filter(meeting_date=meeting_date).aggregate(v=Max("version"))["v"]
    pack = MeetingPack.objects.create(meeting_date=meeting_date, version=(latest or 0) + 1, requested_by=by)
    if queue:
        _enqueue(pack.pk)
    return pack


# --- the yearly review of the dataset ------------------------------------------------------------


@transaction.atomic
def dataset_review_decide(
    *,
    indicator,
    year: str,
    decision: str,
    principles: list[str],
    reason: str,
    note: str = "",
    by,
    version: int | None = None,
    today: dt.date | None = None,
):
    """PAQA records (or revises) its decision on one indicator for one review year."""
    from bscp_portal.lib.concurrency import claim_version
    from bscp_portal.lib.periods import FinancialYear, UnknownPeriod
    from paqa.models import DatasetReview

    try:
        FinancialYear.parse(year)
    except UnknownPeriod:
        raise ValidationError({"year": "Choose a financial year such as 2025-26."}) from None
    problems = rules.dataset_review_problems(decision, list(principles or []), reason, note)
    if problems:
        raise ValidationError(problems)
    fields = {
        "principles": [p for p in rules.PRINCIPLES if p in principles],  # kept in the framework's order
        "decision": decision,
        "reason": reason.strip(),
        "note": (note or "").strip() if decision == rules.CHANGE else "",
        "decided_by": by,
        "decided_on": today or timezone.localdate(),
    }
    existing = DatasetReview.objects.filter(year=year, indicator=indicator).first()
    if existing is None:
        return DatasetReview.objects.create(year=year, indicator=indicator, **fields)
    claim_version(DatasetReview, existing, version)  # someone else saving first: StaleEdit
    existing.refresh_from_db()
    for name, value in fields.items():
        setattr(existing, name, value)
    existing.save()
    return existing
