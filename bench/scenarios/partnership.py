"""The large synthetic partnership: 150 agencies (scaled) and one user per role."""

from bench.harness import Context, Page


def build(ctx: Context) -> None:
    from partnership.models import Agency, AgencyKind, RoleAssignment, S11Duty, User

    kinds = list(AgencyKind.values)
    duties = list(S11Duty.values)
    n = max(10, int(150 * ctx.scale))
    Agency.objects.bulk_create(
        [
            Agency(
                name=f"Bench agency {i:03d}",
                short_name=f"BA{i:03d}",
                kind=kinds[i % len(kinds)],
                s11_duty=duties[i % 3],
            )
            for i in range(n)
        ]
    )
    agencies = list(Agency.objects.order_by("pk"))
    ctx.extra["agencies"] = agencies
    people = [
        User(username=f"bench-person-{i}", agency=agencies[i % len(agencies)], first_name="Bench", last_name=str(i))
        for i in range(n * 5)
    ]
    User.objects.bulk_create(people)
    roles = {
        "bu": "business_unit",
        "paqa": "paqa",
        "chair": "chair",
        "board": "board",
        "lead": "agency_lead",
        "cdop": "cdop",
        "ssm": "safeguarding_manager",
    }
    for key, role in roles.items():
        user = User.objects.create(
            username=f"bench-{key}", agency=agencies[0], is_staff=key == "bu", is_superuser=key == "bu"
        )
        RoleAssignment.objects.create(user=user, role=role)
        ctx.users[key] = user
    ctx.extra["agency_count"] = n


def pages(ctx: Context) -> list[Page]:
    n = ctx.extra["agency_count"]
    return [
        Page("home (business unit)", "/", ctx.users["bu"]),
        Page("home (agency lead)", "/", ctx.users["lead"]),
        Page("agency list", "/partnership/agencies/", ctx.users["paqa"], rows=n),
    ]
