"""Template helpers for action plans included on other strands' pages."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

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


STATUS_CLASSES = {
    "complete": "text-bg-success",
    "in_progress": "text-bg-primary",
    "withdrawn": "text-bg-dark",
    "not_started": "text-bg-secondary",
}


@register.simple_tag
def action_status(action, today=None):
    """Status as text and colour; an open action past its due date also says Overdue.
    Built in Python, not a sub-template: it is drawn on every row of long lists."""
    badge = format_html(
        '<span class="badge {}">{}</span>', STATUS_CLASSES.get(action.status, ""), action.get_status_display()
    )
    if action.is_overdue(today):
        return format_html('{} <span class="rag rag-RED">Overdue</span>', badge)
    return badge


@register.simple_tag
def source_link(action):
    """A link to the action plan of the action's source record, or "Not linked to a record"."""
    if not action.source_type_id:
        return format_html('<span class="text-body-secondary">{}</span>', "Not linked to a record")
    url = reverse("actions:plan", kwargs={"source_type": action.source_type_key, "source_id": action.source_id})
    return format_html(
        '<span class="small text-body-secondary">{}:</span> <a href="{}">{}</a>',
        action.source_kind_label,
        url,
        action.source_label or action.source_kind_label,
    )
