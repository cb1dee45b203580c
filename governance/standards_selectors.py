"""Reads for the partnership's own standards (training courses, evaluations and 3-month
follow-ups judged against them) and for workforce returns. Each starts from `for_user(user)`."""

import datetime as dt

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from bscp_portal.lib import periods
from bscp_portal.lib.suppression import NOT_APPLICABLE, SUPPRESSED, build_table, percentage
from governance import rules
from governance.models import (
    Course,
    CourseAssessment,
    CriterionAnswer,
    Evaluation,
    OutputStandard,
    PracticeFollowUp,
    StandardCriterion,
    TrainingPlace,
    TrainingSession,
    WorkforceReturn,
)
from partnership.access import sees_all_agencies

Stage = StandardCriterion.Stage
ANSWERED_STAGES = (Stage.END, Stage.FOLLOW_UP)


def standards(*, user) -> list[OutputStandard]:
    """The partnership's output standards with their criteria, in order. Two queries."""
    return list(OutputStandard.objects.for_user(user).prefetch_related("criteria"))


def criteria_for(*, user, stage: str) -> list[StandardCriterion]:
    return list(StandardCriterion.objects.for_user(user).filter(stage=stage))


def stage_figures(*, user, sessions: QuerySet[TrainingSession]) -> list[dict]:
    """For the given sessions, each evaluation point (end of course, 3 months): responses, people
    who attended, the response rate, and for each criterion asked there how many answered, how
    many said it was met and the share meeting it. Five queries, however many sessions."""
    sessions = sessions.values("pk")
    attended = TrainingPlace.objects.filter(session__in=sessions, attended=True).count()
    responses = {
        Stage.END: Evaluation.objects.for_user(user).filter(session__in=sessions).count(),
        Stage.FOLLOW_UP: PracticeFollowUp.objects.for_user(user).filter(session__in=sessions).count(),
    }
    counts = {
        row["criterion"]: row
        for row in CriterionAnswer.objects.for_user(user)
        .filter(Q(evaluation__session__in=sessions) | Q(follow_up__session__in=sessions))
        .values("criterion")
        .annotate(answered=Count("pk"), met=Count("pk", filter=Q(met=True)))
    }
    criteria = StandardCriterion.objects.for_user(user).filter(stage__in=ANSWERED_STAGES)
    out = []
    for stage in ANSWERED_STAGES:
        rows = []
        for c in criteria:
            if c.stage != stage:
                continue
            found = counts.get(c.pk, {"answered": 0, "met": 0})
            rows.append(
                {
                    "criterion": c,
                    "answered": found["answered"],
                    "met": found["met"],
                    "share": rules.criterion_share(found["met"], found["answered"]),
                }
            )
        out.append(
            {
                "stage": stage,
                "label": Stage(stage).label,
                "responses": responses[stage],
                "attended": attended,
                "rate": rules.response_rate(responses[stage], attended),
                "rows": rows,
            }
        )
    return out


def course_assessment(*, user, course: Course) -> list[dict]:
    """Each design criterion with the course's judgement against it, if made. Two queries."""
    judged = {a.criterion_id: a for a in CourseAssessment.objects.for_user(user).filter(course=course)}
    return [
        {"criterion": c, "assessment": judged.get(c.pk)}
        for c in StandardCriterion.objects.for_user(user).filter(stage=Stage.COURSE)
    ]


def course_scores(*, user) -> list[dict]:
    """Every course with how many design criteria it meets of those judged. Two queries."""
    total = StandardCriterion.objects.for_user(user).filter(stage=Stage.COURSE).count()
    courses = Course.objects.for_user(user).annotate(
        judged=Count("assessments", distinct=True),
        met=Count("assessments", filter=Q(assessments__met=True), distinct=True),
    )
    return [{"course": c, "judged": c.judged, "met": c.met, "criteria": total} for c in courses]


def sessions_in_year(*, user, start_year: int) -> QuerySet[TrainingSession]:
    first, last = periods.FinancialYear(start_year).dates
    return TrainingSession.objects.for_user(user).filter(held_on__range=(first, last))


def follow_ups_due(*, today: dt.date, window_days: int = 14) -> QuerySet[TrainingSession]:
    """Sessions whose 3-month follow-up fell due in the last `window_days` days and has no
    answers yet, with people who attended: the business unit is reminded to send the links."""
    earliest = rules.add_months(today - dt.timedelta(days=window_days), -rules.FOLLOW_UP_MONTHS)
    latest = rules.add_months(today, -rules.FOLLOW_UP_MONTHS)
    return (
        TrainingSession.objects.filter(held_on__range=(earliest, latest), places_taken__attended=True)
        .exclude(follow_ups__isnull=False)
        .select_related("course")
        .distinct()
        .order_by("held_on", "pk")
    )


# --- workforce ---------------------------------------------------------------------------------

WORKFORCE_COUNTS = ("staff_in_contact", "trained", "safeguarding_posts", "vacancies", "leavers")


def workforce_returns(*, user) -> QuerySet[WorkforceReturn]:
    return WorkforceReturn.objects.for_user(user).select_related("agency", "entered_by")


def workforce_years(*, user) -> list[int]:
    return sorted(set(WorkforceReturn.objects.for_user(user).values_list("year", flat=True)), reverse=True)


def _percent_text(numerator, denominator) -> str:
    """ "45.0%", or the symbol alone: "c" (built on a hidden count), "z" (nothing to divide by)."""
    value = percentage(numerator, denominator)
    return value if value in (SUPPRESSED, NOT_APPLICABLE) else f"{value}%"


def workforce_summary(*, user, year: int) -> dict:
    """One year's returns by agency. A user who sees every agency (PAQA, business unit, board)
    gets the partnership table: small counts (1 to SUPPRESSION_MAX) shown as "c", with secondary
    suppression so that no hidden count can be worked out from the partnership total, and any
    rate built on a hidden count hidden too. Anyone else sees their own agency's figures as
    entered. One query."""
    rows = list(workforce_returns(user=user).filter(year=year).order_by("agency__name"))
    suppress = sees_all_agencies(user)
    max_small = getattr(settings, "SUPPRESSION_MAX", 5)
    columns = {}
    totals = {}
    for name in WORKFORCE_COUNTS:
        if not rows:
            columns[name], totals[name] = [], 0
            continue
        table = build_table([[getattr(r, name)] for r in rows], suppress=suppress, max_small=max_small)
        columns[name] = [cells[0] for cells in table.rows]
        totals[name] = table.col_totals[0]

    def rates(values: dict) -> dict:
        return {name: _percent_text(values[top], values[base]) for name, (top, base) in rules.WORKFORCE_RATES.items()}

    lines = []
    for i, r in enumerate(rows):
        values = {name: columns[name][i] for name in WORKFORCE_COUNTS}
        lines.append({"return": r, "agency": r.agency, **values, **rates(values)})
    return {
        "year": year,
        "label": periods.year_label(year),
        "rows": lines,
        "total": {**totals, **rates(totals)} if rows and suppress else None,
        "suppressed": suppress and any(v == SUPPRESSED for line in lines for v in line.values()),
    }


# --- the chair's meetings with sub-committee chairs -----------------------------------------------


def chairs_meetings(*, user) -> QuerySet:
    """The chair's meetings, latest first, with who attended and the decisions. Three queries."""
    from governance.models import ChairsMeeting

    return ChairsMeeting.objects.for_user(user).prefetch_related("attendees", "decisions")


def chairs_meeting_people() -> QuerySet:
    """Who may be recorded as attending: sub-committee chairs and Partnership board members."""
    from partnership.models import User

    return (
        User.objects.filter(is_active=True)
        .filter(Q(memberships__is_chair=True) | Q(memberships__subcommittee__code="partnership"))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
