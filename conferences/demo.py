"""Demo conferences: about three years of a metropolitan borough's child protection
conferences (roughly 20 initial conferences a month, as published for Barnsley), with
agencies from the demo partnership, checklists and questionnaires; then the indicators."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from bscp_portal.lib.workdays import add_working_days, is_working_day
from conferences import timeliness
from conferences.models import (
    AgencyInvitation,
    Answer,
    Category,
    ChildViews,
    Conference,
    Kind,
    LateReason,
    Outcome,
    Question,
    QuestionnaireResponse,
    Respondent,
    Standard,
    StandardResult,
)
from conferences.summary import TILE_RATES

PREFIX = "BCP-"
CHAIRS = ["Janet Ahmed", "Mark Ellis", "Ruth Okafor", "David Kemp"]
# short_name: (chance invited, chance attended when invited, chance report on time when invited)
AGENCY_HABITS = {
    "Children's Services": (1.0, 0.99, 0.95),
    "SY Police": (0.95, 0.82, 0.7),
    "Barnsley Hospital": (0.5, 0.7, 0.6),
    "SWYPFT": (0.45, 0.75, 0.65),
    "Public Health": (0.8, 0.88, 0.8),
    "Oakwell Primary": (0.35, 0.92, 0.85),
    "Kingstone Academy": (0.3, 0.85, 0.7),
    "Barnsley College": (0.1, 0.6, 0.5),
    "Probation": (0.25, 0.65, 0.55),
    "Domestic Abuse Service": (0.3, 0.8, 0.6),
    "Berneslai Homes": (0.15, 0.55, 0.4),
    "Youth Justice": (0.08, 0.8, 0.75),
}
LATE_DETAIL = {
    "family-unavailable": "Parents asked to move the date: a hospital appointment clashed.",
    "agency-not-ready": "Police checks were still outstanding on the date first set.",
    "no-chair": "Two chairs were off sick in the same week.",
    "interpreter-venue": "No Tigrinya interpreter could be booked in time.",
    "new-information": "A new disclosure at school needed a further strategy discussion.",
    "transfer": "The family moved from Rotherham mid-enquiry.",
    "booking-error": "The request for a conference was sent to the wrong inbox.",
}
CATEGORIES = [Category.NEGLECT] * 5 + [Category.EMOTIONAL] * 4 + [Category.PHYSICAL, Category.SEXUAL, Category.MULTIPLE]


def _working(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _child_history(rng: random.Random, ref: str, start: dt.date, today: dt.date) -> list[dict]:
    """One child's conferences from a strategy discussion to the end of the plan (or today)."""
    strategy = _working(start)
    enquiry = strategy if rng.random() < 0.7 else add_working_days(strategy, 1)
    wd = rng.choice([8, 10, 11, 12, 13, 14, 14, 15, 15, 15, 13, 12, 16, 18, 21])
    icpc = add_working_days(enquiry, wd)
    if icpc > today:
        return []
    plan = rng.random() < 0.85
    category = rng.choice(CATEGORIES)
    second = plan and rng.random() < 0.22
    # How long the plan lasts: most end within a year, a few run past two years.
    months = rng.choice([3, 6, 9, 9, 12, 12, 12, 15, 18, 18, 24, 27]) if plan else 0
    base = {"child_ref": ref, "chair": rng.choice(CHAIRS), "plan_category": category if plan else ""}
    rows = [
        {
            **base,
            "kind": Kind.INITIAL if rng.random() > 0.04 else Kind.TRANSFER_IN,
            "strategy_discussion_date": strategy,
            "enquiry_start_date": enquiry,
            "conference_date": icpc,
            "outcome": Outcome.PLAN_MADE if plan else Outcome.NO_PLAN,
            "second_plan": second,
            "plan_start": icpc if plan else None,
        }
    ]
    if rows[0]["kind"] == Kind.TRANSFER_IN:
        rows[0]["strategy_discussion_date"] = rows[0]["enquiry_start_date"] = None
    if not plan:
        return rows
    previous, step, elapsed = icpc, 3, 0
    while True:
        due = timeliness.add_months(previous, step)
        slip = rng.choice([-20, -14, -10, -7, -5, -3, 0, 0, 0, 5, 12])
        date = _working(due + dt.timedelta(days=slip))
        if date > today:
            break
        elapsed += step
        ending = elapsed >= months
        rows.append(
            {
                **base,
                "kind": Kind.REVIEW,
                "conference_date": date,
                "outcome": Outcome.PLAN_ENDED if ending else Outcome.PLAN_CONTINUED,
                "second_plan": second,
                "plan_start": icpc,
                "plan_end": date if ending else None,
            }
        )
        if ending:
            break
        previous, step = date, 6
    return rows


@transaction.atomic
def seed(stdout=None) -> None:
    from partnership.models import Agency, User

    if Conference.objects.filter(child_ref__startswith=PREFIX).exists():
        _seed_late_reasons(random.Random(71))
        _seed_core_groups(random.Random(72), stdout)
        if stdout:
            stdout.write("  conferences: demo data already present")
        return
    rng = random.Random(70)  # noqa: S311  (demo data, reproducible)
    today = timezone.localdate()
    first = dt.date(today.year - 3, 4, 1)
    by_name = {a.short_name: a for a in Agency.objects.filter(short_name__in=AGENCY_HABITS)}
    ssm = User.objects.filter(username="ssm").first()

    rows: list[dict] = []
    n = 0
    day = first
    while day < today - dt.timedelta(days=21):
        for _ in range(rng.randint(14, 26)):
            n += 1
            start = day + dt.timedelta(days=rng.randint(0, 27))
            rows.extend(_child_history(rng, f"{PREFIX}{start:%y}-{n:05d}", start, today))
        day = (day + dt.timedelta(days=32)).replace(day=1)

    conferences = [
        Conference(
            parents_attended=rng.random() < 0.8,
            child_attended=(attended := rng.random() < 0.12),
            child_views=ChildViews.IN_PERSON
            if attended
            else rng.choice(["", ChildViews.ADVOCATE, ChildViews.WRITTEN, ChildViews.WRITTEN]),
            interpreter_needed=(needed := rng.random() < 0.06),
            interpreter_provided=needed and rng.random() < 0.85,
            created_by=ssm,
            **row,
        )
        for row in rows
    ]
    by_child: dict[str, list[Conference]] = {}
    for i, c in enumerate(conferences):
        by_child.setdefault(c.child_ref, []).append((i, c))
    for ref, items in by_child.items():
        _give_characteristics(ref, [c for _i, c in items])
        result = timeliness.assess_child(
            timeliness.Sitting(i, c.kind, c.conference_date, c.enquiry_start_date) for i, c in items
        )
        for i, c in items:
            c.due_date, c.working_days, c.timely = result[i].due, result[i].working_days, result[i].timely
    _give_reasons([c for c in conferences if c.timely is False], rng)
    bulk_create_with_history(conferences, Conference, batch_size=500)
    conferences = list(Conference.objects.filter(child_ref__startswith=PREFIX).order_by("pk"))

    invitations = []
    for c in conferences:
        for short, (p_inv, p_att, p_rep) in AGENCY_HABITS.items():
            agency = by_name.get(short)
            if agency is None or rng.random() > p_inv:
                continue
            attended = rng.random() < p_att
            on_time = rng.random() < p_rep
            late = rng.random() < 0.5
            submitted = (
                c.conference_date - dt.timedelta(days=rng.randint(3, 7))
                if on_time
                else (c.conference_date if late else None)
            )
            invitations.append(
                AgencyInvitation(
                    conference=c,
                    agency=agency,
                    invited=True,
                    attended=attended,
                    apologies=not attended and rng.random() < 0.7,
                    report_submitted_on=submitted,
                    report_on_time=timeliness.report_is_on_time(submitted, c.conference_date),
                    report_shared_with_parents=bool(submitted) and rng.random() < 0.75,
                    conference_date=c.conference_date,
                )
            )
    bulk_create_with_history(invitations, AgencyInvitation, batch_size=1000)

    standards = list(Standard.objects.filter(active=True))
    results = []
    for c in conferences:
        if rng.random() < 0.6:
            for s in standards:
                r = rng.random()
                value = "met" if r < 0.82 else ("not_met" if r < 0.95 else "na")
                results.append(StandardResult(conference=c, standard=s, result=value))
    StandardResult.objects.bulk_create(results, batch_size=1000)

    questions_for = {
        who: list(Question.objects.filter(active=True, respondent=who))
        for who in (Respondent.PARENT, Respondent.YOUNG_PERSON)
    }
    comments = {
        "went-well": ["The chair explained everything", "I could say what I thought", "", "Social worker was kind"],
        "could-be-better": ["Reports came late", "Too many people in the room", "", "Hard to follow the words used"],
        "yp-good": ["My advocate said what I wanted", "The chair talked to me first", "", "I could leave early"],
        "yp-better": ["It went on too long", "Less people", "", "Tell me earlier when it is"],
    }
    now = timezone.now()
    responses, answer_sets = [], []
    for c in conferences:
        if rng.random() > 0.3:
            continue
        who = Respondent.YOUNG_PERSON if rng.random() < 0.2 else Respondent.PARENT
        response = QuestionnaireResponse(
            conference=c,
            respondent=who,
            method=rng.choice(["paper", "link"]),
            conference_date=c.conference_date,
            submitted_at=min(now, timezone.make_aware(dt.datetime.combine(c.conference_date, dt.time(15)))),
            entered_by=ssm,
        )
        mood = rng.choice([2, 3, 4, 4, 4, 5, 5])
        answer_sets.append(
            [
                (q, max(1, min(5, mood + rng.choice([-1, 0, 0, 1]))) if q.kind == "scale" else None)
                for q in questions_for[who]
            ]
        )
        responses.append(response)
    QuestionnaireResponse.objects.bulk_create(responses, batch_size=500)
    answers = []
    for response, given in zip(responses, answer_sets, strict=True):
        for q, score in given:
            if score is not None:
                answers.append(Answer(response=response, question=q, score=score))
            else:
                text = rng.choice(comments.get(q.code, [""]))
                if text:
                    answers.append(Answer(response=response, question=q, text=text))
    Answer.objects.bulk_create(answers, batch_size=2000)
    _seed_core_groups(rng, stdout)
    # Conferences, agency rows and answers were written directly: the cached tile rates no longer hold.
    TILE_RATES.invalidate()
    if stdout:
        stdout.write(
            f"  conferences: {len(conferences)} conferences, {len(invitations)} agency rows, "
            f"{len(responses)} questionnaires"
        )
    _recompute(first, today, stdout)


def _give_reasons(late: list, rng: random.Random) -> None:
    reasons = list(LateReason.objects.filter(active=True))
    weights = {"family-unavailable": 5, "agency-not-ready": 4, "no-chair": 2, "new-information": 2}
    for c in late:
        if reasons:
            c.late_reason = rng.choices(reasons, weights=[weights.get(r.code, 1) for r in reasons])[0]
            c.late_reason_detail = LATE_DETAIL.get(c.late_reason.code, "Explained to the family at the time.")


def _seed_late_reasons(rng: random.Random) -> None:
    """Late demo conferences recorded before reasons were asked for get one (idempotent)."""
    late = list(Conference.objects.filter(child_ref__startswith=PREFIX, timely=False, late_reason__isnull=True))
    _give_reasons(late, rng)
    Conference.objects.bulk_update(late, ["late_reason", "late_reason_detail"], batch_size=500)


def _seed_core_groups(rng: random.Random, stdout) -> None:
    """Core groups for the plans made in the last six months (idempotent: once only)."""
    from conferences.models import CoreGroup, CoreGroupAttendance
    from conferences.services import core_group_interval_weeks, refresh_core_groups

    if CoreGroup.objects.filter(conference__child_ref__startswith=PREFIX).exists():
        return
    today = timezone.localdate()
    plans = list(
        Conference.objects.filter(
            child_ref__startswith=PREFIX,
            outcome=Outcome.PLAN_MADE,
            conference_date__gte=today - dt.timedelta(days=180),
            conference_date__lt=today - dt.timedelta(days=14),
        ).prefetch_related("invitations")
    )
    weeks = core_group_interval_weeks()
    made = 0
    for c in plans:
        day = add_working_days(c.conference_date, rng.choice([6, 8, 9, 10, 10, 12]))
        while day < today:
            group = CoreGroup.objects.create(conference=c, meeting_date=day, plan_reviewed=rng.random() < 0.85)
            CoreGroupAttendance.objects.bulk_create(
                [
                    CoreGroupAttendance(
                        core_group=group, agency_id=inv.agency_id, attended=rng.random() < 0.8, meeting_date=day
                    )
                    for inv in c.invitations.all()
                    if inv.invited
                ]
            )
            made += 1
            day = _working(day + dt.timedelta(weeks=weeks, days=rng.choice([-7, -3, 0, 0, 2, 5])))
        refresh_core_groups(conference=c)
    if stdout:
        stdout.write(f"  conferences: {made} core groups")


def _recompute(start: dt.date, end: dt.date, stdout) -> None:
    from conferences.services import indicators_recompute

    try:
        written = indicators_recompute(start=start, end=end)
    except ImportError:
        if stdout:
            stdout.write("  conferences: scorecard not available, indicators not computed")
        return
    if stdout:
        stdout.write(f"  conferences: {sum(written.values())} indicator values computed")


def _give_characteristics(child_ref: str, conferences: list) -> None:
    """The same sex, ethnicity and disability on each of a child's conferences, the age band of
    the first; a few "not known" (own random stream, so the rest of the demo is unchanged)."""
    rng = random.Random(f"equality-{child_ref}")
    sex = rng.choices(["female", "male", "not_known"], [48, 49, 3])[0]
    band = rng.choices(["unborn", "under_1", "1_4", "5_9", "10_15", "16_over"], [4, 12, 26, 27, 25, 6])[0]
    ethnicity = rng.choices(["white", "mixed", "asian", "black", "other", "not_known"], [86, 4, 3, 2, 1, 4])[0]
    disability = rng.choices(["no", "yes", "not_known"], [84, 9, 7])[0]
    for c in conferences:
        c.child_sex, c.child_age_band, c.child_ethnicity, c.child_disability = sex, band, ethnicity, disability
