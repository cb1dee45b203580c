"""PAQA's yearly review of the dataset: each indicator tested against the six guiding
principles and kept, changed or retired with a reason. PAQA's pages only."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from bscp_portal.lib.forms import save_or_render
from bscp_portal.lib.periods import FinancialYear, UnknownPeriod, recent_years
from paqa import access, rules, selectors, services
from paqa.forms import DatasetReviewForm
from paqa.models import DatasetReview
from partnership.access import refuse
from scorecard.models import Indicator

STALE = (
    "Another PAQA member saved a decision on this indicator first. The form shows what you typed; "
    "check theirs and save again."
)


def _year(request, year: str) -> FinancialYear:
    if not access.can_review_dataset(request.user):
        refuse(request, "the dataset review is PAQA's")
    try:
        return FinancialYear.parse(year)
    except UnknownPeriod:
        raise Http404("No such year") from None


def review_index(request):
    """Straight to this financial year's review."""
    if not access.can_review_dataset(request.user):
        refuse(request, "the dataset review is PAQA's")
    return redirect("paqa:dataset_review", year=FinancialYear.of(timezone.localdate()).label)


def review_year(request, year: str):
    """Every indicator in the year's scorecard with PAQA's decision, and what it means for next year."""
    fy = _year(request, year)
    rows = selectors.review_year_rows(year=fy.label)
    decided = [r["review"].decision for r in rows if r["review"]]
    summary = [(label.lower(), decided.count(key)) for key, label in rules.DECISION_LABELS.items()]
    return render(
        request,
        "paqa/dataset_review.html",
        {
            "year": fy,
            "rows": rows,
            "summary": summary,
            "undecided": sum(1 for r in rows if r["review"] is None),
            "years": recent_years(timezone.localdate(), 4),
            "principles": rules.PRINCIPLES,
        },
    )


def review_decide(request, year: str, code: str):
    """PAQA's decision on one indicator for the year (a second save revises it)."""
    fy = _year(request, year)
    indicator = get_object_or_404(Indicator.objects.select_related("owning_agency"), code=code)
    in_year = {r["indicator"].pk for r in selectors.review_year_rows(year=fy.label)}
    if indicator.pk not in in_year:
        raise Http404("Not in this year's scorecard")
    existing = DatasetReview.objects.filter(year=fy.label, indicator=indicator).first()
    initial = (
        {
            "principles": existing.principles,
            "decision": existing.decision,
            "reason": existing.reason,
            "note": existing.note,
            "version": existing.version,
        }
        if existing
        else {}
    )
    form = DatasetReviewForm(request.POST or None, initial=initial)
    return save_or_render(
        request,
        form,
        lambda: services.dataset_review_decide(
            indicator=indicator,
            year=fy.label,
            by=request.user,
            **form.cleaned_data,
        ),
        success_message=lambda r: f"{r.get_decision_display()}: {indicator.name} ({fy.label}).",
        redirect_to=lambda r: reverse("paqa:dataset_review", args=[fy.label]) + f"#i-{indicator.code}",
        stale_message=STALE,
        current_version=lambda: (
            DatasetReview.objects.filter(year=fy.label, indicator=indicator).values_list("version", flat=True).first()
        ),
        template="paqa/dataset_review_decide.html",
        context=lambda: {"year": fy, "indicator": indicator, "existing": existing, "next_year": fy.next()},
        status=lambda: 400 if form.errors else 200,
    )
