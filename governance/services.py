"""Writes for partnership performance: keyword-only, atomic, raising ValidationError with clear
messages; history is recorded by simple-history in the same transaction."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bscp_portal.lib import uploads
from bscp_portal.lib.concurrency import claim_version
from governance import rules
from governance.framework import feedback_question_rows, rating_question_rows
from governance.models import (
    Attendance,
    BudgetPressure,
    ChairReport,
    Contribution,
    Evaluation,
    ExpenditureLine,
    FeedbackAnswer,
    FeedbackCampaign,
    FeedbackQuestion,
    FeedbackResponse,
    FinancialYear,
    Investment,
    Meeting,
    Objective,
    RatingSurvey,
    ReportEvent,
    RoutedReport,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    TrainingPlace,
    TrainingSession,
)
from governance.models.base import Rag

# --- business plan ----------------------------------------------------------------------------


@transaction.atomic
def objective_rate(*, objective: Objective, by, rag: str, explanation: str, version: int) -> Objective:
    """The chair sets the objective's overall rating and explains it; refused on a stale version."""
    if rag not in Rag.values:
        raise ValidationError({"rag": "Choose a rating."})
    if rag != Rag.NOT_RATED and not (explanation or "").strip():
        raise ValidationError({"explanation": "Explain the rating: what the actions and evidence show."})
    claim_version(Objective, objective, version)
    objective.refresh_from_db()
    objective.rag = rag
    objective.rag_explanation = (explanation or "").strip()
    objective.rag_set_by = by
    objective.rag_set_at = timezone.now()
    objective.save()
    return objective


@transaction.atomic
def chair_report_create(*, plan, subcommittee, meeting: Meeting, activity: str, outcomes: str, author) -> ChairReport:
    """Record a sub-committee's activity and outcome report for one meeting cycle."""
    if meeting.body_id != subcommittee.pk:
        raise ValidationError({"meeting": f"Choose a meeting of {subcommittee}."})
    if not (activity or "").strip():
        raise ValidationError({"activity": "Describe the activity this cycle."})
    if not (outcomes or "").strip():
        raise ValidationError({"outcomes": "Describe the outcomes, with the evidence of impact."})
    if ChairReport.objects.filter(plan=plan, subcommittee=subcommittee, meeting=meeting).exists():
        raise ValidationError({"meeting": "A report for this meeting cycle has already been recorded."})
    return ChairReport.objects.create(
        plan=plan,
        subcommittee=subcommittee,
        meeting=meeting,
        activity=activity.strip(),
        outcomes=outcomes.strip(),
        author=author,
    )


# --- meetings and attendance --------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, body, held_on: dt.date, expected_agencies, title: str = "", location: str = "") -> Meeting:
    """Create a meeting and the row of each member agency expected to attend."""
    agencies = list(expected_agencies)
    if not agencies:
        raise ValidationError({"expected_agencies": "Choose the member agencies expected to attend."})
    meeting = Meeting.objects.create(body=body, held_on=held_on, title=title, location=location)
    Attendance.objects.bulk_create([Attendance(meeting=meeting, agency=a) for a in agencies])
    return meeting


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, by, entries: dict[int, tuple[str, str]], version: int, today: dt.date | None = None
) -> Meeting:
    """Record attended / apologies (with any deputy) / absent for each expected agency.

    Refused for a meeting in the future, and when someone else saved the meeting meanwhile.
    """
    problem = rules.future_meeting_problem(meeting.held_on, today or timezone.localdate())
    if problem:
        raise ValidationError(problem)
    rows = {a.agency_id: a for a in meeting.attendance.all()}
    errors = {}
    for agency_id, (status, deputy) in entries.items():
        if agency_id not in rows:
            errors[f"agency_{agency_id}"] = "This agency is not expected at this meeting."
        elif status not in Attendance.Status.values:
            errors[f"agency_{agency_id}"] = "Choose attended, apologies or absent."
        elif deputy and status != Attendance.Status.APOLOGIES:
            errors[f"agency_{agency_id}"] = "A deputy is recorded only with apologies."
    if errors:
        raise ValidationError(errors)
    claim_version(Meeting, meeting, version)
    for agency_id, (status, deputy) in entries.items():
        row = rows[agency_id]
        if (row.status, row.deputy) != (status, deputy.strip()):
            row.status, row.deputy = status, deputy.strip()
            row.save()
    meeting.refresh_from_db()
    return meeting


# --- budget ------------------------------------------------------------------------------------


@transaction.atomic
def financial_year_get_or_create(*, start_year: int) -> FinancialYear:
    return FinancialYear.objects.get_or_create(start_year=start_year)[0]


@transaction.atomic
def contribution_set(
    *, year: FinancialYear, agency, agreed: Decimal, received: Decimal | None, note: str = ""
) -> Contribution:
    """Record an agency's agreed and received contribution. Received above agreed is allowed;
    the contribution then carries the "received more than agreed" flag."""
    if agreed is None or agreed < 0:
        raise ValidationError({"agreed": "Enter the amount agreed (0 or more)."})
    if received is not None and received < 0:
        raise ValidationError({"received": "The amount received cannot be negative."})
    contribution, _ = Contribution.objects.update_or_create(
        year=year, agency=agency, defaults={"agreed": agreed, "received": received, "note": note.strip()}
    )
    return contribution


@transaction.atomic
def expenditure_line_create(
    *, year: FinancialYear, category: str, budget: Decimal, actual: Decimal | None, description: str = ""
) -> ExpenditureLine:
    if budget is None or budget < 0:
        raise ValidationError({"budget": "Enter the budget (0 or more)."})
    if actual is not None and actual < 0:
        raise ValidationError({"actual": "Actual spend cannot be negative."})
    return ExpenditureLine.objects.create(
        year=year, category=category, budget=budget, actual=actual, description=description.strip()
    )


@transaction.atomic
def pressure_create(
    *, year: FinancialYear, agency, by, description: str, impact: str, risk_rating: str, mitigations: str
) -> BudgetPressure:
    """A partner agency reports a budget pressure that may harm safeguarding."""
    for field, value, message in (
        ("description", description, "Describe the pressure."),
        ("impact", impact, "Say how it may affect safeguarding."),
        ("mitigations", mitigations, "Say what is being done to reduce the risk."),
    ):
        if not (value or "").strip():
            raise ValidationError({field: message})
    return BudgetPressure.objects.create(
        year=year,
        agency=agency,
        reported_by=by,
        reported_on=timezone.localdate(),
        description=description.strip(),
        impact=impact.strip(),
        risk_rating=risk_rating,
        mitigations=mitigations.strip(),
    )


@transaction.atomic
def investment_create(
    *, year: FinancialYear, agency, by, description: str, amount: Decimal | None = None
) -> Investment:
    if not (description or "").strip():
        raise ValidationError({"description": "Describe the investment or improvement."})
    if amount is not None and amount < 0:
        raise ValidationError({"amount": "The amount cannot be negative."})
    return Investment.objects.create(
        year=year,
        agency=agency,
        reported_by=by,
        reported_on=timezone.localdate(),
        description=description.strip(),
        amount=amount,
    )


# --- training ----------------------------------------------------------------------------------


@transaction.atomic
def places_add(*, session: TrainingSession, agency, role: str, count: int = 1) -> list[TrainingPlace]:
    """Record who attended (agency and role); never more than the places the session had."""
    if count < 1:
        raise ValidationError({"count": "Enter at least 1."})
    taken = TrainingSession.objects.select_for_update().get(pk=session.pk).places_taken.count()
    if taken + count > session.places:
        raise ValidationError({"count": f"The session had {session.places} places and {taken} are already recorded."})
    return TrainingPlace.objects.bulk_create(
        [TrainingPlace(session=session, agency=agency, role=role) for _ in range(count)]
    )


def _check_scores(**scores: int) -> None:
    bad = {k: "Choose 1 to 5." for k, v in scores.items() if v not in rules.SCALE}
    if bad:
        raise ValidationError(bad)


@transaction.atomic
def evaluation_create(
    *,
    session: TrainingSession,
    confidence_before: int,
    confidence_after: int,
    usefulness: int,
    would_recommend: bool,
    comment: str = "",
    place: TrainingPlace | None = None,
) -> Evaluation:
    """An evaluation entered by the business unit, or through a place's one-time link (used once)."""
    _check_scores(confidence_before=confidence_before, confidence_after=confidence_after, usefulness=usefulness)
    if place is not None:
        place = TrainingPlace.objects.select_for_update().get(pk=place.pk)
        if Evaluation.objects.filter(place=place).exists():
            raise ValidationError("This evaluation link has already been used. Thank you.")
    return Evaluation.objects.create(
        session=session,
        place=place,
        confidence_before=confidence_before,
        confidence_after=confidence_after,
        usefulness=usefulness,
        would_recommend=would_recommend,
        comment=(comment or "").strip(),
    )


# --- members' rating --------------------------------------------------------------------------


@transaction.atomic
def survey_open(*, year: int, opened_on: dt.date | None = None) -> RatingSurvey:
    """Open the year's members' rating with the question bank kept as data."""
    if RatingSurvey.objects.filter(year=year).exists():
        raise ValidationError({"year": f"There is already a members' rating for {year}."})
    RatingSurvey.objects.filter(status=RatingSurvey.Status.OPEN).update(status=RatingSurvey.Status.CLOSED)
    survey = RatingSurvey.objects.create(
        year=year, title=f"Members' rating of the partnership {year}", opened_on=opened_on or timezone.localdate()
    )
    SurveyQuestion.objects.bulk_create(
        [
            SurveyQuestion(survey=survey, code=r["code"], order=int(r["order"]), text=r["text"])
            for r in rating_question_rows()
        ]
    )
    return survey


@transaction.atomic
def survey_close(*, survey: RatingSurvey) -> RatingSurvey:
    survey.status = RatingSurvey.Status.CLOSED
    survey.save()
    return survey


def is_member(user) -> bool:
    """Members of the partnership: a seat on the Partnership or a sub-committee, or a board role."""
    from partnership.access import BOARD, has_role

    return has_role(user, BOARD) or user.memberships.exists()


def survey_answer(*, survey: RatingSurvey, respondent, answers: dict[int, tuple[int, str]]) -> SurveyResponse:
    """A member answers once; a second answer is refused and the first one kept."""
    if survey.status != RatingSurvey.Status.OPEN:
        raise ValidationError("This survey is closed.")
    if not is_member(respondent):
        raise ValidationError("Only members of the partnership rate it.")
    questions = {q.pk: q for q in survey.questions.all()}
    missing = {
        f"q{pk}": "Choose a rating from 1 to 5."
        for pk in questions
        if answers.get(pk, (None, ""))[0] not in rules.SCALE
    }
    if missing:
        raise ValidationError(missing)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(survey=survey, respondent=respondent)
            SurveyAnswer.objects.bulk_create(
                [
                    SurveyAnswer(
                        response=response,
                        question=questions[pk],
                        score=answers[pk][0],
                        comment=(answers[pk][1] or "").strip(),
                    )
                    for pk in questions
                ]
            )
    except IntegrityError:
        raise ValidationError("You have already answered this survey; your first answer is kept.") from None
    return response


# --- practitioner feedback ---------------------------------------------------------------------


@transaction.atomic
def campaign_open(*, title: str, introduction: str = "", opened_on: dt.date | None = None) -> FeedbackCampaign:
    """Open a practitioner feedback campaign (closing any other) with the question bank kept as data."""
    if not (title or "").strip():
        raise ValidationError({"title": "Give the campaign a title."})
    FeedbackCampaign.objects.filter(is_open=True).update(is_open=False)
    campaign = FeedbackCampaign.objects.create(
        title=title.strip(), introduction=introduction, is_open=True, opened_on=opened_on or timezone.localdate()
    )
    FeedbackQuestion.objects.bulk_create(
        [
            FeedbackQuestion(campaign=campaign, order=int(r["order"]), theme=r["theme"], text=r["text"], kind=r["kind"])
            for r in feedback_question_rows()
        ]
    )
    return campaign


@transaction.atomic
def campaign_close(*, campaign: FeedbackCampaign) -> FeedbackCampaign:
    campaign.is_open = False
    campaign.save()
    return campaign


@transaction.atomic
def feedback_submit(
    *, campaign: FeedbackCampaign, agency_kind: str, role: str, answers: dict[int, tuple[int | None, str]]
) -> FeedbackResponse:
    """Store one anonymous practitioner's answers (agency type and role only)."""
    if not campaign.is_open:
        raise ValidationError("This feedback campaign has closed.")
    questions = list(campaign.questions.all())
    errors = {}
    for q in questions:
        score, text = answers.get(q.pk, (None, ""))
        if q.kind == FeedbackQuestion.Kind.SCALE and score not in rules.SCALE:
            errors[f"q{q.pk}"] = "Choose from 1 to 5."
    if errors:
        raise ValidationError(errors)
    response = FeedbackResponse.objects.create(campaign=campaign, agency_kind=agency_kind, role=role)
    FeedbackAnswer.objects.bulk_create(
        [
            FeedbackAnswer(
                response=response,
                question=q,
                score=answers.get(q.pk, (None, ""))[0],
                text=(answers.get(q.pk, (None, ""))[1] or "").strip()[:2000],
            )
            for q in questions
        ]
    )
    return response


# --- reports through PAQA ----------------------------------------------------------------------


def _check_file(file) -> str:
    """Refuse oversize files and types other than documents, judged by content; return the type."""
    return uploads.check_upload(file, "document", field="file").extension


def _attach(report: RoutedReport, file) -> None:
    extension = _check_file(file)
    report.original_name = (getattr(file, "name", "") or "report")[:255]
    report.file.save(f"report-{report.pk}.{extension}", file, save=False)


def _event(report: RoutedReport, by, note: str = "") -> None:
    ReportEvent.objects.create(report=report, status=report.status, by=by, note=note)


@transaction.atomic
def report_receive(
    *, title: str, author, source_kind: str, received_on: dt.date, source_label: str = "", file=None
) -> RoutedReport:
    """Receive a report at PAQA (from any strand or uploaded). `author` is a user or a name.

    Every report reaches the Partnership only through PAQA's decision (`report_decide`).
    """
    from governance.models.reports import SourceKind

    if not (title or "").strip():
        raise ValidationError({"title": "Give the report a title."})
    if source_kind not in SourceKind.values:
        raise ValidationError({"source_kind": "Choose where the report comes from."})
    user = author if hasattr(author, "pk") else None
    name = str(author) if author else ""
    if not name.strip():
        raise ValidationError({"author": "Say who wrote the report."})
    report = RoutedReport.objects.create(
        title=title.strip(),
        author=user,
        author_name=name.strip()[:200],
        source_kind=source_kind,
        source_label=source_label[:300],
        received_on=received_on,
        status=RoutedReport.Status.RECEIVED,
    )
    if file is not None:
        _attach(report, file)
        report.save()
    _event(
        report, user, f"Received from {report.get_source_kind_display()}{': ' + source_label if source_label else ''}"
    )
    return report


@transaction.atomic
def report_send(*, candidate, by, note: str = "", file=None) -> RoutedReport:
    """A strand sends one of its reports to PAQA from where it lives (`candidate` is a
    partnership.registry.ReportCandidate the sender may send).

    Sent once: while PAQA has it, or once decided, sending again is refused. A report PAQA
    returned for more work goes back as a new version of the same report, its trail kept.
    """
    earlier = (
        RoutedReport.objects.select_for_update()
        .filter(source_kind=candidate.kind, source_ref=candidate.ref)
        .order_by("-pk")
        .first()
    )
    if earlier is not None and earlier.status != RoutedReport.Status.RETURNED:
        raise ValidationError(
            f"This report was already sent to PAQA on {earlier.received_on:%-d %b %Y}: "
            f"{earlier.get_status_display().lower()}."
        )
    if earlier is not None:
        earlier.summary = candidate.headline()
        earlier.save(update_fields=["summary"])
        return report_submit(report=earlier, by=by, file=file, note=note or "Sent again after more work")
    report = report_receive(
        title=candidate.title,
        author=by,
        source_kind=candidate.kind,
        received_on=timezone.localdate(),
        source_label=candidate.source_label,
        file=file,
    )
    report.source_ref = candidate.ref
    report.source_url = candidate.url
    report.summary = candidate.headline()
    report.save(update_fields=["source_ref", "source_url", "summary"])
    if note.strip():
        _event(report, by, note.strip())
    return report


@transaction.atomic
def report_request(*, title: str, owner, due_on: dt.date, requested_by, note: str = "") -> RoutedReport:
    """The Partnership asks for a report: it is due from its owner until received by PAQA."""
    if not (title or "").strip():
        raise ValidationError({"title": "Say which report is requested."})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": "The due date cannot be in the past."})
    report = RoutedReport.objects.create(
        title=title.strip(),
        owner=owner,
        author=owner,
        author_name=str(owner),
        due_on=due_on,
        source_kind="subcommittee",
        status=RoutedReport.Status.REQUESTED,
    )
    _event(report, requested_by, note or f"Requested from {owner}, due {due_on:%-d %b %Y}")
    return report


@transaction.atomic
def report_submit(
    *, report: RoutedReport, by, file=None, note: str = "", received_on: dt.date | None = None
) -> RoutedReport:
    """A requested (or returned) report is handed to PAQA."""
    problem = rules.routing_problem(report.status, rules.RECEIVED)
    if problem:
        raise ValidationError(problem)
    report = RoutedReport.objects.select_for_update().get(pk=report.pk)
    report.status = RoutedReport.Status.RECEIVED
    report.received_on = received_on or timezone.localdate()
    if file is not None:
        _attach(report, file)
    report.version += 1
    report.save()
    _event(report, by, note)
    return report


@transaction.atomic
def report_decide(
    *, report: RoutedReport, by, decision: str, version: int, meeting: Meeting | None = None, reasons: str = ""
) -> RoutedReport:
    """PAQA's decision: tabled for the Partnership at a chosen meeting, circulated for
    information only, or returned with reasons."""
    problem = rules.routing_problem(report.status, decision, meeting_chosen=meeting is not None, reasons=reasons)
    if problem:
        raise ValidationError(problem)
    if decision == rules.TABLED and meeting.body.code != "partnership":
        raise ValidationError({"meeting": "Reports are tabled at a meeting of the Partnership."})
    claim_version(RoutedReport, report, version)
    report.refresh_from_db()
    report.status = decision
    report.meeting = meeting if decision == rules.TABLED else None
    report.decision_reasons = (reasons or "").strip()
    report.save()
    if decision == rules.TABLED:
        note = f"Tabled for the Partnership on {meeting.held_on:%-d %b %Y}"
    elif decision == rules.CIRCULATED:
        note = "Circulated for information only"
    else:
        note = "Returned"
    if report.decision_reasons:
        note = f"{note}: {report.decision_reasons}"
    _event(report, by, note)
    return report
