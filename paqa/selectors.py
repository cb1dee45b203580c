"""Reads for PAQA: questions as the user may see them, and the board's figures."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from paqa import rules
from paqa.models import Question


def questions_on_figures(user, kind: str, ref_prefix: str) -> list[Question]:
    """Questions on figures of one kind whose reference starts with `ref_prefix` (one query);
    registered in partnership.registry so strands show them beside their figures."""
    return list(
        Question.objects.for_user(user)
        .filter(figure_kind=kind, figure_ref__startswith=ref_prefix)
        .select_related("agency")
        .order_by("-raised_on", "-pk")[:50]
    )


def question_list(*, user, status: str = "") -> QuerySet[Question]:
    qs = Question.objects.for_user(user).select_related("agency")
    if status == "open":
        qs = qs.open()
    elif status:
        qs = qs.filter(status=status)
    return qs


def open_by_agency(*, user, today: dt.date) -> list[dict]:
    """Open and overdue questions per agency (one grouped query), most overdue first."""
    rows = (
        Question.objects.for_user(user)
        .open()
        .values("agency__name")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(status=rules.OPEN, due_on__lt=today)),
        )
        .order_by()
    )
    return sorted(
        ({"agency": r["agency__name"], "open": r["open"], "overdue": r["overdue"]} for r in rows),
        key=lambda r: (-r["overdue"], -r["open"], r["agency"]),
    )


def open_questions(*, user, today: dt.date) -> list[Question]:
    return list(Question.objects.for_user(user).open().select_related("agency").order_by("due_on", "pk")[:200])


def questions_by_ref(questions) -> dict[str, list[Question]]:
    grouped = defaultdict(list)
    for q in questions:
        grouped[q.figure_ref].append(q)
    return grouped
