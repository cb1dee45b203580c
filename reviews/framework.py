"""Reviews reference data, loaded by `load_framework`: the methodologies a themed review may use."""

from pathlib import Path

from partnership.framework import load_lists

DATA_DIR = Path(__file__).resolve().parent / "framework"


def load(stdout=None) -> None:
    from reviews.models import Methodology

    load_lists(DATA_DIR, [(Methodology, "methodologies.csv")], stdout, strand="review ")
