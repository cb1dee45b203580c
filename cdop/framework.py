"""Load the CDOP reference lists (categories, factor domains, ethnicities, areas) from CSV, and
the child population estimates the rates per 100,000 divide by from a file the business unit
downloads from ONS (`manage.py load_population FILE`; see docs/formats.md)."""

from pathlib import Path

from django.db import transaction

from partnership.framework import load_lists, read_rows

DATA_DIR = Path(__file__).resolve().parent / "framework"


def load(stdout=None) -> None:
    from cdop.models import Area, Category, Ethnicity, FactorDomain

    files = [
        (Category, "categories.csv"),
        (FactorDomain, "domains.csv"),
        (Ethnicity, "ethnicities.csv"),
        (Area, "areas.csv"),
    ]
    load_lists(DATA_DIR, files, stdout, strand="CDOP ")


class PopulationFileError(ValueError):
    """The population file cannot be loaded; the message lists what is wrong, by line."""


def check_population_rows(rows: list[dict[str, str]]) -> list[str]:
    """What is wrong with a population file's rows, by line (empty when it can be loaded)."""
    from cdop.rules import POPULATION_GROUPS

    groups = {code for code, _ in POPULATION_GROUPS}
    needed = ("year", "age_group", "population", "source")
    if not rows:
        return ["The file has no rows."]
    missing = [c for c in needed if c not in rows[0]]
    if missing:
        return [f"The file needs the columns {', '.join(needed)}; it has no {', '.join(missing)}."]
    problems = []
    for line, row in enumerate(rows, start=2):
        if not row["year"].isdigit() or not 1990 <= int(row["year"]) <= 2100:
            problems.append(f"Line {line}: the year must be a year such as 2024, not {row['year']!r}.")
        if row["age_group"] not in groups:
            problems.append(f"Line {line}: the age group must be one of {', '.join(sorted(groups))}.")
        if not row["population"].isdigit() or int(row["population"]) == 0:
            problems.append(f"Line {line}: the population must be a whole number above 0.")
        if not row["source"]:
            problems.append(f"Line {line}: say where the figure comes from in the source column.")
    return problems


@transaction.atomic
def load_population(path: Path) -> tuple[int, int]:
    """One estimate per (year, age group) from the file; a revised figure or source replaces the
    one held (ONS revises earlier years). Idempotent; nothing is loaded from a file with a
    problem (PopulationFileError)."""
    from cdop.models import PopulationEstimate

    rows = read_rows(path)
    problems = check_population_rows(rows)
    if problems:
        raise PopulationFileError("\n".join(problems))
    created = updated = 0
    for row in rows:
        values = {"population": int(row["population"]), "source": row["source"]}
        estimate, made = PopulationEstimate.objects.get_or_create(
            year=int(row["year"]), age_group=row["age_group"], defaults=values
        )
        if made:
            created += 1
        elif (estimate.population, estimate.source) != (values["population"], values["source"]):
            PopulationEstimate.objects.filter(pk=estimate.pk).update(**values)
            updated += 1
    from cdop import published

    published.invalidate()  # the rates per 100,000 children read these estimates
    return created, updated
