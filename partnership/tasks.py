from celery import shared_task


@shared_task
def apply_retention() -> dict:
    """Daily: delete or anonymise personal data past its retention period (logged)."""
    from partnership.retention import apply_retention as run

    return run()
