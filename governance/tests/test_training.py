import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance import services
from governance.models import Evaluation
from governance.tests.factories import EVALUATION_FORM, TrainingPlaceFactory, TrainingSessionFactory
from governance.tests.helpers import LAYOUT_QUERIES, csv_export
from partnership.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_the_one_time_link_takes_an_evaluation_without_login(world, client):
    place = TrainingPlaceFactory(agency=world.home)
    url = reverse("governance:evaluate", args=[place.evaluation_token])
    response = client.post(url, EVALUATION_FORM)
    assert response.status_code == 200 and "has been recorded" in response.content.decode()
    evaluation = Evaluation.objects.get()
    assert (evaluation.place, evaluation.usefulness, evaluation.would_recommend) == (place, 5, True)


def test_the_one_time_link_works_once(world, client):
    place = TrainingPlaceFactory(agency=world.home)
    url = reverse("governance:evaluate", args=[place.evaluation_token])
    client.post(url, EVALUATION_FORM)
    again = client.post(url, {**EVALUATION_FORM, "usefulness": "1"})
    assert again.status_code == 410
    assert Evaluation.objects.get().usefulness == 5


def test_an_unknown_link_is_not_found(client):
    assert client.get(reverse("governance:evaluate", args=["nope"])).status_code == 404


def test_an_incomplete_evaluation_keeps_the_answers_given(world, client):
    place = TrainingPlaceFactory(agency=world.home)
    response = client.post(
        reverse("governance:evaluate", args=[place.evaluation_token]),
        {**EVALUATION_FORM, "usefulness": "", "comment": "kept text"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required" in body and "kept text" in body
    assert not Evaluation.objects.exists()


def test_it_never_records_more_attendees_than_places(world):
    session = TrainingSessionFactory(places=2)
    services.places_add(session=session, agency=world.home, role="teacher", count=2)
    with pytest.raises(ValidationError, match="2 places"):
        services.places_add(session=session, agency=world.home, role="teacher", count=1)


def test_scores_outside_one_to_five_are_refused(world):
    session = TrainingSessionFactory()
    with pytest.raises(ValidationError):
        services.evaluation_create(
            session=session, confidence_before=0, confidence_after=3, usefulness=6, would_recommend=True
        )


def test_an_agency_user_never_sees_another_agencys_training_rows(world, client_for):
    session = TrainingSessionFactory()
    TrainingPlaceFactory(session=session, agency=world.home)
    TrainingPlaceFactory(session=session, agency=world.other)
    client = client_for(world.user("contributor"))
    for url in (reverse("governance:training_dashboard"), reverse("governance:session_detail", args=[session.pk])):
        body = client.get(url).content.decode()
        assert "Home Agency" in body and "Canary" not in body
    export = csv_export(client, "governance:training_export", "?format=csv")
    rows = list(csv.reader(io.StringIO(export)))
    assert len(rows) == 2 and rows[1][4] == "Home Agency"


def test_the_dashboard_query_count_does_not_grow_with_the_data(world, client_for, django_assert_num_queries):
    agencies = [AgencyFactory() for _ in range(5)]
    for year in range(2016, 2026):
        session = TrainingSessionFactory(held_on=f"{year}-05-01")
        for a in agencies:
            place = TrainingPlaceFactory(session=session, agency=a)
            services.evaluation_create(
                session=session,
                place=place,
                confidence_before=2,
                confidence_after=4,
                usefulness=4,
                would_recommend=True,
            )
    client = client_for(world.user("paqa"))
    client.get(reverse("governance:training_dashboard"))
    # reach by agency and year; quality by year; recent sessions with their courses
    with django_assert_num_queries(LAYOUT_QUERIES + 3):
        assert client.get(reverse("governance:training_dashboard")).status_code == 200
