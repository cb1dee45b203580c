"""Template helpers for action plans included on other strands' pages."""

from django import template

from actions import permissions
from actions.sources import source_ref as _source_ref
from actions.sources import source_type_key

register = template.Library()


@register.filter
def source_ref(obj) -> str:
    return _source_ref(obj)


@register.filter
def source_type(obj) -> str:
    return source_type_key(obj)


@register.filter
def can_create_actions(user) -> bool:
    return permissions.can_create(user)


@register.inclusion_tag("actions/includes/status.html")
def action_status(action, today=None):
    """Status as text and colour; an open action past its due date also says Overdue."""
    return {"action": action, "overdue": action.is_overdue(today)}
