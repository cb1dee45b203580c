"""Equality monitoring on a conference: each characteristic answered, "Not known" an explicit answer."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conferences import services
from conferences.models import Conference
from conferences.tests.factories import CONFERENCE_FORM
from conferences.tests.test_services import INITIAL

pytestmark = pytest.mark.django_db

CHARACTERISTICS = ("child_sex", "child_age_band", "child_ethnicity", "child_disability")


def test_a_new_conference_answers_every_characteristic():
    fields = {k: v for k, v in INITIAL.items() if k not in CHARACTERISTICS}
    with pytest.raises(ValidationError) as exc:
        services.conference_create(created_by=None, **{**fields, "child_sex": "not_known"})
    assert exc.value.message_dict == {
        "child_age_band": ["Answer the child's age band: choose “Not known” if it is not known."],
        "child_ethnicity": ["Answer the child's ethnicity: choose “Not known” if it is not known."],
        "child_disability": ["Answer the child's disability: choose “Not known” if it is not known."],
    }
    assert not Conference.objects.exists()


def test_not_known_is_an_answer_and_is_kept_as_given():
    answers = dict.fromkeys(CHARACTERISTICS, "not_known")
    conference = services.conference_create(created_by=None, **{**INITIAL, **answers})
    assert [getattr(conference, f) for f in CHARACTERISTICS] == ["not_known"] * 4


def test_a_record_made_before_monitoring_stays_not_recorded_and_can_still_be_edited():
    conference = services.conference_create(created_by=None, **INITIAL)
    Conference.objects.filter(pk=conference.pk).update(**dict.fromkeys(CHARACTERISTICS, ""))
    conference.refresh_from_db()
    services.conference_update(conference=conference, by=None, version=conference.version, chair="Ruth Okafor")
    conference.refresh_from_db()
    assert conference.chair == "Ruth Okafor" and conference.child_sex == ""


def test_the_form_asks_plainly_and_keeps_what_was_typed(world, client_for):
    client = client_for(world.user("ssm"))
    page = client.get(reverse("conferences:create")).content.decode()
    assert "Choose an answer" in page and "---------" not in page
    data = {**CONFERENCE_FORM, "child_ethnicity": "", "conference_date": (dt.date(2025, 3, 24)).isoformat()}
    response = client.post(reverse("conferences:create"), data)
    body = response.content.decode()
    assert "Answer the child&#x27;s ethnicity" in body or "Answer the child's ethnicity" in body
    assert 'value="CP-25-04242"' in body
    assert not Conference.objects.exists()
