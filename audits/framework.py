"""The library of audit standards and criteria, loaded from CSV under version control (idempotent)."""

from pathlib import Path

from django.db import transaction

from partnership.framework import read_rows, upsert_csv

DATA_DIR = Path(__file__).resolve().parent / "framework"


@transaction.atomic
def load(stdout=None) -> None:
    from audits.models import AuditStandard, Criterion

    created, updated = upsert_csv(AuditStandard, DATA_DIR / "standards.csv")
    standards = dict(AuditStandard.objects.values_list("code", "pk"))
    c_created = c_updated = 0
    for row in read_rows(DATA_DIR / "criteria.csv"):
        values = {"standard_id": standards[row["standard"]], "text": row["text"], "order": int(row["order"] or 0)}
        obj = Criterion.objects.filter(code=row["code"]).first()
        if obj is None:
            Criterion.objects.create(code=row["code"], **values)
            c_created += 1
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            c_updated += 1
    if stdout:
        stdout.write(
            f"  audit standards: {created} new, {updated} updated; criteria: {c_created} new, {c_updated} updated"
        )
