"""Reviews reference data, loaded by `load_framework`: the methodologies a themed review may use."""

from pathlib import Path

from partnership.framework import upsert_csv

DATA_DIR = Path(__file__).resolve().parent / "framework"


def load(stdout=None) -> None:
    from reviews.models import Methodology

    created, updated = upsert_csv(Methodology, DATA_DIR / "methodologies.csv")
    if stdout:
        stdout.write(f"  review methodologies: {created} new, {updated} updated")
