"""The reviews panel on a person's home page: what needs them now."""

from django.db.models import Q
from django.utils import timezone

from reviews import timescales
from reviews.models import CaseReview, Recommendation, can_manage_reviews


def timescales_needing_attention(user, today, limit: int = 5) -> list[dict]:
    """Notifiable reviews whose notification or rapid review is still to be done (due or
    overdue), most urgent first."""
    pending = (
        CaseReview.objects.for_user(user)
        .filter(kind__in=timescales.NOTIFIABLE_KINDS)
        .exclude(status=CaseReview.Status.CLOSED)
        .filter(Q(notified_on__isnull=True) | Q(rapid_review_on__isnull=True))
        .exclude(became_aware_on__isnull=True)
    )
    items = []
    for review in pending.order_by("became_aware_on")[:200]:
        for step in review.timeline(today):
            if step.state in (timescales.OPEN, timescales.OVERDUE):
                items.append({"review": review, "step": step})
    items.sort(key=lambda i: i["step"].due)
    return items[:limit]


def home_panel(user):
    """Managers: timescales due and recommendations ready to close; agencies: their open recommendations."""
    if not getattr(user, "is_authenticated", False):
        return None
    today = timezone.localdate()
    context = {"today": today, "manage": can_manage_reviews(user)}
    if context["manage"]:
        context["attention"] = timescales_needing_attention(user, today)
    visible = Recommendation.objects.for_user(user).outstanding()
    if user.agency_id is not None and not context["manage"]:
        visible = visible.filter(agency_id=user.agency_id)
    context["open_recommendations"] = visible.count()
    if not context.get("attention") and not context["open_recommendations"]:
        return None
    return "reviews/includes/home_panel.html", context
