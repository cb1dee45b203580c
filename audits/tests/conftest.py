import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def standards(db):
    from audits.tests.factories import standard_with_criteria

    return [
        standard_with_criteria(2, title="Information sharing"),
        standard_with_criteria(1, title="Voice of the child"),
    ]


@pytest.fixture
def third(db):
    from partnership.tests.factories import AgencyFactory

    return AgencyFactory(name="Third Agency", short_name="Third")


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Queued tasks run in this process, even where REDIS_URL is set (test_worker.py covers the real worker)."""
    if request.node.get_closest_marker("redis"):
        yield
        return
    from bscp_portal.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager
