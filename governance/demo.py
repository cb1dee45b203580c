"""Demo partnership performance: a current three-year plan, four years of meetings, budget and
training, two members' ratings, an open practitioner campaign and reports routed through PAQA.

Idempotent: each part is created only when it is missing, so a second run adds nothing.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from bscp_portal.lib import periods
from governance import demo_resources, demo_standards, demo_voice, framework, report_services, services
from governance.models import (
    FinancialYear,
    Meeting,
    Objective,
    Plan,
    Priority,
    RoutedReport,
    TrainingSession,
)
from governance.models.base import Rag
from partnership.models import Agency, Membership, SubCommittee, User

PLAN_TITLE = "Safeguarding Children Partnership business plan"


@transaction.atomic
def seed(stdout=None) -> None:
    framework.load()
    today = timezone.localdate()
    rng = random.Random(85)  # noqa: S311  (demo data, reproducible)
    agencies = {a.short_name: a for a in Agency.objects.all()}
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=[
                "bu",
                "paqa",
                "chair",
                "board",
                "police-lead",
                "health-lead",
                "school-contributor",
                "cdop",
                "ssm",
            ]
        )
    }
    committees = {c.code: c for c in SubCommittee.objects.all()}
    if not agencies or "bu" not in users:
        return
    _members(agencies, committees)
    _meetings(today, rng, agencies, committees)
    plan = _plan(today, committees, users)
    _chair_reports(plan, committees, users)
    demo_resources.seed_budget(today, rng, agencies, users)
    demo_resources.seed_training(today, rng, agencies)
    demo_standards.seed(today, agencies, users)
    demo_voice.seed_surveys(today, rng)
    demo_voice.seed_feedback(today, rng)
    _reports(today, users)
    if stdout:
        stdout.write(
            f"  plan, {Meeting.objects.count()} meetings, {FinancialYear.objects.count()} financial years, {TrainingSession.objects.count()} training sessions"
        )


def _members(agencies, committees) -> None:
    """Partnership members besides the demo logins (no password: they only answer the rating)."""
    names = ["Ruth Akers", "Tom Bright", "Nadia Farouk", "Graham Holt", "Irene Mwangi", "Owen Price"]
    shorts = ["Children's Services", "SY ICB", "Barnsley Hospital", "Probation", "Barnsley College", "Barnardo's"]
    for i, (name, short) in enumerate(zip(names, shorts, strict=True)):
        first, last = name.split()
        user, created = User.objects.get_or_create(
            username=f"member-{i + 1}",
            defaults={
                "first_name": first,
                "last_name": last,
                "agency": agencies.get(short),
                "job_title": "Partnership member",
            },
        )
        if created:
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(user=user, subcommittee=committees["partnership"])


#: The safeguarding partners and the health and public health agencies every main body expects.
CORE_MEMBERS = ["Children's Services", "SY Police", "SY ICB", "Barnsley Hospital", "SWYPFT", "Public Health"]
BODY_PLAN = {
    # body code: (meetings per year, expected agencies by short name)
    "partnership": (
        4,
        [*CORE_MEMBERS, "Probation", "Youth Justice", "Barnsley College", "Barnsley CVS", "Cafcass", "YAS"],
    ),
    "paqa": (6, [*CORE_MEMBERS, "Youth Justice", "Oakwell Primary"]),
    "case-review": (4, ["Children's Services", "SY Police", "SY ICB", "Barnsley Hospital", "Probation", "BTP"]),
    "ppwpd": (
        4,
        [
            "Children's Services",
            "SY Police",
            "SY ICB",
            "Barnsley College",
            "Kingstone Academy",
            "Barnsley CVS",
            "Domestic Abuse Service",
        ],
    ),
}
#: How reliably each agency turns up in the demo (the rest attend 90% of the time).
RELIABILITY = {"YAS": 0.45, "BTP": 0.55, "Cafcass": 0.6, "Kingstone Academy": 0.65}


def _meetings(today, rng, agencies, committees) -> None:
    if Meeting.objects.exists():
        return
    first_year = today.year - 3
    for code, (per_year, expected) in BODY_PLAN.items():
        body = committees[code]
        members = [agencies[s] for s in expected if s in agencies]
        for year in range(first_year, today.year + 2):
            for k in range(per_year):
                month = 1 + k * (12 // per_year) + (1 if code == "paqa" else 0)
                held_on = dt.date(year, min(month, 12), 10 + (len(code) % 8))
                if held_on > today + dt.timedelta(days=120):
                    continue
                meeting = services.meeting_create(
                    body=body, held_on=held_on, expected_agencies=members, title=f"{body.name} — {held_on:%B %Y}"
                )
                if held_on > today:
                    continue
                entries = {}
                for a in members:
                    roll = rng.random()
                    if roll < RELIABILITY.get(a.short_name, 0.9):
                        entries[a.pk] = ("attended", "")
                    elif roll < RELIABILITY.get(a.short_name, 0.9) + 0.06:
                        entries[a.pk] = ("apologies", "Deputy service manager")
                    elif rng.random() < 0.5:
                        entries[a.pk] = ("apologies", "")
                    else:
                        entries[a.pk] = ("absent", "")
                services.attendance_record(
                    meeting=meeting, by=None, entries=entries, version=meeting.version, today=today
                )


ACTIONS = {
    "quality-effectiveness": [
        (
            "Run a multi-agency audit on neglect each quarter and report findings to PAQA",
            "Four audits completed, findings and actions reported to PAQA",
            "chair",
            "SY ICB",
            True,
        ),
        (
            "Refresh the scorecard with the DfE children in need indicators and statistical neighbours",
            "Scorecard presented each PAQA meeting with benchmarks",
            "paqa",
            "Children's Services",
            False,
        ),
    ],
    "early-help-value": [
        (
            "Evaluate the early help offer for 0–5 year olds with the family hubs",
            "Evaluation report with outcomes for families and unit costs",
            "bu",
            "Children's Services",
            False,
        ),
        (
            "Agree a shared early help assessment across health visiting and schools",
            "Assessment used by 80% of early help referrals",
            "health-lead",
            "Barnsley Hospital",
            False,
        ),
    ],
    "procedures": [
        (
            "Review the multi-agency thresholds document with an equality impact assessment",
            "Published thresholds document and EIA signed off by the Partnership",
            "bu",
            "Children's Services",
            True,
        ),
        (
            "Launch the escalation procedure with briefings for every partner agency",
            "Practitioner survey shows 75% know how to escalate",
            "police-lead",
            "SY Police",
            False,
        ),
    ],
    "governance-leadership": [
        (
            "Publish the annual report with an independent scrutineer's assessment",
            "Annual report published by 30 September",
            "bu",
            "Children's Services",
            True,
        ),
        (
            "Raise attendance at the Partnership to at least 75% for every member agency",
            "Attendance dashboard shows all agencies at or above 75%",
            "board",
            "SY Police",
            False,
        ),
    ],
}


def _plan(today, committees, users) -> Plan:
    start_year = periods.start_year_of(today) - 1
    plan = Plan.objects.filter(title=PLAN_TITLE, starts_on=periods.FinancialYear(start_year).start).first()
    if plan is not None:
        return plan
    from actions.services import action_create, action_sign_off, progress_add

    plan = Plan.objects.create(
        title=PLAN_TITLE,
        starts_on=periods.FinancialYear(start_year).start,
        ends_on=dt.date(start_year + 3, 3, 31),
        summary="Our priorities for three years, agreed by the three statutory safeguarding partners.",
    )
    priorities: dict[str, Priority] = {}
    ratings = {
        "quality-effectiveness": Rag.GREEN,
        "early-help-value": Rag.AMBER,
        "procedures": Rag.GREEN,
        "governance-leadership": Rag.AMBER,
    }
    for row in framework.plan_objective_rows():
        priority = priorities.get(row["priority"]) or Priority.objects.create(
            plan=plan, order=int(row["priority_order"]), title=row["priority"]
        )
        priorities[row["priority"]] = priority
        objective = Objective.objects.create(
            priority=priority,
            code=row["code"],
            order=int(row["order"]),
            title=row["title"],
            description=row["description"],
            subcommittee=committees[row["subcommittee"]],
        )
        for i, (desc, measure, owner_key, _agency, done) in enumerate(ACTIONS.get(row["code"], [])):
            owner = users[owner_key]
            action = action_create(
                created_by=users["bu"],
                description=desc,
                measure=measure,
                owner=owner,
                agency=owner.agency,
                due_date=plan.starts_on + dt.timedelta(days=420 + 300 * i),
                subcommittee=objective.subcommittee,
                source=objective,
            )
            progress_add(
                action=action,
                by=owner,
                note="Work under way; first update to the sub-committee.",
                on_date=plan.starts_on + dt.timedelta(days=90),
            )
            if done:
                action_sign_off(
                    action=action,
                    by=owner,
                    evidence=f"Outcome evidenced: {measure.lower()}. Reported to the sub-committee and minuted.",
                )
        services.objective_rate(
            objective=objective,
            by=users["chair"],
            rag=ratings[row["code"]],
            version=objective.version,
            explanation="Actions on track and outcome evidence reported."
            if ratings[row["code"]] == Rag.GREEN
            else "Progress made, but the outcome measures are not yet met.",
        )
    return plan


def _chair_reports(plan, committees, users) -> None:
    from governance.models import ChairReport

    if ChairReport.objects.filter(plan=plan).exists():
        return
    for code in ("paqa", "case-review"):
        for meeting in Meeting.objects.filter(
            body=committees[code], held_on__gte=plan.starts_on, held_on__lte=timezone.localdate()
        ).order_by("held_on")[:4]:
            services.chair_report_create(
                plan=plan,
                subcommittee=committees[code],
                meeting=meeting,
                author=users["chair"],
                activity=f"{committees[code].name} met on {meeting.held_on:%-d %B %Y}: reviewed the scorecard, two audits and action plans.",
                outcomes="Re-referrals within 12 months fell; neglect audit actions closed with evidence of practice change.",
            )


def _reports(today, users) -> None:
    if RoutedReport.objects.exists():
        return
    partnership_meetings = list(
        Meeting.objects.filter(body__code="partnership", held_on__lte=today).order_by("-held_on")[:2]
    )
    upcoming = Meeting.objects.filter(body__code="partnership", held_on__gt=today).order_by("held_on").first()
    specs = [
        ("CDOP annual report", "Carol Dunn", "cdop", "tabled"),
        ("Neglect multi-agency audit: findings", "Charles Hargreaves", "audits", "tabled"),
        ("Section 11 round summary", "Priya Qureshi", "section11", "circulated"),
        ("Police custody detentions of children, Q2", "Paul Leach", "agency", "returned"),
        ("Child protection conference timeliness, Q2", "Sandra Mensah", "conferences", "received"),
    ]
    for i, (title, author, source, decision) in enumerate(specs):
        report = report_services.report_receive(
            title=title, author=author, source_kind=source, received_on=today - dt.timedelta(days=40 - i * 7)
        )
        if decision == "received":
            continue
        meeting = (
            (upcoming if i == 0 else partnership_meetings[0] if partnership_meetings else upcoming)
            if decision == "tabled"
            else None
        )
        if decision == "tabled" and meeting is None:
            continue
        report_services.report_decide(
            report=report,
            by=users["paqa"],
            decision=decision,
            meeting=meeting,
            version=report.version,
            reasons={
                "returned": "Please add the comparison with statistical neighbours.",
                "tabled": "Findings need the Partnership's decision on the recommendations.",
                "circulated": "Progress is on track; no decision needed from the Partnership.",
            }[decision],
        )
    report_services.report_request(
        title="Early help outcomes for under-fives",
        owner=users["chair"],
        due_on=today + dt.timedelta(days=30),
        requested_by=users["board"],
    )
