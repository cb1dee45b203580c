from django import template

register = template.Library()


@register.filter
def zip_cells(cells, percents):
    """Pairs of (count, percentage) for a statistics row."""
    return list(zip(cells, percents, strict=True))
