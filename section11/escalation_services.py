"""Escalating an agency's Section 11 return: the letter's wording, opening an escalation (a
late return, a standard agreed not met) and moving it on step by step."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bscp_portal.lib.concurrency import claim_version
from partnership.access import has_role
from partnership.models import Agency
from section11 import escalation as escalation_rules
from section11.models import Escalation, EscalationLetter, EscalationStep, Participation, Return, Round
from section11.return_steps import check_reviewer

DEFAULT_LETTER_SUBJECT = "Section 11: {reason} ({round})"
DEFAULT_LETTER_BODY = """Dear colleague,

We are writing to you as the lead for {agency} about the Section 11 self-audit, {round}.

{reason}. Section 11 of the Children Act 2004 places a duty on your organisation to meet these standards, and the partnership holds every agency to account for them.

Please reply by {deadline}, setting out what your organisation will do and by when. If we have not received a response by then, the matter will be referred to the board of the Performance, Audit and Quality Assurance sub-committee and, if it remains unresolved, to the Partnership.

Yours sincerely,

{partnership} business unit"""


def escalation_letter() -> EscalationLetter:
    """The letter's wording (created with the partnership's default wording the first time)."""
    letter, _ = EscalationLetter.objects.get_or_create(
        name="Escalation letter", defaults={"subject": DEFAULT_LETTER_SUBJECT, "body": DEFAULT_LETTER_BODY}
    )
    return letter


LETTER_FIELDS = ("agency", "round", "reason", "standards", "deadline", "partnership")
#: Placeholders of letters written before {deadline} was its name: still filled in.
OLD_LETTER_FIELDS = ("due_date",)


@transaction.atomic
def escalation_letter_save(*, by, subject: str, body: str) -> EscalationLetter:
    """The business unit edits the letter; unknown placeholders are refused with their names."""
    import string

    from partnership.access import BUSINESS_UNIT

    if not has_role(by, BUSINESS_UNIT):
        raise ValidationError("Only the business unit edits the escalation letter.")
    errors = {}
    for field, text in (("subject", subject), ("body", body)):
        if not text.strip():
            errors[field] = "This cannot be empty."
            continue
        try:
            names = {n for _, n, _, _ in string.Formatter().parse(text) if n is not None}
        except ValueError:
            errors[field] = "A brace is not closed: placeholders look like {agency}."
            continue
        unknown = sorted(names - set(LETTER_FIELDS) - set(OLD_LETTER_FIELDS))
        if unknown:
            errors[field] = (
                "Unknown placeholder "
                + ", ".join("{" + n + "}" for n in unknown)
                + ". Use "
                + ", ".join("{" + n + "}" for n in LETTER_FIELDS)
                + "."
            )
    if errors:
        raise ValidationError(errors)
    letter = escalation_letter()
    letter.subject, letter.body = subject.strip(), body.strip()
    letter.save()
    return letter


def _step(escalation: Escalation, stage: str, on: dt.date, by, note: str = "") -> None:
    EscalationStep.objects.create(escalation=escalation, stage=stage, on=on, by=by, note=note)


@transaction.atomic
def escalation_open(
    *,
    round: Round,
    agency: Agency,
    kind: str,
    by,
    today: dt.date,
    submission: Return | None = None,
    standards: str = "",
    note: str = "",
) -> Escalation:
    """Open (once per round, agency and kind) an escalation, dated `today`."""
    existing = Escalation.objects.filter(round=round, agency=agency, kind=kind).first()
    if existing is not None:
        if standards and existing.standards != standards and existing.stage != Escalation.Stage.RESOLVED:
            existing.standards = standards
            existing.save(update_fields=["standards"])
        return existing
    escalation = Escalation.objects.create(
        round=round, agency=agency, kind=kind, submission=submission, standards=standards, opened_on=today
    )
    _step(escalation, Escalation.Stage.OPENED, today, by, note)
    return escalation


@transaction.atomic
def escalations_open_late(*, today: dt.date) -> list[Escalation]:
    """Open an escalation for every required return not submitted by its deadline + 10 working days."""
    opened = []
    done = (Return.Status.SUBMITTED, Return.Status.UNDER_CHALLENGE, Return.Status.ACCEPTED)
    for rnd in Round.objects.filter(deadline__lt=today):
        if not escalation_rules.late_return_due(deadline=rnd.deadline, today=today, submitted=False):
            continue
        submitted = set(Return.objects.filter(round=rnd, status__in=done).values_list("agency_id", flat=True))
        already = set(
            Escalation.objects.filter(round=rnd, kind=Escalation.Kind.LATE_RETURN).values_list("agency_id", flat=True)
        )
        for p in Participation.objects.filter(round=rnd, required=True).select_related("agency"):
            if p.agency_id in submitted or p.agency_id in already:
                continue
            due = escalation_rules.late_return_escalates_after(rnd.deadline)
            opened.append(
                escalation_open(
                    round=rnd,
                    agency=p.agency,
                    kind=Escalation.Kind.LATE_RETURN,
                    by=None,
                    today=today,
                    submission=Return.objects.filter(round=rnd, agency=p.agency).first(),
                    note=f"Not submitted by {rnd.deadline:%-d %B %Y} plus 10 working days ({due:%-d %B %Y}).",
                )
            )
    return opened


@transaction.atomic
def escalation_step(
    *, escalation: Escalation, by, to: str, version: int, today: dt.date | None = None, note: str = ""
) -> Escalation:
    """Move an escalation on one step (letter, PAQA's board, the Partnership, resolved), dated today."""
    check_reviewer(by)
    today = today or timezone.localdate()
    problem = escalation_rules.step_problem(
        stage=escalation.stage, to=to, today=today, due=escalation.response_due, note=note
    )
    if problem:
        raise ValidationError(problem)
    claim_version(Escalation, escalation, version)
    escalation.refresh_from_db()
    escalation.stage = to
    if to == Escalation.Stage.LETTER_SENT:
        escalation.letter_sent_on = today
        escalation.response_due = escalation_rules.response_due(today)
    elif to == Escalation.Stage.PAQA_BOARD:
        escalation.paqa_on = today
    elif to == Escalation.Stage.PARTNERSHIP:
        escalation.partnership_on = today
    elif to == Escalation.Stage.RESOLVED:
        escalation.resolved_on = today
        escalation.resolution = note.strip()
    escalation.save()
    _step(escalation, to, today, by, note.strip())
    return escalation
