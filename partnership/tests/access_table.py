from tests.access import Route, only, signed_in


def _value(world) -> dict:
    """A value of one registered list (each route gets its own)."""
    from reviews.models import Methodology

    n = Methodology.objects.count() + 1
    return {"key": "reviews-methodology", "pk": Methodology.objects.create(code=f"access-{n}", name=f"Way {n}").pk}


def other_lead(w) -> dict:
    """The other agency's lead: a person the business unit manages and no one else may."""
    return {"pk": w.other_lead.pk}


def button(name: str) -> list[Route]:
    """A POST button on a person's page: the business unit is sent back to the page; GET is refused."""
    return [
        Route(name, signed_in(405), kwargs=other_lead),
        Route(name, only(["bu"], 302), kwargs=other_lead, method="post"),
    ]


def lead_job(w, *, done: bool = False) -> dict:
    """An export the home agency's lead asked for: theirs alone, whatever another person's role."""
    from django.core.files.base import ContentFile

    from partnership.models import ExportJob

    job = ExportJob.objects.create(
        requested_by=w.user("lead"), path="/actions/export.csv", fmt="csv", filename="actions", rows_total=1
    )
    if done:
        job.file.save("actions.csv", ContentFile(b"Number\r\n1\r\n"), save=False)
        job.status, job.rows_written = ExportJob.Status.DONE, 1
        job.save()
    return {"pk": job.pk}


ROUTES = [
    # Exports built in the background: each person sees only their own.
    Route("partnership:background_files", signed_in(200)),
    Route("partnership:background_file", signed_in(404, lead=200), kwargs=lead_job),
    Route(
        "partnership:background_file_download",
        signed_in(404, lead=200),
        kwargs=lambda w: lead_job(w, done=True),
    ),
    # The lists of values: the business unit only.
    Route("partnership:list_index", only(["bu"])),
    Route("partnership:list_values", only(["bu"]), kwargs=lambda w: {"key": "cdop-ethnicity"}),
    Route("partnership:list_value_add", only(["bu"]), kwargs=lambda w: {"key": "partnership-risktheme"}),
    Route("partnership:list_value_edit", only(["bu"]), kwargs=_value),
    Route("partnership:list_value_set_active", only(["bu"], 302), kwargs=_value, method="post", data={"active": "0"}),
    Route("partnership:list_value_set_active", signed_in(405), kwargs=_value),
    Route("partnership:list_value_delete", only(["bu"], 302), kwargs=_value, method="post"),
    Route("partnership:security_log", only(["bu"])),
    # Only the business unit resets another person's two-step sign-in.
    Route("partnership:two_step_reset", only(["bu"]), kwargs=other_lead),
    Route("partnership:security_log_export", only(["bu"])),
    # Agencies, sub-committees, people and their access are run by the business unit.
    Route("partnership:agency_create", only(["bu"])),
    Route("partnership:agency_edit", only(["bu"]), kwargs=lambda w: {"pk": w.other.pk}),
    Route("partnership:subcommittee_create", only(["bu"])),
    Route("partnership:subcommittee_edit", only(["bu"]), kwargs=lambda w: {"pk": _committee(w).pk}),
    Route("partnership:people_list", only(["bu"])),
    Route("partnership:person_invite", only(["bu"])),
    Route("partnership:person_detail", only(["bu"]), kwargs=other_lead),
    Route("partnership:person_edit", only(["bu"]), kwargs=other_lead),
    Route("partnership:person_access", only(["bu"]), kwargs=other_lead),
    Route("partnership:person_deactivate", only(["bu"]), kwargs=other_lead),
    Route("partnership:person_reactivate", only(["bu"]), kwargs=other_lead),
    # POST buttons: the business unit is sent back to the person's page.
    *button("partnership:person_invite_again"),
    *button("partnership:person_end_sessions"),
    # Who has access at an agency: its own lead (read-only) and the business unit.
    Route("partnership:agency_access", only(["bu", "lead"]), kwargs=lambda w: {"pk": w.home.pk}),
    Route(
        "partnership:agency_access",
        signed_in(404, bu=200, paqa=403, board=403),
        kwargs=lambda w: {"pk": w.other.pk},
    ),
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


def _committee(world):
    from partnership.tests.factories import SubCommitteeFactory

    return SubCommitteeFactory(code="access-table", name="Access table sub-committee")


def canary(world) -> list[str]:
    """A person in the other agency: agency users must never see them."""
    from partnership.tests.factories import UserFactory

    UserFactory(username="canary-person", first_name="Canaryfirst", last_name="Canarylast", agency=world.other)
    return ["Canaryfirst", "Canarylast", "canary-person"]
