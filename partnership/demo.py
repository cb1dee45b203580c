"""Demo partnership: about 20 agencies of a metropolitan borough and one user per role."""

from django.conf import settings
from django.db import transaction

from partnership.framework import DATA_DIR, read_rows
from partnership.models import Agency, Membership, RoleAssignment, SubCommittee, User


@transaction.atomic
def seed(stdout=None) -> None:
    for row in read_rows(DATA_DIR / "demo_agencies.csv"):
        Agency.objects.get_or_create(
            name=row["name"],
            defaults={
                "short_name": row["short_name"],
                "kind": row["kind"],
                "statutory_partner": row["statutory_partner"] == "true",
                "s11_duty": row["s11_duty"],
            },
        )
    agencies = {a.short_name: a for a in Agency.objects.all()}
    committees = {c.code: c for c in SubCommittee.objects.all()}
    for row in read_rows(DATA_DIR / "demo_users.csv"):
        user, created = User.objects.get_or_create(
            username=row["username"],
            defaults={
                "first_name": row["first_name"],
                "last_name": row["last_name"],
                "email": f"{row['username']}@partnership.example",
                "job_title": row["job_title"],
                "agency": agencies[row["agency"]],
            },
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            # The business unit configures the framework in the admin.
            user.is_staff = user.is_superuser = "business_unit" in row["roles"]
            user.save()
        for role in filter(None, row["roles"].split(";")):
            RoleAssignment.objects.get_or_create(user=user, role=role)
        for seat in filter(None, row["memberships"].split(";")):
            code, _, chair = seat.partition(":")
            Membership.objects.get_or_create(
                user=user, subcommittee=committees[code], defaults={"is_chair": chair == "chair"}
            )
    if stdout:
        stdout.write(f"  {Agency.objects.count()} agencies, {User.objects.count()} people")
