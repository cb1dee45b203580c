"""Reads for actions: every list, export and chart starts from Action.objects.for_user(user)."""

from django.db.models import QuerySet

from actions.models import Action


def action_list(*, user) -> QuerySet[Action]:
    return Action.objects.for_user(user).select_related("owner", "agency", "subcommittee", "source_type")


def actions_for_source(*, source, user) -> QuerySet[Action]:
    """The action plan of one source record (audit, review, return, ...), as the user may see it."""
    return action_list(user=user).for_source(source)
