"""Reference data for partnership performance, kept as CSV under version control."""

from collections import Counter
from pathlib import Path

from partnership.framework import load_lists, read_rows, upsert_csv, upsert_row

DATA_DIR = Path(__file__).resolve().parent / "framework"


def plan_objective_rows() -> list[dict[str, str]]:
    """The four business-plan objectives the framework names, for the demo plan."""
    return read_rows(DATA_DIR / "plan_objectives.csv")


def rating_question_rows() -> list[dict[str, str]]:
    """The members' annual rating question bank (one per core objective, Likert 1–5)."""
    return read_rows(DATA_DIR / "rating_questions.csv")


def feedback_question_rows() -> list[dict[str, str]]:
    """The practitioner feedback question bank, by theme."""
    return read_rows(DATA_DIR / "feedback_questions.csv")


def load(stdout=None) -> None:
    """Quorum rules per body and the partnership's output standards with their criteria (idempotent)."""
    from governance.models import QuorumRule

    load_lists(DATA_DIR, [(QuorumRule, "quorum_rules.csv")], stdout)
    load_output_standards(stdout)


def load_output_standards(stdout=None) -> None:
    """The partnership's standards for its outputs, then each criterion under its standard."""
    from governance.models import OutputStandard, StandardCriterion

    created, updated = upsert_csv(OutputStandard, DATA_DIR / "output_standards.csv")
    standards = {s.code: s for s in OutputStandard.objects.all()}
    criteria = Counter(
        upsert_row(
            StandardCriterion,
            {"code": row["code"]},
            {
                "standard": standards[row["standard"]],
                "stage": row["stage"],
                "order": int(row["order"]),
                "text": row["text"],
            },
        )
        for row in read_rows(DATA_DIR / "standard_criteria.csv")
    )
    if stdout:
        stdout.write(
            f"  output standards: {created} new, {updated} updated; "
            f"criteria: {criteria['created']} new, {criteria['updated']} updated"
        )
