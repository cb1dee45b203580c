"""The business unit marks the key indicators (run charts in the annual report) in the admin."""

import pytest
from django.urls import reverse

from scorecard.models import Indicator
from scorecard.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_the_business_unit_ticks_key_indicators_in_the_list(world, client_for):
    first, second = IndicatorFactory(code="A_KEY"), IndicatorFactory(code="B_KEY")
    url = reverse("admin:scorecard_indicator_changelist")
    client = client_for(world.user("bu"))
    assert "Key indicator" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-id": str(first.pk),
            "form-0-key_indicator": "on",
            "form-1-id": str(second.pk),
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    assert list(Indicator.objects.filter(key_indicator=True).values_list("code", flat=True)) == ["A_KEY"]


def test_an_agency_lead_may_not_open_the_indicator_admin(world, client_for):
    response = client_for(world.user("lead")).get(reverse("admin:scorecard_indicator_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]
