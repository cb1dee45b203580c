import datetime as dt

import pytest
from django.urls import reverse

from actions.services import action_create, action_sign_off
from governance.models import ChairReport
from governance.tests.factories import MeetingFactory, ObjectiveFactory, PlanFactory, PriorityFactory
from governance.tests.helpers import LAYOUT_QUERIES
from partnership.tests.factories import SubCommitteeFactory

pytestmark = pytest.mark.django_db


def _action(world, objective, **kw):
    owner = kw.pop("owner", world.user("lead"))
    return action_create(
        created_by=world.user("bu"),
        description=kw.pop("description", "Do the thing"),
        measure="Measured",
        owner=owner,
        agency=owner.agency,
        due_date=dt.date(2027, 1, 1),
        subcommittee=objective.subcommittee,
        source=objective,
    )


def test_the_plan_shows_each_objectives_progress_and_outcome_evidence(world, client_for):
    objective = ObjectiveFactory(title="Embed quality")
    done = _action(world, objective, description="Audit neglect")
    _action(world, objective, description="Second action")
    action_sign_off(action=done, by=world.user("chair"), evidence="Neglect re-referrals fell by a third")
    body = (
        client_for(world.user("board"))
        .get(reverse("governance:plan_detail", args=[objective.priority.plan.pk]))
        .content.decode()
    )
    assert "Embed quality" in body
    assert "1 of 2 complete (50.0%)" in body
    assert "Neglect re-referrals fell by a third" in body


def test_the_chair_of_the_owning_subcommittee_sets_and_explains_the_rating(world, client_for):
    objective = ObjectiveFactory()  # owned by PAQA, which the world's chair chairs
    response = client_for(world.user("chair")).post(
        reverse("governance:objective_rate", args=[objective.pk]),
        {"rag": "AMBER", "explanation": "Two actions late", "version": 1},
    )
    assert response.status_code == 302
    objective.refresh_from_db()
    assert (objective.rag, objective.rag_explanation, objective.rag_set_by) == (
        "AMBER",
        "Two actions late",
        world.user("chair"),
    )


def test_a_rating_without_an_explanation_is_refused_and_the_choice_kept(world, client_for):
    objective = ObjectiveFactory()
    response = client_for(world.user("chair")).post(
        reverse("governance:objective_rate", args=[objective.pk]), {"rag": "RED", "explanation": "", "version": 1}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Explain the rating" in body and 'value="RED" selected' in body


def test_a_chair_of_another_subcommittee_cannot_rate(world, client_for):
    objective = ObjectiveFactory(subcommittee=SubCommitteeFactory(code="ppwpd"))
    response = client_for(world.user("chair")).post(
        reverse("governance:objective_rate", args=[objective.pk]), {"rag": "RED", "explanation": "x", "version": 1}
    )
    assert response.status_code == 403


def test_a_stale_rating_is_not_saved_over_a_newer_one(world, client_for):
    objective = ObjectiveFactory()
    client = client_for(world.user("chair"))
    client.post(
        reverse("governance:objective_rate", args=[objective.pk]),
        {"rag": "GREEN", "explanation": "first", "version": 1},
    )
    response = client.post(
        reverse("governance:objective_rate", args=[objective.pk]), {"rag": "RED", "explanation": "second", "version": 1}
    )
    assert response.status_code == 400 and "Someone else changed this rating" in response.content.decode()
    objective.refresh_from_db()
    assert objective.rag_explanation == "first"


def test_a_chair_records_an_activity_and_outcome_report_once_per_cycle(world, client_for):
    plan = PlanFactory()
    meeting = MeetingFactory(body=SubCommitteeFactory(code="paqa"))
    client = client_for(world.user("chair"))
    data = {"meeting": meeting.pk, "activity": "Met and reviewed", "outcomes": "Fewer re-referrals"}
    assert client.post(reverse("governance:chair_report_create", args=[plan.pk]), data).status_code == 302
    again = client.post(reverse("governance:chair_report_create", args=[plan.pk]), data)
    assert again.status_code == 400 and "already been recorded" in again.content.decode()
    assert ChairReport.objects.count() == 1


def test_a_chair_cannot_report_for_a_meeting_of_a_body_they_do_not_chair(world, client_for):
    plan = PlanFactory()
    other = MeetingFactory(body=SubCommitteeFactory(code="ppwpd"))
    response = client_for(world.user("chair")).post(
        reverse("governance:chair_report_create", args=[plan.pk]),
        {"meeting": other.pk, "activity": "typed activity", "outcomes": "y"},
    )
    assert response.status_code == 400 and "typed activity" in response.content.decode()


def test_the_plan_view_query_count_does_not_grow_with_objectives_and_actions(
    world, client_for, django_assert_num_queries
):
    plan = PlanFactory()
    for p in range(3):
        priority = PriorityFactory(plan=plan, order=p)
        for _ in range(4):
            objective = ObjectiveFactory(priority=priority)
            for _ in range(3):
                _action(world, objective)
    ChairReport.objects.create(
        plan=plan,
        subcommittee=SubCommitteeFactory(code="paqa"),
        meeting=MeetingFactory(body=SubCommitteeFactory(code="paqa")),
        activity="a",
        outcomes="o",
        author=world.user("chair"),
    )
    client = client_for(world.user("bu"))
    url = reverse("governance:plan_detail", args=[plan.pk])
    client.get(url)
    # the plan; objectives with priority, sub-committee and rater; the objectives' visible
    # actions (content type cached); chair reports; record history (business unit)
    with django_assert_num_queries(LAYOUT_QUERIES + 5):
        assert client.get(url).status_code == 200
