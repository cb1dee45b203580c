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


@pytest.fixture
def eager_celery():
    """Run tasks in this process even when REDIS_URL is set (CI): these tests check the task
    logic; test_worker.py checks the real worker."""
    from bscp_portal.celery import app

    keys = ["task_always_eager", "task_eager_propagates"]
    old = {key: app.conf.get(key) for key in keys}
    app.conf.update(dict.fromkeys(keys, True))
    yield
    app.conf.update(old)
