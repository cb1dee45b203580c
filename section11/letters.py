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
