"""A service's keyword fields: unknown names refused, required text stripped, a new record with its lists."""

import pytest
from django.core.exceptions import ValidationError

from bscp_portal.lib.records import check_field_names, create_with_related, required_text
from partnership.tests.factories import AgencyFactory, UserFactory
from reviews.models import ThemedReview


def test_it_accepts_the_known_field_names():
    check_field_names({"title": "x"}, ("title", "kind"), "thing")


def test_it_names_the_unknown_fields_in_order():
    with pytest.raises(TypeError, match=r"unknown thing fields: \['a', 'b'\]"):
        check_field_names({"b": 1, "title": "x", "a": 2}, ("title",), "thing")


def test_it_strips_required_text():
    assert required_text("  ok \n", "note", "Say something.") == "ok"


@pytest.mark.parametrize("value", [None, "", "   "])
def test_it_refuses_missing_text_beside_its_field(value):
    with pytest.raises(ValidationError) as caught:
        required_text(value, "note", "Say something.")
    assert caught.value.message_dict == {"note": ["Say something."]}


@pytest.mark.django_db
def test_it_saves_a_new_record_then_sets_its_lists():
    agency = AgencyFactory()
    review = create_with_related(
        ThemedReview(theme="Neglect", rationale="A concern.", created_by=UserFactory()),
        related={"agencies": [agency], "themes": [], "methodologies": []},
    )
    assert review.pk is not None
    assert list(review.agencies.all()) == [agency]


@pytest.mark.django_db
def test_it_checks_the_record_before_saving_it():
    with pytest.raises(ValidationError):
        create_with_related(ThemedReview(theme="", rationale="A concern."), related={"agencies": []})
    assert not ThemedReview.objects.exists()
