"""Demo people for the annual report's sign-off chain: a second business-unit member (to
approve what `bu` writes) and the lead officers of the two partners the demo had no lead for."""

from django.conf import settings
from django.db import transaction

from partnership.models import Agency, RoleAssignment, User

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
    if stdout:
        stdout.write("  annual report sign-off chain: bu2, la-lead, icb-lead")
