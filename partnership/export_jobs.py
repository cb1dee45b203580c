"""Exports too large to send at once (over settings.EXPORT_BACKGROUND_ROWS rows), built by a worker.

The export page itself is the recipe: the job keeps its path and query string, and the worker asks
the same view again, for the same person, inside `exports.building()`, where `respond()` writes the
file instead of answering. So every strand's export runs in the background through this one
mechanism, with the strand's own access checks and columns, and no strand writes a job of its own.
The file goes through Django's storage API and is served only to the person who asked
(`partnership/export_views.py`)."""

import datetime as dt
import logging
import tempfile

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.http import Http404
from django.test import RequestFactory
from django.urls import resolve
from django.utils import timezone

from bscp_portal.lib import exports
from bscp_portal.lib.tasks import RetryingTask
from partnership.export_models import ExportJob

logger = logging.getLogger(__name__)

NOT_ALLOWED = "You may no longer see these records, so the export was not written."
NO_FILE = "The export page did not give a file to write."


@transaction.atomic
def export_job_create(*, by, path: str, query: str, fmt: str, filename: str, rows_total: int) -> ExportJob:
    """A queued job for the export at `path?query`, asked for by `by`."""
    return ExportJob.objects.create(
        requested_by=by, path=path[:500], query=query, fmt=fmt, filename=filename[:200], rows_total=rows_total
    )


def export_job_build(job_id: int) -> str:
    """Write the job's export to a file in storage, recording progress; "done", "failed" or
    "already finished" (a repeated message for a finished job writes nothing)."""
    claimed = ExportJob.objects.filter(
        pk=job_id, status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING]
    ).update(status=ExportJob.Status.RUNNING, started_at=timezone.now(), rows_written=0)
    if not claimed:
        return "already finished"
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)

    def progress(rows: int) -> None:
        ExportJob.objects.filter(pk=job_id).update(rows_written=rows)

    with tempfile.TemporaryFile() as file:
        try:
            with exports.building(file, progress) as build:
                _ask_again(job)
        except (PermissionDenied, Http404):
            export_job_fail(job_id, NOT_ALLOWED)
            return "failed"
        except RetryingTask.autoretry_for:
            raise  # the task's retry policy tries again
        except Exception as exc:
            logger.exception("export job %s failed", job_id)
            export_job_fail(job_id, f"The export could not be written ({type(exc).__name__}: {exc}).")
            return "failed"
        if not build.written:
            export_job_fail(job_id, NO_FILE)
            return "failed"
        file.seek(0)
        with transaction.atomic():
            current = ExportJob.objects.select_for_update().get(pk=job_id)
            if current.status != ExportJob.Status.RUNNING:
                return "already finished"
            current.file.save(f"{build.filename}.{build.fmt}", File(file), save=False)
            current.filename = build.filename
            current.rows_written = current.rows_total = build.rows_written
            current.status = ExportJob.Status.DONE
            current.finished_at = timezone.now()
            current.save()
    return "done"


def _ask_again(job: ExportJob):
    """The job's export view, asked again by the same person with the same query."""
    user = job.requested_by
    if not user.is_active:
        raise PermissionDenied("account deactivated")
    request = RequestFactory().get(f"{job.path}?{job.query}" if job.query else job.path)
    request.user = user
    match = resolve(job.path)
    return match.func(request, *match.args, **match.kwargs)


def export_job_fail(job_id: int, reason: str) -> None:
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportJob.Status.FAILED, error=reason[:2000], finished_at=timezone.now()
    )


def export_jobs_prune(*, before: dt.date) -> int:
    """Delete the jobs asked for before `before`, and their files (retention rule "exports")."""
    old = ExportJob.objects.filter(requested_at__date__lt=before)
    for job in old.exclude(file=""):
        job.file.delete(save=False)
    return old.delete()[0]
