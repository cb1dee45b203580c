"""/health/ for the load balancer: database, cache, file storage and (with REDIS_URL) the broker."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_answers_200_when_everything_answers(client, settings):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {body["database"], body["cache"], body["storage"]} == {"ok"}
    assert ("redis" in body) == bool(settings.REDIS_URL)
    assert "no-cache" in response["Cache-Control"]


def test_it_needs_no_login(client):
    assert client.get(reverse("health")).status_code == 200


def test_it_leaves_no_file_behind(client, settings):
    from pathlib import Path

    client.get(reverse("health"))
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_it_answers_503_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["redis"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_it_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import OperationalError

    def unreachable(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr("bscp_portal.health.Database.run", unreachable)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_it_answers_503_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"


def test_it_checks_the_bucket_when_there_is_one(client, s3_storage):
    assert client.get(reverse("health")).json()["storage"] == "ok"
    assert s3_storage.client.list_objects_v2(Bucket=s3_storage.bucket).get("KeyCount") == 0
    s3_storage.client.delete_bucket(Bucket=s3_storage.bucket)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["storage"] == "unavailable"


def test_without_redis_no_worker_is_pinged(client, settings):
    settings.REDIS_URL = ""
    assert "workers" not in client.get(reverse("health") + "?workers=1").json()


def test_workers_are_pinged_when_asked(client, settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    monkeypatch.setattr("bscp_portal.health.Broker.run", lambda self: None)
    monkeypatch.setattr("health_check.contrib.celery.Ping.run", lambda self: None)
    assert client.get(reverse("health") + "?workers=1").json()["workers"] == "ok"

    def none_answer(self):
        from health_check.exceptions import ServiceUnavailable

        raise ServiceUnavailable("Celery workers unavailable")

    monkeypatch.setattr("health_check.contrib.celery.Ping.run", none_answer)
    response = client.get(reverse("health") + "?workers=1")
    assert response.status_code == 503 and response.json()["workers"] == "unavailable"
