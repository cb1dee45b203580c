import pytest
from django.urls import reverse

from actions.tests.factories import home_paqa_action


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def paqa_action(world):
    """A home-agency action owned by the contributor, monitored by PAQA (chaired by `chair`)."""
    return home_paqa_action(world, description="Neglect toolkit relaunch")


@pytest.fixture
def edit_url(paqa_action):
    """The edit page of `paqa_action`."""
    return reverse("actions:edit", kwargs={"pk": paqa_action.pk})
