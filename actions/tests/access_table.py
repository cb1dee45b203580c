"""Who may open each actions URL. The home action belongs to world.home, is owned by the
contributor and monitored by PAQA (which `chair` chairs); the canary action belongs to
world.other and is monitored by nobody the home users chair."""

import datetime

from django.core.files.base import ContentFile

from tests.access import Route, signed_in

AGENCY_404 = {"lead": 404, "contributor": 404, "chair": 404, "cdop": 404, "ssm": 404}


def home_action(w):
    from actions.tests.factories import home_paqa_action

    return home_paqa_action(w)


def canary_action(w):
    from actions.tests.factories import ActionFactory

    return ActionFactory(agency=w.other, owner=w.other_lead, created_by=w.other_lead)


def with_evidence(action):
    from actions.models import EvidenceFile
    from actions.tests.factories import ActionEventFactory

    event = ActionEventFactory(action=action, by=action.owner)
    record = EvidenceFile(event=event, original_name="re-audit.pdf", content_type="application/pdf", size=9)
    record.file.save("access-test.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": action.pk, "file_id": record.pk}


def pk(action):
    return {"pk": action.pk}


def plan_kwargs(action):
    return {"source_type": "actions.action", "source_id": action.pk}


CREATORS = {"bu": 200, "paqa": 200, "chair": 200, "lead": 200, "ssm": 200, "cdop": 200}

ROUTES = [
    Route("actions:index", signed_in(200)),
    Route("actions:dashboard", signed_in(200)),
    Route("actions:export", signed_in(200), kwargs=lambda w: {"fmt": "csv"}),
    Route("actions:export", signed_in(200), kwargs=lambda w: {"fmt": "xlsx"}),
    Route("actions:export", signed_in(404), kwargs=lambda w: {"fmt": "pdf"}),
    # Creating: partnership roles, chairs (by role or seat), agency leads and the SSM.
    Route("actions:create", signed_in(403, **CREATORS)),
    # A source of a kind that does not exist: 404 (sources by pk: actions/tests/test_create.py).
    Route("actions:create", signed_in(404), query="?source=partnership.nosuchmodel:1"),
    Route("actions:plan", signed_in(200), kwargs=lambda w: plan_kwargs(home_action(w))),
    Route("actions:plan", signed_in(404, bu=200, paqa=200, board=200), kwargs=lambda w: plan_kwargs(canary_action(w))),
    Route("actions:detail", signed_in(200), kwargs=lambda w: pk(home_action(w))),
    Route("actions:detail", signed_in(404, bu=200, paqa=200, board=200), kwargs=lambda w: pk(canary_action(w))),
    # Editing: business unit, the PAQA chair, the home agency's lead.
    Route("actions:edit", signed_in(403, bu=200, chair=200, lead=200), kwargs=lambda w: pk(home_action(w))),
    Route("actions:edit", signed_in(403, bu=200, **AGENCY_404), kwargs=lambda w: pk(canary_action(w))),
    # Progress: the owner (contributor) and their agency lead.
    Route("actions:progress", signed_in(403, contributor=200, lead=200), kwargs=lambda w: pk(home_action(w))),
    Route(
        "actions:progress",
        signed_in(403, **AGENCY_404),
        kwargs=lambda w: pk(canary_action(w)),
        method="post",
        data={"note": "x", "on_date": "2020-01-01", "version": "1"},
    ),
    # Sign-off and reopen: the chair of the monitoring sub-committee, or the business unit.
    Route("actions:sign_off", signed_in(403, bu=200, chair=200), kwargs=lambda w: pk(home_action(w))),
    Route(
        "actions:sign_off",
        signed_in(403, bu=200, **AGENCY_404),
        kwargs=lambda w: pk(canary_action(w)),
        method="post",
        data={"evidence": "", "version": "1"},
    ),
    Route(
        "actions:reopen",
        signed_in(403, bu=200, chair=200),
        kwargs=lambda w: pk(home_action(w)),
        method="post",
        data={"reason": "", "version": "1"},
    ),
    Route("actions:reopen", signed_in(405), kwargs=lambda w: pk(home_action(w))),
    Route("actions:evidence", signed_in(200), kwargs=lambda w: with_evidence(home_action(w))),
    Route(
        "actions:evidence",
        signed_in(404, bu=200, paqa=200, board=200),
        kwargs=lambda w: with_evidence(canary_action(w)),
    ),
]


def canary(w) -> list[str]:
    """An action of the other agency, in a sub-committee nobody at home chairs, with a follow-up
    and a progress note: none of their words may reach a home agency user."""
    from actions.tests.factories import ActionFactory, ProgressUpdateFactory
    from partnership.tests.factories import SubCommitteeFactory

    hidden = SubCommitteeFactory(code="canary-committee", name="Canary Sub-committee")
    action = ActionFactory(
        agency=w.other,
        owner=w.other_lead,
        created_by=w.other_lead,
        subcommittee=hidden,
        description="CANARYACTION overdue at the other agency",
        measure="CANARYMEASURE",
        due_date=datetime.date(2020, 1, 1),
    )
    ProgressUpdateFactory(action=action, note="CANARYPROGRESS note", author=w.other_lead)
    return ["CANARYACTION", "CANARYMEASURE", "CANARYPROGRESS"]
