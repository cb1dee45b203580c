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


def question_markers(user, kind: str, refs: list[str]) -> dict[str, dict]:
    """How many questions (and how many still open) each figure carries, with the link to them
    (one grouped query); registered in partnership.registry for the strands' pages."""
    from urllib.parse import urlencode

    from django.urls import reverse

    rows = (
        Question.objects.for_user(user)
        .filter(figure_kind=kind, figure_ref__in=list(refs))
        .values("figure_ref")
        .annotate(total=Count("pk"), open=Count("pk", filter=~Q(status=rules.CLOSED)))
        .order_by()
    )
    base = reverse("paqa:question_list")
    return {
        r["figure_ref"]: {
            "total": r["total"],
            "open": r["open"],
            "text": rules.marker_text(r["total"], r["open"]),
            "url": f"{base}?{urlencode({'kind': kind, 'ref': r['figure_ref'], 'status': 'all'})}",
        }
        for r in rows
    }


def question_list(*, user, status: str = "", kind: str = "", ref: str = "") -> QuerySet[Question]:
    qs = Question.objects.for_user(user).select_related("agency")
    if kind and ref:
        qs = qs.filter(figure_kind=kind, figure_ref=ref)
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


# --- the yearly review of the dataset ------------------------------------------------------------


def review_year_rows(*, year: str) -> list[dict]:
    """Every indicator in `year`'s scorecard (active, not retired at an earlier review) with
    PAQA's decision for that year, if made (two queries)."""
    from paqa.models import DatasetReview
    from scorecard.models import Indicator

    indicators = list(
        retired_excluded(Indicator.objects.active(), year).select_related("owning_agency").order_by("category", "code")
    )
    decided = {r.indicator_id: r for r in DatasetReview.objects.filter(year=year, indicator__in=indicators)}
    return [{"indicator": i, "review": decided.get(i.pk)} for i in indicators]


def retired_excluded(indicators, year: str):
    """`indicators` without those the latest review before `year` retired (no extra query)."""
    from django.db.models import OuterRef, Subquery

    from paqa.models import DatasetReview

    latest = DatasetReview.objects.latest_before(year).filter(indicator_id=OuterRef("pk"))
    return indicators.annotate(latest_review=Subquery(latest.values("decision")[:1])).filter(
        Q(latest_review__isnull=True) | ~Q(latest_review=rules.RETIRE)
    )


def review_note(year: str):
    """A subquery expression for an indicator's change note from the review of the year
    before `year` (empty when there was none or it was kept or retired)."""
    from django.db.models import OuterRef, Subquery

    from bscp_portal.lib.periods import FinancialYear
    from paqa.models import DatasetReview

    previous = FinancialYear.parse(year).previous().label
    return Subquery(
        DatasetReview.objects.filter(indicator_id=OuterRef("pk"), year=previous, decision=rules.CHANGE).values("note")[
            :1
        ]
    )
