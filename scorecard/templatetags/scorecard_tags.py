"""Scorecard display helpers: figures to the indicator's precision, RAG and SPC badges."""

from decimal import Decimal

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from bscp_portal.lib.rounding import round_half_up
from bscp_portal.lib.symbols import mark
from scorecard.rag import Rag
from scorecard.spc import RULE_LABELS
from scorecard.spc_icons import assurance_file, variation_file

register = template.Library()


def figure_text(value, indicator, symbol=""):
    """A value to the indicator's stated precision (thousands separated), or its DfE symbol, as
    plain text (for labels and summaries)."""
    if value is None:
        return symbol or "–"
    decimals = indicator.decimals if indicator is not None else 1
    number = round_half_up(Decimal(value), decimals)
    text = f"{number:,.{decimals}f}"
    return f"{text}%" if indicator is not None and indicator.unit == "percentage" else text


@register.simple_tag
def figure(value, indicator, symbol=""):
    """The figure for a page: a DfE symbol carries a title saying what it means."""
    return mark(figure_text(value, indicator, symbol))


@register.simple_tag
def point(p, indicator):
    """A comparator or local point: its value or symbol."""
    if not hasattr(p, "value"):  # no figure for that series
        return ""
    return figure(p.value, indicator, p.symbol)


@register.simple_tag
def rag_badge(rag):
    rag = Rag(rag) if rag in Rag.__members__.values() else Rag.NOT_RATED
    return format_html('<span class="rag rag-{}">{}</span>', rag.value, rag.label)


@register.simple_tag
def direction_text(direction):
    if not hasattr(direction, "arrow"):  # no previous period to compare with
        return ""
    return format_html('<span aria-hidden="true">{}</span> {}', direction.arrow, direction.label)


@register.filter
def rule_label(rule: str) -> str:
    return RULE_LABELS.get(rule, rule)


@register.simple_tag
def variation_badge(result, size=20):
    """The SPC variation icon (Making Data Count) with its words beside it (never colour or
    shape alone); a warning below 12 points."""
    if getattr(result, "warning", "") and result.points:
        return format_html('<span class="spc spc-warning" title="{}">{}</span>', result.warning, "Too few points")
    if getattr(result, "mean", None) is None or result.variation is None:
        return format_html('<span class="spc spc-none">{}</span>', "No data")
    return _icon_with_words(variation_file(result.variation), result.variation.label, size)


@register.simple_tag
def assurance_badge(result, size=20):
    """The SPC assurance icon with its words (nothing without a target or a preferred direction)."""
    if getattr(result, "assurance", None) is None:
        return ""
    return _icon_with_words(assurance_file(result.assurance), result.assurance.label, size)


def _icon_with_words(file: str, words: str, size) -> str:
    """An SPC icon (`file`, a static path) `size` pixels square, its words beside it."""
    return format_html(
        '<span class="spc-icon-label"><img class="spc-icon" src="{}" alt="" width="{}" height="{}"> {}</span>',
        static(file),
        size,
        size,
        words,
    )
