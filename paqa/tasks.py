"""The meeting pack is built in the background; the task takes an id and re-fetches."""

from celery import shared_task

from paqa import pack


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=0)
def build_pack(self, pack_id: int) -> int:
    return pack.pack_build(pack_id=pack_id).pk
