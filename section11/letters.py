"""The feedback letter to an agency after its challenge session, rendered to PDF by WeasyPrint."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from actions.selectors import actions_for_source
from section11 import scoring


def feedback_letter_context(*, record, user) -> dict:
    submission = record.submission
    rows = []
    for r in submission.responses.select_related("standard").order_by("standard__number"):
        rows.append(
            {
                "standard": r.standard,
                "self": scoring.label(r.rating),
                "agreed": scoring.label(r.agreed_rating) if r.agreed_rating else "Not agreed",
                "agreed_rag": scoring.rag(r.agreed_rating or None),
                "comment": r.reviewer_comment,
            }
        )
    return {
        "record": record,
        "session": record.session,
        "submission": submission,
        "agency": submission.agency,
        "rows": rows,
        "score": scoring.compliance_percent(r.agreed_rating or None for r in submission.responses.all()),
        "actions": actions_for_source(source=record, user=user),
        "panel": record.session.panel.all(),
        "today": timezone.localdate(),
        "partnership_name": getattr(settings, "PARTNERSHIP_NAME", "Safeguarding Children Partnership"),
    }


def feedback_letter_pdf(*, record, user) -> bytes:
    from weasyprint import HTML

    html = render_to_string("section11/letter.html", feedback_letter_context(record=record, user=user))
    return HTML(string=html).write_pdf()


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def escalation_reason(escalation) -> str:
    """What the letter is about, in a sentence."""
    if escalation.kind == "late_return":
        return (
            f"Your agency's Section 11 return was due on {escalation.round.deadline:%-d %B %Y} "
            "and has not been submitted"
        )
    titles = dict(escalation.round.standard_set.standards.values_list("number", "title"))
    numbers = [int(n) for n in escalation.standards.split(",") if n.strip().isdigit()]
    named = "; ".join(f"{n}. {titles.get(n, '')}" for n in numbers)
    word = "standard" if len(numbers) == 1 else "standards"
    return f"At the challenge session it was agreed that your agency does not meet {word} {named}"


def escalation_letter_context(*, escalation) -> dict:
    from section11.services import escalation_letter

    letter = escalation_letter()
    partnership = getattr(settings, "PARTNERSHIP_NAME", "Safeguarding Children Partnership")
    due = escalation.response_due
    deadline = f"{due:%-d %B %Y}" if due else "the date in our covering e-mail"
    values = _Blank(
        agency=escalation.agency.name,
        round=escalation.round.name,
        reason=escalation_reason(escalation),
        standards=escalation.standards or "none",
        deadline=deadline,
        due_date=deadline,  # the placeholder's older name
        partnership=partnership,
    )
    return {
        "escalation": escalation,
        "subject": letter.subject.format_map(values),
        "paragraphs": [p.strip() for p in letter.body.format_map(values).split("\n\n") if p.strip()],
        "today": escalation.letter_sent_on or timezone.localdate(),
        "partnership_name": partnership,
    }


def escalation_letter_pdf(*, escalation) -> bytes:
    from weasyprint import HTML

    html = render_to_string("section11/escalation_letter.html", escalation_letter_context(escalation=escalation))
    return HTML(string=html).write_pdf()
