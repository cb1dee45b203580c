"""Partnership performance at scale: 10 years of meetings, attendance, budget and training for
40 agencies (scaled), and a business plan with 100 actions."""

import datetime as dt
import random
from decimal import Decimal

from bench.harness import Context, Page

BODIES = [
    ("partnership", "Safeguarding Children Partnership"),
    ("paqa", "PAQA"),
    ("case-review", "Case Review"),
    ("ppwpd", "PPWPD"),
    ("cdop", "CDOP"),
]


def build(ctx: Context) -> None:
    from django.contrib.contenttypes.models import ContentType

    from actions.models import Action
    from governance.models import (
        Attendance,
        BudgetPressure,
        Contribution,
        Course,
        Evaluation,
        ExpenditureLine,
        FinancialYear,
        Meeting,
        Objective,
        Plan,
        Priority,
        QuorumRule,
        TrainingPlace,
        TrainingSession,
    )
    from partnership.models import SubCommittee

    rng = random.Random(85)
    n_agencies = max(5, int(40 * ctx.scale))
    agencies = ctx.extra["agencies"][:n_agencies]
    today = dt.date.today()
    first_year = today.year - 9
    bodies = [SubCommittee.objects.get_or_create(code=code, defaults={"name": name})[0] for code, name in BODIES]
    QuorumRule.objects.bulk_create(
        [QuorumRule(code=code, min_agencies=3, min_percent=50) for code, _ in BODIES], ignore_conflicts=True
    )

    # Meetings: 6 a year per body for 10 years, each with every bench agency expected.
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(body=body, held_on=dt.date(year, 1 + 2 * k, 12), title=f"{body.name} {year}-{k}")
            for body in bodies
            for year in range(first_year, today.year + 1)
            for k in range(6)
            if dt.date(year, 1 + 2 * k, 12) <= today
        ]
    )
    statuses = ["attended"] * 8 + ["apologies", "absent"]
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=m,
                agency=a,
                status=(s := rng.choice(statuses)),
                deputy="Deputy" if s == "apologies" and rng.random() < 0.5 else "",
            )
            for m in meetings
            for a in agencies
        ],
        batch_size=2000,
    )

    # Budget: 10 financial years.
    for start in range(first_year, today.year + 1):
        year = FinancialYear.objects.create(start_year=start)
        Contribution.objects.bulk_create(
            [
                Contribution(
                    year=year,
                    agency=a,
                    agreed=Decimal(10000 + i * 500),
                    received=Decimal(10000 + i * 500 + rng.choice([0, 0, 0, 250])),
                )
                for i, a in enumerate(agencies)
            ]
        )
        ExpenditureLine.objects.bulk_create(
            [
                ExpenditureLine(year=year, category=c, budget=Decimal(50000), actual=Decimal(rng.randint(44000, 56000)))
                for c in ("business_unit", "training", "reviews", "scrutiny", "cdop", "other")
            ]
        )
        BudgetPressure.objects.bulk_create(
            [
                BudgetPressure(
                    year=year,
                    agency=a,
                    description="Vacancies",
                    impact="Delays",
                    risk_rating="high",
                    mitigations="Overtime",
                    reported_by=ctx.users["lead"],
                    reported_on=dt.date(start, 9, 1),
                )
                for a in agencies[:10]
            ]
        )

    # Training: 8 sessions a year, 20 places, 60% evaluated.
    course = Course.objects.create(title="Bench course", multi_agency=True)
    for year in range(first_year, today.year + 1):
        sessions = TrainingSession.objects.bulk_create(
            [TrainingSession(course=course, held_on=dt.date(year, m, 5), places=20) for m in range(1, 12, 1)[:8]]
        )
        places = TrainingPlace.objects.bulk_create(
            [
                TrainingPlace(
                    session=s, agency=rng.choice(agencies), role="social_worker", evaluation_token=f"b{s.pk}-{i}"
                )
                for s in sessions
                for i in range(20)
            ]
        )
        Evaluation.objects.bulk_create(
            [
                Evaluation(
                    session=p.session,
                    place=p,
                    confidence_before=2,
                    confidence_after=4,
                    usefulness=rng.randint(3, 5),
                    would_recommend=True,
                )
                for p in places
                if rng.random() < 0.6
            ]
        )

    # Business plan: 4 priorities x 5 objectives x 5 actions.
    plan = Plan.objects.create(
        title="Bench plan", starts_on=dt.date(today.year - 1, 4, 1), ends_on=dt.date(today.year + 2, 3, 31)
    )
    ct = ContentType.objects.get_for_model(Objective)
    owner = ctx.users["lead"]
    for p in range(4):
        priority = Priority.objects.create(plan=plan, order=p, title=f"Priority {p}")
        objectives = Objective.objects.bulk_create(
            [
                Objective(
                    priority=priority,
                    code=f"o{p}-{k}",
                    order=k,
                    title=f"Objective {p}.{k}",
                    subcommittee=bodies[k % len(bodies)],
                )
                for k in range(5)
            ]
        )
        Action.objects.bulk_create(
            [
                Action(
                    description=f"Action {o.code}-{i}",
                    measure="Measured",
                    owner=owner,
                    agency=owner.agency,
                    due_date=today + dt.timedelta(days=30 * i - 60),
                    status=rng.choice(["not_started", "in_progress", "complete"]),
                    completion_evidence="Evidence of outcome",
                    source_type=ct,
                    source_id=o.pk,
                    subcommittee=o.subcommittee,
                )
                for o in objectives
                for i in range(5)
            ]
        )
    ctx.extra["governance_plan"] = plan.pk
    ctx.extra["governance_rows"] = {
        "attendance": len(meetings) * len(agencies),
        "meetings": len(meetings),
        "years": today.year + 1 - first_year,
    }


def pages(ctx: Context) -> list[Page]:
    rows = ctx.extra["governance_rows"]
    return [
        Page(
            "governance: business plan (business unit)",
            f"/partnership/performance/plans/{ctx.extra['governance_plan']}/",
            ctx.users["bu"],
            rows=100,
        ),
        Page(
            "governance: attendance dashboard (chair)",
            "/partnership/performance/attendance/",
            ctx.users["chair"],
            rows=rows["attendance"],
        ),
        Page(
            "governance: attendance dashboard (agency lead)",
            "/partnership/performance/attendance/",
            ctx.users["lead"],
            rows=rows["attendance"],
        ),
        Page(
            "governance: budget dashboard (board)",
            "/partnership/performance/budget/",
            ctx.users["board"],
            rows=rows["years"] * 50,
        ),
        Page(
            "governance: training dashboard (PAQA)",
            "/partnership/performance/training/",
            ctx.users["paqa"],
            rows=rows["years"] * 160,
        ),
    ]
