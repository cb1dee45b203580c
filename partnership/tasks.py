"""The partnership app's background jobs: retention, and exports too large to send at once."""

import logging

from celery import shared_task

from bscp_portal.lib.tasks import RetryingTask
from partnership.export_jobs import export_job_build, export_job_fail

logger = logging.getLogger(__name__)


@shared_task
def apply_retention() -> dict:
    """Daily: delete or anonymise personal data past its retention period (logged)."""
    from partnership.retention import apply_retention as run

    return run()


@shared_task(base=RetryingTask, bind=True)
def build_export(self, job_id: int) -> str:
    """Write one large export to storage (partnership/export_jobs.py); a transient fault is
    retried, and the last retry's fault marks the job failed rather than leaving it running."""
    try:
        return export_job_build(job_id)
    except RetryingTask.autoretry_for as exc:
        if self.request.retries >= self.max_retries:
            export_job_fail(job_id, f"The database or another service was unavailable: {exc}")
            return "failed"
        raise


UNREACHABLE = (
    "The background service could not be reached, so the export did not start. Ask for it again in a few minutes."
)


def enqueue_export(job_id: int) -> bool:
    """Send the job to a worker; False (and the job failed, saying why) when the broker is down."""
    try:
        build_export.apply_async(args=[job_id], retry=False)
    except Exception:  # kombu raises several types when Redis cannot be reached
        logger.warning("export job %s: background service unreachable", job_id)
        export_job_fail(job_id, UNREACHABLE)
        return False
    return True
