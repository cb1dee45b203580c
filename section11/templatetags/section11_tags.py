from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from partnership.templatetags.portal import question_marker
from section11 import scoring

register = template.Library()

NOT_RATED = mark_safe('<span class="small text-body-secondary">Not rated</span>')  # noqa: S308 (constant markup)

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


@register.simple_tag
def matrix_cells(row, questions=None):
    """A matrix row's cells in one call (150 agencies × 9 standards is too many inclusion tags);
    `questions` marks the ratings PAQA has asked about (partnership.registry markers)."""
    return format_html_join(
        "",
        "<td>{}{}</td>",
        (
            (
                _cell(c),
                question_marker(questions, c.ref, what=f"{row.agency}, standard {c.number}") if questions else "",
            )
            for c in row.cells
        ),
    )


def _cell(cell):
    if not cell.rating:
        return NOT_RATED
    rag = scoring.rag(cell.rating)
    short = SHORT[cell.rating]
    if cell.agreed:
        return format_html('<span class="rag rag-{} s11-small">{}</span>', rag, short)
    return format_html(
        '<span class="rag rag-{} s11-self s11-small">{} <span class="s11-self-tag">(self)</span></span>', rag, short
    )
