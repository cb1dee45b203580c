"""Review reports sent to PAQA by whoever runs reviews (partnership.registry): completed or
published case reviews and completed themed reviews."""

from partnership.registry import ReportCandidate
from reviews.models import CaseReview, ThemedReview, can_manage_reviews

CASE_DONE = (CaseReview.Status.COMPLETED, CaseReview.Status.PUBLISHED, CaseReview.Status.CLOSED)
THEMED_DONE = (ThemedReview.Status.COMPLETED, ThemedReview.Status.CLOSED)


def candidates(user) -> list[ReportCandidate]:
    if not can_manage_reviews(user):
        return []
    cases = CaseReview.objects.for_user(user).filter(status__in=CASE_DONE).order_by("-completed_on", "-pk")[:20]
    themed = ThemedReview.objects.for_user(user).filter(status__in=THEMED_DONE).order_by("-completed_on", "-pk")[:20]
    return [
        ReportCandidate(
            kind="reviews",
            ref=f"case-{r.pk}",
            title=f"Review report {r.reference}: {r.title}",
            source_label=r.get_kind_display(),
            url=r.get_absolute_url(),
            summary=f"Completed {r.completed_on:%-d %b %Y}." if r.completed_on else "",
        )
        for r in cases
    ] + [
        ReportCandidate(
            kind="reviews",
            ref=f"themed-{r.pk}",
            title=f"Themed review report: {r.theme}",
            source_label="Themed review",
            url=r.get_absolute_url(),
            summary=(r.findings or "")[:1000],
        )
        for r in themed
    ]
