"""Reads for reviews: every list, export and chart starts from `for_user(user)`."""

import datetime as dt

import django_filters
from django.db.models import Count, Q, QuerySet, Sum

from actions.selectors import action_counts_by_source
from bscp_portal.lib.rounding import percent_number
from partnership.models import Agency
from reviews.models import (
    Briefing,
    CaseReview,
    DisseminationEvent,
    PractitionerFeedback,
    Recommendation,
    ThemedReview,
)


def _bootstrap(filterset) -> None:
    """Bootstrap classes on a filter form's widgets."""
    for field in filterset.form.fields.values():
        widget = field.widget
        widget.attrs["class"] = "form-select" if widget.input_type == "select" else "form-control"


def case_review_for_reference(reference: str) -> CaseReview | None:
    """The case review with this reference (any case), or None. Not access-checked: callers
    link to it, and its page checks access when opened."""
    return CaseReview.objects.filter(reference__iexact=(reference or "").strip()).first()


class CaseReviewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Reference or title")
    kind = django_filters.ChoiceFilter(choices=CaseReview.Kind.choices, empty_label="Any kind")
    status = django_filters.ChoiceFilter(choices=CaseReview.Status.choices, empty_label="Any status")
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.none(), method="by_agency", label="Agency involved", empty_label="Any agency"
    )
    year = django_filters.NumberFilter(field_name="became_aware_on__year", label="Year aware")

    class Meta:
        model = CaseReview
        fields = ["q", "kind", "status", "agency", "year"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["agency"].queryset = Agency.objects.for_user(user)
        _bootstrap(self)

    def search(self, queryset, name, value):
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value))

    def by_agency(self, queryset, name, value):
        return queryset.filter(pk__in=CaseReview.agencies.through.objects.filter(agency=value).values("casereview_id"))


def case_review_list(*, user, data=None) -> CaseReviewFilter:
    """Case reviews the user may see, filtered, with open recommendations counted in one query."""
    qs = (
        CaseReview.objects.for_user(user)
        .annotate(
            open_recommendations=Count("recommendations", filter=Q(recommendations__status=Recommendation.Status.OPEN))
        )
        .order_by("-became_aware_on", "-pk")
    )
    return CaseReviewFilter(data or None, queryset=qs, user=user)


def themed_review_list(*, user) -> QuerySet[ThemedReview]:
    return (
        ThemedReview.objects.for_user(user)
        .annotate(
            open_recommendations=Count("recommendations", filter=Q(recommendations__status=Recommendation.Status.OPEN))
        )
        .prefetch_related("methodologies")
    )


def case_review_detail(*, review: CaseReview, user) -> dict:
    """Everything on a case review's page, each list in one query; each recommendation carries the
    number of its actions the user may see (`action_total`) and how many are open (`action_open`)."""
    recommendations = list(recommendations_for(user=user).filter(case_review=review))
    counts = action_counts_by_source(sources=recommendations, user=user)
    for rec in recommendations:
        rec.action_total, rec.action_open = counts.get(rec.pk, (0, 0))
    return {
        "agencies": list(review.agencies.all()),
        "themes": list(review.themes.all()),
        "recommendations": recommendations,
        "briefings": list(review.briefings.prefetch_related("attachments")),
        "events": list(review.events.select_related("briefing").prefetch_related("agencies_reached")),
        "feedback": list(review.feedback.select_related("agency", "event")),
        "attachments": list(review.attachments.filter(briefing__isnull=True)),
    }


def recommendations_for(*, user) -> QuerySet[Recommendation]:
    return Recommendation.objects.for_user(user).select_related("case_review", "themed_review", "inspection", "agency")


class RecommendationFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.none(), empty_label="Any agency")
    status = django_filters.ChoiceFilter(choices=Recommendation.Status.choices, empty_label="Any status")
    review = django_filters.CharFilter(method="by_review", label="Review reference or inspection")

    class Meta:
        model = Recommendation
        fields = ["agency", "status", "review"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["agency"].queryset = Agency.objects.for_user(user) if user else Agency.objects.none()
        _bootstrap(self)

    def by_review(self, queryset, name, value):
        return queryset.filter(Q(case_review__reference__icontains=value) | Q(inspection__title__icontains=value))


def recommendation_list(*, user, data=None) -> RecommendationFilter:
    """Recommendations the user may see (outstanding by default), filtered."""
    data = dict(data.items()) if data else {}
    data.setdefault("status", Recommendation.Status.OPEN)
    qs = recommendations_for(user=user).order_by(
        "case_review__reference", "themed_review__theme", "inspection__title", "number"
    )
    return RecommendationFilter(data, queryset=qs, user=user)


def outstanding_by_agency(queryset) -> list[dict]:
    """Open recommendations per accountable agency, largest first (one grouped query)."""
    return list(
        queryset.filter(status=Recommendation.Status.OPEN)
        .values("agency__name", "agency__short_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "agency__name")
    )


def outstanding_by_review(queryset, limit: int = 25) -> list[dict]:
    """Open recommendations per review (case reference or theme), largest first."""
    return list(
        queryset.filter(status=Recommendation.Status.OPEN)
        .values(
            "case_review_id",
            "case_review__reference",
            "themed_review_id",
            "themed_review__theme",
            "inspection_id",
            "inspection__title",
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "case_review__reference", "themed_review__theme", "inspection__title")[:limit]
    )


def events_for(*, user) -> QuerySet[DisseminationEvent]:
    return DisseminationEvent.objects.for_user(user).select_related("case_review")


def learning_by_agency(*, user, start, end) -> list[dict]:
    """Learning disseminated between start and end: per agency reached, the events, the
    attendance at those events (events reaching several agencies count for each), and the
    reviews whose learning reached it."""
    through = DisseminationEvent.agencies_reached.through
    events = events_for(user=user).filter(held_on__gte=start, held_on__lte=end)
    visible = Agency.objects.for_user(user) if not _sees_all(user) else Agency.objects.all()
    return list(
        through.objects.filter(disseminationevent__in=events.values("pk"), agency__in=visible.values("pk"))
        .values("agency__name", "agency__short_name")
        .annotate(
            events=Count("disseminationevent", distinct=True),
            reviews=Count("disseminationevent__case_review", distinct=True),
        )
        .order_by("agency__name")
    )


def learning_year(*, user, start, end) -> dict:
    """The learning page for a period: learning by agency reached, the events (latest 50) with
    their total count and attendance, and practitioners' feedback counted by its answer."""
    events = events_for(user=user).filter(held_on__gte=start, held_on__lte=end)
    feedback = (
        feedback_for(user=user)
        .filter(received_on__gte=start, received_on__lte=end)
        .order_by()
        .values("changed_practice")
        .annotate(n=Count("pk"))
    )
    labels = dict(PractitionerFeedback.Changed.choices)
    return {
        "rows": learning_by_agency(user=user, start=start, end=end),
        "totals": events.aggregate(events=Count("pk"), attendance=Sum("attendance")),
        "events": events.prefetch_related("agencies_reached").order_by("-held_on")[:50],
        "feedback": [
            {"label": labels.get(f["changed_practice"], f["changed_practice"]), "n": f["n"]} for f in feedback
        ],
    }


def _sees_all(user) -> bool:
    from reviews.models import sees_every_review

    return sees_every_review(user)


def feedback_for(*, user) -> QuerySet[PractitionerFeedback]:
    return PractitionerFeedback.objects.for_user(user).select_related("case_review", "agency")


def briefings_for(*, user) -> QuerySet[Briefing]:
    return Briefing.objects.for_user(user).select_related("case_review")


def status_kind_table(queryset) -> dict:
    """Case reviews counted by kind and status in one grouped query, as a table:
    {"kinds": [{code, label, total}], "statuses": [{code, label, counts: {kind: n}, total}], "total": n}."""
    counts = {
        (row["kind"], row["status"]): row["n"]
        for row in queryset.order_by().values("kind", "status").annotate(n=Count("pk"))
    }
    kinds = [
        {"code": code, "label": label, "total": sum(n for (k, _), n in counts.items() if k == code)}
        for code, label in CaseReview.Kind.choices
    ]
    statuses = [
        {
            "code": code,
            "label": label,
            "counts": {k: counts.get((k, code), 0) for k in CaseReview.Kind.values},
            "cells": [counts.get((k, code), 0) for k in CaseReview.Kind.values],
            "total": sum(n for (_, s), n in counts.items() if s == code),
        }
        for code, label in CaseReview.Status.choices
    ]
    return {"kinds": kinds, "statuses": statuses, "total": sum(counts.values())}


#: The period the dashboards read timescales over: reviews begun in the last 12 months.
TIMESCALE_DAYS = 365


def timescales_since(today) -> dt.date:
    """The first day of the dashboards' timescale period ending `today`."""
    return today - dt.timedelta(days=TIMESCALE_DAYS)


def compliance_rows(queryset, today, *, since=None) -> list[dict]:
    """Timescale compliance across the reviews in `queryset` (one query for the dates), only
    those the partnership became aware of on or after `since` when given: per step, its label
    and how many reviews are on time, late, due, overdue and waiting."""
    from reviews import timescales

    if since is not None:
        queryset = queryset.filter(became_aware_on__gte=since)
    dates = (
        queryset.filter(kind__in=timescales.NOTIFIABLE_KINDS)
        .order_by()
        .values_list("kind", "became_aware_on", "notified_on", "rapid_review_on")
    )
    timelines = [
        timescales.timeline(kind=k, became_aware_on=a, notified_on=n, rapid_review_on=r, today=today)
        for k, a, n, r in dates
    ]
    counts = timescales.compliance(timelines)
    rows = []
    for step in timescales.STEPS:
        by_state = counts.get(step.code, {state: 0 for state in timescales.LABELS})
        done = by_state[timescales.ON_TIME] + by_state[timescales.LATE]
        rows.append(
            {
                "step": step.code,
                "label": f"{step.label} (within {step.limit} working days)",
                "counts": dict(by_state),
                "done": done,
                "on_time_pct": percent_number(by_state[timescales.ON_TIME], done),
            }
        )
    return rows
