"""Request ids, one JSON log line per request, the id inside Celery tasks, and /metrics/."""

import json
import logging

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def json_lines(caplog):
    from pythonjsonlogger.json import JsonFormatter

    from bscp_portal.observability import RequestIdFilter

    formatter = JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s")
    out = []
    for record in caplog.records:
        RequestIdFilter().filter(record)
        out.append(json.loads(formatter.format(record)))
    return out


def test_each_request_logs_one_json_line_with_its_id(client_for, world, caplog):
    with caplog.at_level(logging.INFO, logger="portal.request"):
        response = client_for(world.user("paqa")).get(reverse("home"), headers={"X-Request-ID": "lb-1234abcd"})
    assert response["X-Request-ID"] == "lb-1234abcd"
    lines = [line for line in json_lines(caplog) if line["name"] == "portal.request"]
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == "lb-1234abcd"
    assert line["status"] == 200 and line["method"] == "GET" and line["path"] == "/" and line["view"] == "home"
    assert line["user_id"] == world.user("paqa").pk
    assert line["duration_ms"] >= 0


def test_an_odd_incoming_id_is_replaced(client):
    response = client.get(reverse("login"), headers={"X-Request-ID": "<script>"})
    assert response["X-Request-ID"] != "<script>" and len(response["X-Request-ID"]) == 32


def test_a_task_queued_by_a_request_logs_with_its_id():
    """The id goes into the task's headers on publish and is restored in the worker."""
    from types import SimpleNamespace

    from bscp_portal import observability as o

    headers = {}
    token = o.request_id_var.set("req-abcdef12")
    try:
        o._before_publish(headers=headers)
    finally:
        o.request_id_var.reset(token)
    assert headers == {"portal_request_id": "req-abcdef12"}

    task = SimpleNamespace(request=SimpleNamespace(portal_request_id="req-abcdef12"))
    o._task_prerun(task=task)
    record = logging.LogRecord("worker", logging.INFO, __file__, 1, "sent", None, None)
    o.RequestIdFilter().filter(record)
    assert record.request_id == "req-abcdef12"
    o._task_postrun(task=task)
    assert o.request_id_var.get() == ""


def test_an_eager_task_inside_a_request_keeps_the_id():
    from bscp_portal.celery import app
    from bscp_portal.observability import request_id_var

    seen = []

    @app.task(name="tests.observability.note_id")
    def note_id():
        seen.append(request_id_var.get())

    token = request_id_var.set("req-0123456789")
    try:
        note_id.delay()
    finally:
        request_id_var.reset(token)
    assert seen == ["req-0123456789"]
    note_id.delay()  # outside a request: an id of its own
    assert seen[1].startswith("task-")


def test_metrics_are_hidden_without_the_token_or_network(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    assert client.get(reverse("metrics")).status_code == 404
    assert client.get(reverse("metrics"), headers={"Authorization": "Bearer wrong"}).status_code == 404


def test_metrics_with_the_token(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    settings.METRICS_ALLOWED_NETWORKS = []
    client.get(reverse("login"))
    response = client.get(reverse("metrics"), headers={"Authorization": "Bearer s3cret-token"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'portal_requests_total{method="GET",status="200",view="login"}' in text
    assert "portal_request_seconds_bucket" in text


def test_metrics_from_an_allowed_network(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    assert client.get(reverse("metrics"), REMOTE_ADDR="127.0.0.1").status_code == 200
    assert client.get(reverse("metrics"), REMOTE_ADDR="192.0.2.7").status_code == 404


def test_no_token_set_means_no_token_opens_it(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = []
    assert client.get(reverse("metrics"), headers={"Authorization": "Bearer "}).status_code == 404
