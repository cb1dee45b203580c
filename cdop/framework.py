"""Load the CDOP reference lists (categories, factor domains, ethnicities, areas) and the ONS
mid-year population estimates from CSV."""

from pathlib import Path

from partnership.framework import read_rows, upsert_csv

DATA_DIR = Path(__file__).resolve().parent / "framework"


def load(stdout=None) -> None:
    from cdop.models import Area, Category, Ethnicity, FactorDomain

    for model, name in (
        (Category, "categories.csv"),
        (FactorDomain, "domains.csv"),
        (Ethnicity, "ethnicities.csv"),
        (Area, "areas.csv"),
    ):
        created, updated = upsert_csv(model, DATA_DIR / name)
        if stdout:
            stdout.write(f"  CDOP {model._meta.verbose_name_plural}: {created} new, {updated} updated")
    created, updated = load_population(DATA_DIR / "population.csv")
    if stdout:
        stdout.write(f"  CDOP population estimates: {created} new, {updated} updated")


def load_population(path: Path) -> tuple[int, int]:
    """One estimate per (year, age group) from the file; a revised figure or source replaces the
    one held (ONS revises earlier years). Idempotent."""
    from cdop.models import PopulationEstimate

    created = updated = 0
    for row in read_rows(path):
        values = {"population": int(row["population"]), "source": row["source"]}
        estimate, made = PopulationEstimate.objects.get_or_create(
            year=int(row["year"]), age_group=row["age_group"], defaults=values
        )
        if made:
            created += 1
        elif (estimate.population, estimate.source) != (values["population"], values["source"]):
            PopulationEstimate.objects.filter(pk=estimate.pk).update(**values)
            updated += 1
    return created, updated
