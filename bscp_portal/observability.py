"""One log line per request (JSON in production) with a request id that follows the work into
Celery tasks, and Prometheus counters of requests and their times.

- The request id is the incoming `X-Request-ID` (from the load balancer) when it looks like
  one, else a new one; it is sent back in the response's `X-Request-ID`, put on every log
  record made while the request runs (`request_id`), and passed to every Celery task queued
  meanwhile in the task's headers, so the worker's log lines carry the same id.
- Metrics: `portal_requests_total{method,view,status}` and `portal_request_seconds{method,view}`
  by URL name (never by raw path, so the number of series stays small), served by
  bscp_portal/metrics.py.
"""

import contextvars
import logging
import re
import time
import uuid

from prometheus_client import Counter, Histogram

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

REQUESTS = Counter("portal_requests_total", "Requests answered", ["method", "view", "status"])
LATENCY = Histogram(
    "portal_request_seconds",
    "Time to answer a request",
    ["method", "view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10),
)

access_log = logging.getLogger("portal.request")


class RequestIdFilter(logging.Filter):
    """Puts the current request id (or task's) on every record as `request_id`."""

    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_var.get()
        return True


class RequestMiddleware:
    """Request id in, request id out, one log line and the metrics per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        rid = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(rid)
        request.request_id = rid
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        seconds = time.perf_counter() - started
        match = getattr(request, "resolver_match", None)
        view = (match.view_name if match else "") or "unmatched"
        REQUESTS.labels(request.method, view, str(response.status_code)).inc()
        LATENCY.labels(request.method, view).observe(seconds)
        response[HEADER] = rid
        user = getattr(request, "user", None)
        access_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "request_id": rid,
                "method": request.method,
                "path": request.path,
                "view": view,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response


# --- Celery: the id travels in the task's headers -----------------------------------------------


def _before_publish(headers=None, **kwargs):
    rid = request_id_var.get()
    if rid and headers is not None:
        headers.setdefault("portal_request_id", rid)


def _task_prerun(task=None, **kwargs):
    rid = getattr(task.request, "portal_request_id", None) if task is not None else None
    if rid is None and task is not None:
        rid = (getattr(task.request, "headers", None) or {}).get("portal_request_id")
    # An eager task (no broker) runs inside the request and keeps its id.
    rid = rid or request_id_var.get() or f"task-{uuid.uuid4().hex[:24]}"
    task._portal_request_token = request_id_var.set(rid)


def _task_postrun(task=None, **kwargs):
    token = getattr(task, "_portal_request_token", None)
    if token is not None:
        request_id_var.reset(token)
        task._portal_request_token = None


def connect_celery() -> None:
    from celery.signals import before_task_publish, task_postrun, task_prerun

    before_task_publish.connect(_before_publish, weak=False, dispatch_uid="portal_request_id_publish")
    task_prerun.connect(_task_prerun, weak=False, dispatch_uid="portal_request_id_prerun")
    task_postrun.connect(_task_postrun, weak=False, dispatch_uid="portal_request_id_postrun")
