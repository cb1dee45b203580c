"""Badges for audit grades and answers: colour and text together."""

from django import template

register = template.Library()

_RAG = {
    "good_practice": "GREEN",
    "improvement": "AMBER",
    "shortfall": "RED",
    "met": "GREEN",
    "partly": "AMBER",
    "not_met": "RED",
    "na": "NOT_RATED",
    "outstanding": "GREEN",
    "good": "GREEN",
    "requires_improvement": "AMBER",
    "inadequate": "RED",
}


@register.filter
def rag_class(value: str) -> str:
    """The RAG CSS class for a finding grade, answer or case grade."""
    return f"rag rag-{_RAG.get(value, 'NOT_RATED')}"


@register.filter
def pct(value) -> str:
    """A percentage to one decimal place, or an en dash when there is no data."""
    return "–" if value is None else f"{value}%"
