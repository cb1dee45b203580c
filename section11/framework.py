"""Load the Section 11 standards and their criteria from CSV files under version control.

A set of standards already used by a round is frozen: a round keeps the wording it was run
with. To revise the standards for a new round, add a new set (new codes) to the CSV files.
"""

from pathlib import Path

from django.db import transaction

from partnership.framework import read_rows, upsert_csv

DATA_DIR = Path(__file__).resolve().parent / "framework"


def _update(existing, fields: dict, *, frozen: bool) -> tuple[int, int]:
    """Bring a loaded row's wording up to the file: (1, 0) when changed, (0, 1) when its set is
    frozen and the change is kept back, (0, 0) when it already matches."""
    if all(getattr(existing, f) == v for f, v in fields.items()):
        return 0, 0
    if frozen:
        return 0, 1
    for f, v in fields.items():
        setattr(existing, f, v)
    existing.save()
    return 1, 0


@transaction.atomic
def load(stdout=None, data_dir: Path = DATA_DIR) -> None:
    from section11.models import Criterion, Standard, StandardSet

    created, updated = upsert_csv(StandardSet, data_dir / "standard_sets.csv")
    sets = {s.code: s for s in StandardSet.objects.all()}
    frozen = set(StandardSet.objects.filter(rounds__isnull=False).values_list("code", flat=True))
    kept = 0
    standards = {s.code: s for s in Standard.objects.select_related("standard_set")}
    for row in read_rows(data_dir / "standards.csv"):
        standard_set = sets[row["standard_set"]]
        fields = {"number": int(row["number"]), "title": row["title"], "description": row["description"]}
        # What "fully met" needs starts from the file; after that the business unit sets it
        # in the admin, so reloading the framework never undoes their choice.
        rule = (row.get("fully_met_evidence") or "").strip() or "either"
        existing = standards.get(row["code"])
        if existing is None:
            standards[row["code"]] = Standard.objects.create(
                code=row["code"], standard_set=standard_set, fully_met_evidence=rule, **fields
            )
            created += 1
            continue
        changed, held = _update(existing, fields, frozen=existing.standard_set.code in frozen)
        updated, kept = updated + changed, kept + held
    criteria = {c.code: c for c in Criterion.objects.select_related("standard__standard_set")}
    for row in read_rows(data_dir / "criteria.csv"):
        standard = standards[row["standard"]]
        fields = {"number": int(row["number"]), "text": row["text"]}
        existing = criteria.get(row["code"])
        if existing is None:
            Criterion.objects.create(code=row["code"], standard=standard, **fields)
            created += 1
            continue
        changed, held = _update(existing, fields, frozen=standard.standard_set.code in frozen)
        updated, kept = updated + changed, kept + held
    if stdout:
        note = f"; {kept} changes not applied to standards already used by a round" if kept else ""
        stdout.write(f"  section 11 standards and criteria: {created} new, {updated} updated{note}")
