"""Reviews at scale: 500 case reviews and 5,000 recommendations (scaled), with agencies
involved and dissemination events; the case review list, the recommendations dashboard and
the reviews dashboard, for a partnership-wide user and an agency lead."""

import datetime as dt
import random

from bench.harness import Context, Page, pages_covering

KINDS = ["rapid", "local_cspr", "national", "scr", "learning", "management"]
STATUSES = ["notified", "rapid_review", "in_progress", "completed", "published", "closed"]


def build(ctx: Context) -> None:
    from bscp_portal.lib.workdays import add_working_days
    from reviews.models import CaseReview, DisseminationEvent, Recommendation

    rng = random.Random(7)  # noqa: S311 - reproducible bench data
    agencies = ctx.extra["agencies"]
    n_reviews = max(20, int(500 * ctx.scale))
    n_recs = max(200, int(5000 * ctx.scale))
    start = dt.date(2019, 4, 1)
    reviews = []
    for i in range(n_reviews):
        aware = start + dt.timedelta(days=rng.randrange(2400))
        kind = KINDS[i % len(KINDS)]
        notified = add_working_days(aware, rng.randint(1, 8)) if kind in ("rapid", "local_cspr", "national") else None
        rapid = add_working_days(notified, rng.randint(8, 20)) if notified and rng.random() < 0.9 else None
        reviews.append(
            CaseReview(
                reference=f"BR-{aware.year}-{i:04d}",
                title=f"Bench incident {i}",
                kind=kind,
                status=STATUSES[rng.randrange(len(STATUSES))],
                became_aware_on=aware,
                notified_on=notified,
                rapid_review_on=rapid,
            )
        )
    CaseReview.objects.bulk_create(reviews, batch_size=500)
    reviews = list(CaseReview.objects.order_by("pk"))
    through = CaseReview.agencies.through
    links = []
    for r in reviews:
        for agency in rng.sample(agencies, k=min(len(agencies), 3)):
            links.append(through(casereview_id=r.pk, agency_id=agency.pk))
    through.objects.bulk_create(links, batch_size=2000)
    recs = []
    numbers: dict[int, int] = {}
    for i in range(n_recs):
        review = reviews[i % len(reviews)]
        numbers[review.pk] = numbers.get(review.pk, 0) + 1
        recs.append(
            Recommendation(
                case_review=review,
                number=numbers[review.pk],
                text=f"Bench recommendation {i}: agencies should share information promptly.",
                agency=agencies[rng.randrange(len(agencies))],
                status="closed" if rng.random() < 0.4 else "open",
            )
        )
    Recommendation.objects.bulk_create(recs, batch_size=1000)
    events = [
        DisseminationEvent(
            case_review=reviews[i % len(reviews)],
            held_on=dt.date.today() - dt.timedelta(days=rng.randrange(300)),
            audience="Bench learning event",
            attendance=rng.randint(10, 80),
        )
        for i in range(max(50, n_reviews))
    ]
    DisseminationEvent.objects.bulk_create(events, batch_size=500)
    ev_through = DisseminationEvent.agencies_reached.through
    ev_links = [
        ev_through(disseminationevent_id=e.pk, agency_id=a.pk)
        for e in DisseminationEvent.objects.all()
        for a in rng.sample(agencies, k=min(len(agencies), 4))
    ]
    ev_through.objects.bulk_create(ev_links, batch_size=2000)
    ctx.extra["reviews_count"] = n_reviews
    ctx.extra["recommendations_count"] = n_recs


def pages(ctx: Context) -> list[Page]:
    n, r = ctx.extra["reviews_count"], ctx.extra["recommendations_count"]
    return [
        *pages_covering(
            ctx,
            n,
            [
                ("reviews: dashboard (PAQA)", "/reviews/", "paqa"),
                ("reviews: case review list (PAQA)", "/reviews/cases/", "paqa"),
                ("reviews: case review list (agency lead)", "/reviews/cases/", "lead"),
                ("reviews: case review list filtered", "/reviews/cases/?kind=rapid&status=in_progress", "paqa"),
            ],
        ),
        *pages_covering(
            ctx,
            r,
            [
                ("reviews: recommendations (PAQA)", "/reviews/recommendations/", "paqa"),
                ("reviews: recommendations (agency lead)", "/reviews/recommendations/", "lead"),
            ],
        ),
        *pages_covering(ctx, n, [("reviews: learning this year (PAQA)", "/reviews/learning/", "paqa")]),
    ]
