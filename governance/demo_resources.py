"""Demo budget and training for partnership performance (called by `governance.demo.seed`)."""

import datetime as dt
import random
from decimal import Decimal

from bscp_portal.lib import periods
from governance import services
from governance.models import (
    Course,
    ExpenditureLine,
    FinancialYear,
    TrainingSession,
)

#: The budget pressures each of the last three years reports: (agency, who reports it, the pressure).
PRESSURES = [
    (
        "SY Police",
        "police-lead",
        {
            "risk_rating": "high",
            "description": "Vacancies in the public protection unit after the recruitment freeze.",
            "impact": "Longer waits for joint investigations and strategy discussions.",
            "mitigations": "Overtime rota and temporary redeployment from neighbourhood teams.",
        },
    ),
    (
        "Barnsley Hospital",
        "health-lead",
        {
            "risk_rating": "medium",
            "description": "Named nurse post funded only until March.",
            "impact": "Safeguarding supervision for midwives may lapse.",
            "mitigations": "Business case to the ICB; supervision shared with the designated nurse meanwhile.",
        },
    ),
]


def seed_budget(today, rng, agencies, users) -> None:
    if FinancialYear.objects.exists():
        return
    shares = {
        "Children's Services": 180000,
        "SY Police": 90000,
        "SY ICB": 120000,
        "Barnsley Hospital": 15000,
        "SWYPFT": 12000,
        "Probation": 6000,
        "Youth Justice": 4000,
        "Barnsley College": 2500,
    }
    lines = [
        ("business_unit", "", 210000),
        ("training", "", 45000),
        ("reviews", "Child safeguarding practice reviews", 60000),
        ("scrutiny", "Independent scrutineer", 35000),
        ("cdop", "", 30000),
        ("other", "Website and communications", 8000),
    ]
    current = periods.start_year_of(today)
    for start in range(current - 4, current + 1):
        year = FinancialYear.objects.create(start_year=start)
        growth = Decimal(1 + 0.03 * (start - current + 4))
        for short, amount in shares.items():
            if short not in agencies:
                continue
            agreed = (Decimal(amount) * growth).quantize(Decimal("1"))
            if start == current:
                received = agreed if rng.random() < 0.6 else None
            else:
                received = agreed
            if short == "Barnsley Hospital" and start == current - 1:
                received = agreed + Decimal(2000)  # paid more than agreed: flagged
            services.contribution_set(year=year, agency=agencies[short], agreed=agreed, received=received)
        for category, description, budget in lines:
            b = (Decimal(budget) * growth).quantize(Decimal("1"))
            actual = None if start == current else (b * Decimal(rng.uniform(0.88, 1.12))).quantize(Decimal("1"))
            ExpenditureLine.objects.create(
                year=year, category=category, description=description, budget=b, actual=actual
            )
        if start >= current - 2:
            for short, reporter, pressure in PRESSURES:
                services.pressure_create(year=year, agency=agencies[short], by=users[reporter], **pressure)
            services.investment_create(
                year=year,
                agency=agencies["Children's Services"],
                by=users["bu"],
                amount=Decimal(85000),
                description="Two additional advanced practitioners in the multi-agency safeguarding hub.",
            )


COURSES = [
    ("Working together to safeguard children", True, "1"),
    ("Neglect: recognising and responding", True, "2"),
    ("Domestic abuse and children", True, "2"),
    ("Child exploitation", True, "3"),
    ("Designated safeguarding lead refresher", False, "2"),
]


def seed_training(today, rng, agencies) -> None:
    if Course.objects.exists():
        return
    from governance.demo_standards import end_answers
    from governance.models import StandardCriterion
    from governance.models.training import PractitionerRole

    courses = [Course.objects.create(title=t, multi_agency=m, level=lvl) for t, m, lvl in COURSES]
    criteria = list(StandardCriterion.objects.filter(stage=StandardCriterion.Stage.END))
    answers_rng = random.Random(86)  # noqa: S311  (its own, so the other demo figures stay as they were)
    roles = list(PractitionerRole.values)
    pool = list(agencies.values())
    for year in range(today.year - 3, today.year + 1):
        for month in (2, 4, 6, 9, 10, 11):
            held_on = dt.date(year, month, 14)
            if held_on > today:
                continue
            session = TrainingSession.objects.create(
                course=courses[(month + year) % len(courses)], held_on=held_on, places=24, location="Barnsley Town Hall"
            )
            for _ in range(rng.randint(14, 24)):
                place = services.places_add(session=session, agency=rng.choice(pool), role=rng.choice(roles))[0]
                if rng.random() < 0.6:
                    before = rng.randint(1, 4)
                    services.evaluation_create(
                        session=session,
                        place=place,
                        confidence_before=before,
                        confidence_after=min(5, before + rng.randint(0, 2)),
                        usefulness=rng.choice([3, 4, 4, 5, 5]),
                        would_recommend=rng.random() < 0.85,
                        comment=rng.choice(["", "", "Good case studies.", "More time for questions please."]),
                        answers=end_answers(answers_rng, criteria),
                    )
