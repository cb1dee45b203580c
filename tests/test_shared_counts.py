"""Lockouts and rate limits are counted once for every process, not once per gunicorn worker.

Each test sends part of the tries from this process and part from a second Python process with
the same settings, database and Redis (as a second worker or node would), and checks that the
limit is reached on the combined count and then holds in both processes.
"""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from governance import voice_services
from governance.tests.factories import feedback_data
from partnership.tests.factories import PASSWORD, UserFactory
from tests.worker import database_url

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="needs a real Redis shared by two processes (REDIS_URL)"
    ),
    pytest.mark.django_db(transaction=True),
]

# The second process: posts each (path, data) with the given client address; prints the statuses.
SECOND_PROCESS = """
import json, sys
import django
django.setup()
from django.test import Client
job = json.loads(sys.stdin.read())
client = Client(REMOTE_ADDR=job["ip"])
print(json.dumps([client.post(path, data).status_code for path, data in job["posts"]]))
"""


def post_from_second_process(settings, ip: str, posts: list[tuple[str, dict]]) -> list[int]:
    """POST from another Python process sharing this test's database and Redis; its statuses."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "bscp_portal.settings"),
        "AXES_FAILURE_LIMIT": str(settings.AXES_FAILURE_LIMIT),
        "FEEDBACK_RATE_LIMIT": str(settings.GOVERNANCE_FEEDBACK_RATE_LIMIT),
        "OTP_REQUIRED": "False",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
    }
    done = subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS],
        input=json.dumps({"ip": ip, "posts": posts}),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def fresh_address() -> str:
    """A loopback address of its own, so runs sharing the Redis never share a count."""
    return f"127.{random.randint(1, 254)}.{random.randint(1, 254)}.{random.randint(1, 254)}"


@pytest.fixture
def redis_cache():
    from django.core.cache import caches

    cache = caches["default"]
    assert type(cache).__name__ == "RedisCache", "with REDIS_URL set the portal's cache must be Redis"
    return cache


def test_a_lockout_reached_through_two_processes_holds_in_both(settings, redis_cache):
    settings.AXES_FAILURE_LIMIT = 4
    UserFactory(username="shared-lock", roles=["agency_lead"])
    ip = fresh_address()
    login = reverse("login")
    wrong = {"username": "shared-lock", "password": "wrong-password"}
    from django.test import Client

    here = Client(REMOTE_ADDR=ip)
    # Three failures here, one in the other process: four in all, the limit.
    assert [here.post(login, wrong).status_code for _ in range(3)] == [200, 200, 200]
    assert post_from_second_process(settings, ip, [(login, wrong)]) == [429]
    # Locked out in both processes, even with the right password.
    right = {"username": "shared-lock", "password": PASSWORD}
    assert here.post(login, right).status_code == 429
    assert post_from_second_process(settings, ip, [(login, right)]) == [429]


def test_the_feedback_rate_limit_counts_every_process(settings, redis_cache):
    settings.GOVERNANCE_FEEDBACK_RATE_LIMIT = 3
    campaign = voice_services.campaign_open(title="Shared limit")
    data = feedback_data(campaign, started_ago=60)
    ip = fresh_address()
    url = reverse("governance:feedback_public")
    from django.test import Client

    here = Client(REMOTE_ADDR=ip)
    try:
        # Two answers here and one from the other process reach the limit of three...
        assert [here.post(url, data).status_code for _ in range(2)] == [302, 302]
        assert post_from_second_process(settings, ip, [(url, data)]) == [302]
        # ...so the next answer is refused in either process.
        assert here.post(url, data).status_code == 429
        assert post_from_second_process(settings, ip, [(url, data)]) == [429]
    finally:
        redis_cache.delete(f"governance:feedback:{ip}")
