"""Demo Section 11 data: three past rounds, challenged and accepted, and a current round in progress.

Idempotent: a round that already exists (by name) is left alone, so a second run adds nothing.
"""

import datetime as dt
import random

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from bscp_portal.lib import periods
from partnership.models import Agency, User
from section11 import scoring, services
from section11.models import (
    ChallengeRecord,
    ChallengeSession,
    EvidenceFile,
    Participation,
    Return,
    ReturnEvent,
    Round,
    StandardResponse,
    StandardSet,
)
from section11.return_steps import record_event

NARRATIVE = {
    scoring.FULLY_MET: "The standard is embedded. Evidence: policy reviewed this year, audit results and board minutes.",
    scoring.PARTIALLY_MET: "Mostly in place. Gaps remain in some teams; an improvement action is under way.",
    scoring.NOT_MET: "Not yet in place across the agency. A plan has been agreed with the senior team.",
    scoring.NOT_APPLICABLE: "",
}
# A tiny valid PDF, so that demo evidence downloads open.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _rounds_to_make(today: dt.date) -> list[dict]:
    """Three past yearly rounds (autumn) and the current one, opened 25 days ago."""
    year = periods.start_year_of(today)
    rounds = []
    for back in (3, 2, 1):
        y = year - back
        rounds.append(
            {
                "name": f"Section 11 self-audit {y}-{str(y + 1)[2:]}",
                "period": f"{y}-{str(y + 1)[2:]}",
                "opens_on": dt.date(y, 10, 1),
                "deadline": dt.date(y, 12, 12),
                "past": True,
            }
        )
    rounds.append(
        {
            "name": f"Section 11 self-audit {year}-{str(year + 1)[2:]}",
            "period": f"{year}-{str(year + 1)[2:]}",
            "opens_on": today - dt.timedelta(days=25),
            "deadline": today + dt.timedelta(days=35),
            "past": False,
        }
    )
    return rounds


def _rating(rng: random.Random, quality: float) -> str:
    roll = rng.random()
    if roll < 0.03:
        return scoring.NOT_APPLICABLE
    if roll < quality:
        return scoring.FULLY_MET
    if roll < quality + (1 - quality) * 0.7:
        return scoring.PARTIALLY_MET
    return scoring.NOT_MET


def _fill(submission: Return, rng: random.Random, quality: float, count: int | None = None, by=None) -> None:
    for i, response in enumerate(submission.responses.select_related("standard").order_by("standard__number")):
        if count is not None and i >= count:
            break
        rating = _rating(rng, quality)
        response.rating = rating
        response.narrative = NARRATIVE[rating]
        response.na_reason = (
            "The agency has no contact with children in this area of work." if rating == scoring.NOT_APPLICABLE else ""
        )
        response.no_action_reason = (
            "Covered by the agency's wider improvement plan, reported to its board."
            if rating in scoring.NEEDS_ACTION
            else ""
        )
        response.carried_forward = False
        response.updated_by = by
        response.save()
        response.criteria.update(rating=rating if rating != scoring.NOT_APPLICABLE else scoring.FULLY_MET)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _lead_of(agency: Agency) -> User | None:
    return User.objects.filter(agency=agency, role_assignments__role="agency_lead").first()


@transaction.atomic
def seed(stdout=None) -> None:
    standard_set = StandardSet.objects.order_by("adopted_on").first()
    if standard_set is None:
        if stdout:
            stdout.write("  section 11: no standards loaded (run load_framework first)")
        return
    bu = User.objects.filter(username="bu").first()
    paqa = User.objects.filter(username="paqa").first()
    chair = User.objects.filter(username="chair").first()
    agencies = list(Agency.objects.filter(active=True).order_by("name"))
    if not agencies:
        return
    today = timezone.localdate()
    made = 0
    for spec in _rounds_to_make(today):
        if Round.objects.filter(name=spec["name"]).exists():
            continue
        rng = random.Random(spec["name"])
        rnd = services.round_create(
            created_by=bu,
            name=spec["name"],
            period=spec["period"],
            standard_set=standard_set,
            opens_on=spec["opens_on"],
            deadline=spec["deadline"],
        )
        made += 1
        if spec["past"]:
            _seed_past_round(rnd, agencies, rng, bu=bu, reviewers=[u for u in (paqa, chair, bu) if u])
        else:
            _seed_current_round(rnd, agencies, rng)
    _seed_escalation(paqa or bu)
    if stdout:
        stdout.write(f"  section 11: {made} new rounds ({Round.objects.count()} in all)")


def _seed_escalation(by) -> None:
    """One escalation: a standard agreed not met in the latest past round, the letter sent a week
    after the challenge session (idempotent: opened once, stepped on only from "opened")."""
    from section11.models import Escalation

    past = Round.objects.filter(deadline__lt=timezone.localdate()).order_by("-deadline").first()
    if past is None or by is None:
        return
    response = (
        StandardResponse.objects.filter(submission__round=past, agreed_rating=scoring.NOT_MET)
        .select_related("submission__agency", "standard")
        .order_by("submission__agency__name", "standard__number")
        .first()
    )
    if response is None:
        return
    submission = response.submission
    held = submission.challenges.select_related("session").first()
    opened = held.session.held_on if held else past.deadline
    escalation = services.escalation_open(
        round=past,
        agency=submission.agency,
        kind=Escalation.Kind.NOT_MET,
        by=by,
        today=opened,
        submission=submission,
        standards=str(response.standard.number),
        note="Agreed not met at the challenge session.",
    )
    if escalation.stage == Escalation.Stage.OPENED:
        services.escalation_step(
            escalation=escalation,
            by=by,
            to=Escalation.Stage.LETTER_SENT,
            version=escalation.version,
            today=opened + dt.timedelta(days=7),
        )


def _quality(agency: Agency, rnd: Round) -> float:
    """Each agency has its own baseline and improves a little each round."""
    base = 0.45 + (sum(map(ord, agency.name)) % 30) / 100
    return min(0.95, base + 0.07 * (rnd.opens_on.year - 2020))


def _seed_past_round(rnd: Round, agencies, rng: random.Random, *, bu, reviewers) -> None:
    taking_part = set(Participation.objects.filter(round=rnd).values_list("agency_id", "required"))
    returning = [
        a for a in agencies if (a.pk, True) in taking_part or ((a.pk, False) in taking_part and rng.random() < 0.5)
    ]
    submissions = []
    for agency in returning:
        lead = _lead_of(agency)
        submission = services.return_start(round=rnd, agency=agency, by=lead or bu)
        ReturnEvent.objects.filter(submission=submission).update(
            at=_at(rnd.opens_on + dt.timedelta(days=rng.randint(1, 20)))
        )
        _fill(submission, rng, _quality(agency, rnd), by=lead)
        submission.status = Return.Status.ACCEPTED
        submission.senior_manager = "Director of Safeguarding"
        submission.declared_by = lead
        submission.declared_at = _at(rnd.deadline - dt.timedelta(days=rng.randint(0, 10)))
        submission.save()
        record_event(submission, ReturnEvent.Kind.SUBMITTED, lead, at=submission.declared_at)
        submissions.append(submission)
    # Two challenge sessions a few weeks after the deadline, half the agencies each.
    halves = [submissions[::2], submissions[1::2]]
    for i, group in enumerate(halves):
        held_on = rnd.deadline + dt.timedelta(days=28 + 14 * i)
        session = ChallengeSession.objects.create(
            round=rnd,
            held_on=held_on,
            venue="Town Hall, committee room 2",
            created_by=bu,
            notes="Returns examined with each agency's safeguarding lead.",
        )
        session.panel.set(reviewers)
        for submission in group:
            record = ChallengeRecord.objects.create(
                session=session,
                submission=submission,
                attendees="Safeguarding lead and head of service",
                discussion="The panel tested the evidence for each standard. Strong practice noted; gaps agreed below.",
                outcome_recorded_at=_at(held_on, 15),
            )
            record_event(submission, ReturnEvent.Kind.CHALLENGE, reviewers[0], at=_at(held_on, 9))
            for response in submission.responses.all():
                agreed = response.rating
                # The panel sometimes judges a "fully met" only partially evidenced.
                if agreed == scoring.FULLY_MET and rng.random() < 0.12:
                    agreed = scoring.PARTIALLY_MET
                    response.reviewer_comment = "Evidence shows this is not yet consistent across all teams."
                response.reviewer_rating = agreed
                response.agreed_rating = agreed
                response.save()
            record_event(
                submission, ReturnEvent.Kind.ACCEPTED, reviewers[0], f"Accepted at the {session}.", at=_at(held_on, 16)
            )
            _agreed_actions(record, submission, rnd, by=bu)


def _agreed_actions(record: ChallengeRecord, submission: Return, rnd: Round, *, by) -> None:
    from actions.services import action_create

    lead = _lead_of(submission.agency)
    if lead is None:
        return
    weak = [r for r in submission.responses.select_related("standard") if r.agreed_rating == scoring.NOT_MET][:2]
    for response in weak:
        action_create(
            created_by=by,
            description=f"Put in place what standard {response.standard.number} ({response.standard.title.lower()}) needs across all teams.",
            measure="Re-audit shows the standard met in at least 9 of 10 sampled teams.",
            owner=lead,
            agency=submission.agency,
            due_date=rnd.deadline + dt.timedelta(days=180),
            source=record,
        )


def _seed_current_round(rnd: Round, agencies, rng: random.Random) -> None:
    by_name = {a.short_name: a for a in agencies}
    plan = {
        "SY Police": ("draft", 4),
        "Barnsley Hospital": ("submitted", None),
        "Oakwell Primary": ("draft", 2),
        "Children's Services": ("submitted", None),
        "SY ICB": ("under_challenge", None),
        "Probation": ("draft", 6),
        "Barnsley College": ("returned", None),
    }
    for short_name, (status, count) in plan.items():
        agency = by_name.get(short_name)
        if agency is None:
            continue
        person = User.objects.filter(agency=agency).first()
        submission = services.return_start(round=rnd, agency=agency, by=person)
        _fill(submission, rng, _quality(agency, rnd), count=count, by=person)
        if short_name == "Oakwell Primary":
            # A school part-way through: the standards it has not reached yet are still unrated.
            submission.responses.filter(standard__number__gt=count).update(rating="", carried_forward=False)
        if status != "draft":
            submission.status = status
            submission.senior_manager = "Director of Safeguarding"
            submission.declared_by = _lead_of(agency)
            submission.declared_at = timezone.now() - dt.timedelta(days=3)
            submission.save()
            record_event(submission, ReturnEvent.Kind.SUBMITTED, submission.declared_by, at=submission.declared_at)
        if status == "returned":
            first = submission.responses.order_by("standard__number").first()
            first.reviewer_comment = "Please add evidence of board reporting in the last twelve months."
            first.save()
            record_event(
                submission, ReturnEvent.Kind.RETURNED, User.objects.filter(username="paqa").first(), at=timezone.now()
            )
        if short_name == "SY Police":
            first = submission.responses.order_by("standard__number").first()
            evidence = EvidenceFile(
                response=first,
                original_name="Safeguarding board minutes.pdf",
                content_type="application/pdf",
                size=len(DEMO_PDF),
                uploaded_by=person,
            )
            evidence.file.save(f"demo-{submission.pk}-minutes.pdf", ContentFile(DEMO_PDF), save=False)
            evidence.save()
