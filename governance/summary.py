"""Partnership performance for the annual report and the cross-strand dashboard."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from bscp_portal.lib import periods
from bscp_portal.lib.rounding import mean_of
from governance import rules, selectors
from governance.models import (
    Attendance,
    Contribution,
    Evaluation,
    ExpenditureLine,
    Meeting,
    Objective,
    Plan,
    RatingSurvey,
    RoutedReport,
    TrainingPlace,
    TrainingSession,
)


def annual_summary(*, start: dt.date, end: dt.date, user) -> dict:
    """Plain figures for the period [start, end], as far as `user` may see them.

    Keys:
    - ``plan``: None when no plan covers the period, else ``{"title", "objectives": [{"title",
      "subcommittee", "rag", "rag_label", "explanation", "actions_total", "actions_complete"}]}``.
    - ``attendance``: ``{"meetings", "rate" (% represented, None when nothing recorded),
      "threshold", "below_threshold": [agency names]}``.
    - ``budget``: ``{"financial_years": [labels], "agreed", "received", "budget", "actual",
      "variance_pct", "over_received": [agency names]}``; amounts are None when not recorded.
    - ``training``: ``{"sessions", "places", "evaluations", "usefulness" (mean 1–5 or None),
      "recommend_pct" (or None)}``.
    - ``rating``: None when no members' rating in the period, else ``{"year", "responses",
      "shown" (False under the minimum), "questions": [{"text", "mean", "trend"}]}``.
    - ``reports``: counts of reports received by PAQA in the period by decision:
      ``{"received", "tabled", "circulated", "returned", "awaiting"}``.
    """
    return {
        "period": {"start": start, "end": end},
        "plan": _plan(start, end, user),
        "attendance": _attendance(start, end, user),
        "budget": _budget(start, end, user),
        "training": _training(start, end, user),
        "rating": _rating(start, end, user),
        "reports": _reports(start, end, user),
    }


def _plan_covering(start, end, user):
    return Plan.objects.for_user(user).filter(starts_on__lte=end, ends_on__gte=start).first()


def _actions_on(objectives, user):
    """The actions the user may see on these objectives."""
    ct = ContentType.objects.get_for_model(Objective)
    return Action.objects.for_user(user).filter(source_type=ct, source_id__in=[o.pk for o in objectives])


def _completion(actions) -> dict[int, dict]:
    """Objective id -> its actions' "total" and "complete" counts (objectives without actions left out)."""
    return {
        r["source_id"]: r
        for r in actions.values("source_id").annotate(
            total=Count("pk"), complete=Count("pk", filter=Q(status="complete"))
        )
    }


def _objective_row(o, completion: dict[int, dict]) -> dict:
    """An objective as the summaries show it: its rating and how many of its actions are complete."""
    return {
        "title": o.title,
        "subcommittee": o.subcommittee.name,
        "rag": o.rag,
        "rag_label": o.get_rag_display(),
        "explanation": o.rag_explanation,
        "actions_total": completion.get(o.pk, {}).get("total", 0),
        "actions_complete": completion.get(o.pk, {}).get("complete", 0),
    }


def _plan(start, end, user):
    plan = _plan_covering(start, end, user)
    if plan is None:
        return None
    objectives = list(Objective.objects.for_user(user).filter(priority__plan=plan).select_related("subcommittee"))
    completion = _completion(_actions_on(objectives, user))
    return {"title": str(plan), "objectives": [_objective_row(o, completion) for o in objectives]}


def _attendance(start, end, user):
    rows = Attendance.objects.for_user(user).filter(selectors.RECORDED, meeting__held_on__range=(start, end))
    per_agency = rows.values("agency__name").annotate(
        total=Count("pk"), represented=Count("pk", filter=selectors.REPRESENTED)
    )
    threshold = selectors.attendance_threshold()
    total = sum(r["total"] for r in per_agency)
    represented = sum(r["represented"] for r in per_agency)
    return {
        "meetings": Meeting.objects.for_user(user).filter(held_on__range=(start, end)).count(),
        "rate": rules.percent(represented, total),
        "threshold": threshold,
        "below_threshold": sorted(
            r["agency__name"]
            for r in per_agency
            if rules.below_threshold(rules.percent(r["represented"], r["total"]), threshold)
        ),
    }


def _budget(start, end, user):
    years = list(range(periods.start_year_of(start), periods.start_year_of(end) + 1))
    contributions = Contribution.objects.for_user(user).filter(year__start_year__in=years)
    money = contributions.aggregate(agreed=Sum("agreed"), received=Sum("received"))
    spend = (
        ExpenditureLine.objects.for_user(user)
        .filter(year__start_year__in=years)
        .aggregate(budget=Sum("budget"), actual=Sum("actual"))
    )
    variance = rules.variance(spend["budget"], spend["actual"])
    over = sorted({c.agency.name for c in contributions.select_related("agency") if c.flag == rules.OVER_RECEIVED})
    return {
        "financial_years": [periods.year_label(y) for y in years],
        "agreed": money["agreed"],
        "received": money["received"],
        "budget": spend["budget"],
        "actual": spend["actual"],
        "variance_pct": variance[1] if variance else None,
        "over_received": over,
    }


def _training(start, end, user):
    evaluations = (
        Evaluation.objects.for_user(user)
        .filter(session__held_on__range=(start, end))
        .aggregate(n=Count("pk"), useful=Sum("usefulness"), recommend=Count("pk", filter=Q(would_recommend=True)))
    )
    n = evaluations["n"]
    return {
        "sessions": TrainingSession.objects.for_user(user).filter(held_on__range=(start, end)).count(),
        "places": TrainingPlace.objects.for_user(user)
        .filter(session__held_on__range=(start, end), attended=True)
        .count(),
        "evaluations": n,
        "usefulness": mean_of(evaluations["useful"], n),
        "recommend_pct": rules.percent(evaluations["recommend"], n),
    }


def _rating(start, end, user):
    survey = RatingSurvey.objects.for_user(user).filter(opened_on__range=(start, end)).order_by("-year").first()
    if survey is None:
        return None
    results = selectors.survey_results(survey=survey)
    return {
        "year": survey.year,
        "responses": results["responses"],
        "shown": results["visible"],
        "questions": [
            {"text": q["question"].text, "mean": q["mean"], "trend": q["trend"]} for q in results["questions"]
        ],
    }


def _reports(start, end, user):
    counts = dict(
        RoutedReport.objects.for_user(user)
        .filter(received_on__range=(start, end))
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {
        "received": sum(counts.values()),
        "tabled": counts.get(rules.TABLED, 0),
        "circulated": counts.get(rules.CIRCULATED, 0),
        "returned": counts.get(rules.RETURNED, 0),
        "awaiting": counts.get(rules.RECEIVED, 0),
    }


def dashboard_tile(*, user) -> dict:
    """Headline figures: objectives rated red/amber, agencies below the attendance threshold,
    reports awaiting PAQA, and the link to this strand."""
    plan = selectors.current_plan(user=user)
    rag = {}
    if plan is not None:
        rag = dict(
            Objective.objects.for_user(user).filter(priority__plan=plan).values_list("rag").annotate(n=Count("pk"))
        )
    dash = selectors.recent_attendance(user=user)  # the 12 months the tile counts, not every year
    from governance.models import FeedbackResponse

    since = timezone.now() - dt.timedelta(days=365)
    return {
        "title": "Partnership performance",
        "url": reverse("governance:index"),
        "period": "Current business plan; attendance and practitioner feedback over the last 12 months; reports now",
        "source": "Business plan, meeting attendance, practitioner feedback and reports through PAQA",
        "figures": [
            {"label": "Business plan objectives rated red", "value": rag.get("RED", 0) if plan else None},
            {"label": "Business plan objectives rated amber", "value": rag.get("AMBER", 0) if plan else None},
            {
                "label": f"Agencies below {dash['threshold']}% attendance (12 months)",
                "value": len(dash["flagged"]) if dash["recent"] else None,
            },
            {
                "label": "Reports awaiting PAQA's decision",
                "value": RoutedReport.objects.for_user(user).filter(status=rules.RECEIVED).count(),
                "href": f"{reverse('governance:report_list')}?status=received",
            },
            {
                "label": "Practitioner feedback responses",
                "value": FeedbackResponse.objects.filter(submitted_at__gte=since).count(),
                "quadrant": "voice-practitioners",
            },
        ],
    }


def reports_awaiting_paqa(*, user) -> list[dict]:
    """Reports received by PAQA and waiting for its decision, oldest first (one query)."""
    from governance.models import RoutedReport

    return [
        {
            "title": r.title,
            "url": r.get_absolute_url(),
            "source": r.get_source_kind_display(),
            "author": r.author_name,
            "received_on": r.received_on,
        }
        for r in RoutedReport.objects.for_user(user)
        .filter(status=RoutedReport.Status.RECEIVED)
        .order_by("received_on", "pk")
    ]


def next_meeting(*, body_code: str, after) -> dict | None:
    """The next meeting of a body (e.g. "paqa") on or after a date: {date, url}, or None."""
    from governance.models import Meeting

    m = Meeting.objects.filter(body__code=body_code, held_on__gte=after).order_by("held_on").first()
    return {"date": m.held_on, "url": m.get_absolute_url()} if m else None


def previous_meeting(*, body_code: str, before) -> dict | None:
    from governance.models import Meeting

    m = Meeting.objects.filter(body__code=body_code, held_on__lt=before).order_by("-held_on").first()
    return {"date": m.held_on, "url": m.get_absolute_url()} if m else None


def funding_by_partner(*, start: dt.date, end: dt.date, user) -> dict:
    """Money for the financial years in [start, end], for the annual report (amounts in £ as Decimal).

    Keys: ``contributions`` [{"agency", "statutory", "agreed", "received"}] largest first;
    ``spend`` [{"category", "budget", "actual"}]; ``pressures`` [{"agency", "description",
    "impact", "risk", "mitigations", "reported_on"}] highest risk first; all empty when none.
    """
    from governance.models import BudgetPressure

    years = list(range(periods.start_year_of(start), periods.start_year_of(end) + 1))
    contributions = (
        Contribution.objects.for_user(user)
        .filter(year__start_year__in=years)
        .values("agency__name", "agency__statutory_partner")
        .annotate(agreed=Sum("agreed"), received=Sum("received"))
        .order_by("-agreed", "agency__name")
    )
    categories = dict(ExpenditureLine.Category.choices)
    spend = (
        ExpenditureLine.objects.for_user(user)
        .filter(year__start_year__in=years)
        .values("category")
        .annotate(budget=Sum("budget"), actual=Sum("actual"))
        .order_by("-budget")
    )
    risk_order = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    pressures = sorted(
        BudgetPressure.objects.for_user(user).filter(year__start_year__in=years).select_related("agency"),
        key=lambda p: (risk_order.get(p.risk_rating, 4), p.agency.name),
    )
    return {
        "contributions": [
            {
                "agency": r["agency__name"],
                "statutory": r["agency__statutory_partner"],
                "agreed": r["agreed"],
                "received": r["received"],
            }
            for r in contributions
        ],
        "spend": [
            {"category": categories.get(r["category"], r["category"]), "budget": r["budget"], "actual": r["actual"]}
            for r in spend
        ],
        "pressures": [
            {
                "agency": p.agency.name,
                "description": p.description,
                "impact": p.impact,
                "risk": p.get_risk_rating_display(),
                "mitigations": p.mitigations,
                "reported_on": p.reported_on,
            }
            for p in pressures
        ],
    }


def plan_progress(*, start: dt.date, end: dt.date, user) -> dict | None:
    """The business plan covering the year, priority by priority, for the annual report.

    None when no plan covers the period; else ``{"title", "priorities": [{"title", "objectives":
    [{"title", "subcommittee", "rag", "rag_label", "explanation", "actions_total",
    "actions_complete", "lagging": [{"description", "agency", "due_date", "status", "status_label"}]}]}],
    "evidence": [{"subcommittee", "outcomes", "date"}]}`` where ``lagging`` holds the objective's
    actions overdue at the year end or withdrawn, and ``evidence`` the chairs' outcome reports.
    """
    from governance.models import ChairReport

    plan = _plan_covering(start, end, user)
    if plan is None:
        return None
    objectives = list(
        Objective.objects.for_user(user)
        .filter(priority__plan=plan)
        .select_related("priority", "subcommittee")
        .order_by("priority__order", "priority__pk", "order", "pk")
    )
    actions = _actions_on(objectives, user)
    completion = _completion(actions)
    lagging: dict[int, list] = {}
    behind = actions.filter(
        Q(status="withdrawn") | (Q(due_date__lt=end) & ~Q(status="complete")) | Q(completed_at__date__gt=end)
    ).select_related("agency")
    for a in behind.order_by("due_date"):
        if a.status == "complete" and a.completed_at and a.completed_at.date() <= end:
            continue
        lagging.setdefault(a.source_id, []).append(
            {
                "description": a.description,
                "agency": a.agency.name,
                "due_date": a.due_date,
                "status": a.status,
                "status_label": a.get_status_display(),
            }
        )
    priorities: dict[int, dict] = {}
    for o in objectives:
        p = priorities.setdefault(o.priority_id, {"title": o.priority.title, "objectives": []})
        p["objectives"].append({**_objective_row(o, completion), "lagging": lagging.get(o.pk, [])})
    evidence = [
        {"subcommittee": r.subcommittee.name, "outcomes": r.outcomes, "date": r.created_at.date()}
        for r in ChairReport.objects.filter(plan=plan, created_at__date__range=(start, end))
        .select_related("subcommittee")
        .order_by("subcommittee__name", "-created_at")
    ]
    return {"title": str(plan), "priorities": list(priorities.values()), "evidence": evidence}


def next_priorities(*, end: dt.date, user) -> list[str]:
    """Next year's priorities from the plan that covers the day after `end` (empty when none)."""
    day = end + dt.timedelta(days=1)
    plan = Plan.objects.for_user(user).filter(starts_on__lte=day, ends_on__gte=day).order_by("-starts_on").first()
    if plan is None:
        return []
    return list(plan.priorities.order_by("order", "pk").values_list("title", flat=True))
