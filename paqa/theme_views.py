"""PAQA's page of recurring themes across reviews, inspections, audits and child death reviews."""

from django.shortcuts import render
from django.utils import timezone

from paqa import access
from paqa.themes import theme_rows
from partnership.access import refuse
from partnership.models import LearningTheme
from partnership.registry import registry


def themes(request):
    """Which themes recur across the strands, how often, and whether the actions on them are done."""
    if not access.sees_board(request.user):
        refuse(request, "PAQA's themes page")
    today = timezone.localdate()
    sources = registry.theme_sources
    counts = [source.counts(request.user, today) for source in sources]
    rows = theme_rows(list(LearningTheme.objects.values_list("pk", "name")), counts)
    return render(
        request,
        "paqa/themes.html",
        {"sources": sources, "rows": rows, "today": today, "suppressed": any(c for c in counts if _has_c(c))},
    )


def _has_c(strand_counts: dict) -> bool:
    return any(cell.records == "c" for cell in strand_counts.values())
