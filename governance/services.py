"""Writes for partnership performance (business plan, meetings, budget, training against the
partnership's standards, workforce returns): keyword-only, atomic, raising ValidationError with
clear messages; history is recorded by simple-history in the same transaction. The members' rating
and practitioner feedback are written by `voice_services`, reports routed through PAQA by
`report_services`."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bscp_portal.lib.concurrency import claim_version
from bscp_portal.lib.records import required_text
from governance import rules
from governance.models import (
    Attendance,
    BudgetPressure,
    ChairReport,
    ChairsDecision,
    ChairsMeeting,
    Contribution,
    Course,
    CourseAssessment,
    CriterionAnswer,
    Evaluation,
    ExpenditureLine,
    FinancialYear,
    Investment,
    Meeting,
    Objective,
    PracticeFollowUp,
    StandardCriterion,
    TrainingPlace,
    TrainingSession,
    WorkforceReturn,
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
    activity = required_text(activity, "activity", "Describe the activity this cycle.")
    outcomes = required_text(outcomes, "outcomes", "Describe the outcomes, with the evidence of impact.")
    if ChairReport.objects.filter(plan=plan, subcommittee=subcommittee, meeting=meeting).exists():
        raise ValidationError({"meeting": "A report for this meeting cycle has already been recorded."})
    return ChairReport.objects.create(
        plan=plan,
        subcommittee=subcommittee,
        meeting=meeting,
        activity=activity,
        outcomes=outcomes,
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


def _agency_report(model, year: FinancialYear, agency, by, **fields):
    """What a partner agency reports for a year, signed by who reported it and dated today."""
    return model.objects.create(year=year, agency=agency, reported_by=by, reported_on=timezone.localdate(), **fields)


@transaction.atomic
def pressure_create(
    *, year: FinancialYear, agency, by, description: str, impact: str, risk_rating: str, mitigations: str
) -> BudgetPressure:
    """A partner agency reports a budget pressure that may harm safeguarding."""
    description = required_text(description, "description", "Describe the pressure.")
    impact = required_text(impact, "impact", "Say how it may affect safeguarding.")
    mitigations = required_text(mitigations, "mitigations", "Say what is being done to reduce the risk.")
    return _agency_report(
        BudgetPressure,
        year,
        agency,
        by,
        description=description,
        impact=impact,
        risk_rating=risk_rating,
        mitigations=mitigations,
    )


@transaction.atomic
def investment_create(
    *, year: FinancialYear, agency, by, description: str, amount: Decimal | None = None
) -> Investment:
    description = required_text(description, "description", "Describe the investment or improvement.")
    if amount is not None and amount < 0:
        raise ValidationError({"amount": "The amount cannot be negative."})
    return _agency_report(Investment, year, agency, by, description=description, amount=amount)


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


def _check_answers(answers: dict[int, bool] | None, stage: str) -> list[StandardCriterion]:
    """Every criterion judged at this stage answered yes or no, and nothing else."""
    criteria = list(StandardCriterion.objects.filter(stage=stage))
    answers = answers or {}
    wanted = {c.pk for c in criteria}
    errors = {f"criterion_{c.pk}": "Answer yes or no." for c in criteria if answers.get(c.pk) not in (True, False)}
    if set(answers) - wanted:
        errors["__all__"] = "An answer was given to a question this form does not ask."
    if errors:
        raise ValidationError(errors)
    return criteria


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
    answers: dict[int, bool] | None = None,
) -> Evaluation:
    """An end-of-course evaluation entered by the business unit, or through a place's one-time
    link (used once), with a yes or no for each end-of-course criterion of the training standards."""
    _check_scores(confidence_before=confidence_before, confidence_after=confidence_after, usefulness=usefulness)
    return _answered_once(
        Evaluation,
        answers,
        session=session,
        place=place,
        confidence_before=confidence_before,
        confidence_after=confidence_after,
        usefulness=usefulness,
        would_recommend=would_recommend,
        comment=(comment or "").strip(),
    )


@transaction.atomic
def follow_up_create(
    *,
    session: TrainingSession,
    answers: dict[int, bool],
    example: str = "",
    place: TrainingPlace | None = None,
    today: dt.date | None = None,
) -> PracticeFollowUp:
    """The 3-month follow-up on impact on practice: not before three months after the course;
    through a place's link once, or entered by the business unit from a paper form."""
    problem = rules.follow_up_problem(session.held_on, today or timezone.localdate())
    if problem:
        raise ValidationError(problem)
    return _answered_once(PracticeFollowUp, answers, session=session, place=place, example=(example or "").strip())


#: What a course's evaluation and its follow-up each answer: the criteria of which stage of the
#: training standards, what a criterion's answer calls the record, and what its one-time link is called.
ANSWERED = {
    Evaluation: (StandardCriterion.Stage.END, "evaluation", "evaluation"),
    PracticeFollowUp: (StandardCriterion.Stage.FOLLOW_UP, "follow_up", "follow-up"),
}


def _answered_once(model, answers: dict[int, bool] | None, *, place, **fields):
    """A course's evaluation or follow-up (`model`) with a yes or no for each criterion of its stage
    of the training standards: through a place's one-time link once (refused the second time), or
    entered by the business unit."""
    stage, answer_to, link = ANSWERED[model]
    criteria = _check_answers(answers, stage)
    if place is not None:
        place = TrainingPlace.objects.select_for_update().get(pk=place.pk)
        if model.objects.filter(place=place).exists():
            raise ValidationError(f"This {link} link has already been used. Thank you.")
    record = model.objects.create(place=place, **fields)
    CriterionAnswer.objects.bulk_create(
        [CriterionAnswer(criterion=c, met=answers[c.pk], **{answer_to: record}) for c in criteria]
    )
    return record


@transaction.atomic
def course_assess(
    *, course: Course, by, judgements: dict[int, tuple[bool, str]], today: dt.date | None = None
) -> list[CourseAssessment]:
    """The business unit judges a course against each design criterion of the training standards;
    a criterion not met says what is missing. A second assessment replaces the first (history kept)."""
    criteria = list(StandardCriterion.objects.filter(stage=StandardCriterion.Stage.COURSE))
    errors = {}
    for c in criteria:
        met, note = judgements.get(c.pk, (None, ""))
        if met not in (True, False):
            errors[f"met_{c.pk}"] = "Choose met or not met."
        elif not met and not (note or "").strip():
            errors[f"note_{c.pk}"] = "Say what is missing for this criterion to be met."
    if errors:
        raise ValidationError(errors)
    day = today or timezone.localdate()
    saved = []
    for c in criteria:
        met, note = judgements[c.pk]
        row, _ = CourseAssessment.objects.update_or_create(
            course=course,
            criterion=c,
            defaults={"met": met, "note": (note or "").strip(), "assessed_by": by, "assessed_on": day},
        )
        saved.append(row)
    return saved


# --- workforce ---------------------------------------------------------------------------------


@transaction.atomic
def workforce_return_save(*, agency, year: int, by, note: str = "", **figures: int) -> WorkforceReturn:
    """An agency's workforce figures for a year: created, or corrected (history kept). `figures`
    are the five `rules.workforce_problems` takes and checks (staff in contact, trained,
    safeguarding posts, vacancies, leavers)."""
    problems = rules.workforce_problems(**figures)
    if problems:
        raise ValidationError(problems)
    row, _ = WorkforceReturn.objects.update_or_create(
        agency=agency, year=year, defaults={**figures, "note": (note or "").strip(), "entered_by": by}
    )
    return row


# --- the chair's meetings with sub-committee chairs -----------------------------------------------


@transaction.atomic
def chairs_meeting_record(
    *,
    held_on: dt.date,
    by,
    attendees,
    decisions: list[str],
    others_present: str = "",
    notes: str = "",
    today: dt.date | None = None,
) -> ChairsMeeting:
    """Record a meeting that has taken place: who attended and each decision taken (one a line).
    The actions agreed are added afterwards as SMART actions with the meeting as their source."""
    errors = {}
    if held_on > (today or timezone.localdate()):
        errors["held_on"] = "This meeting has not taken place yet: record it on or after the day."
    attendees = list(attendees)
    if not attendees:
        errors["attendees"] = "Choose who attended."
    lines = [line.strip() for line in decisions if line.strip()]
    if not lines:
        errors["decisions"] = "Record the decisions taken, one a line."
    elif any(len(line) > 500 for line in lines):
        errors["decisions"] = "Keep each decision to 500 characters or fewer; put the detail in the notes."
    if errors:
        raise ValidationError(errors)
    meeting = ChairsMeeting.objects.create(
        held_on=held_on, recorded_by=by, others_present=others_present.strip(), notes=notes.strip()
    )
    meeting.attendees.set(attendees)
    for order, line in enumerate(lines, start=1):
        ChairsDecision.objects.create(meeting=meeting, text=line, order=order)
    return meeting
