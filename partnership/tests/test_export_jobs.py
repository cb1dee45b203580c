"""Exports over EXPORT_BACKGROUND_ROWS rows are built in the background: a job, its page with
progress, and a download for the person who asked only (partnership/export_jobs.py)."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actions import exports as action_exports
from actions.tests.factories import ActionFactory
from bscp_portal.lib import exports
from bscp_portal.lib.exports import Column
from partnership.models import ExportJob, SecurityEvent
from partnership.tasks import build_export

pytestmark = pytest.mark.django_db

ROWS = 6


@pytest.fixture
def actions(world):
    """Six actions the home agency's lead sees, and one of another agency they do not."""
    made = [ActionFactory(agency=world.home, owner=world.user("lead")) for _ in range(ROWS)]
    ActionFactory(agency=world.other, owner=world.other_lead, description="CANARY-not-exported")
    return made


def _url(fmt: str) -> str:
    return reverse("actions:export", kwargs={"fmt": fmt}) + "?status=open"


def _rows(fmt: str, content: bytes) -> list[list]:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return [list(row) for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def _ask_large(client, fmt, django_capture_on_commit_callbacks):
    """Ask for the export as a large one: the job is queued once the request's work commits."""
    with django_capture_on_commit_callbacks(execute=True):
        return client.get(_url(fmt))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_large_export_is_built_in_the_background_with_the_same_rows(
    fmt, actions, world, client_for, settings, django_capture_on_commit_callbacks
):
    client = client_for(world.user("lead"))
    inline = _rows(fmt, client.get(_url(fmt)).getvalue())
    settings.EXPORT_BACKGROUND_ROWS = ROWS - 1

    response = _ask_large(client, fmt, django_capture_on_commit_callbacks)

    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.requested_by, job.path, job.query, job.fmt) == (
        world.user("lead"),
        _url(fmt).split("?")[0],
        "status=open",
        fmt,
    )
    assert job.status == ExportJob.Status.DONE and job.finished_at is not None
    assert (job.rows_written, job.rows_total) == (ROWS, ROWS)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Ready to download" in page and f"{ROWS} of {ROWS} rows written" in page
    assert "data-reload-after" not in page
    download = client.get(reverse("partnership:background_file_download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith(f'.{fmt}"') and "actions-" in download["Content-Disposition"]
    assert _rows(fmt, download.getvalue()) == inline
    assert len(inline) == ROWS + 1 and "CANARY-not-exported" not in str(inline)


def test_an_export_at_the_threshold_is_sent_directly(actions, world, client_for, settings):
    settings.EXPORT_BACKGROUND_ROWS = ROWS
    response = client_for(world.user("lead")).get(_url("csv"))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert len(_rows("csv", response.getvalue())) == ROWS + 1
    assert not ExportJob.objects.exists()


def test_the_security_log_export_goes_to_the_background_when_long(
    world, client_for, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_BACKGROUND_ROWS = 0
    client = client_for(world.user("bu"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("partnership:security_log_export") + "?kind=export")
    job = ExportJob.objects.get()
    assert response["Location"] == job.get_absolute_url() and job.status == ExportJob.Status.DONE
    assert job.download_name == "security-log.csv"


@pytest.mark.parametrize("other", ["paqa", "bu", "contributor"])
def test_no_one_else_sees_or_downloads_a_job(
    other, actions, world, client_for, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_BACKGROUND_ROWS = 1
    _ask_large(client_for(world.user("lead")), "csv", django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    client = client_for(world.user(other))
    for url in (job.get_absolute_url(), reverse("partnership:background_file_download", args=[job.pk])):
        assert client.get(url).status_code == 404
    assert SecurityEvent.objects.filter(kind="refused", user=world.user(other)).count() == 2
    assert "actions-" not in client.get(reverse("partnership:background_files")).content.decode()


def test_a_failing_build_says_failed_in_words(
    actions, world, client_for, settings, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(record):
        raise ValueError("the column could not be read")

    monkeypatch.setattr(action_exports, "columns", lambda **kwargs: [Column("Number", broken)])
    settings.EXPORT_BACKGROUND_ROWS = 1
    client = client_for(world.user("lead"))

    response = _ask_large(client, "csv", django_capture_on_commit_callbacks)

    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.FAILED and "the column could not be read" in job.error
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Failed" in page.content.decode() and "The export could not be written." in page.content.decode()
    assert client.get(reverse("partnership:background_file_download", args=[job.pk])).status_code == 404


def test_a_person_who_may_no_longer_see_the_list_gets_a_failed_job(world, client_for, settings):
    job = ExportJob.objects.create(
        requested_by=world.user("lead"), path=reverse("partnership:security_log_export"), fmt="csv", filename="x"
    )
    assert build_export.delay(job.pk).get() == "failed"
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and "no longer see" in job.error


def test_progress_is_recorded_as_rows_are_written(
    actions, world, client_for, settings, monkeypatch, django_capture_on_commit_callbacks
):
    # A column reading the job's recorded progress while each row is written shows it moving.
    real = action_exports.columns
    monkeypatch.setattr(
        action_exports,
        "columns",
        lambda **kwargs: [*real(**kwargs), Column("Recorded", lambda r: ExportJob.objects.get().rows_written)],
    )
    monkeypatch.setattr(exports, "PROGRESS_ROWS", 2)
    settings.EXPORT_BACKGROUND_ROWS = 1
    client = client_for(world.user("lead"))
    _ask_large(client, "csv", django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    rows = _rows("csv", client.get(reverse("partnership:background_file_download", args=[job.pk])).getvalue())
    assert [row[-1] for row in rows[1:]] == ["0", "0", "2", "2", "4", "4"]
    assert job.rows_written == ROWS


def test_a_running_job_says_how_far_it_got_and_reloads_itself(world, client_for):
    job = ExportJob.objects.create(
        requested_by=world.user("lead"),
        path="/actions/export.xlsx",
        fmt="xlsx",
        filename="actions",
        status=ExportJob.Status.RUNNING,
        rows_written=1200,
        rows_total=60000,
    )
    page = client_for(world.user("lead")).get(job.get_absolute_url()).content.decode()
    assert "Being written" in page and "1,200 of 60,000 rows written" in page
    assert 'data-reload-after="3"' in page and 'http-equiv="refresh"' not in page
    assert "Download" not in page
    listing = client_for(world.user("lead")).get(reverse("partnership:background_files")).content.decode()
    assert "actions.xlsx" in listing and "1,200 of 60,000 rows written" in listing


def test_the_file_goes_to_the_bucket_when_one_is_set(
    s3_storage, actions, world, client_for, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_BACKGROUND_ROWS = 1
    client = client_for(world.user("lead"))
    _ask_large(client, "xlsx", django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    listed = s3_storage.client.list_objects_v2(Bucket=s3_storage.bucket)["Contents"]
    assert [item["Key"] for item in listed] == [job.file.name]
    download = client.get(reverse("partnership:background_file_download", args=[job.pk]))
    assert len(_rows("xlsx", download.getvalue())) == ROWS + 1


def test_retention_deletes_old_jobs_and_their_files(world):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from partnership.retention import apply_retention

    old, recent = (
        ExportJob.objects.create(requested_by=world.user("lead"), path="/x/", fmt="csv", filename=name)
        for name in ("old", "recent")
    )
    for job in (old, recent):
        job.file.save(f"{job.filename}.csv", ContentFile(b"Number\r\n1\r\n"))
    ExportJob.objects.filter(pk=old.pk).update(requested_at=timezone.now() - dt.timedelta(days=8))

    assert apply_retention()["exports"] == 1
    assert list(ExportJob.objects.all()) == [recent]
    assert not default_storage.exists(old.file.name) and default_storage.exists(recent.file.name)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_large_scorecard_export_is_built_in_the_background_with_the_same_rows(
    fmt, world, client_for, settings, django_capture_on_commit_callbacks
):
    from scorecard.tests.factories import IndicatorFactory, MeasurementFactory

    indicator = IndicatorFactory(code="BIG_1", name="Large", owning_agency=world.home)
    for month in range(1, 7):
        MeasurementFactory(
            indicator=indicator, period_start=dt.date(2024, month, 1), period_end=dt.date(2024, month, 28)
        )
    client = client_for(world.user("paqa"))
    url = reverse("scorecard:export", kwargs={"fmt": fmt}) + "?code=BIG_1"
    inline = _rows(fmt, client.get(url).getvalue())
    settings.EXPORT_BACKGROUND_ROWS = 5
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    job = ExportJob.objects.get()
    assert response["Location"] == job.get_absolute_url() and job.rows_written == 6
    download = client.get(reverse("partnership:background_file_download", args=[job.pk]))
    assert _rows(fmt, download.getvalue()) == inline and len(inline) == 7
