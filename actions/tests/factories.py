import datetime as dt

import factory
from django.utils import timezone

from actions.models import Action, ActionEvent, ProgressUpdate
from partnership.tests.factories import AgencyFactory, UserFactory


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    description = factory.Sequence(lambda n: f"Refresh the neglect screening tool, step {n}")
    measure = "Audit of 20 cases shows the tool used in at least 18"
    agency = factory.SubFactory(AgencyFactory)
    owner = factory.LazyAttribute(lambda o: UserFactory(agency=o.agency))
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    created_by = factory.LazyAttribute(lambda o: o.owner)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    on_date = factory.LazyFunction(timezone.localdate)
    note = "Draft shared with the sub-committee"
    author = factory.LazyAttribute(lambda o: o.action.owner)


class ActionEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionEvent

    action = factory.SubFactory(ActionFactory)
    kind = ActionEvent.Kind.SIGNED_OFF
    by = factory.LazyAttribute(lambda o: o.action.owner)
    text = "Re-audit shows the tool used in 19 of 20 cases"


def home_paqa_action(world, *, by: str = "bu", **fields) -> Action:
    """A home-agency action owned by the contributor, created by `by` (a role key of the world:
    the business unit unless said) and monitored by PAQA (which `chair` chairs)."""
    from partnership.models import SubCommittee

    return ActionFactory(
        agency=world.home,
        owner=world.user("contributor"),
        created_by=world.user(by),
        subcommittee=SubCommittee.objects.get(code="paqa"),
        **fields,
    )


def action_on(source, world, description: str, measure: str, *, by: str, due: dt.date, owner: str = "lead") -> Action:
    """An action raised through the service against `source` (a recommendation, an audit, a
    meeting...) for the home agency: `by` and `owner` are the world's role keys."""
    from actions.services import action_create

    return action_create(
        created_by=world.user(by),
        description=description,
        measure=measure,
        owner=world.user(owner),
        agency=world.home,
        due_date=due,
        source=source,
    )


def edit_form(action, **overrides) -> dict:
    """The edit form filled in as the action stands, with `overrides` typed over it."""
    data = {
        "description": action.description,
        "measure": action.measure,
        "agency": action.agency_id,
        "owner": action.owner_id,
        "subcommittee": action.subcommittee_id or "",
        "resources": action.resources,
        "due_date": action.due_date.isoformat(),
        "priority": action.priority,
        "status": action.status,
        "version": action.version,
    }
    data.update(overrides)
    return data
