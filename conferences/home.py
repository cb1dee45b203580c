"""The conferences panel on a person's home page: what needs them now."""

import datetime as dt

from django.utils import timezone


def panel(user):
    """For those who enter conferences: late conferences this month and open questionnaire links."""
    from conferences.models import Conference, QuestionnaireLink, may_enter

    if not may_enter(user):
        return None
    today = timezone.localdate()
    since = today - dt.timedelta(days=30)
    recent = Conference.objects.for_user(user).filter(conference_date__range=(since, today))
    late = recent.filter(timely=False).count()
    no_agencies = recent.filter(invitations__isnull=True).count()
    open_links = QuestionnaireLink.objects.filter(used_at__isnull=True, expires_at__gt=timezone.now()).count()
    return (
        "conferences/includes/home_panel.html",
        {"late": late, "recent": recent.count(), "no_agencies": no_agencies, "open_links": open_links},
    )
