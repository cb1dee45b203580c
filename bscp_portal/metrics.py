"""Prometheus metrics at /metrics/, for a scraper holding METRICS_TOKEN (Authorization: Bearer)
or calling from a network in METRICS_ALLOWED_NETWORKS; anyone else gets 404, as if there were
no such page. With several gunicorn workers set PROMETHEUS_MULTIPROC_DIR (a folder that is
emptied when gunicorn starts) so that the figures are those of every worker together."""

import hmac
import ipaddress
import os

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client import REGISTRY as DEFAULT_REGISTRY


def allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_NETWORKS)


def _registry():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return DEFAULT_REGISTRY


@login_not_required
@never_cache
def metrics(request):
    if not allowed(request):
        raise Http404("No such page")
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
