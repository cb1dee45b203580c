from tests.access import Route, only, signed_in

ROUTES = [
    Route("partnership:security_log", only(["bu"])),
    # Only the business unit resets another person's two-step sign-in.
    Route("partnership:two_step_reset", only(["bu"]), kwargs=lambda w: {"pk": w.other_lead.pk}),
    Route("partnership:security_log_export", only(["bu"])),
    Route("partnership:index", signed_in(200)),
    Route("partnership:agency_list", signed_in(200)),
    # Own agency: every signed-in role.
    Route("partnership:agency_detail", signed_in(200), kwargs=lambda w: {"pk": w.home.pk}),
    # Another agency: only the roles that see all agencies.
    Route(
        "partnership:agency_detail",
        signed_in(404, bu=200, paqa=200, board=200),
        kwargs=lambda w: {"pk": w.other.pk},
    ),
]


def canary(world) -> list[str]:
    """A person in the other agency: agency users must never see them."""
    from partnership.tests.factories import UserFactory

    UserFactory(username="canary-person", first_name="Canaryfirst", last_name="Canarylast", agency=world.other)
    return ["Canaryfirst", "Canarylast", "canary-person"]
