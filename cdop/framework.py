"""Load the CDOP reference lists (categories, factor domains, ethnicities, areas) from CSV."""

from pathlib import Path

from partnership.framework import upsert_csv

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
