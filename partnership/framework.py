"""Load the partnership's framework reference data from CSV files under version control."""

import csv
from pathlib import Path

from django.db import models, transaction

from bscp_portal.lib.lookups import Lookup

DATA_DIR = Path(__file__).resolve().parent / "framework"
#: What the business unit changes on a list value from "Lists"; a reload keeps their choice.
BU_OWNED = ("name", "order", "active", "help_text")


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


@transaction.atomic
def upsert_csv(model: type[models.Model], path: Path, key: str = "code") -> tuple[int, int]:
    """Create or update one row per CSV line, matched on `key`; returns (created, updated).

    Idempotent: a second run with the same file changes nothing. On a list the business unit
    keeps (a `Lookup`), its wording, order, help text and whether a value is in use are theirs
    once the value exists: a reload adds new values and leaves their changes alone.
    """
    kept = set(BU_OWNED) if issubclass(model, Lookup) else set()
    created = updated = 0
    for row in read_rows(path):
        lookup = {key: row.pop(key)}
        obj, was_created = model.objects.get_or_create(**lookup, defaults=row)
        if was_created:
            created += 1
            continue
        changed = {f: v for f, v in row.items() if f not in kept and str(getattr(obj, f)) != v}
        if changed:
            for f, v in changed.items():
                setattr(obj, f, v)
            obj.save(update_fields=list(changed))
            updated += 1
    return created, updated


def upsert_row(model: type[models.Model], lookup: dict, values: dict) -> str | None:
    """The row `lookup` picks out, created with `values` or brought up to date with them:
    "created", "updated", or None when it already held them."""
    obj, was_created = model.objects.get_or_create(**lookup, defaults=values)
    if was_created:
        return "created"
    if all(getattr(obj, f) == v for f, v in values.items()):
        return None
    for f, v in values.items():
        setattr(obj, f, v)
    obj.save()
    return "updated"


def load_lists(data_dir: Path, files, stdout=None, *, strand: str = "") -> None:
    """Each (model, CSV file name) in `files` loaded with `upsert_csv`; how many rows were new and
    how many updated is said on `stdout`, named after the strand and the model."""
    for model, name in files:
        created, updated = upsert_csv(model, data_dir / name)
        if stdout:
            stdout.write(f"  {strand}{model._meta.verbose_name_plural}: {created} new, {updated} updated")


def load(stdout=None) -> None:
    from partnership.models import LearningTheme, OutcomeArea, QAQuadrant, RiskTheme, SubCommittee

    files = [
        (SubCommittee, "subcommittees.csv"),
        (OutcomeArea, "outcome_areas.csv"),
        (QAQuadrant, "qa_quadrants.csv"),
        (RiskTheme, "risk_themes.csv"),
        (LearningTheme, "learning_themes.csv"),
    ]
    load_lists(DATA_DIR, files, stdout)
