"""The partnership's conference standards and questionnaire questions, loaded from CSV."""

from pathlib import Path

from partnership.framework import upsert_csv

DATA_DIR = Path(__file__).resolve().parent / "framework"


def load(stdout=None) -> None:
    from conferences.models import Question, Standard

    for model, name in ((Standard, "standards.csv"), (Question, "questions.csv")):
        created, updated = upsert_csv(model, DATA_DIR / name)
        if stdout:
            stdout.write(f"  conference {model._meta.verbose_name_plural}: {created} new, {updated} updated")
