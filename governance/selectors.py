"""Reads for partnership performance: every list, export and chart starts from `for_user(user)`.

Dashboards aggregate in the database (a fixed number of queries whatever the years or agencies).
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from actions.models import Action
from actions.selectors import action_list
from bscp_portal.lib import periods
from bscp_portal.lib.rounding import mean_of
from governance import access, rules
from governance.models import (
    Attendance,
    BudgetPressure,
    ChairReport,
    Contribution,
    Evaluation,
    ExpenditureLine,
    FeedbackAnswer,
    FeedbackResponse,
    FinancialYear,
    Investment,
    Meeting,
    Objective,
    Plan,
    QuorumRule,
    RatingSurvey,
    RoutedReport,
    SurveyAnswer,
    TrainingPlace,
)
from partnership.models import SubCommittee


def attendance_threshold() -> int:
    return int(getattr(settings, "GOVERNANCE_ATTENDANCE_THRESHOLD_PCT", 75))


def survey_minimum() -> int:
    return int(getattr(settings, "GOVERNANCE_SURVEY_MIN_RESPONSES", 5))


REPRESENTED = Q(status=rules.ATTENDED) | (Q(status=rules.APOLOGIES) & ~Q(deputy=""))
RECORDED = Q(status__in=rules.RECORDED_STATUSES)


# --- business plan --------------------------------------------------------------------------


def current_plan(*, user, today: dt.date | None = None) -> Plan | None:
    today = today or timezone.localdate()
    plans = Plan.objects.for_user(user)
    return plans.filter(starts_on__lte=today, ends_on__gte=today).first() or plans.first()


def plan_view(*, plan: Plan, user) -> dict:
    """Each objective with its actions' progress and outcome evidence, grouped by priority.

    Queries: objectives (with priority and sub-committee); the visible actions of all the
    plan's objectives; the chair reports of the plan.
    """
    objectives = list(
        Objective.objects.for_user(user)
        .filter(priority__plan=plan)
        .select_related("priority", "subcommittee", "rag_set_by")
    )
    ct = ContentType.objects.get_for_model(Objective)
    by_objective: dict[int, list[Action]] = defaultdict(list)
    actions = (
        action_list(user=user)
        .filter(source_type=ct, source_id__in=[o.pk for o in objectives])
        .order_by("due_date", "pk")
    )
    for action in actions:
        by_objective[action.source_id].append(action)
    today = timezone.localdate()
    reports = list(
        ChairReport.objects.for_user(user).filter(plan=plan).select_related("meeting", "subcommittee", "author")
    )
    reports_by_committee: dict[int, list[ChairReport]] = defaultdict(list)
    for report in reports:
        reports_by_committee[report.subcommittee_id].append(report)
    priorities: dict[int, dict] = {}
    for o in objectives:
        acts = by_objective[o.pk]
        total = len(acts)
        complete = sum(1 for a in acts if a.status == Action.Status.COMPLETE)
        open_total = sum(1 for a in acts if a.status in ("not_started", "in_progress"))
        o.progress = {
            "total": total,
            "complete": complete,
            "in_progress": sum(1 for a in acts if a.status == Action.Status.IN_PROGRESS),
            "not_started": sum(1 for a in acts if a.status == Action.Status.NOT_STARTED),
            "overdue": sum(1 for a in acts if a.is_overdue(today)),
            "open": open_total,
            "percent": rules.percent(complete, total),
        }
        o.evidence = [a for a in acts if a.status == Action.Status.COMPLETE and a.completion_evidence]
        o.latest_reports = reports_by_committee[o.subcommittee_id][:2]
        entry = priorities.setdefault(o.priority_id, {"priority": o.priority, "objectives": []})
        entry["objectives"].append(o)
    counts = {r: sum(1 for o in objectives if o.rag == r) for r in ("GREEN", "AMBER", "RED", "NOT_RATED")}
    return {
        "priorities": list(priorities.values()),
        "rag_counts": counts,
        "chair_reports": reports[:10],
        "objectives": objectives,
    }


# --- attendance ----------------------------------------------------------------------------


def reportable_committees(*, user) -> list[SubCommittee]:
    """The sub-committees the user may record an activity report for: every one for the business
    unit, the ones they chair for a chair, none for anyone else."""
    committees = list(SubCommittee.objects.all())
    return [c for c in committees if access.can_report_for(user, c.pk)]


def meeting_list(*, user, body_code: str = "", year: int | None = None) -> QuerySet[Meeting]:
    qs = (
        Meeting.objects.for_user(user)
        .select_related("body")
        .annotate(
            expected=Count("attendance"),
            represented=Count(
                "attendance",
                filter=Q(attendance__status=rules.ATTENDED)
                | (Q(attendance__status=rules.APOLOGIES) & ~Q(attendance__deputy="")),
            ),
            recorded=Count("attendance", filter=Q(attendance__status__in=rules.RECORDED_STATUSES)),
        )
    )
    if body_code:
        qs = qs.filter(body__code=body_code)
    if year:
        qs = qs.filter(held_on__year=year)
    return qs


def meeting_attendance(*, meeting: Meeting, user) -> list[Attendance]:
    return list(Attendance.objects.for_user(user).filter(meeting=meeting).select_related("agency"))


def meeting_quorum(*, meeting: Meeting) -> dict:
    """Whether the meeting was quorate under its body's rule (all expected rows, not only visible ones)."""
    rows = list(
        meeting.attendance.select_related("agency").only(
            "status", "deputy", "agency__name", "agency__statutory_partner"
        )
    )
    rule = QuorumRule.objects.filter(code=meeting.body.code).first()
    recorded = any(r.status in rules.RECORDED_STATUSES for r in rows)
    represented = [r for r in rows if rules.is_represented(r.status, r.deputy)]
    if rule is None or not recorded:
        return {"rule": rule, "quorate": None, "represented": len(represented), "expected": len(rows)}
    return {
        "rule": rule,
        "represented": len(represented),
        "expected": len(rows),
        "statutory_missing": [
            r.agency.name for r in rows if r.agency.statutory_partner and not rules.is_represented(r.status, r.deputy)
        ],
        "quorate": rules.is_quorate(
            represented=len(represented),
            expected=len(rows),
            min_agencies=rule.min_agencies,
            min_percent=rule.min_percent,
            statutory_required=rule.statutory_partners_required,
            statutory_represented=sum(1 for r in represented if r.agency.statutory_partner),
            statutory_expected=sum(1 for r in rows if r.agency.statutory_partner),
        ),
    }


def attendance_dashboard(*, user, today: dt.date | None = None) -> dict:
    """Rates per agency and per body by calendar year, and agencies below the threshold over the
    last 12 months. Three aggregate queries, whatever the number of meetings or agencies."""
    today = today or timezone.localdate()
    visible = Attendance.objects.for_user(user).filter(RECORDED, meeting__held_on__lte=today)
    # Query 1: per agency per year.
    per_agency = (
        visible.annotate(year=ExtractYear("meeting__held_on"))
        .values("agency_id", "agency__name", "year")
        .annotate(total=Count("pk"), represented=Count("pk", filter=REPRESENTED))
        .order_by("agency__name", "year")
    )
    # Query 2: per body per year.
    per_body = (
        visible.annotate(year=ExtractYear("meeting__held_on"))
        .values("meeting__body__name", "year")
        .annotate(total=Count("pk"), represented=Count("pk", filter=REPRESENTED))
        .order_by("meeting__body__name", "year")
    )
    years = sorted({r["year"] for r in per_agency} | {r["year"] for r in per_body})
    agencies: dict[int, dict] = {}
    for r in per_agency:
        row = agencies.setdefault(r["agency_id"], {"name": r["agency__name"], "rates": {}})
        row["rates"][r["year"]] = rules.percent(r["represented"], r["total"])
    bodies: dict[str, dict] = {}
    for r in per_body:
        bodies.setdefault(r["meeting__body__name"], {})[r["year"]] = rules.percent(r["represented"], r["total"])
    # Query 3: per agency over the last 12 months (the flag).
    recent = recent_attendance(user=user, today=today)
    for row in agencies.values():
        row["cells"] = [row["rates"].get(y) for y in years]
    return {
        "years": years,
        "agencies": list(agencies.values()),
        "bodies": [{"name": k, "cells": [v.get(y) for y in years], "rates": v} for k, v in bodies.items()],
        **recent,
    }


def recent_attendance(*, user, today: dt.date | None = None) -> dict:
    """Each agency's attendance over the last 12 months and those below the threshold, as
    attendance_dashboard gives them (one aggregate query): {"recent": [{agency_id, name, rate,
    meetings, flagged}], "flagged", "threshold", "since"}."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=365)
    threshold = attendance_threshold()
    rows = []
    for r in (
        Attendance.objects.for_user(user)
        .filter(RECORDED, meeting__held_on__lte=today, meeting__held_on__gt=since)
        .values("agency_id", "agency__name")
        .annotate(total=Count("pk"), represented=Count("pk", filter=REPRESENTED))
        .order_by("agency__name")
    ):
        rate = rules.percent(r["represented"], r["total"])
        rows.append(
            {
                "agency_id": r["agency_id"],
                "name": r["agency__name"],
                "rate": rate,
                "meetings": r["total"],
                "flagged": rules.below_threshold(rate, threshold),
            }
        )
    return {"recent": rows, "flagged": [r for r in rows if r["flagged"]], "threshold": threshold, "since": since}


# --- budget --------------------------------------------------------------------------------


def budget_year(*, year: FinancialYear, user) -> dict:
    """One financial year: contributions (visible agencies), expenditure with variance, pressures
    and investments. Five queries."""
    contributions = list(Contribution.objects.for_user(user).filter(year=year).select_related("agency"))
    lines = list(ExpenditureLine.objects.for_user(user).filter(year=year))
    pressures = list(BudgetPressure.objects.for_user(user).filter(year=year).select_related("agency"))
    investments = list(Investment.objects.for_user(user).filter(year=year).select_related("agency"))
    totals = Contribution.objects.filter(year=year).aggregate(agreed=Sum("agreed"), received=Sum("received"))
    budget_total = sum((line.budget for line in lines), Decimal(0))
    actual_lines = [line.actual for line in lines if line.actual is not None]
    actual_total = sum(actual_lines, Decimal(0)) if actual_lines else None
    return {
        "contributions": contributions,
        "over_received": [c for c in contributions if c.flag == rules.OVER_RECEIVED],
        "lines": lines,
        "pressures": pressures,
        "investments": investments,
        "partnership_agreed": totals["agreed"],
        "partnership_received": totals["received"],
        "budget_total": budget_total if lines else None,
        "actual_total": actual_total,
        "total_variance": rules.variance(budget_total, actual_total) if lines else None,
    }


def budget_trend(*, user) -> list[dict]:
    """Budget and actual per financial year (partnership-wide figures). One query."""
    rows = (
        ExpenditureLine.objects.for_user(user)
        .values("year__start_year")
        .annotate(budget=Sum("budget"), actual=Sum("actual"))
        .order_by("year__start_year")
    )
    return [
        {
            "label": periods.year_label(r["year__start_year"]),
            "budget": r["budget"],
            "actual": r["actual"],
            "variance": rules.variance(r["budget"], r["actual"]),
        }
        for r in rows
    ]


# --- training ------------------------------------------------------------------------------


def training_reach(*, user) -> dict:
    """Places taken per agency per year (visible agencies only). One query."""
    rows = (
        TrainingPlace.objects.for_user(user)
        .filter(attended=True)
        .annotate(year=ExtractYear("session__held_on"))
        .values("agency__name", "year")
        .annotate(n=Count("pk"))
        .order_by("agency__name", "year")
    )
    years = sorted({r["year"] for r in rows})
    agencies: dict[str, dict] = {}
    for r in rows:
        agencies.setdefault(r["agency__name"], {})[r["year"]] = r["n"]
    return {
        "years": years,
        "rows": [
            {"name": k, "cells": [v.get(y, 0) for y in years], "total": sum(v.values())} for k, v in agencies.items()
        ],
    }


def training_quality(*, user) -> list[dict]:
    """Evaluations per year: mean usefulness, mean confidence gain, share who would recommend.
    Evaluations are anonymous and partnership-wide. One query."""
    rows = (
        Evaluation.objects.for_user(user)
        .annotate(year=ExtractYear("session__held_on"))
        .values("year")
        .annotate(
            n=Count("pk"),
            usefulness=Sum("usefulness"),
            before=Sum("confidence_before"),
            after=Sum("confidence_after"),
            recommend=Count("pk", filter=Q(would_recommend=True)),
        )
        .order_by("year")
    )
    out = []
    for r in rows:
        n = r["n"]
        out.append(
            {
                "year": r["year"],
                "n": n,
                "usefulness": mean_of(r["usefulness"], n),
                "gain": mean_of(r["after"] - r["before"], n),
                "recommend_pct": rules.percent(r["recommend"], n),
            }
        )
    return out


def training_places(*, user) -> QuerySet[TrainingPlace]:
    return (
        TrainingPlace.objects.for_user(user)
        .select_related("session__course", "agency")
        .order_by("-session__held_on", "agency__name", "pk")
    )


# --- members' rating --------------------------------------------------------------------------


def survey_results(*, survey: RatingSurvey) -> dict:
    """Distribution and mean per question, and the change against last year's survey — shown
    only when at least the minimum number of members answered (this year and last)."""
    minimum = survey_minimum()
    responses = survey.responses.count()
    result = {
        "responses": responses,
        "minimum": minimum,
        "visible": rules.results_visible(responses, minimum),
        "questions": [],
    }
    if not result["visible"]:
        return result
    last = RatingSurvey.objects.filter(year=survey.year - 1).annotate(n=Count("responses")).first()
    last_means: dict[str, Decimal | None] = {}
    if last is not None and rules.results_visible(last.n, minimum):
        last_means = _means_by_code(last)
    counts = _counts_by_question(survey)
    for q in survey.questions.all():
        dist = counts.get(q.pk, rules.distribution([]))
        mean = rules.mean_score(dist)
        result["questions"].append(
            {
                "question": q,
                "distribution": dist,
                "mean": mean,
                "last_mean": last_means.get(q.code),
                "trend": rules.trend(mean, last_means.get(q.code)),
            }
        )
    result["last_year"] = last.year if last_means else None
    return result


def _counts_by_question(survey: RatingSurvey) -> dict[int, dict[int, int]]:
    counts: dict[int, dict[int, int]] = {}
    for r in (
        SurveyAnswer.objects.filter(response__survey=survey).values("question_id", "score").annotate(n=Count("pk"))
    ):
        counts.setdefault(r["question_id"], rules.distribution([]))[r["score"]] = r["n"]
    return counts


def _means_by_code(survey: RatingSurvey) -> dict[str, Decimal | None]:
    by_code: dict[str, dict[int, int]] = {}
    for r in (
        SurveyAnswer.objects.filter(response__survey=survey).values("question__code", "score").annotate(n=Count("pk"))
    ):
        by_code.setdefault(r["question__code"], rules.distribution([]))[r["score"]] = r["n"]
    return {code: rules.mean_score(dist) for code, dist in by_code.items()}


# --- practitioner feedback -------------------------------------------------------------------


def feedback_results(*, campaign) -> dict:
    """Mean score per theme overall and by agency type; free-text answers listed. Three queries."""
    from partnership.models import AgencyKind

    kinds = dict(AgencyKind.choices)
    scale = (
        FeedbackAnswer.objects.filter(response__campaign=campaign, score__isnull=False)
        .values("question__theme", "response__agency_kind")
        .annotate(n=Count("pk"), total=Sum("score"))
        .order_by("question__theme")
    )
    themes: dict[str, dict] = {}
    kind_set = set()
    for r in scale:
        t = themes.setdefault(r["question__theme"], {"n": 0, "total": 0, "by_kind": {}})
        t["n"] += r["n"]
        t["total"] += r["total"]
        t["by_kind"][r["response__agency_kind"]] = mean_of(r["total"], r["n"])
        kind_set.add(r["response__agency_kind"])
    kind_list = sorted(kind_set)
    theme_rows = [
        {
            "theme": k,
            "n": v["n"],
            "mean": mean_of(v["total"], v["n"]),
            "cells": [v["by_kind"].get(kc) for kc in kind_list],
        }
        for k, v in themes.items()
    ]
    texts = list(
        FeedbackAnswer.objects.filter(response__campaign=campaign, question__kind="text")
        .exclude(text="")
        .values_list("question__theme", "response__agency_kind", "text")
        .order_by("-response__submitted_at")[:200]
    )
    return {
        "responses": FeedbackResponse.objects.filter(campaign=campaign).count(),
        "kinds": [kinds.get(k, k) for k in kind_list],
        "themes": theme_rows,
        "texts": [(t, kinds.get(k, k), x) for t, k, x in texts],
    }


# --- reports ---------------------------------------------------------------------------------


def report_list(*, user, status: str = "") -> QuerySet[RoutedReport]:
    qs = RoutedReport.objects.for_user(user).select_related("meeting__body", "owner")
    if status:
        qs = qs.filter(status=status)
    return qs


def reports_due_for(*, user) -> QuerySet[RoutedReport]:
    """Reports the Partnership requested (or PAQA returned) that this person owes."""
    return (
        RoutedReport.objects.for_user(user)
        .filter(owner=user, status__in=[rules.REQUESTED, rules.RETURNED])
        .order_by("due_on")
    )


def agenda(*, meeting: Meeting, user) -> QuerySet[RoutedReport]:
    return RoutedReport.objects.for_user(user).filter(meeting=meeting, status=rules.TABLED).order_by("pk")


def reports_sent_by(*, user) -> QuerySet[RoutedReport]:
    """Reports this person sent to PAQA, with where each one stands (the sender's view)."""
    return RoutedReport.objects.for_user(user).filter(author=user).select_related("meeting").order_by("-pk")[:20]


def report_for_source(*, kind: str, ref: str) -> RoutedReport | None:
    """The report a strand sent for one of its records, if it has been sent."""
    return RoutedReport.objects.filter(source_kind=kind, source_ref=ref).order_by("-pk").first()


def report_offers(candidates: list) -> list[tuple]:
    """(candidate, report already sent or None) for each report the user may send; one query."""
    refs = {(c.kind, c.ref) for c in candidates}
    sent: dict[tuple[str, str], RoutedReport] = {}
    if refs:
        for report in RoutedReport.objects.filter(
            source_ref__in={ref for _, ref in refs}, source_kind__in={kind for kind, _ in refs}
        ).order_by("pk"):
            sent[(report.source_kind, report.source_ref)] = report
    return [(c, sent.get((c.kind, c.ref))) for c in candidates]
