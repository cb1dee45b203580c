"""The partnership's conference standards and questionnaire questions, loaded from CSV."""

from pathlib import Path

from partnership.framework import load_lists

DATA_DIR = Path(__file__).resolve().parent / "framework"


def load(stdout=None) -> None:
    from conferences.models import LateReason, Question, Standard

    files = [(Standard, "standards.csv"), (Question, "questions.csv"), (LateReason, "late_reasons.csv")]
    load_lists(DATA_DIR, files, stdout, strand="conference ")
    # The children's questions are checked against plain-English guidance for age 8 and up.
    from conferences import plain_words

    for q in Question.objects.filter(active=True, respondent="young_person"):
        found = plain_words.problems(q.text)
        if found and stdout:
            stdout.write(f"  warning: the children's question {q.code!r} may be too hard: {'; '.join(found)}")
