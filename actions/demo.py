"""Demo actions: a few years of believable SMART actions across agencies and sub-committees.

Some are complete with evidence of outcome (and a file), some were completed late, some are
overdue, some are in progress. Idempotent: an action already present (same description and
agency) is left alone, so a second run adds nothing.
"""

import datetime as dt
import random
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from actions.models import Action, ActionEvent, EvidenceFile, ProgressUpdate
from partnership.framework import read_rows
from partnership.models import Agency, Membership, SubCommittee, User

DATA = Path(__file__).parent / "framework" / "demo_actions.csv"

#: Demo owners for agencies with no demo login: named people who never sign in.
OWNERS = [
    ("Grace", "Whitfield", "Head of safeguarding"),
    ("Tom", "Ashworth", "Safeguarding lead"),
    ("Amara", "Okafor", "Named professional for safeguarding"),
    ("Daniel", "Brook", "Service manager"),
]

PROGRESS_NOTES = [
    "Briefing delivered to the first two teams; the rest are booked for next month.",
    "Draft shared with the sub-committee for comment; comments due by the next meeting.",
    "Baseline audit done: 11 of 20 cases meet the standard. Re-audit planned after training.",
    "Delayed by staff vacancies; recruitment to the post is under way.",
    "System change tested and live; first month's figures look encouraging.",
    "Half of the sessions delivered; evaluation forms returned from 48 participants.",
]

#: A tiny valid PDF for the demo evidence files (checked by content like any upload).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _owner_for(agency: Agency, people: dict) -> User:
    if agency.pk in people:
        return people[agency.pk]
    first, last, title = OWNERS[agency.pk % len(OWNERS)]
    slug = "".join(ch for ch in agency.short_name.lower() if ch.isalnum())[:20]
    user, created = User.objects.get_or_create(
        username=f"owner-{slug}",
        defaults={
            "first_name": first,
            "last_name": last,
            "job_title": title,
            "agency": agency,
            "email": f"owner-{slug}@partnership.example",
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
    people[agency.pk] = user
    return user


def _at(day: dt.date, hour: int = 11) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@transaction.atomic
def seed(stdout=None) -> None:
    rows = read_rows(DATA)
    agencies = {a.short_name: a for a in Agency.objects.all()}
    committees = {c.code: c for c in SubCommittee.objects.all()}
    if not agencies or not committees:
        return
    # Owners: the agency's lead or contributor where the demo has one (so their home page has
    # "my actions"), else anyone at the agency, else a named owner who never signs in.
    people: dict[int, User] = {}
    for user in User.objects.filter(
        agency__isnull=False, is_active=True, role_assignments__role__in=["agency_lead", "agency_contributor"]
    ).order_by("pk"):
        people.setdefault(user.agency_id, user)
    for user in User.objects.filter(agency__isnull=False, is_active=True).order_by("pk"):
        people.setdefault(user.agency_id, user)
    chairs = {m.subcommittee_id: m.user for m in Membership.objects.filter(is_chair=True).select_related("user")}
    business_unit = User.objects.filter(role_assignments__role="business_unit").first()
    rng = random.Random(20)  # noqa: S311 - reproducible demo data, not security
    today = timezone.localdate()
    created = []
    for i, row in enumerate(rows):
        agency = agencies.get(row["agency"]) or list(agencies.values())[i % len(agencies)]
        if Action.objects.filter(description=row["description"], agency=agency).exists():
            continue
        committee = committees.get(row["subcommittee"])
        owner = _owner_for(agency, people)
        signer = chairs.get(committee.pk if committee else None) or business_unit or owner
        # Spread over about three years: older actions mostly complete, recent ones open.
        # Open ones are mostly recent, so only some are overdue.
        if row["evidence"]:
            created_on = today - dt.timedelta(days=rng.randint(200, 1000))
        else:
            created_on = today - dt.timedelta(days=rng.randint(40, 420))
        due = created_on + dt.timedelta(days=rng.choice([90, 120, 180, 270, 365]))
        action = Action.objects.create(
            description=row["description"],
            measure=row["measure"],
            resources=row["resources"],
            priority=row["priority"],
            owner=owner,
            agency=agency,
            subcommittee=committee,
            due_date=due,
            created_by=signer,
        )
        Action.objects.filter(pk=action.pk).update(created_at=_at(created_on, 10))
        updates = rng.randint(1, 3)
        for n in range(updates):
            on = created_on + dt.timedelta(days=30 * (n + 1))
            if on > today:
                break
            update = ProgressUpdate.objects.create(
                action=action, on_date=on, note=rng.choice(PROGRESS_NOTES), author=owner
            )
            ProgressUpdate.objects.filter(pk=update.pk).update(created_at=_at(on, 14))
            action.status = Action.Status.IN_PROGRESS
        if row["evidence"]:
            # Done: on time for most, a few weeks late for some.
            done_on = min(today, due - dt.timedelta(days=rng.randint(-30, 60)))
            at = _at(done_on, 16)
            action.status = Action.Status.COMPLETE
            action.completed_at, action.completed_by = at, signer
            action.completion_evidence = row["evidence"]
            event = ActionEvent.objects.create(
                action=action, kind=ActionEvent.Kind.SIGNED_OFF, by=signer, at=at, text=row["evidence"]
            )
            if i % 3 == 0:
                record = EvidenceFile(
                    event=event, original_name="re-audit summary.pdf", content_type="application/pdf", size=len(PDF)
                )
                record.file.save("demo-evidence.pdf", ContentFile(PDF), save=False)
                record.save()
        elif due > today + dt.timedelta(days=200):
            action.status = Action.Status.NOT_STARTED
        action.save()
        created.append(action)
    # A few follow-up actions that arise from earlier ones (the generic source link).
    follow_ups = [a for a in created if a.status == Action.Status.COMPLETE][:3]
    action_type = ContentType.objects.get_for_model(Action)
    for parent in follow_ups:
        text = f"Follow-up: repeat the audit six months after '{parent.description[:60]}…'"
        if Action.objects.filter(description=text).exists():
            continue
        Action.objects.create(
            description=text,
            measure="Repeat audit shows the improvement has lasted (same sample size and standard)",
            owner=parent.owner,
            agency=parent.agency,
            subcommittee=parent.subcommittee,
            due_date=today + dt.timedelta(days=rng.randint(-20, 150)),
            created_by=parent.completed_by,
            status=Action.Status.IN_PROGRESS,
            source_type=action_type,
            source_id=parent.pk,
            source_label=str(parent)[:300],
        )
    if stdout:
        stdout.write(f"  {len(created)} demo actions ({Action.objects.count()} in all)")
