"""Aggregate child death statistics: counts and percentages by year, suppressed for everyone
but the panel. A handful of GROUP BY queries whatever the number of deaths; no case rows leave
this module."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear

from bscp_portal.lib import periods
from cdop import rules
from cdop.models import Category, Death, FactorDomain, FactorScore, PanelReview
from cdop.suppression import SUPPRESSED, Cell, build_linked_tables, percentage, suppress_count
from partnership.access import is_cdop_member


def suppression_max() -> int:
    return getattr(settings, "SUPPRESSION_MAX", 5)


def must_suppress(user) -> bool:
    """Panel members see exact figures; everyone else, and every export made for them, sees
    small numbers suppressed."""
    return not is_cdop_member(user)


@dataclass
class StatRow:
    label: str
    cells: list[Cell]
    percents: list[str]
    total: Cell | None = None


@dataclass
class StatTable:
    key: str
    title: str
    caption: str
    row_heading: str
    years: list[str]
    rows: list[StatRow]
    col_totals: list[Cell] | None = None
    total: Cell | None = None
    percent_of: str = "of the year's total"
    notes: list[str] = field(default_factory=list)

    def value(self, row_label: str, year: str) -> Cell:
        row = next(r for r in self.rows if r.label == row_label)
        return row.cells[self.years.index(year)]


def _fy(year: int, month: int) -> str:
    return periods.financial_year(dt.date(year, month, 1)).label


def _grouped(queryset, date_field: str, key_field: str) -> dict[tuple[str, object], int]:
    """Counts by (financial year, key) from one GROUP BY on calendar year, month and key."""
    rows = (
        queryset.annotate(y=ExtractYear(date_field), m=ExtractMonth(date_field))
        .values("y", "m", key_field)
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[str, object], int] = {}
    for row in rows:
        key = (_fy(row["y"], row["m"]), row[key_field])
        counts[key] = counts.get(key, 0) + row["n"]
    return counts


def _years(*count_maps) -> list[str]:
    return sorted({fy for counts in count_maps for fy, _ in counts})


def _grid(keys, years, counts) -> list[list[int]]:
    return [[counts.get((year, k), 0) for year in years] for k, _ in keys]


def _additive_table(*, key, title, caption, row_heading, years, keys, table, notes=()) -> StatTable:
    """A rows x years table with row, column and grand totals, as suppressed (or not)."""
    rows = []
    for (_, label), cells, total in zip(keys, table.rows, table.row_totals, strict=True):
        percents = [percentage(cell, table.col_totals[i]) for i, cell in enumerate(cells)]
        rows.append(StatRow(label=label, cells=cells, percents=percents, total=total))
    return StatTable(
        key=key,
        title=title,
        caption=caption,
        row_heading=row_heading,
        years=years,
        rows=rows,
        col_totals=table.col_totals,
        total=table.total,
        notes=list(notes),
    )


def statistics(*, user) -> list[StatTable]:
    """The published tables: deaths by expectation and age band (by year of death), reviews
    completed by category and modifiable factors (by year of review), and domains with a
    factor that may have contributed. Suppressed unless `user` is a panel member.

    This is the one publication of CDOP figures: it covers every financial year with data, and
    every other output (the page, its charts, the CSV and XLSX, the annual report and the
    dashboard tile through `cdop.summary`) shows these cells or a slice of them, never a figure
    suppressed on its own. So what can be worked out by putting outputs side by side is what
    this one set of tables gives away, which secondary suppression makes nothing.
    """
    suppress = must_suppress(user)
    max_small = suppression_max()
    deaths = Death.objects.all()
    reviews = PanelReview.objects.all()
    factors = FactorScore.objects.filter(score__in=rules.CONTRIBUTING_SCORES)
    by_expectation = _grouped(deaths, "date_of_death", "expectation")
    by_age = _grouped(deaths, "date_of_death", "age_band")
    by_category = _grouped(reviews, "reviewed_on", "category_id")
    by_modifiable = _grouped(reviews, "reviewed_on", "modifiable")
    by_domain = _grouped(factors, "review__reviewed_on", "domain_id")
    death_years = _years(by_expectation)
    review_years = _years(by_category)
    categories = [(c.pk, str(c)) for c in Category.objects.all()]
    domains = [(d.pk, d.name) for d in FactorDomain.objects.all()]
    expectations = list(Death.Expectation.choices)
    modifiables = list(PanelReview.Modifiable.choices)
    # The two cuts of deaths share their yearly totals, as do the two cuts of reviews: each pair
    # is suppressed together so neither publishes a total the other hides.
    by_expectation_t, by_age_t = build_linked_tables(
        [_grid(expectations, death_years, by_expectation), _grid(rules.AGE_BANDS, death_years, by_age)],
        suppress=suppress,
        max_small=max_small,
    )
    by_category_t, by_modifiable_t = build_linked_tables(
        [_grid(categories, review_years, by_category), _grid(modifiables, review_years, by_modifiable)],
        suppress=suppress,
        max_small=max_small,
    )
    tables = [
        _additive_table(
            key="expectation",
            title="Deaths by whether expected",
            caption="Child deaths notified, by year of death (April to March) and whether the death was expected",
            row_heading="Expected or unexpected",
            years=death_years,
            keys=expectations,
            table=by_expectation_t,
        ),
        _additive_table(
            key="age",
            title="Deaths by age at death",
            caption="Child deaths notified, by year of death (April to March) and age band",
            row_heading="Age at death",
            years=death_years,
            keys=rules.AGE_BANDS,
            table=by_age_t,
        ),
        _additive_table(
            key="category",
            title="Reviews completed by category of death",
            caption="Panel reviews completed, by year of review (April to March) and national category of death",
            row_heading="Category of death",
            years=review_years,
            keys=categories,
            table=by_category_t,
        ),
        _additive_table(
            key="modifiable",
            title="Reviews completed: modifiable factors",
            caption="Panel reviews completed, by year of review (April to March) and whether modifiable factors were identified",
            row_heading="Modifiable factors",
            years=review_years,
            keys=modifiables,
            table=by_modifiable_t,
        ),
    ]
    review_totals = tables[3].col_totals
    domain_rows = []
    for pk, name in domains:
        cells = [
            suppress_count(by_domain.get((y, pk), 0), suppress=suppress, max_small=max_small) for y in review_years
        ]
        domain_rows.append(
            StatRow(label=name, cells=cells, percents=[percentage(c, review_totals[i]) for i, c in enumerate(cells)])
        )
    tables.append(
        StatTable(
            key="domain",
            title="Reviews with a factor that may have contributed, by domain",
            caption="Panel reviews completed with a factor scored 2 or 3 in the domain, by year of review",
            row_heading="Domain",
            years=review_years,
            rows=domain_rows,
            percent_of="of reviews completed in the year",
            notes=["A review can have factors in several domains, so these rows do not add up to a total."],
        )
    )
    return tables


def chart_value(cell: Cell) -> int | None:
    """A suppressed cell is a gap in a chart, never a guess."""
    return None if cell == SUPPRESSED else cell
