import pytest

from actions.tests.factories import ActionFactory


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def paqa_action(world):
    """A home-agency action owned by the contributor, monitored by PAQA (chaired by `chair`)."""
    from partnership.models import SubCommittee

    return ActionFactory(
        agency=world.home,
        owner=world.user("contributor"),
        created_by=world.user("bu"),
        subcommittee=SubCommittee.objects.get(code="paqa"),
        description="Neglect toolkit relaunch",
    )
