"""No suppressed CDOP figure can be worked out from everything the portal publishes, taken together.

Every output that shows CDOP figures to someone outside the panel is read as an outsider would
read it: the statistics page (tables, as HTML), its charts' data, the CSV and XLSX downloads
(through their URLs), the panel's analysis page and its downloads as published, the annual
report's figures for every financial year and its PDF text, and the dashboard tile. Each
published figure is a sum of underlying counts (deaths by year, expectation and age band;
reviews by year, category, modifiable factors and time to review; reviews by year and the
child's age band, sex, ethnic group and deprivation; reviews by year and factor domain). A
hidden figure can be recovered by differencing exactly when its sum is a linear combination of
the shown ones; the test checks, with exact arithmetic over the union of all outputs, that none
is.

The reviews' characteristics are counted as atoms of their own (reviews by year and age band,
by year and sex, ...) tied to the other review atoms by one known relation a year: each cut
adds up to the same reviews. For counts published only as one-way cuts by year that is exactly
what a reader can work out from the full cross-classification (functions of separate variables
share only the constants), and it keeps the atoms few.
"""

import csv
import datetime as dt
import io
import random
import re
import subprocess
from fractions import Fraction

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from openpyxl import load_workbook

from bscp_portal.lib import periods
from bscp_portal.lib.suppression import SUPPRESSED
from cdop import rules, statistics, summary
from cdop.models import Death, Ethnicity, FactorScore, PanelReview
from cdop.tests.factories import DeathFactory, review_for
from tests.html import find_all, parse, tag, text

pytestmark = pytest.mark.django_db

YEARS = (2021, 2022, 2023, 2024)
CATEGORIES = [
    "abuse",
    "suicide",
    "trauma",
    "malignancy",
    "acute",
    "chronic",
    "anomaly",
    "perinatal",
    "infection",
    "sudi",
]
AGES = {
    "neonatal": (0, 5),
    "infant": (0, 100),
    "1-4": (2, None),
    "5-9": (7, None),
    "10-14": (12, None),
    "15-17": (16, None),
}
ALL = "all"  # the "all years" column
#: Mostly White British, as in the area, so that the other groups are small.
ETHNICITIES = ["white-british"] * 8 + ["asian-pakistani", "mixed-wbc", "black-african", "other-arab", None]
#: The analysis tables of reviews by a characteristic of the child: (key, atom kind).
CHARACTERISTICS = {
    "review_age": "review-age",
    "review_sex": "review-sex",
    "review_ethnicity": "review-ethnicity",
    "review_deprivation": "review-deprivation",
}
TIMELY = ("Within 182 days of the death", "More than 182 days after the death")


def make_deaths(seed: int) -> None:
    """Believable, lumpy data: a few common categories and many rare ones, so small counts
    fall in every table, in every year."""
    rng = random.Random(seed)
    ethnicities = {e.code: e for e in Ethnicity.objects.all()} | {None: None}
    for year in YEARS:
        for _ in range(rng.randint(14, 24)):
            band = rng.choice(list(AGES))
            years, days = AGES[band]
            death = DeathFactory(
                date_of_death=dt.date(year, 4, 3) + dt.timedelta(days=rng.randint(0, 360)),
                expectation=rng.choice(["expected", "unexpected", "unexpected"]),
                age_years=years,
                age_days=days,
                sex=rng.choice(["male", "male", "female", "female", "not_known"]),
                ethnicity=ethnicities[rng.choice(ETHNICITIES)],
                deprivation_quintile=rng.choice(["1", "1", "1", "2", "2", "3", "4", "5", "not_known"]),
            )
            reviewed_on = death.date_notified + dt.timedelta(days=rng.randint(30, 400))
            if rng.random() < 0.8 and reviewed_on < dt.date(2025, 3, 1):
                modifiable = rng.choice(["yes", "no", "no", "insufficient"])
                review_for(
                    death,
                    category_code=rng.choice(CATEGORIES[:4] * 3 + CATEGORIES),
                    modifiable=modifiable,
                    scores={rng.choice(["child", "social", "physical", "service"]): "2"} if modifiable == "yes" else {},
                    reviewed_on=reviewed_on,
                )


# --- the underlying counts and what each published figure adds up ------------------------------


class Truth:
    """Exact counts and, for each published figure, the set of underlying counts it adds up."""

    def __init__(self, panel_member):
        def fy(day):
            return periods.financial_year(day).label

        expectation = dict(Death.Expectation.choices)
        modifiable = dict(PanelReview.Modifiable.choices)
        self.deaths = {}
        for d in Death.objects.all():
            key = ("death", fy(d.date_of_death), expectation[d.expectation], d.age_band_label)
            self.deaths[key] = self.deaths.get(key, 0) + 1
        self.reviews = {}
        for r in PanelReview.objects.select_related("category", "death"):
            key = ("review", fy(r.reviewed_on), str(r.category), modifiable[r.modifiable], timely(r))
            self.reviews[key] = self.reviews.get(key, 0) + 1
        sexes = dict(Death.Sex.choices)
        groups = dict(rules.ETHNIC_GROUPS)
        quintiles = dict(rules.DEPRIVATION_QUINTILES)
        self.characteristics = {}
        for r in PanelReview.objects.select_related("death__ethnicity"):
            d, year = r.death, fy(r.reviewed_on)
            code = d.ethnicity.code if d.ethnicity_id else None
            for key in (
                ("review-age", year, d.age_band_label),
                ("review-sex", year, sexes[d.sex]),
                ("review-ethnicity", year, groups[rules.ethnic_group(code)]),
                ("review-deprivation", year, quintiles[d.deprivation_quintile]),
            ):
                self.characteristics[key] = self.characteristics.get(key, 0) + 1
        self.domains = {}
        for s in FactorScore.objects.filter(score__in=rules.CONTRIBUTING_SCORES).select_related("review", "domain"):
            key = ("domain", fy(s.review.reviewed_on), s.domain.name)
            self.domains[key] = self.domains.get(key, 0) + 1
        exact = {t.key: t for t in statistics.statistics(user=panel_member)}
        self.titles = {t.title: t.key for t in exact.values()}
        self.years = {key: t.years for key, t in exact.items()}
        death_years, review_years = self.years["expectation"], self.years["category"]
        self.atoms = sorted(
            [("death", y, e, a) for y in death_years for e in expectation.values() for _, a in rules.AGE_BANDS]
            + [
                ("review", y, str(c), m, t)
                for y in review_years
                for c in _categories()
                for m in modifiable.values()
                for t in TIMELY
            ]
            + [("domain", y, name) for y in review_years for name in _domains()]
            + [("review-age", y, a) for y in review_years for _, a in rules.AGE_BANDS]
            + [("review-sex", y, label) for y in review_years for label in sexes.values()]
            + [("review-ethnicity", y, label) for y in review_years for label in groups.values()]
            + [("review-deprivation", y, label) for y in review_years for label in quintiles.values()]
        )
        self.index = {atom: i for i, atom in enumerate(self.atoms)}
        # Known to every reader: each cut of a year's reviews adds up to the same reviews.
        self.relations = []
        for y in review_years:
            reviews = [i for atom, i in self.index.items() if atom[0] == "review" and atom[1] == y]
            for kind in CHARACTERISTICS.values():
                cut = [i for atom, i in self.index.items() if atom[0] == kind and atom[1] == y]
                self.relations.append({i: Fraction(1) for i in reviews} | {i: Fraction(-1) for i in cut})

    def atoms_of(self, table: str, row: str, year: str) -> frozenset[int]:
        """The underlying counts the figure (table, row, year) adds up; row "Total", year ALL."""

        table = table.removesuffix("_pooled")
        # A pooled column ("2022-23 to 2024-25") adds up the years it spans.
        span = pool_years(year, self.years["category"]) if " to " in year else None

        def match(atom) -> bool:
            if span is not None:
                if atom[1] not in span:
                    return False
            elif year != ALL and atom[1] != year:
                return False
            kind = atom[0]
            if table in ("expectation", "age"):
                if kind != "death":
                    return False
                return row == "Total" or atom[2 if table == "expectation" else 3] == row
            if table in ("category", "modifiable", "timeliness"):
                if kind != "review":
                    return False
                return row == "Total" or atom[{"category": 2, "modifiable": 3, "timeliness": 4}[table]] == row
            if table in CHARACTERISTICS:
                return kind == CHARACTERISTICS[table] and (row == "Total" or atom[2] == row)
            return kind == "domain" and atom[2] == row

        found = frozenset(i for atom, i in self.index.items() if match(atom))
        assert found or row != "Total", (table, row, year)
        return found

    def value(self, atoms: frozenset[int]) -> int:
        everything = {**self.deaths, **self.reviews, **self.domains, **self.characteristics}
        return sum(everything.get(self.atoms[i], 0) for i in atoms)


def timely(review) -> str:
    """The timeliness row a review counts in: days from the death to the review."""
    from django.conf import settings

    days = settings.CDOP_REVIEW_TARGET_DAYS
    waited = (review.reviewed_on - review.death.date_of_death).days
    return TIMELY[0] if waited <= days else TIMELY[1]


def pool_years(label: str, years: list[str]) -> set[str]:
    first, last = label.split(" to ")
    return set(years[years.index(first) : years.index(last) + 1])


def _categories():
    from cdop.models import Category

    return [str(c) for c in Category.objects.all()]


def _domains():
    from cdop.models import FactorDomain

    return [d.name for d in FactorDomain.objects.all()]


class Published:
    """Every figure shown, from every output: (atoms, value or "c", where it was seen)."""

    def __init__(self, truth: Truth, max_small: int):
        self.truth = truth
        self.max_small = max_small
        self.facts: list[tuple[frozenset[int], object, str]] = []

    def add(self, where: str, table: str, row: str, year: str, value, percent=None, total=None) -> None:
        atoms = self.truth.atoms_of(table, row, year)
        self.facts.append((atoms, value, where))
        if value != SUPPRESSED:
            assert value == self.truth.value(atoms), f"{where}: {table}/{row}/{year} shows {value}, not the count"
            assert not 1 <= value <= self.max_small, f"{where}: {table}/{row}/{year} shows a small count {value}"
        if percent not in (None, "", SUPPRESSED, "z"):
            # A percentage is shown only beside a shown count of a shown total: else it gives one away.
            assert value != SUPPRESSED and total != SUPPRESSED, f"{where}: {table}/{row}/{year} shows {percent}%"

    def check_nothing_recoverable(self) -> int:
        """Every hidden figure is outside the span of the shown ones (exact arithmetic)."""
        basis: dict[int, dict[int, Fraction]] = {}  # pivot -> row, reduced

        def reduce(vector: dict[int, Fraction]) -> dict[int, Fraction]:
            vector = dict(vector)
            for pivot in sorted(basis):
                if vector.get(pivot):
                    factor = vector[pivot]
                    for k, v in basis[pivot].items():
                        vector[k] = vector.get(k, 0) - factor * v
                        if not vector[k]:
                            del vector[k]
            return vector

        known = [dict(r) for r in self.truth.relations]
        known += [{i: Fraction(1) for i in atoms} for atoms, value, _ in self.facts if value != SUPPRESSED and atoms]
        for vector in known:
            rest = reduce(vector)
            if rest:
                pivot = min(rest)
                scale = rest[pivot]
                basis[pivot] = {k: v / scale for k, v in rest.items()}
                for other in list(basis):  # keep the basis fully reduced
                    if other != pivot and basis[other].get(pivot):
                        factor = basis[other][pivot]
                        row = basis[other]
                        for k, v in basis[pivot].items():
                            row[k] = row.get(k, 0) - factor * v
                            if not row[k]:
                                del row[k]
        hidden = 0
        for atoms, value, where in self.facts:
            if value != SUPPRESSED:
                continue
            hidden += 1
            assert reduce({i: Fraction(1) for i in atoms}), (
                f"{where}: a hidden figure ({sorted(self.truth.atoms[i] for i in atoms)[:3]}...) "
                "can be worked out from what is shown"
            )
        return hidden


# --- reading each output ---------------------------------------------------------------------


def _cell_value(raw: str):
    """A count as read: "c" when hidden, else a whole number (a spreadsheet's number cell is
    read back as 19.0, shown as 19)."""
    raw = raw.strip()
    if raw == SUPPRESSED:
        return SUPPRESSED
    number = float(raw)
    assert number.is_integer(), f"a count that is not a whole number: {raw}"
    return int(number)


def read_page(html: str, published: Published) -> None:
    """The statistics page's tables, as a reader sees them."""
    root = parse(html)
    for section in find_all(root, "section"):
        heading = next((e for e in section.iter() if tag(e) == "h2"), None)
        table = next((e for e in section.iter() if tag(e) == "table"), None)
        if heading is None or table is None:
            continue
        key = published.truth.titles[text(heading)]
        header = [text(th) for th in find_all(next(e for e in table.iter() if tag(e) == "thead"), "th")]
        years = header[1:]
        totals_row = None
        for tr in find_all(table, "tr")[1:]:
            cells = [text(c) for c in tr if tag(c) in ("th", "td")]
            if cells[0] == "Total":
                totals_row = cells
        pooled = "All years shown" not in header
        col_totals = [_cell_value(v) for v in (totals_row[1:] if pooled else totals_row[1:-1])] if totals_row else None
        for tr in find_all(table, "tr")[1:]:
            cells = [text(c) for c in tr if tag(c) in ("th", "td")]
            label = cells[0]
            for i, raw in enumerate(cells[1:]):
                year = ALL if years[i] == "All years shown" else years[i]
                match = re.fullmatch(r"(c|\d+)(?: \((c|[\d.]+)%?\))?", raw)
                assert match, f"page: cannot read {raw!r}"
                total = None if col_totals is None or year == ALL else col_totals[i]
                published.add("page", key, label, year, _cell_value(match.group(1)), match.group(2), total)


def read_rates(html: str, published: Published) -> int:
    """The rate tables beside the analysis page's age tables: a rate and the published
    population give its count back, so a rate is shown exactly where its count is."""
    root = parse(html)
    seen = 0
    for section in find_all(root, "section"):
        tables = [e for e in section.iter() if tag(e) == "table"]
        rates = [t for t in tables if "rate-table" in (t.get("class") or "")]
        if not rates:
            continue
        counts, rate_table = tables[0], rates[0]

        def body_rows(table):
            return [[text(c) for c in tr if tag(c) in ("th", "td")] for tr in find_all(table, "tr")[1:]]

        count_rows = {cells[0]: cells[1:] for cells in body_rows(counts)}
        for cells in body_rows(rate_table):
            label = "Total" if cells[0] == "All children aged 0 to 17" else cells[0]
            for raw_rate, raw_count in zip(cells[1:], count_rows[label], strict=False):
                seen += 1
                count_hidden = raw_count.split(" ")[0] == SUPPRESSED
                assert (raw_rate == SUPPRESSED) == count_hidden, (label, raw_count, raw_rate)
                assert raw_rate == SUPPRESSED or re.fullmatch(r"\d+\.\d", raw_rate), raw_rate
    return seen


def read_charts(html: str, published: Published) -> None:
    """The charts' data (json_script blocks): a gap is a hidden figure, a number a shown one."""
    import json

    root = parse(html)
    charts = {
        "chart-expectation-data": "expectation",
        "chart-category-data": "category",
        "chart-modifiable-data": "modifiable",
    }
    seen = 0
    for script in find_all(root, "script"):
        key = charts.get(script.get("id", ""))
        if key is None:
            continue
        seen += 1
        for trace in json.loads(script.text)["data"]:
            for year, y in zip(trace["x"], trace["y"], strict=True):
                published.add("chart", key, trace["name"], year, SUPPRESSED if y is None else y)
    assert seen == len(charts)


def read_rows(rows: list[list], published: Published, where: str) -> None:
    """The CSV or XLSX download: table, row, year, count, percent."""
    header = [str(h).lower() for h in rows[0]]
    assert header[:5] == ["table", "row", "year", "count", "percent"]
    assert header[5:] in ([], ["rate per 100,000 children"])
    totals = {}
    for title, label, year, count, *_ in rows[1:]:
        if label == "Total":
            totals[(title, year)] = _cell_value(str(count))
    for title, label, year, count, percent, *rate in rows[1:]:
        if rate and rate[0] not in (None, ""):
            # A rate gives its count back with the population: shown only beside a shown count.
            assert (str(rate[0]) == SUPPRESSED) == (str(count) == SUPPRESSED), (where, title, label, year, rate)
        key = published.truth.titles[title]
        year = ALL if year == "all years shown" else year
        total = totals.get((title, year))
        published.add(where, key, label, year, _cell_value(str(count)), str(percent or ""), total)


def read_annual_summary(result: dict, period: str, published: Published, where: str) -> None:
    sections = [
        ("expectation", "by_expectation", "deaths_notified"),
        ("age", "by_age_band", "deaths_notified"),
        ("category", "by_category", "reviews_completed"),
        ("modifiable", "modifiable", "reviews_completed"),
        ("timeliness", "timeliness", "reviews_completed"),
    ]
    pooled = result["pooled"]
    if pooled:
        published.add(where, "category_pooled", "Total", pooled["label"], pooled["total"])
        for key in ("category", "modifiable", "timeliness", *CHARACTERISTICS):
            for row in pooled[key]:
                published.add(where, f"{key}_pooled", row["label"], pooled["label"], row["count"],
                              str(row["percent"]), pooled["total"])  # fmt: skip
    for c in result["characteristics"]:
        for row in c["rows"]:
            published.add(where, c["key"], row["label"], period, row["count"], str(row["percent"]),
                          result["reviews_completed"])  # fmt: skip
    if result["review_rate"] not in (None, "z"):
        assert (result["review_rate"] == SUPPRESSED) == (result["reviews_completed"] == SUPPRESSED)
    for key, rows_key, total_key in sections:
        total = result[total_key]
        if total is None:
            assert result[rows_key] == []
            continue
        published.add(where, key, "Total", period, total)
        for row in result[rows_key]:
            published.add(where, key, row["label"], period, row["count"], str(row["percent"]), total)


def body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- the test ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [7, 2024])
def test_nothing_hidden_can_be_recovered_from_all_outputs_together(seed, cdop_data, world, client_for, settings):
    make_deaths(seed)
    truth = Truth(world.user("cdop"))
    published = Published(truth, settings.SUPPRESSION_MAX)
    # The statistics page offers no filters of its own: the same tables for every outsider.
    # The other views of the same figures are the annual report for each financial year and
    # the dashboard tile for this year; every one of them is read here, for each kind of reader.
    for reader in ("board", "lead", "paqa"):
        client = client_for(world.user(reader))
        page = client.get(reverse("cdop:index"))
        assert page.status_code == 200
        read_page(page.content.decode(), published)
        read_charts(page.content.decode(), published)
        download = body(client.get(reverse("cdop:statistics_export") + "?format=csv"))
        read_rows(list(csv.reader(io.StringIO(download.decode("utf-8-sig")))), published, "csv")
        download = body(client.get(reverse("cdop:statistics_export") + "?format=xlsx"))
        read_rows([list(r) for r in load_workbook(io.BytesIO(download)).active.values], published, "xlsx")
    # The panel's analysis page and its downloads, as the panel sees what will be published.
    client = client_for(world.user("cdop"))
    page = client.get(reverse("cdop:analysis") + "?view=published")
    read_page(page.content.decode(), published)
    assert read_rates(page.content.decode(), published) > 10
    download = body(client.get(reverse("cdop:analysis_export") + "?view=published&format=csv"))
    read_rows(list(csv.reader(io.StringIO(download.decode("utf-8-sig")))), published, "analysis csv")
    download = body(client.get(reverse("cdop:analysis_export") + "?view=published&format=xlsx"))
    read_rows([list(r) for r in load_workbook(io.BytesIO(download))["data"].values], published, "analysis xlsx")
    years = sorted(set(truth.years["expectation"]) | set(truth.years["category"]))
    for period in years:
        start, end = periods.FinancialYear.parse(period).dates
        for reader in (AnonymousUser(), world.user("board"), world.user("bu")):
            read_annual_summary(summary.annual_summary(start=start, end=end, user=reader), period, published, "report")
    hidden = published.check_nothing_recoverable()
    assert hidden > 10, "the data should exercise suppression"
    for kind in CHARACTERISTICS.values():
        seen = [value for atoms, value, _ in published.facts if atoms and truth.atoms[min(atoms)][0] == kind]
        assert SUPPRESSED in seen and any(v != SUPPRESSED for v in seen), f"{kind}: some shown, some hidden"
    pooled = [(value, where) for atoms, value, where in published.facts if len({truth.atoms[i][1] for i in atoms}) == 3]
    assert any(v != SUPPRESSED for v, _ in pooled) and any(v == SUPPRESSED for v, _ in pooled), (
        "three-year pools should be read from the page and the report, some shown and some hidden"
    )


def test_the_annual_report_pdf_shows_the_published_cdop_figures(cdop_data, world, settings):
    """The PDF's CDOP section prints each row's published count: "c" where the page hides it."""
    from annual_report.builder import render_pdf

    make_deaths(7)
    period = "2023-24"
    start, end = periods.FinancialYear.parse(period).dates
    published = summary.annual_summary(start=start, end=end, user=AnonymousUser())
    exact = summary.annual_summary(start=start, end=end, user=world.user("cdop"))
    pdf, _ = render_pdf(period, user=world.user("bu"))
    layout = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    section = layout[layout.index("Child Death Overview Panel") :]
    checked = 0
    # The report prints the year's reviews by category and by modifiable factors.
    for rows_key in ("by_category", "modifiable"):
        for shown, true in zip(published[rows_key], exact[rows_key], strict=True):
            line = next(
                (ln for ln in section.splitlines() if re.search(rf"(?<!\w){re.escape(shown['label'])}\s", ln)), None
            )
            assert line is not None, f"no row for {shown['label']!r} in the PDF's CDOP section:\n{section[:3000]}"
            tokens = line[line.index(shown["label"]) + len(shown["label"]) :].split()
            assert tokens[0] == str(shown["count"]), (line, shown)
            if shown["count"] == SUPPRESSED:
                checked += 1
                assert str(true["count"]) not in tokens, line
    assert checked, "the period should have hidden figures"
