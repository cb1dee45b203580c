import datetime as dt

from django import template

register = template.Library()


@register.filter
def day(value) -> str:
    """An ISO date kept in a built pack, as people write it: 10 December 2026."""
    if not value:
        return ""
    try:
        return f"{dt.date.fromisoformat(str(value)[:10]):%-d %B %Y}"
    except ValueError:
        return str(value)
