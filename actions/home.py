"""The "my actions" panel on a person's home page."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from actions import permissions, rules, selectors
from actions.models import Action


def render(user):
    """My open actions (earliest due first), with overdue and due-soon counts; None if none."""
    today = timezone.localdate()
    mine = selectors.my_open_actions(user=user)
    counts = mine.order_by().aggregate(
        open_count=Count("pk"),
        overdue_count=Count("pk", filter=Q(due_date__lt=today)),
        due_soon_count=Count(
            "pk", filter=Q(due_date__gte=today, due_date__lte=today + dt.timedelta(days=rules.DUE_SOON_DAYS))
        ),
    )
    chaired = permissions.chaired_subcommittee_ids(user)
    signable = Action.objects.open().filter(subcommittee_id__in=chaired).count() if chaired else 0
    if not counts["open_count"] and not signable:
        return None
    return (
        "actions/includes/home_panel.html",
        {**counts, "actions": list(mine[:5]), "today": today, "signable_count": signable},
    )
