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
from bscp_portal.lib.figure_cache import FigureCache
from bscp_portal.lib.suppression import (
    SUPPRESSED,
    Cell,
    build_linked_tables,
    guarded_sums,
    percentage,
    rate,
    suppress_count,
)
from cdop import rules
from cdop.models import Category, Death, FactorDomain, FactorScore, PanelReview, PopulationEstimate
from cdop.selectors import target_days
from partnership.access import is_cdop_member


def suppression_max() -> int:
    return getattr(settings, "SUPPRESSION_MAX", 5)


def must_suppress(user) -> bool:
    """Panel members see exact figures; everyone else, and every export made for them, sees
    small numbers suppressed."""
    return not is_cdop_member(user)


#: The published tables, cached per suppression; `cdop.published.invalidate()` drops them.
TABLES = FigureCache("cdop-published")


@dataclass
class StatRow:
    label: str
    cells: list[Cell]
    percents: list[str]
    total: Cell | None = None
    rates: list[str] | None = None  # per 100,000 children, column by column ("c" where the count is)


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
    analysis: bool = False  # the panel's analysis for its annual report (panel page, report)
    total_rates: list[str] | None = None  # the column totals per 100,000 children aged 0 to 17
    rate_notes: list[str] = field(default_factory=list)

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


def _additive_table(*, keys, table, notes=(), **described) -> StatTable:
    """A rows x years table with row, column and grand totals, as suppressed (or not); `described`:
    the table's key, title, caption, row heading and years."""
    rows = []
    for (_, label), cells, total in zip(keys, table.rows, table.row_totals, strict=True):
        percents = [percentage(cell, table.col_totals[i]) for i, cell in enumerate(cells)]
        rows.append(StatRow(label=label, cells=cells, percents=percents, total=total))
    return StatTable(**described, rows=rows, col_totals=table.col_totals, total=table.total, notes=list(notes))


#: The panel's analysis of reviewed deaths by the child's characteristics: (key, title, row
#: heading, the Death field grouped on, its rows).
#: What each published table counts, by year; its caption goes on to say what its rows are.
DEATHS_BY = "Child deaths notified, by year of death (April to March)"
REVIEWS_BY = "Panel reviews completed, by year of review (April to March)"
CHARACTERISTICS = [
    ("review_age", "Reviews completed by age at death", "Age at death", "death__age_band", rules.AGE_BANDS),
    ("review_sex", "Reviews completed by sex", "Sex", "death__sex", list(Death.Sex.choices)),
    ("review_ethnicity", "Reviews completed by ethnic group", "Ethnic group", "death__ethnicity__code",
     rules.ETHNIC_GROUPS),
    ("review_deprivation", "Reviews completed by deprivation of the child's home", "Deprivation (IMD quintile)",
     "death__deprivation_quintile", rules.DEPRIVATION_QUINTILES),
]  # fmt: skip
CAPTIONS = {
    "review_age": "age band at death",
    "review_sex": "sex",
    "review_ethnicity": "ethnic group (the DfE and ONS high-level groups)",
    "review_deprivation": "Index of Multiple Deprivation quintile of the neighbourhood of the child's home",
}
CHARACTERISTIC_NOTES = {
    "review_deprivation": [
        "Quintiles of the English Indices of Deprivation: quintile 1 is the most deprived fifth of "
        "neighbourhoods in England, quintile 5 the least deprived."
    ],
}


def statistics(*, user, as_published: bool = False) -> list[StatTable]:
    """The published tables: deaths by expectation and age band (by year of death), reviews
    completed by category and modifiable factors (by year of review), and domains with a
    factor that may have contributed; then the panel's analysis for its annual report: reviews
    completed by age band (with rates per 100,000 children), sex, ethnic group and deprivation,
    each also three years together. Suppressed unless `user` is a panel member, or when
    `as_published` (a panel member checking what the annual report will show).

    This is the one publication of CDOP figures: it covers every financial year with data, and
    every other output (the page, its charts, the CSV and XLSX, the panel's analysis page, the
    annual report and the dashboard tile through `cdop.summary`) shows these cells or a slice of
    them, never a figure suppressed on its own. So what can be worked out by putting outputs
    side by side is what this one set of tables gives away, which secondary suppression makes
    nothing.
    """
    suppress = as_published or must_suppress(user)
    max_small = suppression_max()
    # Every year, every cut and the checks behind the three-year tables: counted once per
    # suppression and kept until a child death record changes (cdop.services invalidate).
    return TABLES.get_or_count(
        ("tables", "suppressed" if suppress else "exact", max_small),
        lambda: _tables(suppress=suppress, max_small=max_small),
    )


def _tables(*, suppress: bool, max_small: int) -> list[StatTable]:
    deaths = Death.objects.all()
    reviews = PanelReview.objects.all()
    factors = FactorScore.objects.filter(score__in=rules.CONTRIBUTING_SCORES)
    by_expectation = _grouped(deaths, "date_of_death", "expectation")
    by_age = _grouped(deaths, "date_of_death", "age_band")
    by_category = _grouped(reviews, "reviewed_on", "category_id")
    by_modifiable = _grouped(reviews, "reviewed_on", "modifiable")
    by_domain = _grouped(factors, "review__reviewed_on", "domain_id")
    by_characteristic = {key: _grouped(reviews, "reviewed_on", field) for key, _, _, field, _ in CHARACTERISTICS}
    by_characteristic["review_ethnicity"] = _regrouped(by_characteristic["review_ethnicity"], rules.ethnic_group)
    death_years = _years(by_expectation)
    review_years = _years(by_category)
    categories = [(c.pk, str(c)) for c in Category.objects.all()]
    domains = [(d.pk, d.name) for d in FactorDomain.objects.all()]
    expectations = list(Death.Expectation.choices)
    modifiables = list(PanelReview.Modifiable.choices)
    # The two cuts of deaths share their yearly totals, as do the cuts of reviews: each set is
    # suppressed together so none publishes a total another hides.
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
        *[_grid(keys, review_years, by_characteristic[key]) for key, _, _, _, keys in CHARACTERISTICS],
    ]
    by_category_t, by_modifiable_t, by_timeliness_t, *characteristic_t = build_linked_tables(
        review_grids, suppress=suppress, max_small=max_small
    )
    additive = [
        ("expectation", "Deaths by whether expected", DEATHS_BY, "whether the death was expected",
         "Expected or unexpected", death_years, expectations, by_expectation_t),
        ("age", "Deaths by age at death", DEATHS_BY, "age band", "Age at death", death_years, rules.AGE_BANDS, by_age_t),
        ("category", "Reviews completed by category of death", REVIEWS_BY, "national category of death",
         "Category of death", review_years, categories, by_category_t),
        ("modifiable", "Reviews completed: modifiable factors", REVIEWS_BY, "whether modifiable factors were identified",
         "Modifiable factors", review_years, modifiables, by_modifiable_t),
        ("timeliness", "Reviews completed: time from death to review", REVIEWS_BY,
         f"whether the review was within {target_days()} days of the death", "Time from death to review",
         review_years, timeliness, by_timeliness_t),
        *[(key, title, REVIEWS_BY, f"the child's {CAPTIONS[key]}", heading, review_years, keys, table)
          for (key, title, heading, _, keys), table in zip(CHARACTERISTICS, characteristic_t, strict=True)],
    ]  # fmt: skip
    made = {
        key: _additive_table(
            key=key,
            title=title,
            caption=f"{by} and {what}",
            row_heading=heading,
            years=years,
            keys=keys,
            table=table,
            notes=CHARACTERISTIC_NOTES.get(key, ()),
        )
        for key, title, by, what, heading, years, keys, table in additive
    }
    tables = [made["expectation"], made["age"], made["category"], made["modifiable"]]
    review_totals = made["modifiable"].col_totals
    domain_grid = [[by_domain.get((y, pk), 0) for y in review_years] for pk, _ in domains]
    domain_rows = []
    for (_, name), line in zip(domains, domain_grid, strict=True):
        cells = [suppress_count(n, suppress=suppress, max_small=max_small) for n in line]
        domain_rows.append(
            StatRow(label=name, cells=cells, percents=[percentage(c, review_totals[i]) for i, c in enumerate(cells)])
        )
    domain_table = StatTable(
        key="domain",
        title="Reviews with a factor that may have contributed, by domain",
        caption="Panel reviews completed with a factor scored 2 or 3 in the domain, by year of review",
        row_heading="Domain",
        years=review_years,
        rows=domain_rows,
        percent_of="of reviews completed in the year",
        notes=["A review can have factors in several domains, so these rows do not add up to a total."],
    )
    tables.append(domain_table)
    tables.append(made["timeliness"])
    characteristic_tables = [made[key] for key, *_ in CHARACTERISTICS]
    for table in characteristic_tables:
        table.analysis = True
    pooled = _pooled_tables(
        tables=[tables[2], tables[3], tables[-1], *characteristic_tables, domain_table],
        grids=[*review_grids, domain_grid],
        additive=[True] * len(review_grids) + [False],
        suppress=suppress,
        max_small=max_small,
    )
    populations = Populations(PopulationEstimate.objects.values_list("year", "age_group", "population", "source"))
    for table in [characteristic_tables[0], *[t for t in pooled if t.key == "review_age_pooled"]]:
        populations.add_rates(table)
    for table in pooled:
        table.analysis = table.key not in ("category_pooled", "modifiable_pooled", "timeliness_pooled")
    # Order: the published tables, their pools, then the analysis tables and their pools.
    tables.extend(pooled[:3])
    tables.extend(characteristic_tables)
    tables.extend(pooled[3:])
    return tables


def _regrouped(counts: dict[tuple[str, object], int], group) -> dict[tuple[str, object], int]:
    """Counts by (year, key) added up by (year, group(key))."""
    out: dict[tuple[str, object], int] = {}
    for (year, key), n in counts.items():
        out[(year, group(key))] = out.get((year, group(key)), 0) + n
    return out


class Populations:
    """The ONS mid-year population estimates held (PopulationEstimate), as the denominators of
    rates per 100,000 children: each financial year's rate divides by the estimate for 30 June
    in it (rules.population_year); a pooled rate divides the three years' count by the three
    years' populations added up (an average rate a year)."""

    def __init__(self, rows):
        self.by_year: dict[int, dict[str, int]] = {}
        self.sources: dict[int, str] = {}
        for year, group, population, source in rows:
            self.by_year.setdefault(year, {})[group] = population
            self.sources[year] = source
        complete = {g for g, _ in rules.POPULATION_GROUPS}
        self.years = sorted(y for y, groups in self.by_year.items() if set(groups) >= complete)

    def year_for(self, label: str) -> int | None:
        return rules.population_year(periods.FinancialYear.parse(label).start_year, self.years)

    def _population(self, labels: list[str], group: str | None) -> int | None:
        """Children in `group` (None: all aged 0 to 17) added up over the financial years."""
        total = 0
        for label in labels:
            year = self.year_for(label)
            if year is None:
                return None
            groups = self.by_year[year]
            total += sum(groups.values()) if group is None else groups[group]
        return total

    def add_rates(self, table: StatTable) -> None:
        """Rates per 100,000 beside each row of an age-band table and its totals, each "c" where
        its count is hidden (rate() never turns a hidden count into a figure)."""
        columns = [pool_years_of(label) if table.pooled else [label] for label in table.years]
        for row, (band, _) in zip(table.rows, rules.AGE_BANDS, strict=True):
            group = rules.POPULATION_GROUP_OF_BAND[band]
            row.rates = [rate(c, self._population(ys, group)) for c, ys in zip(row.cells, columns, strict=True)]
        table.total_rates = [rate(c, self._population(ys, None)) for c, ys in zip(table.col_totals, columns,
                                                                                   strict=True)]  # fmt: skip
        table.rate_notes = self.notes([y for ys in columns for y in ys], pooled=table.pooled)

    def notes(self, labels: list[str], *, pooled: bool) -> list[str]:
        used = {label: self.year_for(label) for label in labels}
        years = sorted({y for y in used.values() if y is not None})
        if not years:
            return ["No population estimates are loaded for these years, so no rates are given (z)."]
        span = f"mid-{years[0]}" if len(years) == 1 else f"mid-{years[0]} to mid-{years[-1]}"
        notes = [
            f"Rates are per 100,000 children living in the area, from the mid-year population estimates "
            f"({span}): each year's count is divided by the estimate for 30 June in that year. "
            f"Source: {self.sources[years[-1]]}."
        ]
        later = [label for label, year in used.items() if year is not None
                 and year < periods.FinancialYear.parse(label).start_year]  # fmt: skip
        if later:
            notes.append(f"{', '.join(sorted(set(later)))}: the latest estimate loaded (mid-{years[-1]}) is used "
                         f"until the estimate for that year is published.")  # fmt: skip
        missing = sorted(label for label, year in used.items() if year is None)
        if missing:
            notes.append(f"No estimate is loaded for {', '.join(missing)}, so no rate is given (z).")
        if pooled:
            notes.append("Three years together: the three years' count over the three years' populations, "
                         "an average rate a year.")  # fmt: skip
        notes.append("Both bands under one year are per 100,000 children under one year old (ONS gives age in years).")
        return notes


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


def pool_years_of(label: str) -> list[str]:
    """The financial years a pooled column's label spans ("2022-23 to 2024-25")."""
    first, last = (periods.FinancialYear.parse(part) for part in label.split(" to "))
    return [periods.FinancialYear(y).label for y in range(first.start_year, last.start_year + 1)]


def _pooled_tables(
    *,
    tables: list[StatTable],
    grids: list[list[list[int]]],
    additive: list[bool],
    suppress: bool,
    max_small: int,
):
    """The review tables pooled over three years (for years too small to say much alone): one
    column per three years, each figure shown only where nothing hidden in the yearly tables, nor
    any other pooled figure, can then be worked out (`bscp_portal.lib.suppression.guarded_sums`).

    Additive tables (the first among them) cut the same reviews each year, so their yearly
    totals are equal; a table that is not additive (domains: a review may count in several) has
    no totals and counts of its own."""
    years = tables[0].years
    windows = [years[j - POOL_YEARS + 1 : j + 1] for j in range(POOL_YEARS - 1, len(years))]
    if not windows:
        return []
    # Unknowns: each yearly cell of each table; the additive tables' yearly totals are the same reviews.
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
        if additive[t]:
            figures += [(row.total, vec([(t, r, y) for y in range(len(years))])) for r, row in enumerate(table.rows)]
            figures += [(table.col_totals[y], vec([(t, r, y) for r in range(n)])) for y in range(len(years))]
            figures.append((table.total, vec([(t, r, y) for r in range(n) for y in range(len(years))])))
        for cell, v in figures:
            (hidden if cell == SUPPRESSED else shown).append(v)
        if t and additive[t]:  # this table's yearly totals equal the first table's
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
                col_totals=totals if additive[t] else None,
                percent_of="of the three years' total" if additive[t] else "of reviews completed in the three years",
                notes=[
                    "Three years together show a pattern one year's small numbers cannot.",
                    *table.notes,
                ],  # fmt: skip
                pooled=True,
            )
        )
    return out


def chart_value(cell: Cell) -> int | None:
    """A suppressed cell is a gap in a chart, never a guess."""
    return None if cell == SUPPRESSED else cell
