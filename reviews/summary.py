"""The reviews strand for the annual report and the cross-strand dashboard.

Plain numbers, labels and lists, read through the same access rules as the pages. "No data"
is said with None (a percentage with nothing to divide) or an empty list, never a made-up zero.
"""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from bscp_portal.lib.rounding import percent_number
from reviews import timescales
from reviews.models import (
    Briefing,
    CaseReview,
    DisseminationEvent,
    PractitionerFeedback,
    Recommendation,
    ThemedReview,
)


def _compliance(reviews, today: dt.date) -> dict:
    """Of the steps done, how many on time (notification and rapid review), counted as the
    reviews page counts them."""
    from reviews import selectors

    return {
        row["step"]: {
            "done": row["done"],
            "on_time": row["counts"][timescales.ON_TIME],
            "on_time_pct": row["on_time_pct"],
        }
        for row in selectors.compliance_rows(reviews, today)
    }


def annual_summary(*, start: dt.date, end: dt.date, user) -> dict:
    """Reviews between start and end (inclusive), as the user may see them.

    Keys:
    - case_reviews_begun: int, case reviews the partnership became aware of in the period
    - by_kind: [{"kind", "label", "n"}] of those, kinds with none left out (empty list: none)
    - notifications_done, notifications_on_time, notifications_on_time_pct (None when none done)
    - rapid_reviews_done, rapid_reviews_on_time, rapid_reviews_on_time_pct (None when none done)
    - decisions: [{"decision", "label", "n"}] decisions recorded in the period
    - published: [{"reference", "title", "published_on"}] reviews published in the period
    - not_published: int, reviews completed in the period with a reason for not publishing
    - themed_reviews: [{"theme", "status", "completed_on", "policy_change"}] active in the period
    - recommendations_made, recommendations_closed: int (made / closed in the period)
    - recommendations_outstanding: int, open now among those made up to the end of the period
    - briefings: int; events: int; attendance: int or None (no events); agencies_reached: int
    - feedback: [{"label", "n"}]; feedback_changed_practice_pct: share answering yes or partly,
      None when no feedback was received
    """
    cases = CaseReview.objects.for_user(user)
    begun = cases.filter(became_aware_on__range=(start, end))
    labels = dict(CaseReview.Kind.choices)
    by_kind = [
        {"kind": row["kind"], "label": labels[row["kind"]], "n": row["n"]}
        for row in begun.order_by("kind").values("kind").annotate(n=Count("pk"))
    ]
    compliance = _compliance(begun, min(end, timezone.localdate()))
    decision_labels = dict(CaseReview.Decision.choices)
    decisions = [
        {"decision": row["decision"], "label": decision_labels.get(row["decision"], row["decision"]), "n": row["n"]}
        for row in cases.filter(decided_on__range=(start, end))
        .exclude(decision="")
        .order_by("decision")
        .values("decision")
        .annotate(n=Count("pk"))
    ]
    published = list(
        cases.filter(published_on__range=(start, end))
        .order_by("published_on")
        .values("reference", "title", "published_on")
    )
    themed = [
        {
            "theme": t.theme,
            "status": t.get_status_display(),
            "completed_on": t.completed_on,
            "policy_change": t.policy_change,
        }
        for t in ThemedReview.objects.for_user(user)
        .filter(Q(agreed_on__lte=end) | Q(agreed_on__isnull=True))
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gte=start))
        .order_by("agreed_on", "pk")
    ]
    recs = Recommendation.objects.for_user(user)
    events = DisseminationEvent.objects.for_user(user).filter(held_on__range=(start, end))
    event_totals = events.aggregate(n=Count("pk"), attendance=Sum("attendance"))
    reached = (
        DisseminationEvent.agencies_reached.through.objects.filter(disseminationevent__in=events.values("pk"))
        .values("agency")
        .distinct()
        .count()
    )
    feedback_rows = (
        PractitionerFeedback.objects.for_user(user)
        .filter(received_on__range=(start, end))
        .order_by("changed_practice")
        .values("changed_practice")
        .annotate(n=Count("pk"))
    )
    changed = dict(PractitionerFeedback.Changed.choices)
    feedback = [{"label": changed[row["changed_practice"]], "n": row["n"]} for row in feedback_rows]
    total_feedback = sum(row["n"] for row in feedback_rows)
    changed_yes = sum(row["n"] for row in feedback_rows if row["changed_practice"] in ("yes", "partly"))
    return {
        "case_reviews_begun": begun.count(),
        "by_kind": by_kind,
        "notifications_done": compliance["notification"]["done"],
        "notifications_on_time": compliance["notification"]["on_time"],
        "notifications_on_time_pct": compliance["notification"]["on_time_pct"],
        "rapid_reviews_done": compliance["rapid_review"]["done"],
        "rapid_reviews_on_time": compliance["rapid_review"]["on_time"],
        "rapid_reviews_on_time_pct": compliance["rapid_review"]["on_time_pct"],
        "decisions": decisions,
        "published": published,
        "not_published": cases.filter(completed_on__range=(start, end)).exclude(not_published_reason="").count(),
        "themed_reviews": themed,
        "recommendations_made": recs.filter(created_at__date__range=(start, end)).count(),
        "recommendations_closed": recs.filter(closed_on__range=(start, end)).count(),
        "recommendations_outstanding": recs.filter(created_at__date__lte=end).outstanding().count(),
        "briefings": Briefing.objects.for_user(user).filter(published_on__range=(start, end)).count(),
        "events": event_totals["n"],
        "attendance": event_totals["attendance"],
        "agencies_reached": reached,
        "feedback": feedback,
        "feedback_changed_practice_pct": percent_number(changed_yes, total_feedback),
    }


def dashboard_tile(*, user) -> dict:
    """Headline figures: reviews under way and open recommendations now; timescales of the
    reviews begun in the last 12 months, computed as the reviews page computes them for the
    same period (the figure's link opens that page with that period)."""
    from reviews import selectors

    today = timezone.localdate()
    start = selectors.timescales_since(today)
    cases = CaseReview.objects.for_user(user)
    steps = {row["step"]: row for row in selectors.compliance_rows(cases, today, since=start)}
    timescales_page = f"{reverse('reviews:index')}?since={start:%Y-%m-%d}#compliance"
    return {
        "title": "Reviews",
        "period": f"Open now; timescales for case reviews begun {start:%-d %B %Y} to {today:%-d %B %Y}",
        "source": "Case reviews (rapid, local and national) and their recommendations",
        "period_start": start,
        "period_end": today,
        "url": reverse("reviews:index"),
        "figures": [
            {
                "label": "Case reviews open (not yet published or closed)",
                "value": cases.exclude(status__in=["published", "closed"]).count(),
                "href": reverse("reviews:index"),
            },
            {
                "label": "Open recommendations",
                "value": Recommendation.objects.for_user(user).outstanding().count(),
                "href": reverse("reviews:recommendation_list"),
            },
            {
                "label": "Notifications within 5 working days",
                "value": steps["notification"]["on_time_pct"],
                "unit": "%",
                "href": timescales_page,
            },
            {
                "label": "Rapid reviews within 15 working days",
                "value": steps["rapid_review"]["on_time_pct"],
                "unit": "%",
                "href": timescales_page,
            },
        ],
    }


def under_way(*, user) -> list[dict]:
    """Case reviews not yet completed, with their status: [{reference, title, kind, status,
    became_aware_on, url}] (one query)."""
    open_statuses = (CaseReview.Status.NOTIFIED, CaseReview.Status.RAPID_REVIEW, CaseReview.Status.IN_PROGRESS)
    return [
        {
            "reference": r.reference,
            "title": r.title,
            "kind": r.get_kind_display(),
            "status": r.get_status_display(),
            "became_aware_on": r.became_aware_on,
            "url": r.get_absolute_url(),
        }
        for r in CaseReview.objects.for_user(user).filter(status__in=open_statuses).order_by("became_aware_on", "pk")
    ]


def recommendations_for_report(*, end: dt.date, user) -> list[dict]:
    """Case and themed review recommendations made up to `end`, each with where its actions stand.

    Each: {"review", "number", "text", "agency", "made_on" (the review's completion date, else
    the day it was recorded), "status_label", "actions_total", "actions_complete", "actions_overdue"}.
    """
    from django.contrib.contenttypes.models import ContentType

    from actions.models import Action

    recs = list(
        Recommendation.objects.for_user(user)
        .filter(inspection__isnull=True)
        .filter(
            Q(created_at__date__lte=end)
            | Q(case_review__completed_on__lte=end)
            | Q(themed_review__completed_on__lte=end)
        )
        .select_related("case_review", "themed_review", "agency")
        .order_by("case_review__reference", "themed_review__theme", "number", "pk")
    )
    ct = ContentType.objects.get_for_model(Recommendation)
    counts = {
        r["source_id"]: r
        for r in Action.objects.for_user(user)
        .filter(source_type=ct, source_id__in=[r.pk for r in recs])
        .values("source_id")
        .annotate(
            total=Count("pk"),
            complete=Count("pk", filter=Q(status="complete")),
            overdue=Count("pk", filter=Q(due_date__lt=end) & ~Q(status__in=["complete", "withdrawn"])),
        )
        .order_by()
    }
    out = []
    for r in recs:
        review = r.case_review or r.themed_review
        made_on = getattr(review, "completed_on", None) or r.created_at.date()
        c = counts.get(r.pk, {})
        out.append(
            {
                "review": r.review_label,
                "number": r.number,
                "text": r.text,
                "agency": r.agency.name,
                "made_on": made_on,
                "status_label": r.get_status_display(),
                "actions_total": c.get("total", 0),
                "actions_complete": c.get("complete", 0),
                "actions_overdue": c.get("overdue", 0),
            }
        )
    return out


def case_reviews_for_report(*, start: dt.date, end: dt.date, user) -> list[dict]:
    """Case reviews decided, completed or published in [start, end]: commissioned, published or
    not (and why). Each: {"reference", "kind", "decision", "decided_on", "completed_on",
    "published_on", "not_published_reason"}."""
    cases = (
        CaseReview.objects.for_user(user)
        .filter(
            Q(decided_on__range=(start, end))
            | Q(completed_on__range=(start, end))
            | Q(published_on__range=(start, end))
            | Q(became_aware_on__range=(start, end))
        )
        .order_by("became_aware_on", "reference")
    )
    return [
        {
            "reference": c.reference,
            "kind": c.get_kind_display(),
            "decision": c.get_decision_display() if c.decision else "",
            "decided_on": c.decided_on,
            "completed_on": c.completed_on,
            "published_on": c.published_on,
            "not_published_reason": c.not_published_reason,
        }
        for c in cases
    ]


# --- themes, for PAQA's page of recurring themes ------------------------------------------------


def _theme_counts(model, *, user, today, parent: str):
    """Themes on the reviews (or inspections) of `model` the user may see; actions are counted
    on their recommendations."""
    from actions.selectors import outcome_counts_by_source
    from partnership.themes import tally

    visible = model.objects.for_user(user)
    pairs = model.themes.through.objects.filter(**{f"{model._meta.model_name}__in": visible.values("pk")})
    recs = Recommendation.objects.for_user(user).filter(**{f"{parent}__in": visible.values("pk")})
    return tally(
        record_themes=pairs.values_list(f"{model._meta.model_name}_id", "learningtheme_id"),
        action_owner=dict(recs.values_list("pk", f"{parent}_id")),
        action_counts=outcome_counts_by_source(
            model=Recommendation, source_ids=recs.values("pk"), user=user, today=today
        ),
    )


def case_review_themes(user, today):
    return _theme_counts(CaseReview, user=user, today=today, parent="case_review")


def themed_review_themes(user, today):
    return _theme_counts(ThemedReview, user=user, today=today, parent="themed_review")


def inspection_themes(user, today):
    from reviews.models import Inspection

    return _theme_counts(Inspection, user=user, today=today, parent="inspection")
