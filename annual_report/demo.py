"""Demo people for the annual report's sign-off chain: a second business-unit member (to
approve what `bu` writes) and the lead officers of the two partners the demo had no lead for."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from annual_report.periods import recent_periods
from annual_report.sections import SECTIONS
from partnership.models import Agency, RoleAssignment, User

#: Demo words for last year's report, written by `bu` and approved by `bu2`.
WORDS = {
    "foreword": "This year the three safeguarding partners held each other to account more openly than before. "
    "We are proud of the work on neglect, and honest that timeliness of conferences fell short.",
    "summary": "We set three priorities. Practice on neglect improved, measured by audits and the scorecard. "
    "Initial conferences were too often late, and we say below what we are doing about it.",
    "scrutiny": "The independent scrutineer observed six partnership meetings, read twelve audit reports and "
    "met frontline practitioners. She found strong joint leadership and asked for faster learning from reviews.",
    "children": "We are the grown-ups who work together to keep you safe. This year we listened to more children "
    "at their meetings. Next year we want to help families sooner, before problems get big.",
}

PEOPLE = [
    # username, first, last, job title, agency short name, role
    ("bu2", "Ben", "Ashworth", "Partnership business officer", "Children's Services", "business_unit"),
    ("la-lead", "Linda", "Ayres", "Director of Children's Services", "Children's Services", "agency_lead"),
    ("icb-lead", "Imran", "Clarke", "Chief Nurse", "SY ICB", "agency_lead"),
]


@transaction.atomic
def seed(stdout=None) -> None:
    agencies = {a.short_name: a for a in Agency.objects.all()}
    for username, first, last, title, agency, role in PEOPLE:
        if agency not in agencies:
            continue
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "job_title": title,
                "email": f"{username}@partnership.example",
                "agency": agencies[agency],
                "is_staff": role == "business_unit",
            },
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
        RoleAssignment.objects.get_or_create(user=user, role=role)
    _narratives()
    _key_indicators()
    if stdout:
        stdout.write("  annual report sign-off chain: bu2, la-lead, icb-lead; last year's narratives")


#: Indicators the demo business unit marks as key: the report draws their run charts.
KEY_INDICATORS = ["CP_ICPC_15WD", "CP_REVIEWS_IN_TIME", "CPA_VISITS_IN_TIME", "RHI_72H"]


def _key_indicators() -> None:
    from scorecard.models import Indicator

    Indicator.objects.filter(code__in=KEY_INDICATORS, key_indicator=False).update(key_indicator=True)


def _narratives() -> None:
    from annual_report.models import Narrative

    writer, approver = User.objects.filter(username="bu").first(), User.objects.filter(username="bu2").first()
    if writer is None or approver is None:
        return
    period = recent_periods(timezone.localdate())[1]
    for section in SECTIONS:
        text = WORDS.get(section.key, f"What the partnership learned about {section.title.lower()} this year, "
                                      "and what it changed as a result.")  # fmt: skip
        Narrative.objects.get_or_create(
            period=period,
            section=section.key,
            defaults={"text": text, "status": "approved", "updated_by": writer, "approved_by": approver,
                      "approved_at": timezone.now()},
        )  # fmt: skip
