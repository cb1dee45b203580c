"""The library of audit standards and criteria, loaded from CSV under version control (idempotent)."""

from collections import Counter
from pathlib import Path

from django.db import transaction

from partnership.framework import read_rows, upsert_csv, upsert_row

DATA_DIR = Path(__file__).resolve().parent / "framework"


@transaction.atomic
def load(stdout=None) -> None:
    from audits.models import AuditStandard, Criterion

    created, updated = upsert_csv(AuditStandard, DATA_DIR / "standards.csv")
    standards = dict(AuditStandard.objects.values_list("code", "pk"))
    criteria = Counter(
        upsert_row(
            Criterion,
            {"code": row["code"]},
            {"standard_id": standards[row["standard"]], "text": row["text"], "order": int(row["order"] or 0)},
        )
        for row in read_rows(DATA_DIR / "criteria.csv")
    )
    if stdout:
        stdout.write(
            f"  audit standards: {created} new, {updated} updated; "
            f"criteria: {criteria['created']} new, {criteria['updated']} updated"
        )
