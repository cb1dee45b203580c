"""/health/ for the load balancer, and for monitoring (django-health-check's checks).

/health/ answers 200 when this node can serve: the database answers, the cache stores and
returns a value, the file storage (folder or bucket) saves, reads and deletes a file, and the
Celery broker (Redis, when REDIS_URL is set) accepts a connection; 503 otherwise, with one
word per check. Workers are not part of it: a web node whose workers are down can still serve
pages, so the load balancer must not take it out. /health/?workers=1 also pings the Celery
workers, for monitoring.
"""

import dataclasses
import logging
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck
from health_check.checks import Database, Storage
from health_check.exceptions import ServiceUnavailable

log = logging.getLogger(__name__)


@dataclasses.dataclass
class CacheRoundTrip(HealthCheck):
    """The default cache stores a value and gives it back (synchronously: WSGI)."""

    def run(self):
        key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
        try:
            cache.set(key, value, timeout=10)
            ok = cache.get(key) == value
            cache.delete(key)
        except Exception as exc:
            raise ServiceUnavailable("cache unreachable") from exc
        if not ok:
            raise ServiceUnavailable("cache gave back another value")


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker accepts a connection (only where REDIS_URL is set)."""

    def run(self):
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
        except Exception as exc:
            raise ServiceUnavailable("broker unreachable") from exc


def node_checks() -> dict[str, HealthCheck]:
    checks = {"database": Database(), "cache": CacheRoundTrip(), "storage": Storage()}
    if settings.REDIS_URL:
        checks["redis"] = Broker()
    return checks


def _run(checks: dict[str, HealthCheck]) -> JsonResponse:
    results = {}
    for name, check in checks.items():
        try:
            check.run()
            results[name] = "ok"
        except Exception as exc:  # every failure, expected or not, is "unavailable" here
            log.warning("health check %s failed: %s", name, exc)
            results[name] = "unavailable"
    healthy = all(v == "ok" for v in results.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **results}, status=200 if healthy else 503)


@login_not_required
@never_cache
def health(request):
    """The node's checks; with ?workers=1 also a Celery worker ping (for monitoring, not the
    load balancer: a web node whose workers are down can still serve pages)."""
    checks = node_checks()
    if request.GET.get("workers") and settings.REDIS_URL:
        from health_check.contrib.celery import Ping

        from bscp_portal.celery import app

        checks["workers"] = Ping(app=app)
    return _run(checks)
