"""gunicorn's settings for the portal (read from the working directory; command-line flags win).

Sync workers, 2 x cores + 1 of them: a page is short CPU work (templates, the ORM) around a few
quick database queries, so one process per core is kept busy while another waits on PostgreSQL,
and a slow client is buffered by the load balancer, not a worker. See docs/deploy.md for the
figures behind this.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = 60  # reports and large exports run in Celery, never in a web worker
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then: memory stays flat over weeks
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def child_exit(server, worker):
    """Drop a finished worker's figures from the shared Prometheus folder."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
