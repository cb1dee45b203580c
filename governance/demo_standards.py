"""Demo training standards in use (courses assessed, end-of-course answers, 3-month follow-ups)
and workforce returns (called by `governance.demo.seed`; each part only once)."""

import datetime as dt
import random

from bscp_portal.lib import periods
from governance import rules, services
from governance.models import (
    ChairsMeeting,
    Course,
    CourseAssessment,
    CriterionAnswer,
    Evaluation,
    PracticeFollowUp,
    StandardCriterion,
    TrainingSession,
    WorkforceReturn,
)

Stage = StandardCriterion.Stage

#: Per course title: the design criteria it does not meet, with what is missing.
GAPS = {
    "Designated safeguarding lead refresher": {
        "design-trainers": "Delivered by the education safeguarding team alone; no trainer from another agency yet.",
        "design-voice": "No material from children or families; the young advisors have offered to help.",
    },
    "Child exploitation": {
        "design-reviewed": "Last reviewed in 2022; the review is booked with the exploitation sub-group.",
    },
}

#: (agency short name, staff in contact, trained, safeguarding posts, vacancies, leavers) for the
#: year just ended; the year before is the same less a little. Small agencies' vacancies and
#: leavers are small numbers, shown to PAQA as "c".
WORKFORCE = [
    ("Children's Services", 612, 571, 148, 19, 23),
    ("SY Police", 940, 862, 96, 7, 11),
    ("SY ICB", 58, 55, 14, 1, 2),
    ("Barnsley Hospital", 1480, 1312, 22, 3, 4),
    ("SWYPFT", 820, 731, 18, 2, 3),
    ("Probation", 96, 90, 9, 0, 1),
    ("Barnardo's", 41, 38, 6, 1, 1),
]


def end_answers(rng, criteria) -> dict[int, bool]:
    return {c.pk: rng.random() < 0.86 for c in criteria}


def seed(today: dt.date, agencies, users) -> None:
    rng = random.Random(2019)  # noqa: S311  (demo data, reproducible; its own so other figures stay)
    _assess_courses(today, users)
    _end_of_course_answers(rng)
    _follow_ups(today, rng)
    _workforce(today, agencies, users)
    _chairs_meetings(today, users)


def _assess_courses(today, users) -> None:
    if CourseAssessment.objects.exists() or "bu" not in users:
        return
    criteria = list(StandardCriterion.objects.filter(stage=Stage.COURSE))
    for course in Course.objects.all():
        gaps = GAPS.get(course.title, {})
        judgements = {
            c.pk: (False, gaps[c.code]) if c.code in gaps else (True, "Checked against the course plan and materials.")
            for c in criteria
        }
        services.course_assess(course=course, by=users["bu"], judgements=judgements, today=today)


def _end_of_course_answers(rng) -> None:
    """Evaluations seeded before the standards were loaded get their end-of-course answers."""
    criteria = list(StandardCriterion.objects.filter(stage=Stage.END))
    if not criteria or CriterionAnswer.objects.filter(evaluation__isnull=False).exists():
        return
    CriterionAnswer.objects.bulk_create(
        [
            CriterionAnswer(criterion=c, evaluation=e, met=met)
            for e in Evaluation.objects.order_by("pk")
            for c, met in zip(criteria, end_answers(rng, criteria).values(), strict=True)
        ]
    )


def _follow_ups(today, rng) -> None:
    """About half the people who attended a session at least 3 months ago answer the follow-up."""
    if PracticeFollowUp.objects.exists():
        return
    criteria = list(StandardCriterion.objects.filter(stage=Stage.FOLLOW_UP))
    if not criteria:
        return
    cutoff = rules.add_months(today, -rules.FOLLOW_UP_MONTHS)
    for session in TrainingSession.objects.filter(held_on__lte=cutoff).prefetch_related("places_taken"):
        for place in session.places_taken.all():
            if rng.random() < 0.5:
                services.follow_up_create(
                    session=session,
                    place=place,
                    answers={c.pk: rng.random() < (0.8 if c.code == "follow-used" else 0.65) for c in criteria},
                    example=rng.choice(
                        ["", "", "I now ring the other agency before closing a referral.", "Used the neglect tool."]
                    ),
                    today=today,
                )


def _workforce(today, agencies, users) -> None:
    if WorkforceReturn.objects.exists() or "bu" not in users:
        return
    last = periods.start_year_of(today) - 1
    leads = {u.agency_id: u for u in users.values() if u.username.endswith("-lead")}
    for short, staff, trained, posts, vacancies, leavers in WORKFORCE:
        agency = agencies.get(short)
        if agency is None:
            continue
        by = leads.get(agency.pk, users["bu"])
        for year, less in ((last - 1, 0.93), (last, 1.0)):
            services.workforce_return_save(
                agency=agency,
                year=year,
                by=by,
                staff_in_contact=staff,
                trained=int(trained * less),
                safeguarding_posts=posts,
                vacancies=vacancies,
                leavers=leavers,
                note="" if year == last else "Figures from the agency's HR system at 31 March.",
            )


def _chairs_meetings(today, users) -> None:
    """Two of the chair's meetings with the sub-committee chairs; the later one agreed an action."""
    from actions import services as action_services

    if ChairsMeeting.objects.exists() or not {"bu", "chair", "board"} <= set(users):
        return
    people = [users["chair"], users["board"]]
    earlier = services.chairs_meeting_record(
        held_on=rules.add_months(today, -4),
        by=users["bu"],
        attendees=people,
        decisions=[
            "PAQA to bring the neglect audit findings to the next Partnership meeting.",
            "The training standards to be used to assess every multi-agency course this year.",
        ],
        today=today,
    )
    later = services.chairs_meeting_record(
        held_on=rules.add_months(today, -1),
        by=users["bu"],
        attendees=people,
        others_present="Partnership business manager",
        decisions=[
            "Workforce returns to be asked of every statutory and commissioned agency by 30 June.",
            "Case Review to share its learning briefings with the training pool.",
        ],
        notes=f"Progress on the actions from {earlier} was reviewed.",
        today=today,
    )
    action_services.action_create(
        created_by=users["bu"],
        description="Write to every agency lead asking for this year's workforce return",
        measure="Returns received from all statutory agencies by 30 June",
        owner=users["chair"],
        agency=users["chair"].agency,
        due_date=today + dt.timedelta(days=45),
        source=later,
    )
