"""The CDOP's figures for the annual report and the cross-strand dashboard: aggregates only,
suppressed unless the user is a panel member."""

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from bscp_portal.lib import periods
from cdop import rules
from cdop.models import Category, Death, PanelReview
from cdop.statistics import must_suppress, suppression_max
from cdop.suppression import build_linked_tables, percentage


def _number(text: str) -> float | str:
    """A percentage as a number, or "c" (suppressed) / "z" (not applicable) as the DfE writes them."""
    return text if text in ("c", "z") else float(text)


def annual_summary(*, start: dt.date, end: dt.date, user) -> dict:
    """Child deaths and panel reviews in [start, end].

    Keys:
      - ``small_numbers_suppressed`` (bool): small numbers are shown as "c" (anyone but a panel member).
      - ``deaths_notified``: deaths with a date of death in the period (int or "c"), or None
        when there were none (no data).
      - ``by_expectation``: list of {"label", "count", "percent"} for expected / unexpected,
        and ``by_age_band`` likewise for the six age bands; empty lists when no deaths.
      - ``jar_held``: unexpected deaths with a joint agency response (int or "c"), None when
        no deaths.
      - ``reviews_completed``: panel reviews dated in the period (int or "c"), or None.
      - ``by_category``: list of {"label", "count", "percent"} over the ten national
        categories; empty when no reviews.
      - ``modifiable``: list of {"label", "count", "percent"} (yes / no / insufficient
        information); empty when no reviews.
      - ``waiting_at_end``: cases notified by the end of the period and not reviewed by then
        (int or "c").
    Percentages are of the period's deaths (or reviews), as numbers to one decimal place; "c"
    when hidden.
    """
    suppress = must_suppress(user)
    max_small = suppression_max()
    deaths = Death.objects.filter(date_of_death__range=(start, end))
    reviews = PanelReview.objects.filter(reviewed_on__range=(start, end))

    def counts(queryset, field, keys) -> list[list[int]]:
        found = dict(queryset.values_list(field).annotate(n=Count("pk")).order_by().values_list(field, "n"))
        return [[found.get(k, 0)] for k, _ in keys]

    def rows(keys, table):
        total = table.col_totals[0]
        return [
            {"label": label, "count": row[0], "percent": _number(percentage(row[0], total))}
            for (_, label), row in zip(keys, table.rows, strict=True)
        ]

    expectations = list(Death.Expectation.choices)
    # Before the framework is loaded there are no categories: count reviews as not categorised
    # rather than publish an empty table.
    categories = [(c.pk, str(c)) for c in Category.objects.all()] or [(None, "Category not recorded")]
    modifiables = list(PanelReview.Modifiable.choices)
    # Each pair publishes the same total, so they are suppressed together.
    expectation_t, age_t = build_linked_tables(
        [counts(deaths, "expectation", expectations), counts(deaths, "age_band", rules.AGE_BANDS)],
        suppress=suppress,
        max_small=max_small,
    )
    category_t, modifiable_t = build_linked_tables(
        [counts(reviews, "category_id", categories), counts(reviews, "modifiable", modifiables)],
        suppress=suppress,
        max_small=max_small,
    )
    death_total, review_total = expectation_t.col_totals[0], category_t.col_totals[0]
    by_expectation, by_age = rows(expectations, expectation_t), rows(rules.AGE_BANDS, age_t)
    by_category, modifiable = rows(categories, category_t), rows(modifiables, modifiable_t)
    jar = deaths.filter(jar_held=True).count()
    waiting = (
        Death.objects.filter(date_notified__lte=end)
        .filter(Q(review__isnull=True) | Q(review__reviewed_on__gt=end))
        .count()
    )
    no_deaths = death_total == 0
    no_reviews = review_total == 0

    def one(value):
        # A stand-alone figure beside published totals: hidden when small.
        return "c" if suppress and 1 <= value <= max_small else value

    return {
        "small_numbers_suppressed": suppress,
        "deaths_notified": None if no_deaths else death_total,
        "by_expectation": [] if no_deaths else by_expectation,
        "by_age_band": [] if no_deaths else by_age,
        "jar_held": None if no_deaths else one(jar),
        "reviews_completed": None if no_reviews else review_total,
        "by_category": [] if no_reviews else by_category,
        "modifiable": [] if no_reviews else modifiable,
        "waiting_at_end": one(waiting),
    }


def dashboard_tile(*, user) -> dict:
    """Headline figures for this financial year so far, suppressed unless a panel member."""
    today = timezone.localdate()
    summary = annual_summary(start=periods.financial_year(today).start, end=today, user=user)
    return {
        "title": "Child deaths",
        "period": periods.financial_year(today).label,
        # (label, value): a count, "c" when suppressed; no deaths or reviews recorded is 0.
        "figures": [
            ("Deaths this year", summary["deaths_notified"] or 0),
            ("Panel reviews completed", summary["reviews_completed"] or 0),
            ("Waiting for panel review", summary["waiting_at_end"]),
        ],
        "suppressed": summary["small_numbers_suppressed"],
        "url": reverse("cdop:index"),
    }
