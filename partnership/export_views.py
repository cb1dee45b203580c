"""Pages of the exports built in the background: each person sees only their own."""

from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from bscp_portal.lib import storage
from bscp_portal.lib.exports import CONTENT_TYPES
from partnership.access import get_visible_or_404
from partnership.export_jobs import export_job_create
from partnership.export_models import ExportJob
from partnership.security import log_event
from partnership.tasks import enqueue_export

#: Seconds between two reloads of a job's page while it is being written.
REFRESH_SECONDS = 3
RECENT = 20


def queue_export(request, *, fmt: str, filename: str, count: int):
    """An export over EXPORT_BACKGROUND_ROWS rows (registered with bscp_portal.lib.exports):
    a job for the same page and query, queued, and the person sent to its page."""
    job = export_job_create(
        by=request.user,
        path=request.path_info,
        query=request.META.get("QUERY_STRING", ""),
        fmt=fmt,
        filename=filename,
        rows_total=count,
    )
    transaction.on_commit(lambda: enqueue_export(job.pk))
    return redirect(job)


def job_list(request):
    """The person's recent exports built in the background."""
    jobs = ExportJob.objects.for_user(request.user)[:RECENT]
    return render(request, "partnership/export_jobs.html", {"jobs": jobs})


def job_detail(request, pk: int):
    """How far the export got, in words; reloads itself until it is ready or has failed."""
    job = get_visible_or_404(ExportJob.objects.all(), request.user, request, pk=pk)
    return render(request, "partnership/export_job.html", {"job": job, "refresh": REFRESH_SECONDS})


def job_download(request, pk: int):
    """The finished file, for the person who asked for it only; logged."""
    job = get_visible_or_404(ExportJob.objects.all(), request.user, request, pk=pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404("This export is not ready")
    log_event(request, "export", detail=f"background export {job.pk} {job.download_name}: {job.rows_written} rows")
    return storage.serve(job.file, filename=job.download_name, content_type=CONTENT_TYPES[job.fmt])
