"""External inspections: recorded like reviews; recommendations close only through signed-off actions."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.services import action_sign_off
from actions.tests.factories import action_on
from reviews import rules, services
from reviews.models import Inspection, Recommendation
from reviews.tests.factories import InspectionFactory
from tests.html import shown_again

pytestmark = pytest.mark.django_db
D = dt.date


def _inspection(world, **fields):
    defaults = {
        "title": "JTAI: children at risk of exploitation",
        "kind": Inspection.Kind.JTAI,
        "inspectorate": Inspection.Inspectorate.JOINT,
        "inspected_from": D(2025, 5, 12),
        "inspected_to": D(2025, 5, 23),
        "judgement": Inspection.Judgement.NO_GRADE,
        "findings": "Strong front door; return home interviews not shared with schools.",
        "published_on": D(2025, 7, 1),
    }
    return services.inspection_create(by=world.user("bu"), agencies=[world.home], **(defaults | fields))


def test_a_published_report_needs_a_judgement_and_findings():
    problems = rules.inspection_problems(judgement="awaited", published_on=D(2025, 7, 1), findings=" ")
    assert problems == {
        "judgement": "The report is published: record its judgement (or that it gives no overall grade).",
        "findings": "The report is published: summarise what the inspectors found.",
    }
    assert rules.inspection_problems(judgement="awaited", published_on=None, findings="") == {}


def test_it_refuses_a_report_published_before_the_inspection_ended(world):
    with pytest.raises(ValidationError) as exc:
        _inspection(world, published_on=D(2025, 5, 20))
    assert exc.value.message_dict["published_on"] == [
        "The report cannot be before the last day of the inspection (23/05/2025)."
    ]


def test_it_refuses_an_inspection_ending_before_it_began(world):
    with pytest.raises(ValidationError) as exc:
        _inspection(world, inspected_to=D(2025, 5, 1))
    assert "inspected_to" in exc.value.message_dict


def _action(world, rec, due=D(2025, 12, 1)):
    return action_on(
        rec,
        world,
        "Share return home interview findings with schools daily.",
        "Audit shows schools received findings in 9 of 10 cases.",
        by="chair",
        due=due,
    )


def test_an_inspection_recommendation_closes_only_through_signed_off_actions(world):
    inspection = _inspection(world)
    rec = services.recommendation_add(
        by=world.user("bu"), text="Share findings.", agency=world.home, inspection=inspection
    )
    assert rec.number == 1 and rec.review == inspection
    with pytest.raises(ValidationError) as exc:
        services.recommendation_close(recommendation=rec, by=world.user("chair"))
    assert exc.value.messages == [
        "A recommendation can be closed only when it has been turned into at least one action."
    ]
    action = _action(world, rec)
    with pytest.raises(ValidationError) as exc:
        services.recommendation_close(recommendation=rec, by=world.user("chair"))
    assert exc.value.messages == ["1 of its actions is still open: sign them off with evidence first."]
    action_sign_off(action=action, by=world.user("chair"), evidence="Audit of 10 cases: 9 shared the same day.")
    rec = services.recommendation_close(recommendation=rec, by=world.user("chair"), note="Evidenced by audit.")
    assert rec.status == Recommendation.Status.CLOSED


def test_a_recommendation_belongs_to_one_source_only(world):
    inspection = _inspection(world)
    from reviews.tests.factories import CaseReviewFactory

    with pytest.raises(ValueError):
        services.recommendation_add(
            by=world.user("bu"), text="x", agency=world.home, inspection=inspection, case_review=CaseReviewFactory()
        )


def test_the_close_page_refuses_an_inspection_recommendation_with_open_actions(world, client_for):
    inspection = _inspection(world)
    rec = services.recommendation_add(
        by=world.user("bu"), text="Share findings.", agency=world.home, inspection=inspection
    )
    _action(world, rec)
    response = client_for(world.user("bu")).post(reverse("reviews:recommendation_close", args=[rec.pk]), follow=True)
    assert "1 of its actions is still open" in response.content.decode()
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.OPEN


def test_the_form_keeps_what_was_typed_and_explains_the_refusal(world, client_for):
    response = client_for(world.user("bu")).post(
        reverse("reviews:inspection_create"),
        {
            "title": "Typed inspection title",
            "kind": "police",
            "inspectorate": "hmicfrs",
            "inspected_from": "2025-05-12",
            "published_on": "2025-06-01",
            "judgement": "awaited",
        },
    )
    shown_again(
        response, "record its judgement", "summarise what the inspectors found", 'value="Typed inspection title"'
    )
    assert not Inspection.objects.exists()


def test_it_records_an_inspection_through_the_page(world, client_for):
    response = client_for(world.user("chair")).post(
        reverse("reviews:inspection_create"),
        {
            "title": "ILACS: children's services",
            "kind": "local_authority",
            "inspectorate": "ofsted",
            "inspected_from": "2025-02-03",
            "inspected_to": "2025-02-14",
            "published_on": "2025-03-20",
            "judgement": "good",
            "findings": "Good overall; care leavers requires improvement.",
            "agencies": [world.home.pk],
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response["Location"] == inspection.get_absolute_url()
    page = client_for(world.user("lead")).get(inspection.get_absolute_url()).content.decode()
    assert "Local authority children&#x27;s services inspection" in page and "Good" in page


def test_the_list_shows_open_recommendations_and_hides_other_agencies_inspections(world, client_for):
    mine = InspectionFactory(agencies=[world.home], title="Ours")
    InspectionFactory(agencies=[world.other], title="Theirs")
    services.recommendation_add(by=world.user("bu"), text="Do it.", agency=world.home, inspection=mine)
    body = client_for(world.user("lead")).get(reverse("reviews:inspection_list")).content.decode()
    assert "Ours" in body and "Theirs" not in body
    assert "1 of 1" in body


def test_the_list_puts_the_newest_inspection_first(world, client_for):
    InspectionFactory(agencies=[world.home], title="Older one", inspected_from=D(2023, 1, 9), inspected_to=None)
    InspectionFactory(agencies=[world.home], title="Newer one", inspected_from=D(2025, 1, 6), inspected_to=None)
    body = client_for(world.user("bu")).get(reverse("reviews:inspection_list")).content.decode()
    assert body.index("Newer one") < body.index("Older one")
