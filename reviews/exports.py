"""CSV and XLSX exports, from the same filtered, access-checked querysets as the pages."""

from bscp_portal.lib.exports import Column, respond
from reviews.models import CaseReview, Recommendation


def _step_state(step: str):
    def get(record):
        review, steps = record
        found = steps.get(step)
        return found.state_label if found else "Not applicable"

    return get


def _review(get):
    """A column getter over (review, its timeline steps) records, reading the review."""
    return lambda record: get(record[0])


def _field(name: str) -> Column:
    return Column.field(CaseReview, name, _review(lambda r: getattr(r, name)))


CASE_COLUMNS = [
    _field("reference"),
    _field("title"),
    Column.field(CaseReview, "kind", _review(lambda r: r.get_kind_display())),
    Column.field(CaseReview, "status", _review(lambda r: r.get_status_display())),
    Column("Agencies involved", _review(lambda r: "; ".join(a.short_name or a.name for a in r.agencies.all()))),
    _field("became_aware_on"),
    _field("notified_on"),
    Column("Notification timescale", _step_state("notification")),
    _field("rapid_review_on"),
    Column("Rapid review timescale", _step_state("rapid_review")),
    Column.field(CaseReview, "decision", _review(lambda r: r.get_decision_display())),
    _field("decided_on"),
    _field("completed_on"),
    _field("published_on"),
    Column("Open recommendations", _review(lambda r: r.open_recommendations)),
]


def case_review_response(reviews, today, *, fmt: str):
    """One row per case review, with its timescale states on `today`."""
    rows = ((r, {s.step: s for s in r.timeline(today)}) for r in reviews)
    return respond(fmt=fmt, filename="case-reviews", columns=CASE_COLUMNS, rows=rows, sheet="Case reviews")


RECOMMENDATION_COLUMNS = [
    Column("Review", lambda r: r.review_label),
    Column.field(Recommendation, "number"),
    Column.field(Recommendation, "text"),
    Column("Accountable agency", lambda r: r.agency.name),
    Column.field(Recommendation, "status", lambda r: r.get_status_display()),
    Column.field(Recommendation, "closed_on"),
]


def recommendation_response(recommendations, *, fmt: str):
    return respond(
        fmt=fmt,
        filename="review-recommendations",
        columns=RECOMMENDATION_COLUMNS,
        rows=recommendations,
        sheet="Recommendations",
    )


LEARNING_COLUMNS = [
    Column("Agency", lambda r: r["agency__name"]),
    Column("Events", lambda r: r["events"]),
    Column("Reviews", lambda r: r["reviews"]),
]


def learning_response(rows, *, year: int, fmt: str):
    return respond(fmt=fmt, filename=f"learning-{year}", columns=LEARNING_COLUMNS, rows=rows, sheet="Learning")
