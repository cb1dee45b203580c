"""The CDOP's figures for the annual report and the cross-strand dashboard: aggregates only,
suppressed unless the user is a panel member."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from bscp_portal.lib import periods
from bscp_portal.lib.suppression import SUPPRESSED, Cell, percentage, suppress_count
from cdop import published, rules
from cdop.models import Death
from cdop.selectors import target_days
from cdop.statistics import CHARACTERISTICS, StatTable, must_suppress, statistics, suppression_max


def _number(text: str) -> float | str:
    """A percentage as a number, or "c" (suppressed) / "z" (not applicable) as the DfE writes them."""
    return text if text in ("c", "z") else float(text)


def _slice(table: StatTable, years: list[str]) -> tuple[list[dict], Cell | None]:
    """The rows and total of `table` over `years`, read from the published (suppressed) cells.

    One year is that year's column as published. Several years add up only where every part
    is shown: a sum with a hidden part would publish something the tables hide.
    """
    columns = [i for i, year in enumerate(table.years) if year in years]
    if not columns:
        return [], None

    def add(cells: list[Cell]) -> Cell:
        return SUPPRESSED if SUPPRESSED in cells else sum(cells)

    total = add([table.col_totals[i] for i in columns])
    rows = []
    for row in table.rows:
        count = add([row.cells[i] for i in columns])
        rows.append({"label": row.label, "count": count, "percent": _number(percentage(count, total))})
    return rows, total


def annual_summary(*, start: dt.date, end: dt.date, user) -> dict:
    """Child deaths and panel reviews in the financial years from `start` to `end`.

    Every figure is a slice of the one publication (`cdop.statistics.statistics`), so the
    report and the dashboard can never show a cell the statistics page hides.

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
      - ``timeliness``: list of {"label", "count", "percent"}: reviews within ``target_days`` of
        the death and after; empty when no reviews.
      - ``characteristics``: the panel's analysis of the period's reviews: list of
        {"key", "title", "heading", "rows"} for age band, sex, ethnic group and deprivation quintile, rows
        as above; empty when no reviews.
      - ``review_rate``: the period's reviews per 100,000 children aged 0 to 17 (a string, "c"
        when the count is hidden, "z" with no population estimate), None when no reviews or
        when the period spans several years; ``rate_note``: the population estimates' source.
      - ``pooled``: the three years to the period's last year together, or None when the
        reviews do not go back three years: {"label", "total", "category", "modifiable",
        "timeliness", "review_age", "review_sex", "review_ethnicity", "review_deprivation"}
        (lists as above) and "rate" (per 100,000 children a year).
    Percentages are of the period's deaths (or reviews), as numbers to one decimal place; "c"
    when hidden.
    """
    suppress = must_suppress(user)
    max_small = suppression_max()
    tables = {t.key: t for t in statistics(user=user)}
    years = [
        periods.FinancialYear(y).label
        for y in range(periods.financial_year(start).start_year, periods.financial_year(end).start_year + 1)
    ] or [periods.financial_year(start).label]
    by_expectation, death_total = _slice(tables["expectation"], years)
    by_age, _ = _slice(tables["age"], years)
    by_category, review_total = _slice(tables["category"], years)
    modifiable, _ = _slice(tables["modifiable"], years)
    timeliness, _ = _slice(tables["timeliness"], years)
    pooled = _pooled(tables, years[-1])
    characteristics = []
    for key, title, heading, _, _ in CHARACTERISTICS:
        rows, _ = _slice(tables[key], years)
        characteristics.append({"key": key, "title": title, "heading": heading, "rows": rows})
    ages = tables["review_age"]
    review_rate = ages.total_rates[ages.years.index(years[0])] if len(years) == 1 and years[0] in ages.years else None
    in_years = (periods.FinancialYear.parse(years[0]).start, periods.FinancialYear.parse(years[-1]).end)
    jar = Death.objects.filter(date_of_death__range=in_years, jar_held=True).count()
    waiting = (
        Death.objects.filter(date_notified__lte=end)
        .filter(Q(review__isnull=True) | Q(review__reviewed_on__gt=end))
        .count()
    )
    no_deaths = death_total is None
    no_reviews = review_total is None
    return {
        "small_numbers_suppressed": suppress,
        "deaths_notified": death_total,
        "by_expectation": by_expectation,
        "by_age_band": by_age,
        # Stand-alone figures (no totals published beside them): hidden when small.
        "jar_held": None if no_deaths else suppress_count(jar, suppress=suppress, max_small=max_small),
        "reviews_completed": review_total,
        "by_category": [] if no_reviews else by_category,
        "modifiable": [] if no_reviews else modifiable,
        "waiting_at_end": suppress_count(waiting, suppress=suppress, max_small=max_small),
        "timeliness": [] if no_reviews else timeliness,
        "target_days": target_days(),
        "pooled": pooled,
        "characteristics": [] if no_reviews else characteristics,
        "review_rate": None if no_reviews else review_rate,
        "rate_note": ages.rate_notes[0] if ages.rate_notes else "",
    }


def _pooled(tables: dict, last_year: str) -> dict | None:
    """The three years to `last_year` pooled, as the statistics publish them; None when there
    are not three years of reviews to that year."""
    pooled = tables.get("category_pooled")
    label = next((y for y in pooled.years if y.endswith(f" to {last_year}")), None) if pooled else None
    if label is None:
        return None
    found = {"label": label}
    for key in ("category", "modifiable", "timeliness", *[c[0] for c in CHARACTERISTICS]):
        found[key], found["total"] = _slice(tables[f"{key}_pooled"], [label])
    ages = tables["review_age_pooled"]
    found["rate"] = ages.total_rates[ages.years.index(label)]
    return found


def waiting_for_review() -> int:
    """Cases waiting for panel review now (notified, gathering information or awaiting the
    panel), as the panel's home page and case list count them; one count, all cases."""
    return Death.objects.filter(status__in=rules.WAITING).count()


def dashboard_tile(*, user) -> dict:
    """Headline figures for this financial year so far, suppressed unless a panel member: the
    year's totals from the published tables (cached, `cdop.published`) and the cases waiting."""
    today = timezone.localdate()
    year = periods.financial_year(today)
    totals = published.year_totals(user=user, year=year.label)
    suppress = must_suppress(user)
    waiting = suppress_count(waiting_for_review(), suppress=suppress, max_small=suppression_max())
    return {
        "title": "Child deaths",
        "period": f"{year.label} so far ({year.start:%B %Y} to {today:%-d %B %Y}); cases waiting as of today",
        "source": "Child death notifications and the panel's reviews (small numbers suppressed)",
        # (label, value): a count, "c" when suppressed; no deaths or reviews recorded is 0. The
        # first two are the year's totals in the statistics page's first and third tables.
        "figures": [
            ("Deaths this year", totals["deaths"] or 0),
            ("Panel reviews completed", totals["reviews"] or 0),
            ("Waiting for panel review", waiting),
        ],
        "suppressed": suppress,
        "url": reverse("cdop:index"),
    }


def theme_counts(user, today):
    """Themes on every panel review, as counts only: for anyone but a panel member a count of
    1 to 5 shows as "c" (each count stands alone: no totals are published beside it)."""
    from actions.selectors import outcome_counts_by_source
    from cdop.models import PanelReview
    from partnership.themes import tally

    suppress = must_suppress(user)
    reviews = PanelReview.objects.values("pk")
    return tally(
        record_themes=PanelReview.themes.through.objects.values_list("panelreview_id", "learningtheme_id"),
        action_owner={pk: pk for pk in PanelReview.objects.values_list("pk", flat=True)},
        action_counts=outcome_counts_by_source(model=PanelReview, source_ids=reviews, user=user, today=today),
        suppress=lambda n: suppress_count(n, suppress=suppress, max_small=suppression_max()),
    )
