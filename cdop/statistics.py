"""Aggregate child death statistics: counts and percentages by year, suppressed for everyone
but the panel. A handful of GROUP BY queries whatever the number of deaths; no case rows leave
this module."""

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings
from django.db.models import Case, CharField, Count, DurationField, ExpressionWrapper, F, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear

from bscp_portal.lib import periods
from cdop import rules
from cdop.models import Category, Death, FactorDomain, FactorScore, PanelReview
from cdop.selectors import target_days
from cdop.suppression import SUPPRESSED, Cell, build_linked_tables, guarded_sums, percentage, suppress_count
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
    pooled: bool = False  # columns are three-year periods: no "all years" total

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
    by_timeliness = _grouped_timeliness(reviews)
    timeliness = [("within", f"Within {target_days()} days of the death"),
                  ("over", f"More than {target_days()} days after the death")]  # fmt: skip
    review_grids = [
        _grid(categories, review_years, by_category),
        _grid(modifiables, review_years, by_modifiable),
        _grid(timeliness, review_years, by_timeliness),
    ]
    by_category_t, by_modifiable_t, by_timeliness_t = build_linked_tables(
        review_grids, suppress=suppress, max_small=max_small
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
    tables.append(
        _additive_table(
            key="timeliness",
            title="Reviews completed: time from death to review",
            caption=f"Panel reviews completed, by year of review (April to March) and whether the review was within "
            f"{target_days()} days of the death",
            row_heading="Time from death to review",
            years=review_years,
            keys=timeliness,
            table=by_timeliness_t,
        )
    )
    tables.extend(
        _pooled_tables(
            tables=[tables[2], tables[3], tables[-1]],
            grids=review_grids,
            suppress=suppress,
            max_small=max_small,
        )
    )
    return tables


POOL_YEARS = 3


def _grouped_timeliness(reviews) -> dict[tuple[str, str], int]:
    """Reviews by (financial year of review, "within" or "over" the target from the death)."""
    waited = ExpressionWrapper(F("reviewed_on") - F("death__date_of_death"), output_field=DurationField())
    timely = Case(
        When(waited__lte=dt.timedelta(days=target_days()), then=Value("within")),
        default=Value("over"),
        output_field=CharField(),
    )
    return _grouped(reviews.annotate(waited=waited, timely=timely), "reviewed_on", "timely")


def pool_label(years: list[str]) -> str:
    return f"{years[0]} to {years[-1]}"


def _pooled_tables(*, tables: list[StatTable], grids: list[list[list[int]]], suppress: bool, max_small: int):
    """The review tables pooled over three years (for years too small to say much alone): one
    column per three years, each figure shown only where nothing hidden in the yearly tables, nor
    any other pooled figure, can then be worked out (`cdop.suppression.guarded_sums`)."""
    years = tables[0].years
    windows = [years[j - POOL_YEARS + 1 : j + 1] for j in range(POOL_YEARS - 1, len(years))]
    if not windows:
        return []
    # Unknowns: each yearly cell of each table; the tables' yearly totals are the same reviews.
    index: dict[tuple[int, int, int], int] = {}
    for t, grid in enumerate(grids):
        for r in range(len(grid)):
            for y in range(len(years)):
                index[(t, r, y)] = len(index)

    def vec(cells) -> dict[int, Fraction]:
        return {index[c]: Fraction(1) for c in cells}

    shown, hidden = [], []
    for t, (table, grid) in enumerate(zip(tables, grids, strict=True)):
        n = len(grid)
        figures = [(row.cells[y], vec([(t, r, y)])) for r, row in enumerate(table.rows) for y in range(len(years))]
        figures += [(row.total, vec([(t, r, y) for y in range(len(years))])) for r, row in enumerate(table.rows)]
        figures += [(table.col_totals[y], vec([(t, r, y) for r in range(n)])) for y in range(len(years))]
        figures.append((table.total, vec([(t, r, y) for r in range(n) for y in range(len(years))])))
        for cell, v in figures:
            (hidden if cell == SUPPRESSED else shown).append(v)
        if t:  # this table's yearly totals equal the first table's
            for y in range(len(years)):
                same = vec([(0, r, y) for r in range(len(grids[0]))])
                same.update({index[(t, r, y)]: Fraction(-1) for r in range(n)})
                shown.append(same)
    candidates, places = [], []
    for w, window in enumerate(windows):
        ys = [years.index(y) for y in window]
        candidates.append((vec([(0, r, y) for r in range(len(grids[0])) for y in ys]),
                           sum(grids[0][r][y] for r in range(len(grids[0])) for y in ys)))  # fmt: skip
        places.append(("total", w, None, None))
        for t, grid in enumerate(grids):
            for r, line in enumerate(grid):
                candidates.append((vec([(t, r, y) for y in ys]), sum(line[y] for y in ys)))
                places.append(("cell", w, t, r))
    values = [v for _, v in candidates]
    if suppress:
        values = guarded_sums(candidates, shown=shown, hidden=hidden, max_small=max_small)
    totals = [values[i] for i, p in enumerate(places) if p[0] == "total"]
    out = []
    for t, table in enumerate(tables):
        rows = []
        for r, row in enumerate(table.rows):
            cells = [values[i] for i, p in enumerate(places) if p[0] == "cell" and p[2] == t and p[3] == r]
            rows.append(StatRow(label=row.label, cells=cells,
                                percents=[percentage(c, totals[w]) for w, c in enumerate(cells)]))  # fmt: skip
        out.append(
            StatTable(
                key=f"{table.key}_pooled",
                title=f"{table.title}, three years together",
                caption=f"{table.caption}, each three years together",
                row_heading=table.row_heading,
                years=[pool_label(w) for w in windows],
                rows=rows,
                col_totals=totals,
                percent_of="of the three years' total",
                notes=["Three years together show a pattern one year's small numbers cannot."],
                pooled=True,
            )
        )
    return out


def chart_value(cell: Cell) -> int | None:
    """A suppressed cell is a gap in a chart, never a guess."""
    return None if cell == SUPPRESSED else cell
