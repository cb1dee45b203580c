"""CDOP: 5,000 child deaths and 20,000 factor rows (scaled); the statistics page and the case list."""

import datetime as dt
import random

from bench.harness import Context, Page, pages_covering


def build(ctx: Context) -> None:
    from cdop import rules
    from cdop.framework import load
    from cdop.models import Area, Category, Death, FactorDomain, FactorScore, PanelReview
    from partnership.models import Membership, SubCommittee

    load()
    rng = random.Random(9)
    n = max(50, int(5000 * ctx.scale))
    areas = list(Area.objects.all())
    categories = list(Category.objects.all())
    domains = list(FactorDomain.objects.all())
    start = dt.date(2018, 4, 1)
    deaths = []
    for i in range(n):
        died = start + dt.timedelta(days=rng.randint(0, 365 * 7))
        years = rng.choice([0, 0, 0, 1, 3, 6, 11, 16])
        days = rng.randint(0, 365) if years == 0 else None
        deaths.append(
            Death(
                case_number=f"BENCH-{i:05d}",
                date_of_death=died,
                date_notified=died + dt.timedelta(days=rng.randint(0, 4)),
                age_years=years,
                age_days=days,
                age_band=rules.age_band(years, days),
                sex=rng.choice(["male", "female"]),
                area=rng.choice(areas),
                deprivation_quintile=rng.choice([q for q, _ in rules.DEPRIVATION_QUINTILES]),
                place_of_death="hospital",
                expectation=rng.choice(["expected", "unexpected"]),
                status=rules.REVIEWED,
            )
        )
    Death.objects.bulk_create(deaths, batch_size=1000)
    reviews = [
        PanelReview(
            death=d,
            reviewed_on=d.date_notified + dt.timedelta(days=rng.randint(60, 300)),
            category=rng.choice(categories),
            modifiable=rng.choice(["yes", "no", "insufficient"]),
        )
        for d in Death.objects.filter(case_number__startswith="BENCH-")
    ]
    PanelReview.objects.bulk_create(reviews, batch_size=1000)
    FactorScore.objects.bulk_create(
        [
            FactorScore(review=r, domain=d, score=rng.choice(rules.SCORE_VALUES))
            for r in PanelReview.objects.all()
            for d in domains
        ],
        batch_size=2000,
    )
    panel, _ = SubCommittee.objects.get_or_create(code="cdop", defaults={"name": "Child Death Overview Panel"})
    Membership.objects.get_or_create(user=ctx.users["cdop"], subcommittee=panel, defaults={"is_chair": True})
    ctx.extra["cdop_deaths"] = n
    ctx.extra["cdop_factors"] = FactorScore.objects.count()


def pages(ctx: Context) -> list[Page]:
    n = ctx.extra["cdop_deaths"]
    return [
        *pages_covering(
            ctx,
            ctx.extra["cdop_factors"],
            [
                ("cdop statistics (board, suppressed)", "/cdop/", "board"),
                ("cdop statistics (panel, exact)", "/cdop/", "cdop"),
            ],
        ),
        *pages_covering(
            ctx,
            n,
            [
                ("cdop case list (panel)", "/cdop/cases/", "cdop"),
                ("cdop case list filtered by year", "/cdop/cases/?year=2022-23&expectation=unexpected", "cdop"),
            ],
        ),
    ]
