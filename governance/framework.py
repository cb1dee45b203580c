"""Reference data for partnership performance, kept as CSV under version control."""

from pathlib import Path

from partnership.framework import read_rows, upsert_csv

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
    """Quorum rules per body (idempotent)."""
    from governance.models import QuorumRule

    created, updated = upsert_csv(QuorumRule, DATA_DIR / "quorum_rules.csv")
    if stdout:
        stdout.write(f"  quorum rules: {created} new, {updated} updated")
