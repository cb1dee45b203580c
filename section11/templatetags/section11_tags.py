from django import template

from section11 import scoring

register = template.Library()

SHORT = {
    scoring.FULLY_MET: "Met",
    scoring.PARTIALLY_MET: "Partly",
    scoring.NOT_MET: "Not met",
    scoring.NOT_APPLICABLE: "N/A",
}


@register.inclusion_tag("section11/includes/rating.html")
def rating_badge(rating, agreed: bool = True, small: bool = False):
    """A rating as colour AND text; a self-rating not yet agreed is outlined and says "self".

    `small` gives the short labels used in the matrix (Met, Partly, Not met, N/A).
    """
    return {
        "rag": scoring.rag(rating or None),
        "label": SHORT.get(rating or "", "Not rated") if small else scoring.label(rating or None),
        "agreed": agreed,
        "rated": bool(rating),
        "small": small,
    }


@register.filter
def rating_label(rating) -> str:
    return scoring.label(rating or None)


@register.filter
def signed(value) -> str:
    """A change in points with its sign (+2.5, −1.0, 0.0); an em dash when there is none."""
    if value is None:
        return "—"
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"−{abs(value)}"
    return f"{value}"
